#include "common/calendar/conference_invitation.hpp"

#include <charconv>
#include <chrono>
#include <optional>

#include "common/domain/calendar.hpp"

namespace audioconf::calendar {
namespace {

std::optional<int> minutes_of(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  int value = 0;
  const char* end = text->data() + text->size();
  const auto [at, error] = std::from_chars(text->data(), end, value);
  if (error != std::errc{} || at != end || value <= 0) return std::nullopt;
  return value;
}

}  // namespace

InvitationSite invitation_site_of(const Config& config) {
  return {config.app_name, config.mail_sender_email, config.hostname_with_protocol};
}

std::string invitation_uid(const std::string& conference_id, const std::string& site_url) {
  std::string host = site_url;
  if (const auto scheme = host.find("://"); scheme != std::string::npos) host.erase(0, scheme + 3);
  host = host.substr(0, host.find_first_of(":/"));
  return conference_id + "@" + host;
}

Invitation conference_invitation(const ConferenceView& view, const std::string& code,
                                 const civil::Zone& zone, TimePoint stamp,
                                 const InvitationSite& site, bool cancelled) {
  Invitation inv;
  inv.uid = invitation_uid(view.id, site.site_url);
  inv.sequence = view.ics_sequence;
  inv.cancelled = cancelled;
  inv.stamp = stamp;
  inv.end = view.expires_at;
  // The validity's start: the booked duration before the end (an extension adds to both), or
  // the day's midnight in the conference's zone; a day when neither can be read.
  inv.start = view.expires_at - std::chrono::hours{24};
  const auto day =
      view.conference_day ? domain::parse_iso_date(*view.conference_day) : std::nullopt;
  if (const auto minutes = minutes_of(view.duration_minutes)) {
    inv.start = view.expires_at - std::chrono::minutes{*minutes};
  } else if (day) {
    inv.start = TimePoint(zone.day_end(domain::add_days(*day, -1))) + std::chrono::seconds{1};
  }
  inv.app_name = site.app_name;
  inv.sender_email = site.sender_email;
  inv.phone_number = view.phone_number;
  inv.code = code;
  inv.conference_url = site.site_url + "/conferences/" + view.id;
  return inv;
}

MailAttachment invitation_attachment(const Invitation& invitation) {
  return {"invitation.ics",
          std::string("text/calendar; charset=utf-8; method=") +
              (invitation.cancelled ? "CANCEL" : "PUBLISH"),
          render_ics(invitation)};
}

}  // namespace audioconf::calendar
