#include "book/create_conference.hpp"

#include <ctemplate/template.h>

#include "common/booking/ids.hpp"
#include "common/booking/messages.hpp"
#include "common/booking/texts.hpp"
#include "common/civil/zone.hpp"
#include "common/crypto/hash.hpp"
#include "common/crypto/tokens.hpp"
#include "common/domain/email_address.hpp"
#include "common/domain/expiry.hpp"
#include "common/domain/formatting.hpp"
#include "common/domain/tokens.hpp"
#include "common/log.hpp"
#include "common/ovh/errors.hpp"

namespace audioconf::book {
namespace {

namespace msg = booking::messages;
// Longer than the worst case of the OVH calls and the email together, so a live attempt keeps
// its lease; a crashed one frees the link after this delay.
constexpr std::chrono::seconds kClaimLease{60};
constexpr int kRoomNumberAttempts = 3;

std::optional<domain::CivilDate> day_of(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return domain::parse_iso_date(*text);
}

std::chrono::sys_seconds seconds_of(TimePoint at) {
  return std::chrono::time_point_cast<std::chrono::seconds>(at);
}

}  // namespace

CreateConference::CreateConference(web::App& app)
    : store_(app.db()), rooms_(app.config().secret), server_zone_(app.server_zone()) {}

web::Response CreateConference::unusable_token(web::Context& ctx, const std::string& token_hash) {
  switch (store_.token_state(token_hash, ctx.now)) {
    case pg::TokenState::kConsumed:
      return ctx.flash_redirect({"info", msg::kLinkAlreadyUsed, false}, "/");
    case pg::TokenState::kClaimed:
      return ctx.flash_redirect({"info", msg::kLinkInProgress, false}, "/");
    default:
      return ctx.flash_redirect({"error", msg::kLinkExpired, false}, "/");
  }
}

web::Response CreateConference::confirm_page(web::Context& ctx) {
  std::string token = ctx.request.query_value("token").value_or("");
  if (!domain::looks_like_login_token(token)) {
    return ctx.flash_redirect({"error", msg::kLinkExpired, false}, "/");
  }
  std::string token_hash = crypto::sha256_hex(token);
  auto details = store_.token_details(token_hash, ctx.now);
  if (!details) return unusable_token(ctx, token_hash);
  ctemplate::TemplateDictionary dict("confirm_booking");
  dict.SetValue("TOKEN", token);
  dict.SetValue("SUMMARY", booking::booking_summary(details->duration_minutes,
                                                    day_of(details->conference_day)));
  web::Response response =
      ctx.page("confirm_booking", dict, "Créer ma conférence", {"/static/js/auto-submit.js"});
  // The page holds the token: keep it out of caches and of any Referer.
  response.add_header("Referrer-Policy", "no-referrer");
  return response;
}

std::optional<TimePoint> CreateConference::expiry_for(const pg::ClaimedToken& token,
                                                      TimePoint now) {
  if (!token.conference_day) {
    return now + std::chrono::minutes(token.duration_minutes.value_or(120));
  }
  auto day = domain::parse_iso_date(*token.conference_day);
  if (!day) return std::nullopt;
  // The browser's IANA zone first, then its offset, then the server zone (no JavaScript).
  if (token.time_zone) {
    if (auto zone = civil::Zone::find(*token.time_zone)) return zone->day_end(*day);
  }
  if (token.timezone_offset) return domain::day_end_with_offset(*day, *token.timezone_offset);
  return server_zone_.day_end(*day);
}

web::Response CreateConference::create(web::Context& ctx) {
  const Config& config = ctx.app.config();
  std::string token = ctx.request.form_value("token").value_or("");
  if (!domain::looks_like_login_token(token)) {
    return ctx.flash_redirect({"error", msg::kLinkExpired, false}, "/");
  }
  std::string token_hash = crypto::sha256_hex(token);

  // 1. Claim: a concurrent second POST finds the lease taken and does nothing.
  auto claimed = store_.claim_token(token_hash, ctx.now, kClaimLease);
  if (!claimed) return unusable_token(ctx, token_hash);
  std::string email_hash = ctx.app.email_hash(claimed->email);

  auto give_back = [&](const web::Flash& flash) {
    store_.release_token(token_hash);
    return ctx.flash_redirect(flash, "/");
  };

  if (store_.conferences_for_hash_since(email_hash, ctx.now - std::chrono::hours(1)) >=
      config.conferences_per_hour) {
    return give_back({"error", msg::kTooManyConferences, false});
  }

  // 2. Expiry; a day already over is refused here too.
  auto expires_at = expiry_for(*claimed, ctx.now);
  if (!expires_at || !domain::is_far_enough(seconds_of(*expires_at), seconds_of(ctx.now))) {
    return give_back({"error", msg::kDayOver, false});
  }

  // 3. Pending row first, so a create that times out can still be cleaned up.
  std::string conference_id = booking::random_uuid(ctx.app.random());
  Telephony& telephony = ctx.app.telephony();
  std::int64_t room_number = crypto::random_room_number(ctx.app.random(), config.num_pin_digits);
  store_.insert_pending(conference_id, rooms_.seal(room_number, ctx.app.random()), token_hash,
                        ctx.now);

  auto fail_after_ovh_call = [&](const char* what) {
    log::error(std::string("conference not created (") + what + ") for " + email_hash);
    if (booking::expire_room_now(telephony, room_number, ctx.now) !=
        booking::ExpireOutcome::kOvhDown) {
      store_.delete_pending(conference_id);
    }  // else: the purge job expires the room and removes the row once OVH answers
    return give_back({"error", msg::kOvhFailed, false});
  };

  for (int attempt = 1;; ++attempt) {
    try {
      telephony.create_room(room_number);
      break;
    } catch (const ovh::OvhRefused& refused) {
      // A taken number is the only refusal worth another draw.
      bool taken = refused.status() == 409 || refused.status() == 400;
      if (!taken || attempt >= kRoomNumberAttempts) return fail_after_ovh_call("create refused");
      room_number = crypto::random_room_number(ctx.app.random(), config.num_pin_digits);
      store_.update_pending_room(conference_id, rooms_.seal(room_number, ctx.app.random()));
    } catch (const ovh::OvhUnavailable&) {
      return fail_after_ovh_call("create: no answer");
    }
  }
  try {
    telephony.configure_room(room_number, *expires_at);
  } catch (const ovh::OvhRefused&) {
    return fail_after_ovh_call("configure refused");
  } catch (const ovh::OvhUnavailable&) {
    return fail_after_ovh_call("configure: no answer");
  }

  // 4. Store the conference, drop the pending row and consume the token, in one transaction.
  pg::NewConference conference;
  conference.id = conference_id;
  conference.email = claimed->email;
  conference.phone_number = config.ovh_phone_number;
  conference.duration_minutes = claimed->conference_day ? std::nullopt : claimed->duration_minutes;
  conference.conference_day = claimed->conference_day;
  conference.expires_at = *expires_at;
  conference.domain = domain::email_domain(claimed->email);
  conference.hashed_email = email_hash;
  conference.room_number_sealed = rooms_.seal(room_number, ctx.app.random());
  conference.time_zone = claimed->conference_day ? claimed->time_zone : std::nullopt;
  try {
    store_.store_conference(conference, token_hash, ctx.now);
  } catch (const std::exception& failure) {
    log::error(std::string("conference not stored: ") + failure.what());
    // The invariant: no live room without its row. Expire the room now; if OVH cannot be
    // reached, the pending row (still there, the transaction rolled back) lets the purge job
    // finish the clean-up.
    if (booking::expire_room_now(telephony, room_number, ctx.now) !=
        booking::ExpireOutcome::kOvhDown) {
      try {
        store_.delete_pending(conference_id);
      } catch (const std::exception&) {
      }
    }
    try {
      store_.release_token(token_hash);
    } catch (const std::exception&) {
      // The lease runs out by itself.
    }
    return ctx.flash_redirect({"error", msg::kOvhFailed, false}, "/");
  }
  std::string code = std::to_string(room_number);
  log::info("conference created for " + email_hash);

  // 5. Confirmation email, outside any transaction. A failure still shows the code.
  std::optional<domain::CivilDate> day = day_of(claimed->conference_day);
  std::optional<civil::Zone> booked_zone;
  if (conference.time_zone) booked_zone = civil::Zone::find(*conference.time_zone);
  const civil::Zone& zone = booked_zone ? *booked_zone : server_zone_;
  std::string validity = booking::validity_sentence(conference.duration_minutes, day,
                                                    zone.local(*expires_at), zone.label());
  ctemplate::TemplateDictionary dict("conference_booked");
  dict.SetValue("PHONE_HUMAN", domain::phone_for_humans(config.ovh_phone_number));
  dict.SetValue("PHONE_TEL_WITH_CODE", domain::tel_uri_with_code(config.ovh_phone_number, code));
  dict.SetValue("CODE_GROUPED", domain::group_code(code));
  dict.SetValue("VALIDITY", validity);
  if (!config.poll_url.empty())
    dict.AddSectionDictionary("POLL")->SetValue("POLL_URL", config.poll_url);
  dict.AddSectionDictionary("MANAGE")->SetValue(
      "CONFERENCE_URL",
      config.hostname_with_protocol + "/conferences/" + conference_id + "#" + code);
  auto [text, html] = ctx.app.templates().render_email("conference_booked", dict);
  std::string subject =
      day ? "Votre conférence téléphonique du " + domain::french_long_date(*day) + " est réservée"
          : std::string("Votre conférence téléphonique est réservée");
  try {
    ctx.app.mailer().send(MailMessage{config.app_name, config.mail_sender_email, claimed->email,
                                      subject, text, html});
  } catch (const std::exception& failure) {
    log::error("confirmation email not sent to " + email_hash + ": " + failure.what());
    ctx.session.add_flash({"error", msg::kConfirmationEmailFailed, false});
  }
  // 6. The code travels in the fragment only: never sent back to a server, never logged.
  return web::Response::redirect(303, "/conferences/" + conference_id + "#" + code);
}

}  // namespace audioconf::book
