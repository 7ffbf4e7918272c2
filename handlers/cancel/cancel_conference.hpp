// GET and POST /conferences/{id}/annuler: the "do you really want to cancel?" page, and the
// cancellation itself (done by the booking service: room expired at OVH first, then the row
// marked).
#pragma once

#include "common/booking/service.hpp"
#include "common/web/app.hpp"

namespace audioconf::cancel {

class CancelConference {
 public:
  explicit CancelConference(booking::BookingService& service) : service_(service) {}
  [[nodiscard]] web::Response confirm_page(web::Context& ctx);
  [[nodiscard]] web::Response cancel(web::Context& ctx);

 private:
  booking::BookingService& service_;
};

}  // namespace audioconf::cancel
