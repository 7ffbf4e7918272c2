// POST /valider-email and GET /email-de-validation-envoye: hands the form to the booking
// service (which stores a hashed login token and emails the booking link) and shows the answer.
#pragma once

#include "common/booking/service.hpp"
#include "common/web/app.hpp"

namespace audioconf::book {

class EmailValidation {
 public:
  EmailValidation(booking::BookingService& service, int token_duration_minutes)
      : service_(service), token_duration_minutes_(token_duration_minutes) {}
  [[nodiscard]] web::Response submit(web::Context& ctx);
  [[nodiscard]] web::Response sent_page(web::Context& ctx);

 private:
  booking::BookingService& service_;
  int token_duration_minutes_;
};

}  // namespace audioconf::book
