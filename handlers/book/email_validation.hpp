// POST /valider-email and GET /email-de-validation-envoye: hands the form to the booking
// service (which stores a hashed login token and emails the booking link) and shows the answer.
#pragma once

#include "common/booking/service.hpp"
#include "common/web/app.hpp"

namespace audioconf::book {

class EmailValidation {
 public:
  /// `allow_list`: the "check your mailbox" page shows only an address it accepts.
  EmailValidation(booking::BookingService& service, int token_duration_minutes,
                  const text::EmailAllowList& allow_list)
      : service_(service),
        token_duration_minutes_(token_duration_minutes),
        allow_list_(allow_list) {}
  [[nodiscard]] web::Response submit(web::Context& ctx);
  [[nodiscard]] web::Response sent_page(web::Context& ctx);

 private:
  booking::BookingService& service_;
  int token_duration_minutes_;
  const text::EmailAllowList& allow_list_;
};

}  // namespace audioconf::book
