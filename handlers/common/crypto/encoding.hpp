// Byte encodings used by tokens, sealed values and MIME: base64url (no padding), base64, hex.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace audioconf::crypto {

/// RFC 4648 §5 base64url without padding ("-" and "_"; 32 bytes → 43 characters).
[[nodiscard]] std::string base64url_encode(std::string_view bytes);

/// Strict inverse of base64url_encode: nullopt on padding, any character outside the alphabet,
/// an impossible length, or non-zero unused trailing bits (so each value has exactly one text).
[[nodiscard]] std::optional<std::string> base64url_decode(std::string_view text);

/// RFC 4648 §4 base64 with "=" padding, on one line (MIME callers fold it themselves).
[[nodiscard]] std::string base64_encode(std::string_view bytes);

/// Lower-case hexadecimal, two characters per byte.
[[nodiscard]] std::string hex_encode(std::string_view bytes);

}  // namespace audioconf::crypto
