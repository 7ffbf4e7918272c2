// libFuzzer target: every way the OVH client reads an answer body (client.cpp's parsing helpers,
// in the same shapes as its methods), plus the RFC 3339 dates OVH sends. Anything unexpected
// must end in OvhUnavailable/OvhRefused, never a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

// The parsing helpers live in an anonymous namespace: include the translation unit to reach them.
#include "common/ovh/client.cpp"  // NOLINT(bugprone-suspicious-include)
#include "common/ovh/dates.hpp"

namespace ovh = audioconf::ovh;

namespace {

void read_like_every_method(const std::string& body) {
  constexpr std::string_view kRoute = "fuzz";
  const auto document = ovh::parse_answer(kRoute, body);
  const json_t* root = document.get();
  // create_room
  const json_t* number = json_object_get(root, "roomNumber");
  if (json_is_integer(number)) static_cast<void>(json_integer_value(number));
  // rooms_stats and history
  if (json_is_object(root)) {
    try {
      static_cast<void>(ovh::integer_member(kRoute, root, "activeRoomsCount"));
    } catch (const ovh::OvhUnavailable&) {
    }
    const std::string begin = ovh::date_member(kRoute, root, "dateBegin");
    static_cast<void>(ovh::parse_rfc3339(begin));
  }
  // conference_numbers and histories
  if (json_is_array(root)) {
    std::size_t index = 0;
    const json_t* item = nullptr;
    json_array_foreach(root, index, item) {
      if (json_is_string(item)) static_cast<void>(std::string(json_string_value(item)));
      if (json_is_integer(item)) static_cast<void>(json_integer_value(item));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  try {
    read_like_every_method(body);
  } catch (const ovh::OvhUnavailable&) {
  }
  try {
    ovh::throw_refusal("fuzz", 400, body);
  } catch (const ovh::OvhRefused&) {
  } catch (const ovh::OvhUnavailable&) {
  }
  if (const auto at = ovh::parse_rfc3339(body)) {
    // A parsed date formats and re-parses (years 0000-9999: what 24 characters can hold).
    const std::string formatted = ovh::format_iso_millis(*at);
    if (formatted.size() == 24 && !ovh::parse_rfc3339(formatted)) std::abort();
  }
  return 0;
}
