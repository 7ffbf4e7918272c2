// GET and POST /conferences/{id}/annuler: the "do you really want to cancel?" page, and the
// cancellation itself, which is the organizer's "end" (SPEC §8: the room locked, everyone on the
// line excluded, then the room expired at OVH and the row marked), so the page's promise that
// even connected participants are cut off holds.
#pragma once

#include "common/booking/service.hpp"
#include "common/moderation/service.hpp"
#include "common/web/app.hpp"

namespace audioconf::cancel {

class CancelConference {
 public:
  CancelConference(booking::BookingService& service, moderation::ModerationService& moderation)
      : service_(service), moderation_(moderation) {}
  [[nodiscard]] web::Response confirm_page(web::Context& ctx);
  [[nodiscard]] web::Response cancel(web::Context& ctx);

 private:
  booking::BookingService& service_;
  moderation::ModerationService& moderation_;
};

}  // namespace audioconf::cancel
