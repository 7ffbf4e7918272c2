#include "common/domain/tokens.hpp"

#include <algorithm>
#include <cstddef>

namespace audioconf::domain {

namespace {

constexpr std::size_t kMinTokenLength = 43;  // 32 bytes (256 bits) in unpadded base64url
constexpr std::size_t kMaxTokenLength = 128;
constexpr std::size_t kLegacyTokenLength = 344;  // base64 of 256 bytes, "==" padded

bool is_alnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

}  // namespace

bool looks_like_login_token(std::string_view token) {
  if (token.size() >= kMinTokenLength && token.size() <= kMaxTokenLength) {
    return std::all_of(token.begin(), token.end(),
                       [](char c) { return is_alnum(c) || c == '-' || c == '_'; });
  }
  if (token.size() == kLegacyTokenLength) {
    const std::string_view data = token.substr(0, kLegacyTokenLength - 2);
    if (token.substr(kLegacyTokenLength - 2) != "==") return false;
    if (!std::all_of(data.begin(), data.end(),
                     [](char c) { return is_alnum(c) || c == '+' || c == '/'; })) {
      return false;
    }
    // 256 = 3 * 85 + 1: the last character carries 2 data bits and 4 zero bits.
    const char last = data.back();
    return last == 'A' || last == 'Q' || last == 'g' || last == 'w';
  }
  return false;
}

std::optional<std::string> canonical_uuid(std::string_view text) {
  if (text.size() != 36) return std::nullopt;
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (out[i] != '-') return std::nullopt;
    } else if (!is_hex(out[i])) {
      return std::nullopt;
    } else if (out[i] >= 'A' && out[i] <= 'F') {
      out[i] = static_cast<char>(out[i] - 'A' + 'a');
    }
  }
  return out;
}

}  // namespace audioconf::domain
