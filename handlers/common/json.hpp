// RAII ownership of Jansson values, plus compact parse/dump helpers.
#pragma once

#include <jansson.h>

#include <memory>
#include <string>
#include <string_view>

namespace audioconf::json {

struct JsonDeleter {
  void operator()(json_t* value) const { json_decref(value); }
};
using JsonPtr = std::unique_ptr<json_t, JsonDeleter>;

/// Parses a JSON document; null when malformed.
[[nodiscard]] JsonPtr parse(std::string_view text);
/// Compact serialisation with keys in insertion order; throws std::bad_alloc-like runtime_error on
/// failure.
[[nodiscard]] std::string dump(const json_t* value);
/// The string member `key` of an object, or `fallback`.
[[nodiscard]] std::string string_member(const json_t* object, const char* key,
                                        std::string_view fallback = "");

}  // namespace audioconf::json
