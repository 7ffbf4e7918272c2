// GET /conferences/{id}: the booked conference's number and validity; the code itself comes
// from the URL fragment, read by a script in the browser.
#pragma once

#include <string>

#include "common/booking/service.hpp"
#include "common/web/app.hpp"

namespace audioconf::book {

class ConferencePage {
 public:
  ConferencePage(booking::BookingService& service, std::string poll_url)
      : service_(service), poll_url_(std::move(poll_url)) {}
  [[nodiscard]] web::Response render(web::Context& ctx);

 private:
  booking::BookingService& service_;
  std::string poll_url_;
};

}  // namespace audioconf::book
