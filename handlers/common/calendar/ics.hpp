// The conference as an iCalendar object (RFC 5545): what GET /conferences/{id}/invitation.ics
// serves so that the organizer can put the conference in a calendar (SPEC §8).
#pragma once

#include <string>

#include "common/ports/clock.hpp"

namespace audioconf::calendar {

struct Invitation {
  std::string uid;         ///< stable: the same for every version of the event
  int sequence = 0;        ///< raised by every change (extension...)
  bool cancelled = false;  ///< METHOD:CANCEL, STATUS:CANCELLED
  TimePoint stamp;         ///< DTSTAMP: when this version was produced
  TimePoint start;         ///< the conference's validity, in UTC
  TimePoint end;
  std::string app_name;      ///< APP_NAME: the organizer's CN and the product
  std::string sender_email;  ///< MAIL_SENDER_EMAIL: the ORGANIZER
  std::string phone_number;  ///< OVH form, "0033122334455"
  std::string code;          ///< the 9-digit room number; empty: an adopted conference
  std::string conference_url;
};

/// The whole VCALENDAR: CRLF line ends, lines folded at 75 octets (never inside a UTF-8
/// character), TEXT values escaped.
[[nodiscard]] std::string render_ics(const Invitation& invitation);

/// "20261203T140500Z".
[[nodiscard]] std::string ics_utc(TimePoint at);

/// RFC 5545 §3.3.11: backslash, semicolon, comma and newline escaped.
[[nodiscard]] std::string escape_text(std::string_view text);

/// RFC 5545 §3.1: one content line folded into lines of at most 75 octets, CRLF-terminated.
[[nodiscard]] std::string fold_line(std::string_view line);

}  // namespace audioconf::calendar
