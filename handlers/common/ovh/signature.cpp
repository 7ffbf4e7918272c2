#include "common/ovh/signature.hpp"

#include <openssl/sha.h>

#include <array>
#include <stdexcept>

namespace audioconf::ovh {

std::string sign(std::string_view app_secret, std::string_view consumer_key,
                 std::string_view method, std::string_view url, std::string_view body,
                 std::int64_t timestamp) {
  const std::string stamp = std::to_string(timestamp);
  std::string material;
  material.reserve(app_secret.size() + consumer_key.size() + method.size() + url.size() +
                   body.size() + stamp.size() + 5);
  material.append(app_secret).append(1, '+').append(consumer_key).append(1, '+');
  material.append(method).append(1, '+').append(url).append(1, '+');
  material.append(body).append(1, '+').append(stamp);

  std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
  if (SHA1(reinterpret_cast<const unsigned char*>(material.data()), material.size(),
           digest.data()) == nullptr) {
    throw std::runtime_error("SHA-1 computation failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "$1$";
  out.reserve(3 + 2 * digest.size());
  for (const unsigned char byte : digest) {
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 0x0f]);
  }
  return out;
}

}  // namespace audioconf::ovh
