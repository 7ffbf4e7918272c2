// GET /conferences/{id}: the booked conference's number and validity; the code itself comes
// from the URL fragment, read by a script in the browser.
#pragma once

#include "common/pg/booking_store.hpp"
#include "common/web/app.hpp"

namespace audioconf::book {

class ConferencePage {
 public:
  explicit ConferencePage(web::App& app);
  [[nodiscard]] web::Response render(web::Context& ctx);

 private:
  pg::BookingStore store_;
};

}  // namespace audioconf::book
