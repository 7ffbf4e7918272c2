// GET/POST /creer-conf: the emailed link. The GET only shows a confirmation page (mail scanners
// open links); the POST claims the token, creates the OVH room and stores the conference.
#pragma once

#include "common/booking/rooms.hpp"
#include "common/civil/zone.hpp"
#include "common/pg/booking_store.hpp"
#include "common/web/app.hpp"

namespace audioconf::book {

class CreateConference {
 public:
  explicit CreateConference(web::App& app);
  [[nodiscard]] web::Response confirm_page(web::Context& ctx);
  [[nodiscard]] web::Response create(web::Context& ctx);

 private:
  /// The redirect for a token that cannot be used (expired, consumed, being used).
  [[nodiscard]] web::Response unusable_token(web::Context& ctx, const std::string& token_hash);
  [[nodiscard]] std::optional<TimePoint> expiry_for(const pg::ClaimedToken& token, TimePoint now);

  pg::BookingStore store_;
  booking::RoomNumberBox rooms_;
  civil::Zone server_zone_;
};

}  // namespace audioconf::book
