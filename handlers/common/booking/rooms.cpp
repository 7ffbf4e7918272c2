#include "common/booking/rooms.hpp"

#include <charconv>

#include "common/log.hpp"
#include "common/ovh/errors.hpp"

namespace audioconf::booking {

RoomNumberBox::RoomNumberBox(std::string_view secret) : box_(secret, "audioconf room number v1") {}

std::string RoomNumberBox::seal(std::int64_t room_number, RandomSource& random) const {
  return box_.seal(std::to_string(room_number), random);
}

std::optional<std::int64_t> RoomNumberBox::open(std::string_view sealed) const {
  auto plain = box_.open(sealed);
  if (!plain) return std::nullopt;
  std::int64_t number = 0;
  auto [end, error] = std::from_chars(plain->data(), plain->data() + plain->size(), number);
  if (error != std::errc() || end != plain->data() + plain->size()) return std::nullopt;
  return number;
}

ExpireOutcome expire_room_now(Telephony& telephony, std::int64_t room_number, TimePoint now) {
  try {
    telephony.expire_room(room_number, now + kExpireAhead);
    return ExpireOutcome::kExpired;
  } catch (const ovh::OvhRefused& refused) {
    if (refused.status() == 404) return ExpireOutcome::kNoSuchRoom;
    log::error("OVH refused to expire a room: status " + std::to_string(refused.status()));
    return ExpireOutcome::kOvhDown;
  } catch (const ovh::OvhUnavailable&) {
    log::error("OVH unreachable while expiring a room");
    return ExpireOutcome::kOvhDown;
  }
}

}  // namespace audioconf::booking
