#include "common/crypto/tokens.hpp"

#include <limits>
#include <stdexcept>

#include "common/crypto/encoding.hpp"

namespace audioconf::crypto {
namespace {

// With 64-bit draws the rejection probability is below 1e-10 for 9 digits, so hitting this
// limit means the source is broken (e.g. stuck at all-ones), not unlucky.
constexpr int kMaxDraws = 64;

std::string exact_bytes(RandomSource& random, std::size_t count) {
  std::string bytes = random.bytes(count);
  if (bytes.size() != count) throw std::runtime_error("random source returned a short read");
  return bytes;
}

}  // namespace

std::string random_token(RandomSource& random, std::size_t byte_count) {
  return base64url_encode(exact_bytes(random, byte_count));
}

std::int64_t random_room_number(RandomSource& random, int digits) {
  if (digits < 1 || digits > 18) throw std::invalid_argument("room number digits must be 1-18");
  std::uint64_t lowest = 1;
  for (int i = 1; i < digits; ++i) lowest *= 10;
  const std::uint64_t range = lowest * 9;  // [10^(d-1), 10^d - 1]
  // Accept draws below the largest multiple of `range` that fits in 2^64; the rest would make
  // the low results more likely than the high ones.
  const std::uint64_t excess = (std::numeric_limits<std::uint64_t>::max() % range + 1) % range;
  const std::uint64_t max_accepted = std::numeric_limits<std::uint64_t>::max() - excess;
  for (int draw = 0; draw < kMaxDraws; ++draw) {
    const std::string bytes = exact_bytes(random, 8);
    std::uint64_t value = 0;
    for (const char c : bytes) value = (value << 8) | static_cast<unsigned char>(c);
    if (value <= max_accepted) return static_cast<std::int64_t>(lowest + value % range);
  }
  throw std::runtime_error("random source keeps returning unusable bytes");
}

}  // namespace audioconf::crypto
