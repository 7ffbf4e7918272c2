// Room numbers at rest (sealed with a key derived from SECRET) and the "expire this room now"
// step shared by failed bookings, cancellations and the purge job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/crypto/secret_box.hpp"
#include "common/ports/clock.hpp"
#include "common/ports/random.hpp"
#include "common/ports/telephony.hpp"

namespace audioconf::booking {

/// Seconds ahead of now an expired room is given: OVH refuses an expiry in the past.
inline constexpr std::chrono::seconds kExpireAhead{10};

class RoomNumberBox {
 public:
  explicit RoomNumberBox(std::string_view secret);
  [[nodiscard]] std::string seal(std::int64_t room_number, RandomSource& random) const;
  /// nullopt when the value was tampered with or sealed with another SECRET.
  [[nodiscard]] std::optional<std::int64_t> open(std::string_view sealed) const;

 private:
  crypto::SecretBox box_;
};

enum class ExpireOutcome { kExpired, kNoSuchRoom, kOvhDown };

/// Sets the room's expiry a few seconds ahead. A room OVH does not know counts as done.
[[nodiscard]] ExpireOutcome expire_room_now(Telephony& telephony, std::int64_t room_number,
                                            TimePoint now);

}  // namespace audioconf::booking
