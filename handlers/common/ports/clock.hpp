// Clock seam: code asks a Clock for "now" so tests can fix time (read once per request or job).
#pragma once

#include <chrono>

namespace audioconf {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual TimePoint now() const = 0;
};

/// The real wall clock.
class SystemClock final : public Clock {
 public:
  [[nodiscard]] TimePoint now() const override { return std::chrono::system_clock::now(); }
};

/// A clock that returns whatever the test set.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(TimePoint at) : at_(at) {}
  [[nodiscard]] TimePoint now() const override { return at_; }
  void set(TimePoint at) { at_ = at; }
  void advance(std::chrono::seconds by) { at_ += by; }

 private:
  TimePoint at_;
};

}  // namespace audioconf
