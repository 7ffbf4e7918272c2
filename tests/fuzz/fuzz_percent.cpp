// libFuzzer target: percent_decode / percent_encode / is_valid_utf8 agree with each other.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/web/url_encoding.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const bool valid = audioconf::web::is_valid_utf8(input);
  for (bool plus_is_space : {false, true}) {
    const auto decoded = audioconf::web::percent_decode(input, plus_is_space);
    if (decoded && !audioconf::web::is_valid_utf8(*decoded)) std::abort();
  }
  // Round trip: whatever valid UTF-8 we encode decodes back to itself.
  const std::string encoded = audioconf::web::percent_encode(input);
  const auto back = audioconf::web::percent_decode(encoded, true);
  if (valid != back.has_value()) std::abort();
  if (back && *back != input) std::abort();
  return 0;
}
