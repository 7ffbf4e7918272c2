#include "common/booking/conference_lookup.hpp"

#include "common/booking/messages.hpp"
#include "common/booking/texts.hpp"
#include "common/domain/tokens.hpp"
#include "common/local_time.hpp"

namespace audioconf::booking {

std::string validity_of(const pg::ConferenceView& view) {
  std::optional<int> duration;
  if (view.duration_minutes) {
    try {
      duration = std::stoi(*view.duration_minutes);
    } catch (const std::exception&) {
    }
  }
  std::optional<domain::CivilDate> day;
  if (view.conference_day) day = domain::parse_iso_date(*view.conference_day);
  return validity_sentence(duration, day, parse_local_date_time(view.expires_local),
                           zone_label(view.zone));
}

std::variant<ActiveConference, web::Response> find_active_conference(web::Context& ctx,
                                                                     pg::BookingStore& store,
                                                                     const std::string& raw_id) {
  auto expired = [&] {
    return ctx.flash_redirect({"error", messages::kConferenceExpired, false}, "/");
  };
  auto id = domain::canonical_uuid(raw_id);
  if (!id) return expired();
  auto view = store.find_conference(*id, ctx.app.config().time_zone);
  if (!view) return expired();
  if (view->canceled_at) {
    std::string when = domain::french_date_time(parse_local_date_time(view->canceled_local));
    return ctx.flash_redirect(
        {"info", "La conférence a été annulée le " + when + ". Vous pouvez recréer une conférence.",
         false},
        "/");
  }
  if (view->expires_at <= ctx.now) return expired();
  std::string validity = validity_of(*view);
  return ActiveConference{std::move(*view), std::move(validity)};
}

}  // namespace audioconf::booking
