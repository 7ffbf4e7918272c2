// Finding a conference from the id in its URL, shared by the conference page and the cancel
// pages: malformed, unknown and expired ids all read as "expired"; cancelled ones say when.
#pragma once

#include <optional>
#include <string>

#include "common/civil/zone.hpp"
#include "common/pg/booking_store.hpp"
#include "common/web/app.hpp"

namespace audioconf::booking {

struct ActiveConference {
  pg::ConferenceView view;
  std::string validity;  ///< the French validity sentence, in the conference's zone
};

/// The conference if it is active, else the flash + redirect to answer with.
[[nodiscard]] std::variant<ActiveConference, web::Response> find_active_conference(
    web::Context& ctx, pg::BookingStore& store, const std::string& raw_id);

/// The validity sentence of a stored conference, in `zone`.
[[nodiscard]] std::string validity_of(const pg::ConferenceView& view, const civil::Zone& zone);

}  // namespace audioconf::booking
