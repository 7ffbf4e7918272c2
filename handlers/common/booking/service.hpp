// The booking rules, without HTTP: request a booking link, look at a link, confirm it (create
// the conference), find a conference, cancel it. Inputs are plain values (form fields, the
// token, the id from the URL); every call answers with an outcome the handlers turn into pages,
// flash messages and redirects. Collaborators come in by constructor, as narrow interfaces.
//
// The invariant kept by create() and cancel(): an active (unexpired, not cancelled) conference
// row exists if and only if its room is live at OVH. When OVH cannot be reached to expire a
// room, its pending row stays behind and the purge job finishes the clean-up.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/booking/emails.hpp"
#include "common/booking/rooms.hpp"
#include "common/calendar/conference_invitation.hpp"
#include "common/civil/zone.hpp"
#include "common/config.hpp"
#include "common/ports/booking_stores.hpp"
#include "common/ports/clock.hpp"
#include "common/ports/random.hpp"
#include "common/ports/telephony.hpp"
#include "common/text/allow_list.hpp"

namespace audioconf::booking {

/// The settings the booking rules read (a slice of Config).
struct BookingSettings {
  std::string secret;        ///< keys the email hash and the sealed room numbers
  std::string phone_number;  ///< OVH_ROOM_PHONE_NUMBER
  int num_pin_digits = 9;
  int conferences_per_hour = 10;
  int email_links_per_hour = 5;
  int token_duration_minutes = 120;
  bool day_mode = false;  ///< FEATURE_RESERVATIONS
  int reserve_num_days_ahead = 14;
  int conference_max_duration_minutes = 1440;
  calendar::InvitationSite site{};  ///< what the attached invitations say about the service
};

[[nodiscard]] BookingSettings booking_settings_of(const Config& config);

struct BookingCollaborators {
  LoginTokens& tokens;
  PendingConferences& pending;
  Conferences& conferences;
  Telephony& telephony;
  BookingEmails& emails;
  const text::EmailAllowList& allow_list;
  const Clock& clock;
  RandomSource& random;
};

/// POST /valider-email: the form's fields as received.
struct LinkRequest {
  std::string email;  ///< trimmed by the caller
  std::optional<std::string> duration_minutes;
  std::optional<std::string> day;
  std::optional<std::string> timezone_offset;
  std::optional<std::string> time_zone;
};

enum class LinkOutcome {
  kSent,
  kMissingDuration,
  kMissingDay,
  kBadTimezone,
  kInvalidEmail,
  kNotAllowed,
  kDayOver,
  kTooManyLinks,
  kAddressRefusedByRelay,  ///< the mail relay refused the address (5xx to RCPT TO)
  kMailFailed,
};

/// What a link (a raw token) can still do.
enum class LinkState { kUsable, kExpired, kInUse, kAlreadyUsed };

struct LinkPreview {
  LinkState state = LinkState::kExpired;
  std::optional<ClaimedToken> request{};  ///< set when usable
};

enum class CreateOutcome {
  kCreated,
  kCreatedMailFailed,  ///< booked, but the confirmation email could not be sent
  kLinkExpired,
  kLinkInUse,
  kLinkAlreadyUsed,
  kTooManyConferences,
  kDayOver,
  kOvhFailed,  ///< OVH refused or did not answer, or the database failed after OVH
};

struct CreateResult {
  CreateOutcome outcome = CreateOutcome::kLinkExpired;
  std::string conference_id{};  ///< set when created
  std::string code{};           ///< the room number: the access code (never logged)
};

enum class LookupOutcome { kActive, kExpired, kCanceled };

struct ConferenceLookup {
  LookupOutcome outcome = LookupOutcome::kExpired;
  std::optional<ConferenceView> view{};  ///< set when active
  std::string validity{};                ///< when active: the French validity sentence
  std::optional<domain::LocalDateTime> canceled_local{};  ///< when cancelled, in its zone
};

/// The email that tells the organizer of a change (cancellation, extension).
enum class Notice {
  kNone,  ///< nothing to send: no address on the row (anonymized)
  kSent,
  kFailed,  ///< the change stands, but the email could not be sent
};

enum class CancelOutcome {
  kCanceled,
  kMarkedOnly,  ///< adopted from the original service: no room number to expire
  kOvhFailed,   ///< the room could not be expired: nothing changed
  kNotActive,   ///< see the lookup
};

struct CancelResult {
  CancelOutcome outcome = CancelOutcome::kNotActive;
  ConferenceLookup lookup{};
  Notice notice = Notice::kNone;  ///< when cancelled: the organizer's email
};

/// A booking by an agent signed in with ProConnect: refused before anything is created
/// (`refused`, the same outcomes as a link request), or the outcome of the creation.
struct SignedInBooking {
  std::optional<LinkOutcome> refused{};
  CreateResult created{};
};

class BookingService {
 public:
  BookingService(BookingCollaborators collaborators, BookingSettings settings,
                 const civil::Zone& server_zone);

