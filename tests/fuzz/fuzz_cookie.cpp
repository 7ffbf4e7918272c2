// libFuzzer target: the Cookie header parser.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/web/url_encoding.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto cookies = audioconf::web::parse_cookie_header(input);
  if (cookies.size() > audioconf::web::kMaxCookies) std::abort();
  for (const auto& [name, value] : cookies) {
    if (name.empty() || name.size() > input.size() || value.size() > input.size()) std::abort();
  }
  return 0;
}
