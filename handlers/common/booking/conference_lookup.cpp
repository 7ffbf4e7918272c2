#include "common/booking/conference_lookup.hpp"
#include "common/civil/zone.hpp"

#include "common/booking/messages.hpp"
#include "common/booking/texts.hpp"
#include "common/domain/tokens.hpp"

namespace audioconf::booking {

const civil::Zone& zone_of(const pg::ConferenceView& view, const civil::Zone& server_zone,
                           std::optional<civil::Zone>& storage) {
  if (view.time_zone) storage = civil::Zone::find(*view.time_zone);
  return storage ? *storage : server_zone;
}

std::string validity_of(const pg::ConferenceView& view, const civil::Zone& zone) {
  std::optional<int> duration;
  if (view.duration_minutes) {
    try {
      duration = std::stoi(*view.duration_minutes);
    } catch (const std::exception&) {
    }
  }
  std::optional<domain::CivilDate> day;
  if (view.conference_day) day = domain::parse_iso_date(*view.conference_day);
  return validity_sentence(duration, day, zone.local(view.expires_at), zone.label());
}

std::variant<ActiveConference, web::Response> find_active_conference(web::Context& ctx,
                                                                     pg::BookingStore& store,
                                                                     const std::string& raw_id) {
  auto expired = [&] {
    return ctx.flash_redirect({"error", messages::kConferenceExpired, false}, "/");
  };
  auto id = domain::canonical_uuid(raw_id);
  if (!id) return expired();
  auto view = store.find_conference(*id);
  if (!view) return expired();
  std::optional<civil::Zone> booked_zone;
  const civil::Zone& zone = zone_of(*view, ctx.app.server_zone(), booked_zone);
  if (view->canceled_at) {
    std::string when = domain::french_date_time(zone.local(*view->canceled_at));
    return ctx.flash_redirect(
        {"info", "La conférence a été annulée le " + when + ". Vous pouvez recréer une conférence.",
         false},
        "/");
  }
  if (view->expires_at <= ctx.now) return expired();
  std::string validity = validity_of(*view, zone);
  return ActiveConference{std::move(*view), std::move(validity)};
}

}  // namespace audioconf::booking
