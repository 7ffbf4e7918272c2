// The time budget of one request, shared by its outbound calls (OVH, SMTP): each call gets its
// own timeout or what is left of the budget, whichever is shorter, so a request whose calls all
// hang still answers before nginx gives up on it (SPEC §7: every answer within a bound).
#pragma once

#include <algorithm>
#include <chrono>
#include <optional>

#include "common/ports/clock.hpp"

namespace audioconf {

class Deadline {
 public:
  explicit Deadline(const Clock& clock) : clock_(clock) {}

  /// A request starts: its calls may take `budget` in all from now.
  void start(std::chrono::milliseconds budget) { ends_at_ = clock_.now() + budget; }
  /// A request that arrived at nginx at `arrival` (when known): the budget counts from then, so
  /// time spent queued for a worker counts too and the answer still comes before nginx's read
  /// timeout (SPEC §8). An arrival in the future (clock skew, a forged value) counts as now.
  void start_from(std::optional<TimePoint> arrival, std::chrono::milliseconds budget) {
    TimePoint now = clock_.now();
    ends_at_ = (arrival ? std::min(*arrival, now) : now) + budget;
  }
  /// No budget (jobs, tools): every call keeps its own timeout.
  void clear() { ends_at_.reset(); }

  /// How long the next call may take: `wanted`, or less when the budget runs out first; zero
  /// once it has run out (the caller then fails the call at once, as if it had timed out).
  [[nodiscard]] std::chrono::milliseconds allow(std::chrono::milliseconds wanted) const {
    if (!ends_at_) return wanted;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*ends_at_ - clock_.now());
    return std::clamp(left, std::chrono::milliseconds(0), wanted);
  }

 private:
  const Clock& clock_;
  std::optional<TimePoint> ends_at_;
};

}  // namespace audioconf
