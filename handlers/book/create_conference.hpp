// GET/POST /creer-conf: the emailed link. The GET only shows a confirmation page (mail scanners
// open links); the POST asks the booking service to create the conference and shows where it
// went.
#pragma once

#include "common/booking/service.hpp"
#include "common/web/app.hpp"

namespace audioconf::book {

class CreateConference {
 public:
  explicit CreateConference(booking::BookingService& service) : service_(service) {}
  [[nodiscard]] web::Response confirm_page(web::Context& ctx);
  [[nodiscard]] web::Response create(web::Context& ctx);

 private:
  booking::BookingService& service_;
};

}  // namespace audioconf::book
