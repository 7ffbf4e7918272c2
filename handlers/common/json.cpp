#include "common/json.hpp"

#include <cstdlib>
#include <stdexcept>

namespace audioconf::json {

JsonPtr parse(std::string_view text) {
  json_error_t error;
  return JsonPtr(json_loadb(text.data(), text.size(), JSON_DECODE_ANY, &error));
}

std::string dump(const json_t* value) {
  std::unique_ptr<char, decltype(&std::free)> text(
      json_dumps(value, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY), &std::free);
  if (!text) throw std::runtime_error("cannot serialise JSON");
  return std::string(text.get());
}

std::string string_member(const json_t* object, const char* key, std::string_view fallback) {
  const json_t* member = json_object_get(object, key);
  if (!json_is_string(member)) return std::string(fallback);
  return std::string(json_string_value(member), json_string_length(member));
}

}  // namespace audioconf::json
