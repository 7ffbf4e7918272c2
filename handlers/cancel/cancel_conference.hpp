// GET and POST /conferences/{id}/annuler: the "do you really want to cancel?" page, and the
// cancellation itself (room expired at OVH first, then the row marked).
#pragma once

#include "common/booking/rooms.hpp"
#include "common/pg/booking_store.hpp"
#include "common/web/app.hpp"

namespace audioconf::cancel {

class CancelConference {
 public:
  explicit CancelConference(web::App& app);
  [[nodiscard]] web::Response confirm_page(web::Context& ctx);
  [[nodiscard]] web::Response cancel(web::Context& ctx);

 private:
  pg::BookingStore store_;
  booking::RoomNumberBox rooms_;
};

}  // namespace audioconf::cancel