  [[nodiscard]] LinkOutcome request_link(const LinkRequest& request);
  [[nodiscard]] LinkPreview preview(std::string_view raw_token);
  [[nodiscard]] CreateResult create(std::string_view raw_token);
  /// The form's choices alone (duration or day, zone), checked before a sign-in round trip.
  [[nodiscard]] std::optional<LinkOutcome> check_choices_only(const LinkRequest& request) const;
  /// Books for a signed-in agent (`request.email` comes from the provider's verified claims):
  /// the same checks as a link request (allow-list, which fails closed), then the same creation
  /// as a confirmed link (per-address limit, OVH, row, confirmation email). No link is mailed.
  [[nodiscard]] SignedInBooking create_signed_in(const LinkRequest& request);
  [[nodiscard]] ConferenceLookup find(std::string_view raw_id);
  /// Expires the room, then marks the row cancelled and raises its invitation's SEQUENCE in
  /// one write, then emails the organizer the cancellation (METHOD:CANCEL) when the row has an
  /// address, adopted conferences included. A failed email does not undo anything.
  [[nodiscard]] CancelResult cancel(std::string_view raw_id);
  /// After an extension (`view` read back after it, so with the new expiry and SEQUENCE): the
  /// organizer gets the new validity and the updated invitation (METHOD:PUBLISH).
  [[nodiscard]] Notice send_extension(const ConferenceView& view, std::int64_t room_number);

  /// Longer than the worst case of the OVH calls and the email together, so a live attempt
  /// keeps its lease; a crashed one frees the link after this delay.
  static constexpr std::chrono::seconds kClaimLease{60};
  static constexpr int kRoomNumberAttempts = 3;

 private:
  struct Attempt;

  [[nodiscard]] LinkState state_of(const std::string& token_hash, TimePoint now);
  [[nodiscard]] std::optional<LinkOutcome> check_choices(const LinkRequest& request,
                                                         NewLoginToken& token, TimePoint now) const;
  [[nodiscard]] std::optional<LinkOutcome> check_address(const std::string& email) const;
  [[nodiscard]] LinkOutcome store_and_send(NewLoginToken& token, TimePoint now);
  [[nodiscard]] bool insert_token(const NewLoginToken& token, TimePoint now,
                                  const std::string& address_hash);
  void remove_in_doubt_tokens();
  [[nodiscard]] LinkOutcome send_link(const NewLoginToken& token, const std::string& raw_token,
                                      const std::string& address_hash);
  [[nodiscard]] std::optional<std::chrono::sys_seconds> day_end(const ClaimedToken& token) const;
  [[nodiscard]] std::optional<TimePoint> expiry_for(const ClaimedToken& token, TimePoint now) const;
  [[nodiscard]] std::optional<CreateOutcome> refuse_before_ovh(Attempt& attempt);
  [[nodiscard]] bool open_room(Attempt& attempt);
  [[nodiscard]] bool create_room(Attempt& attempt);
  void abandon_room(Attempt& attempt, const char* why);
  [[nodiscard]] bool store_conference(Attempt& attempt);
  [[nodiscard]] CreateOutcome send_confirmation(const Attempt& attempt);
  [[nodiscard]] const civil::Zone& zone_for(const std::optional<std::string>& name,
                                            std::optional<civil::Zone>& storage) const;
  [[nodiscard]] std::string email_hash(std::string_view email) const;
  [[nodiscard]] Notice send_cancellation(ConferenceView view,
                                         const std::optional<std::int64_t>& room_number,
                                         int sequence, TimePoint now);

  LoginTokens& tokens_;
  PendingConferences& pending_;
  Conferences& conferences_;
  Telephony& telephony_;
  BookingEmails& emails_;
  const text::EmailAllowList& allow_list_;
  const Clock& clock_;
  RandomSource& random_;
  BookingSettings settings_;
  civil::Zone server_zone_;
  RoomNumberBox rooms_;
  /// Tokens whose insert may have committed although the database did not confirm it (its
  /// connection broke in between): no link was mailed for them, so they are removed as soon as
  /// the database answers again (at this worker's next link request).
  std::vector<std::string> in_doubt_tokens_;
};

}  // namespace audioconf::booking
