// libFuzzer target: EMAIL_WHITELIST compilation and matching (patterns NUL-separated from the
// address). Hostile patterns must cost bounded time and fail closed.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <variant>

#include "common/text/allow_list.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;
  const auto fields = audioconf::fuzz::split_fields(data, size, 2);
  auto compiled = audioconf::text::EmailAllowList::compile(fields[0]);
  if (auto* list = std::get_if<audioconf::text::EmailAllowList>(&compiled)) {
    const bool allowed = list->allows(fields[1]);
    // Over-long addresses fail closed, except when no pattern is configured (allow everyone:
    // the handler's syntax check has refused them before).
    if (fields[1].size() > 254 && allowed && !list->allows_everyone()) std::abort();
    if (list->allows_everyone() != (list->pattern_count() == 0)) std::abort();
  } else if (std::get<1>(compiled).empty()) {
    std::abort();  // a refusal always names at least one problem
  }
  return 0;
}
