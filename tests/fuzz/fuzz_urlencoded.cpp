// libFuzzer target: form bodies and query strings (parse_urlencoded, first_value).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/web/url_encoding.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto fields = audioconf::web::parse_urlencoded(input);
  if (!fields) return 0;
  // What the parser promises: within limits, valid UTF-8, no C0 control but TAB/CR/LF.
  const audioconf::web::ParseLimits limits;
  if (fields->size() > limits.max_fields) std::abort();
  for (const auto& [key, value] : *fields) {
    if (key.empty() || key.size() > limits.max_key_bytes) std::abort();
    if (value.size() > limits.max_value_bytes) std::abort();
    if (!audioconf::web::is_valid_utf8(key) || !audioconf::web::is_valid_utf8(value)) std::abort();
    for (std::string_view text : {std::string_view(key), std::string_view(value)}) {
      for (unsigned char c : text) {
        if (c < 0x20 && c != '\t' && c != '\r' && c != '\n') std::abort();
      }
    }
    static_cast<void>(audioconf::web::first_value(*fields, key));
  }
  return 0;
}
