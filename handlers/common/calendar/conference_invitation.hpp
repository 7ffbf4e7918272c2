// One conference's calendar invitation, the same whether GET /conferences/{id}/invitation.ics
// serves it or an email attaches it (confirmation, extension, cancellation): same UID, the
// row's SEQUENCE, the validity as DTSTART/DTEND.
#pragma once

#include <string>

#include "common/calendar/ics.hpp"
#include "common/civil/zone.hpp"
#include "common/config.hpp"
#include "common/ports/booking_stores.hpp"
#include "common/ports/mailer.hpp"

namespace audioconf::calendar {

/// What the invitation says about the service.
struct InvitationSite {
  std::string app_name;      ///< APP_NAME
  std::string sender_email;  ///< MAIL_SENDER_EMAIL: the ORGANIZER
  std::string site_url;      ///< HOSTNAME_WITH_PROTOCOL: the UID's domain and the page's URL
};

[[nodiscard]] InvitationSite invitation_site_of(const Config& config);

/// "<conference id>@<host of site_url>": stable for every version of the event.
[[nodiscard]] std::string invitation_uid(const std::string& conference_id,
                                         const std::string& site_url);

/// The invitation of `view` at `view.ics_sequence`. `code`: the room number, empty for a
/// conference adopted from the original service (no code is then given). `zone`: the
/// conference's zone, which decides where a booked day starts. `cancelled`: METHOD:CANCEL and
/// STATUS:CANCELLED.
[[nodiscard]] Invitation conference_invitation(const ConferenceView& view, const std::string& code,
                                               const civil::Zone& zone, TimePoint stamp,
                                               const InvitationSite& site, bool cancelled = false);

/// The invitation as an email attachment: "invitation.ics", text/calendar with its METHOD.
[[nodiscard]] MailAttachment invitation_attachment(const Invitation& invitation);

}  // namespace audioconf::calendar
