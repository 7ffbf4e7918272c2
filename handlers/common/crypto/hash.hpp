// Hashes, MACs and key derivation over OpenSSL: token hashes, keyed email hashes, OVH signatures.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace audioconf::crypto {

/// SHA-256 of `data`, lower-case hex (64 characters). Used to store login tokens by hash.
[[nodiscard]] std::string sha256_hex(std::string_view data);

/// SHA-1 of `data`, lower-case hex (40 characters). Only for the OVH request signature, which
/// OVH defines with SHA-1; never use it for anything we design ourselves.
[[nodiscard]] std::string sha1_hex(std::string_view data);

/// HMAC-SHA256(key, data), lower-case hex (64 characters).
[[nodiscard]] std::string hmac_sha256_hex(std::string_view key, std::string_view data);

/// HKDF-SHA256 (RFC 5869): `length` bytes derived from `key`, with `salt` (empty = none) and
/// `info` naming the purpose, so one SECRET yields independent keys for independent uses.
/// Throws std::runtime_error if OpenSSL fails (e.g. length > 255 * 32).
[[nodiscard]] std::string hkdf_sha256(std::string_view key, std::string_view salt,
                                      std::string_view info, std::size_t length);

/// Compares two strings in time that depends only on their lengths (lengths are not secret:
/// callers compare hashes or fixed-size tokens), so a timing probe learns nothing of the content.
[[nodiscard]] bool constant_time_equals(std::string_view a, std::string_view b);

/// Keyed email hash (SPEC §2.4 and §7): HMAC-SHA256(secret, ASCII-lower-cased address), hex.
/// The address is not trimmed here: callers pass the already-trimmed address.
[[nodiscard]] std::string hashed_email(std::string_view secret, std::string_view email);

}  // namespace audioconf::crypto
