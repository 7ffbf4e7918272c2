// Unguessable values drawn from a RandomSource: URL-safe tokens and session ids, room numbers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/ports/random.hpp"

namespace audioconf::crypto {

/// base64url (no padding) of `byte_count` random bytes: 32 bytes → 43 URL-safe characters.
/// Throws std::runtime_error if the source returns the wrong number of bytes.
[[nodiscard]] std::string random_token(RandomSource& random, std::size_t byte_count);

/// A uniformly random number with exactly `digits` decimal digits, the first one 1-9 (the OVH
/// room number doubles as the 9-digit access code). Rejection sampling, so no modulo bias.
/// Throws std::invalid_argument unless 1 <= digits <= 18, std::runtime_error if the source
/// keeps returning unusable bytes.
[[nodiscard]] std::int64_t random_room_number(RandomSource& random, int digits);

}  // namespace audioconf::crypto
