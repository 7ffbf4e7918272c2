#include "common/booking/service.hpp"

#include "common/booking/ids.hpp"
#include "common/booking/texts.hpp"
#include "common/crypto/hash.hpp"
#include "common/crypto/tokens.hpp"
#include "common/domain/booking_choices.hpp"
#include "common/domain/email_address.hpp"
#include "common/domain/expiry.hpp"
#include "common/domain/tokens.hpp"
#include "common/failures.hpp"
#include "common/log.hpp"
#include "common/ovh/errors.hpp"

namespace audioconf::booking {
namespace {

constexpr std::size_t kTokenBytes = 32;  // 256 bits (SPEC §2)
// Tokens in doubt a worker remembers at most (see in_doubt_tokens_).
constexpr std::size_t kMaxInDoubtTokens = 1000;

std::optional<std::string_view> view_of(const std::optional<std::string>& value) {
  if (!value) return std::nullopt;
  return std::string_view(*value);
}

std::optional<domain::CivilDate> day_of(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return domain::parse_iso_date(*text);
}

std::chrono::sys_seconds seconds_of(TimePoint at) {
  return std::chrono::time_point_cast<std::chrono::seconds>(at);
}

CreateOutcome refusal_of(LinkState state) {
  switch (state) {
    case LinkState::kAlreadyUsed:
      return CreateOutcome::kLinkAlreadyUsed;
    case LinkState::kInUse:
      return CreateOutcome::kLinkInUse;
    default:
      return CreateOutcome::kLinkExpired;
  }
}

}  // namespace

BookingSettings booking_settings_of(const Config& config) {
  BookingSettings settings;
  settings.secret = config.secret;
  settings.phone_number = config.ovh_phone_number;
  settings.num_pin_digits = config.num_pin_digits;
  settings.conferences_per_hour = config.conferences_per_hour;
  settings.email_links_per_hour = config.email_links_per_hour;
  settings.token_duration_minutes = config.token_duration_minutes;
  settings.day_mode = config.feature_reservations;
  settings.reserve_num_days_ahead = config.reserve_num_days_ahead;
  settings.conference_max_duration_minutes = config.conference_max_duration_minutes;
  settings.site = calendar::invitation_site_of(config);
  return settings;
}

/// One confirmation of a link, from the claim to the confirmation email.
struct BookingService::Attempt {
  std::string token_hash;
  ClaimedToken request;
  TimePoint now;
  std::string email_hash;
  TimePoint expires_at{};
  std::string conference_id{};
  std::int64_t room_number = 0;
  std::optional<std::string> time_zone{};  ///< the agent's zone, stored with the booking
};

BookingService::BookingService(BookingCollaborators collaborators, BookingSettings settings,
                               const civil::Zone& server_zone)
    : tokens_(collaborators.tokens),
      pending_(collaborators.pending),
      conferences_(collaborators.conferences),
      telephony_(collaborators.telephony),
      emails_(collaborators.emails),
      allow_list_(collaborators.allow_list),
      clock_(collaborators.clock),
      random_(collaborators.random),
      settings_(std::move(settings)),
      server_zone_(server_zone),
      rooms_(settings_.secret) {}

std::string BookingService::email_hash(std::string_view email) const {
  return crypto::hashed_email(settings_.secret, email);
}

// ---- POST /valider-email ----------------------------------------------------------------------

LinkOutcome BookingService::request_link(const LinkRequest& request) {
  const TimePoint now = clock_.now();
  NewLoginToken token;
  if (auto refused = check_choices(request, token, now)) return *refused;
  if (auto refused = check_address(request.email)) return *refused;
  token.email = request.email;
  // A day already over in the user's zone is refused now rather than when the link is used.
  if (token.conference_day) {
    // A zone name this machine does not know is dropped: the offset or the server zone is used.
    if (token.time_zone && !civil::Zone::find(*token.time_zone)) token.time_zone.reset();
    auto end = day_end(ClaimedToken{token.email, std::nullopt, token.conference_day,
                                    token.timezone_offset, token.time_zone});
    if (!end || !domain::is_far_enough(*end, seconds_of(now))) return LinkOutcome::kDayOver;
  }
  return store_and_send(token, now);
}

std::optional<LinkOutcome> BookingService::check_choices(const LinkRequest& request,
                                                         NewLoginToken& token,
                                                         TimePoint now) const {
  // Duration or day, according to the current mode; the other field is ignored.
  if (settings_.day_mode) {
    if (domain::check_day(view_of(request.day), server_zone_.date_of(now),
                          settings_.reserve_num_days_ahead) != domain::ChoiceCheck::kValid) {
      return LinkOutcome::kMissingDay;
    }
    token.conference_day = domain::to_iso(*domain::parse_iso_date(*request.day));
  } else {
    if (domain::check_duration(view_of(request.duration_minutes),
                               settings_.conference_max_duration_minutes) !=
        domain::ChoiceCheck::kValid) {
      return LinkOutcome::kMissingDuration;
    }
    token.duration_minutes = std::stoi(*request.duration_minutes);
  }
  auto offset = domain::check_timezone_offset(view_of(request.timezone_offset));
  if (offset.check == domain::ChoiceCheck::kOutOfRange) return LinkOutcome::kBadTimezone;
  token.timezone_offset = offset.minutes;
  if (request.time_zone && domain::looks_like_iana_zone(*request.time_zone)) {
    token.time_zone = *request.time_zone;
  }
  return std::nullopt;
}

std::optional<LinkOutcome> BookingService::check_address(const std::string& email) const {
  // RFC 5321's limits included: what a relay would refuse is refused here, with this message.
  if (domain::check_email_syntax(email) != domain::EmailSyntax::kValid) {
    return LinkOutcome::kInvalidEmail;
  }
  if (!allow_list_.allows(email)) {
    log::info("email refused by the allow-list: " + email_hash(email));
    return LinkOutcome::kNotAllowed;
  }
  return std::nullopt;
}

LinkOutcome BookingService::store_and_send(NewLoginToken& token, TimePoint now) {
  // Only the token's hash is stored, unless the address reached its hourly limit (kept in
  // PostgreSQL so it holds across hosts; checked by the insert itself).
  std::string raw_token = crypto::random_token(random_, kTokenBytes);
  token.token_hash = crypto::sha256_hex(raw_token);
  token.expires_at = now + std::chrono::minutes(settings_.token_duration_minutes);
  const std::string address_hash = email_hash(token.email);
  remove_in_doubt_tokens();
  if (!insert_token(token, now, address_hash)) {
    log::info("email link rate limit reached: " + address_hash);
    return LinkOutcome::kTooManyLinks;
  }
  LinkOutcome outcome = send_link(token, raw_token, address_hash);
  if (outcome != LinkOutcome::kSent) {
    try {
      tokens_.remove(token.token_hash);  // nothing half-done stays behind, nor counts
    } catch (const std::exception&) {
    }
  }
  return outcome;
}

bool BookingService::insert_token(const NewLoginToken& token, TimePoint now,
                                  const std::string& address_hash) {
  try {
    return tokens_.insert(
        token, now,
        TokenLimit{now - kLinkLimitWindow, settings_.email_links_per_hour, address_hash});
  } catch (const Unavailable&) {
    // PostgreSQL stopping between the commit and its answer leaves a stored token for a link
    // that is never mailed: remember it (a bounded list: the database is down, not the disk).
    if (in_doubt_tokens_.size() < kMaxInDoubtTokens) in_doubt_tokens_.push_back(token.token_hash);
    throw;
  }
}

void BookingService::remove_in_doubt_tokens() {
  while (!in_doubt_tokens_.empty()) {
    try {
      tokens_.remove(in_doubt_tokens_.back());
    } catch (const std::exception&) {
      return;  // still unavailable: the next request tries again
    }
    in_doubt_tokens_.pop_back();
  }
}

LinkOutcome BookingService::send_link(const NewLoginToken& token, const std::string& raw_token,
                                      const std::string& address_hash) {
  try {
    emails_.send_link(LinkEmail{token.email, raw_token, token.expires_at, token.duration_minutes,
                                day_of(token.conference_day)});
  } catch (const MailRecipientRefused& refusal) {
    // The address passed our checks but not the relay's: the user's to correct, not an incident.
    log::info("validation email refused by the relay for " + address_hash + ": " + refusal.what());
    return LinkOutcome::kAddressRefusedByRelay;
  } catch (const std::exception& failure) {
    log::error("validation email not sent to " + address_hash + ": " + failure.what());
    return LinkOutcome::kMailFailed;
  }
  log::info("validation email sent to " + address_hash);
  return LinkOutcome::kSent;
}

// ---- GET /creer-conf --------------------------------------------------------------------------

LinkState BookingService::state_of(const std::string& token_hash, TimePoint now) {
  switch (tokens_.state(token_hash, now)) {
    case TokenState::kConsumed:
      return LinkState::kAlreadyUsed;
    case TokenState::kClaimed:
      return LinkState::kInUse;
    case TokenState::kUsable:
      return LinkState::kUsable;
    default:
      return LinkState::kExpired;
  }
}

LinkPreview BookingService::preview(std::string_view raw_token) {
  if (!domain::looks_like_login_token(raw_token)) return {};
  const TimePoint now = clock_.now();
  std::string token_hash = crypto::sha256_hex(raw_token);
  auto request = tokens_.details(token_hash, now);
  if (!request) {
    LinkState state = state_of(token_hash, now);
    // Details went missing in between (expired, consumed): whatever the state says, not usable.
    return {state == LinkState::kUsable ? LinkState::kExpired : state, std::nullopt};
  }
  return {LinkState::kUsable, std::move(request)};
}

// ---- POST /creer-conf -------------------------------------------------------------------------

CreateResult BookingService::create(std::string_view raw_token) {
  if (!domain::looks_like_login_token(raw_token)) return {CreateOutcome::kLinkExpired};
  const TimePoint now = clock_.now();
  std::string token_hash = crypto::sha256_hex(raw_token);
  // 1. Claim: a concurrent second POST finds the lease taken and does nothing.
  auto claimed = tokens_.claim(token_hash, now, kClaimLease);
  if (!claimed) return {refusal_of(state_of(token_hash, now))};
  Attempt attempt{token_hash, std::move(*claimed), now, ""};
  attempt.email_hash = email_hash(attempt.request.email);
  if (auto refused = refuse_before_ovh(attempt)) {
    tokens_.release(token_hash);
    return {*refused};
  }
  // 2. The room at OVH, 3. the conference row, 4. the confirmation email.
  if (!open_room(attempt) || !store_conference(attempt)) return {CreateOutcome::kOvhFailed};
  log::info("conference created for " + attempt.email_hash);
  return {send_confirmation(attempt), attempt.conference_id, std::to_string(attempt.room_number)};
}

std::optional<LinkOutcome> BookingService::check_choices_only(const LinkRequest& request) const {
  NewLoginToken token;
  return check_choices(request, token, clock_.now());
}

SignedInBooking BookingService::create_signed_in(const LinkRequest& request) {
  const TimePoint now = clock_.now();
  NewLoginToken token;
  if (auto refused = check_choices(request, token, now)) return {*refused, {}};
  if (auto refused = check_address(request.email)) return {*refused, {}};
  if (token.time_zone && !civil::Zone::find(*token.time_zone)) token.time_zone.reset();
  // No emailed link: a hash no link ever has keys the pending row (for the purge job); the
  // conference store's token update then touches no row.
  Attempt attempt{"proconnect:" + crypto::random_token(random_, 16),
                  ClaimedToken{request.email, token.duration_minutes, token.conference_day,
                               token.timezone_offset, token.time_zone},
                  now, ""};
  attempt.email_hash = email_hash(request.email);
  if (auto refused = refuse_before_ovh(attempt)) return {std::nullopt, {*refused}};
  if (!open_room(attempt) || !store_conference(attempt)) {
    return {std::nullopt, {CreateOutcome::kOvhFailed}};
  }
  log::info("conference created for " + attempt.email_hash + " (signed in)");
  return {std::nullopt,
          {send_confirmation(attempt), attempt.conference_id, std::to_string(attempt.room_number)}};
}

std::optional<CreateOutcome> BookingService::refuse_before_ovh(Attempt& attempt) {
  if (conferences_.count_for_hash_since(attempt.email_hash, attempt.now - std::chrono::hours(1)) >=
      settings_.conferences_per_hour) {
    return CreateOutcome::kTooManyConferences;
  }
  // A day already over is refused here too.
  auto expires_at = expiry_for(attempt.request, attempt.now);
  if (!expires_at || !domain::is_far_enough(seconds_of(*expires_at), seconds_of(attempt.now))) {
    return CreateOutcome::kDayOver;
  }
  attempt.expires_at = *expires_at;
  return std::nullopt;
}

std::optional<std::chrono::sys_seconds> BookingService::day_end(const ClaimedToken& token) const {
  auto day = day_of(token.conference_day);
  if (!day) return std::nullopt;
  // The browser's IANA zone first, then its offset, then the server zone (no JavaScript).
  if (token.time_zone) {
    if (auto zone = civil::Zone::find(*token.time_zone)) return zone->day_end(*day);
  }
  if (token.timezone_offset) return domain::day_end_with_offset(*day, *token.timezone_offset);
  return server_zone_.day_end(*day);
}

std::optional<TimePoint> BookingService::expiry_for(const ClaimedToken& token,
                                                    TimePoint now) const {
  if (!token.conference_day) {
    return now + std::chrono::minutes(token.duration_minutes.value_or(120));
  }
  auto end = day_end(token);
  if (!end) return std::nullopt;
  return TimePoint(*end);
}

bool BookingService::open_room(Attempt& attempt) {
  // The pending row first, so a create that times out can still be cleaned up.
  attempt.conference_id = random_uuid(random_);
  attempt.room_number = crypto::random_room_number(random_, settings_.num_pin_digits);
  pending_.insert(attempt.conference_id, rooms_.seal(attempt.room_number, random_),
                  attempt.token_hash, attempt.now);
  if (!create_room(attempt)) return false;
  try {
    telephony_.configure_room(attempt.room_number, attempt.expires_at);
  } catch (const ovh::OvhRefused&) {
    abandon_room(attempt, "configure refused");
    return false;
  } catch (const ovh::OvhUnavailable&) {
    abandon_room(attempt, "configure: no answer");
    return false;
  }
  return true;
}

bool BookingService::create_room(Attempt& attempt) {
  for (int tries = 1;; ++tries) {
    try {
      telephony_.create_room(attempt.room_number);
      return true;
    } catch (const ovh::OvhRefused& refused) {
      // A taken number is the only refusal worth another draw.
      bool taken = refused.status() == 409 || refused.status() == 400;
      if (!taken || tries >= kRoomNumberAttempts) {
        abandon_room(attempt, "create refused");
        return false;
      }
      attempt.room_number = crypto::random_room_number(random_, settings_.num_pin_digits);
      pending_.update_room(attempt.conference_id, rooms_.seal(attempt.room_number, random_));
    } catch (const ovh::OvhUnavailable&) {
      abandon_room(attempt, "create: no answer");
      return false;
    }
  }
}

void BookingService::abandon_room(Attempt& attempt, const char* why) {
  log::error(std::string("conference not created (") + why + ") for " + attempt.email_hash);
  if (expire_room_now(telephony_, attempt.room_number, attempt.now) != ExpireOutcome::kOvhDown) {
    pending_.remove(attempt.conference_id);
  }  // else: the purge job expires the room and removes the row once OVH answers
  tokens_.release(attempt.token_hash);
}

bool BookingService::store_conference(Attempt& attempt) {
  const ClaimedToken& request = attempt.request;
  // The agent's zone in both modes (SPEC §8): the conference's times are shown in it. A name
  // this machine does not know would be shown in the server zone anyway: not kept.
  attempt.time_zone = request.time_zone;
  if (attempt.time_zone && !civil::Zone::find(*attempt.time_zone)) attempt.time_zone.reset();
  NewConference conference{attempt.conference_id,
                           request.email,
                           settings_.phone_number,
                           request.conference_day ? std::nullopt : request.duration_minutes,
                           request.conference_day,
                           attempt.expires_at,
                           domain::email_domain(request.email),
                           attempt.email_hash,
                           rooms_.seal(attempt.room_number, random_),
                           attempt.time_zone,
                           request.timezone_offset};
  try {
    // The conference row, the end of its pending row and the consumed token, atomically.
    conferences_.store(conference, attempt.token_hash, attempt.now);
    return true;
  } catch (const std::exception& failure) {
    log::error(std::string("conference not stored: ") + failure.what());
  }
  // No live room without its row: expire it now; if OVH cannot be reached, the pending row
  // (still there, the transaction rolled back) lets the purge job finish the clean-up.
  if (expire_room_now(telephony_, attempt.room_number, attempt.now) != ExpireOutcome::kOvhDown) {
    try {
      pending_.remove(attempt.conference_id);
    } catch (const std::exception&) {
    }
  }
  try {
    tokens_.release(attempt.token_hash);
  } catch (const std::exception&) {
    // The lease runs out by itself.
  }
  return false;
}

CreateOutcome BookingService::send_confirmation(const Attempt& attempt) {
  std::optional<civil::Zone> booked_zone;
  const civil::Zone& zone = zone_for(attempt.time_zone, booked_zone);
  const ClaimedToken& request = attempt.request;
  const std::optional<int> duration =
      request.conference_day ? std::nullopt : request.duration_minutes;
  // The invitation from the row as read back, so that it is the very one GET .../invitation.ics
  // serves (the row keeps whole seconds); from what was stored if it cannot be read.
  std::optional<ConferenceView> stored;
  try {
    stored = conferences_.find(attempt.conference_id);
  } catch (const std::exception& failure) {
    log::warning(std::string("booked conference not read back: ") + failure.what());
  }
  if (!stored) {
    stored.emplace();
    stored->id = attempt.conference_id;
    stored->phone_number = settings_.phone_number;
    if (duration) stored->duration_minutes = std::to_string(*duration);
    stored->conference_day = request.conference_day;
    stored->expires_at = attempt.expires_at;
  }
  const std::string code = std::to_string(attempt.room_number);
  try {
    emails_.send_conference(ConferenceEmail{
        request.email, attempt.conference_id, code, duration, day_of(request.conference_day),
        zone.local(attempt.expires_at), zone.label(),
        calendar::conference_invitation(*stored, code, zone, attempt.now, settings_.site)});
  } catch (const std::exception& failure) {
    log::error("confirmation email not sent to " + attempt.email_hash + ": " + failure.what());
    return CreateOutcome::kCreatedMailFailed;
  }
  return CreateOutcome::kCreated;
}

const civil::Zone& BookingService::zone_for(const std::optional<std::string>& name,
                                            std::optional<civil::Zone>& storage) const {
  if (name) storage = civil::Zone::find(*name);
  return storage ? *storage : server_zone_;
}

// ---- GET /conferences/{id}, GET and POST /conferences/{id}/annuler -----------------------------

ConferenceLookup BookingService::find(std::string_view raw_id) {
  auto id = domain::canonical_uuid(raw_id);
  if (!id) return {};
  auto view = conferences_.find(*id);
  if (!view) return {};
  std::optional<civil::Zone> booked_zone;
  const civil::Zone& zone = zone_for(view->time_zone, booked_zone);
  if (view->canceled_at) {
    return {LookupOutcome::kCanceled, std::nullopt, "", zone.local(*view->canceled_at)};
  }
  if (view->expires_at <= clock_.now()) return {};
  std::optional<int> duration;
  if (view->duration_minutes) {
    try {
      duration = std::stoi(*view->duration_minutes);
    } catch (const std::exception&) {
    }
  }
  std::string validity = validity_sentence(duration, day_of(view->conference_day),
                                           zone.local(view->expires_at), zone.label());
  return {LookupOutcome::kActive, std::move(view), std::move(validity), std::nullopt};
}

CancelResult BookingService::cancel(std::string_view raw_id) {
  CancelResult result{CancelOutcome::kNotActive, find(raw_id)};
  if (result.lookup.outcome != LookupOutcome::kActive) return result;
  const ConferenceView& view = *result.lookup.view;
  const TimePoint now = clock_.now();
  std::optional<std::int64_t> room_number;
  if (view.room_number_sealed) {
    room_number = rooms_.open(*view.room_number_sealed);
    if (!room_number) log::error("stored room number cannot be opened (SECRET changed?)");
  }
  // OVH first: if the room cannot be expired, nothing changes and the agent can retry.
  if (room_number && expire_room_now(telephony_, *room_number, now) == ExpireOutcome::kOvhDown) {
    result.outcome = CancelOutcome::kOvhFailed;
    return result;
  }
  const std::optional<int> sequence = conferences_.mark_canceled(view.id, now);
  if (!sequence) {
    // A concurrent cancel got there first (and sends the email): same outcome for the agent.
    result.outcome = CancelOutcome::kCanceled;
    return result;
  }
  log::info("conference canceled");
  result.outcome = room_number ? CancelOutcome::kCanceled : CancelOutcome::kMarkedOnly;
  result.notice = send_cancellation(view, room_number, *sequence, now);
  return result;
}

Notice BookingService::send_cancellation(ConferenceView view,
                                         const std::optional<std::int64_t>& room_number,
                                         int sequence, TimePoint now) {
  if (!view.email || view.email->empty()) return Notice::kNone;
  std::optional<civil::Zone> booked_zone;
  const civil::Zone& zone = zone_for(view.time_zone, booked_zone);
  const std::string code = room_number ? std::to_string(*room_number) : "";
  view.ics_sequence = sequence;
  const std::string address_hash = email_hash(*view.email);
  try {
    emails_.send_canceled(CanceledEmail{
        *view.email, code, zone.local(now), zone.label(),
        calendar::conference_invitation(view, code, zone, now, settings_.site, true)});
  } catch (const std::exception& failure) {
    log::error("cancellation email not sent to " + address_hash + ": " + failure.what());
    return Notice::kFailed;
  }
  log::info("cancellation email sent to " + address_hash);
  return Notice::kSent;
}

Notice BookingService::send_extension(const ConferenceView& view, std::int64_t room_number) {
  if (!view.email || view.email->empty()) return Notice::kNone;
  std::optional<civil::Zone> booked_zone;
  const civil::Zone& zone = zone_for(view.time_zone, booked_zone);
  std::optional<int> duration;
  if (view.duration_minutes) {
    try {
      duration = std::stoi(*view.duration_minutes);
    } catch (const std::exception&) {
    }
  }
  const std::string code = std::to_string(room_number);
  const std::string address_hash = email_hash(*view.email);
  try {
    emails_.send_extended(ConferenceEmail{
        *view.email, view.id, code, duration, day_of(view.conference_day),
        zone.local(view.expires_at), zone.label(),
        calendar::conference_invitation(view, code, zone, clock_.now(), settings_.site)});
  } catch (const std::exception& failure) {
    log::error("extension email not sent to " + address_hash + ": " + failure.what());
    return Notice::kFailed;
  }
  log::info("extension email sent to " + address_hash);
  return Notice::kSent;
}

}  // namespace audioconf::booking
