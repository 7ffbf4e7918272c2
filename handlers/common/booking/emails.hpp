// The emails of the booking flow: the booking link, the booked conference, and the organizer's
// notices when the conference changes (extended, cancelled). The booking service says what to
// send; this renders the templates, attaches the calendar invitation and hands the message to
// the mailer.
#pragma once

#include <optional>
#include <string>

#include "common/calendar/ics.hpp"
#include "common/civil/zone.hpp"
#include "common/domain/calendar.hpp"
#include "common/ports/clock.hpp"
#include "common/ports/mailer.hpp"
#include "common/render/templates.hpp"

namespace audioconf::booking {

struct LinkEmail {
  std::string to;
  std::string raw_token;
  TimePoint expires_at;
  std::optional<int> duration_minutes;
  std::optional<domain::CivilDate> day;
};

struct ConferenceEmail {
  std::string to;
  std::string conference_id;
  std::string code;
  std::optional<int> duration_minutes;
  std::optional<domain::CivilDate> day;
  domain::LocalDateTime expires_local;  ///< in `zone_label`'s zone
  std::string zone_label;
  calendar::Invitation invitation;  ///< attached as invitation.ics (METHOD:PUBLISH)
};

/// The conference was cancelled (or ended, which is the same): the organizer is told, and
/// calendars that imported the invitation drop it.
struct CanceledEmail {
  std::string to;
  std::string code;  ///< empty for a conference adopted from the original service
  domain::LocalDateTime canceled_local;
  std::string zone_label;
  calendar::Invitation invitation;  ///< METHOD:CANCEL, STATUS:CANCELLED, SEQUENCE raised
};

/// Each throws MailError when the message cannot be delivered to the relay.
class BookingEmails {
 public:
  virtual ~BookingEmails() = default;
  virtual void send_link(const LinkEmail& email) = 0;
  virtual void send_conference(const ConferenceEmail& email) = 0;
  /// The conference now ends later: its new validity and the updated invitation.
  virtual void send_extended(const ConferenceEmail& email) = 0;
  virtual void send_canceled(const CanceledEmail& email) = 0;
};

/// What the emails say about the service (from the configuration).
struct EmailSettings {
  std::string app_name;
  std::string sender;
  std::string site_url;  ///< HOSTNAME_WITH_PROTOCOL
  std::string phone_number;
  std::string poll_url;
};

class TemplateBookingEmails final : public BookingEmails {
 public:
  TemplateBookingEmails(const render::TemplateSet& templates, Mailer& mailer,
                        EmailSettings settings, const civil::Zone& server_zone);
  void send_link(const LinkEmail& email) override;
  void send_conference(const ConferenceEmail& email) override;
  void send_extended(const ConferenceEmail& email) override;
  void send_canceled(const CanceledEmail& email) override;

 private:
  /// The values both the booked and the extended conference's emails show.
  void fill_conference(ctemplate::TemplateDictionary& dict, const ConferenceEmail& email) const;

  const render::TemplateSet& templates_;
  Mailer& mailer_;
  EmailSettings settings_;
  civil::Zone server_zone_;
};

}  // namespace audioconf::booking
