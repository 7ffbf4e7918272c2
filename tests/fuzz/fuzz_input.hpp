// Splits a libFuzzer input into several fields (NUL-separated) so one target can fuzz a struct.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace audioconf::fuzz {

/// The first `count` NUL-separated pieces of the input (missing pieces are empty). The last
/// field takes the rest of the input, NULs included.
inline std::vector<std::string> split_fields(const std::uint8_t* data, std::size_t size,
                                             std::size_t count) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> fields;
  while (fields.size() + 1 < count) {
    std::size_t nul = input.find('\0');
    if (nul == std::string_view::npos) break;
    fields.emplace_back(input.substr(0, nul));
    input.remove_prefix(nul + 1);
  }
  fields.emplace_back(input);
  fields.resize(count);
  return fields;
}

}  // namespace audioconf::fuzz
