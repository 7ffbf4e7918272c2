// Conversions between optional values and libpqxx 6 parameters and fields, shared by the stores.
#pragma once

#include <optional>
#include <string>

#include <pqxx/pqxx>

namespace audioconf::pg {

/// libpqxx 6 has no std::optional parameters: a null `const char*` is SQL NULL.
[[nodiscard]] inline const char* nullable(const std::optional<std::string>& value) {
  return value ? value->c_str() : nullptr;
}

[[nodiscard]] inline std::optional<std::string> text_of(const std::optional<int>& value) {
  if (!value) return std::nullopt;
  return std::to_string(*value);
}

[[nodiscard]] inline std::optional<std::string> optional_text(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<std::string>();
}

/// The original stored durations as free text: junk reads as absent.
[[nodiscard]] inline std::optional<int> optional_int(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  try {
    return std::stoi(field.as<std::string>());
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace audioconf::pg
