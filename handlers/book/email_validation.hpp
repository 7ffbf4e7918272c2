// POST /valider-email and GET /email-de-validation-envoye: checks the form, stores a hashed
// login token and emails the booking link.
#pragma once

#include "common/pg/booking_store.hpp"
#include "common/web/app.hpp"

namespace audioconf::book {

class EmailValidation {
 public:
  explicit EmailValidation(web::App& app);
  [[nodiscard]] web::Response submit(web::Context& ctx);
  [[nodiscard]] web::Response sent_page(web::Context& ctx);

 private:
  pg::BookingStore store_;
};

}  // namespace audioconf::book
