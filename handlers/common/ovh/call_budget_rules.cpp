#include "common/ovh/call_budget_rules.hpp"

#include <algorithm>

namespace audioconf::ovh {

int user_reserve(int per_minute) { return std::max(1, per_minute / 5); }

bool may_call(CallPriority priority, int used, int per_minute) {
  switch (priority) {
    case CallPriority::kUser:
      return true;
    case CallPriority::kJob:
      return used < per_minute;
    case CallPriority::kRefresh:
      return used < per_minute - user_reserve(per_minute);
  }
  return false;
}

}  // namespace audioconf::ovh
