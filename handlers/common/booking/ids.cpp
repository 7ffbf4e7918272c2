#include "common/booking/ids.hpp"

#include <stdexcept>

namespace audioconf::booking {

std::string random_uuid(RandomSource& random) {
  std::string bytes = random.bytes(16);
  if (bytes.size() != 16) throw std::runtime_error("random source returned too few bytes");
  bytes[6] = static_cast<char>((static_cast<unsigned char>(bytes[6]) & 0x0F) | 0x40);
  bytes[8] = static_cast<char>((static_cast<unsigned char>(bytes[8]) & 0x3F) | 0x80);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    unsigned char b = static_cast<unsigned char>(bytes[i]);
    out += kHex[b >> 4];
    out += kHex[b & 0x0F];
  }
  return out;
}

}  // namespace audioconf::booking
