#include "book/email_validation.hpp"

#include <ctemplate/template.h>

#include "common/booking/messages.hpp"
#include "common/booking/texts.hpp"
#include "common/crypto/hash.hpp"
#include "common/crypto/tokens.hpp"
#include "common/domain/booking_choices.hpp"
#include "common/domain/email_address.hpp"
#include "common/domain/expiry.hpp"
#include "common/local_time.hpp"
#include "common/log.hpp"
#include "common/ports/mailer.hpp"
#include "common/web/url_encoding.hpp"

namespace audioconf::book {
namespace {

namespace msg = booking::messages;
constexpr std::size_t kTokenBytes = 32;  // 256 bits (SPEC §2)

std::optional<std::string_view> view_of(const std::optional<std::string>& value) {
  if (!value) return std::nullopt;
  return std::string_view(*value);
}

}  // namespace

EmailValidation::EmailValidation(web::App& app) : store_(app.db()) {}

web::Response EmailValidation::submit(web::Context& ctx) {
  const Config& config = ctx.app.config();
  const web::Request& req = ctx.request;
  std::string email = domain::trim(req.form_value("email").value_or(""));
  // Every refusal refills the form with what was typed (kept in the session with the flash).
  auto refuse = [&](const char* message, bool contact = false) {
    if (email.size() <= domain::kMaxEmailLength &&
        email.find_first_of("\r\n") == std::string::npos) {
      ctx.session.set_email(email);
    }
    return ctx.flash_redirect(web::Flash{"error", message, contact}, "/");
  };
  // A refusal caused by the address itself is also shown next to the field.
  auto refuse_address = [&](const char* message, bool contact = false) {
    ctx.session.set_email_error(message);
    return refuse(message, contact);
  };

  // 1. Duration or day, according to the current mode; the other field is ignored.
  pg::NewLoginToken token;
  std::optional<domain::CivilDate> day;
  domain::CivilDate today = local_date(ctx.now);
  if (config.feature_reservations) {
    auto raw = req.form_value("day");
    if (domain::check_day(view_of(raw), today, config.reserve_num_days_ahead) !=
        domain::ChoiceCheck::kValid) {
      return refuse(msg::kMissingDay);
    }
    day = domain::parse_iso_date(*raw);
    token.conference_day = domain::to_iso(*day);
  } else {
    auto raw = req.form_value("durationInMinutes");
    if (domain::check_duration(view_of(raw), config.conference_max_duration_minutes) !=
        domain::ChoiceCheck::kValid) {
      return refuse(msg::kMissingDuration);
    }
    token.duration_minutes = std::stoi(*raw);
  }
  auto offset = domain::check_timezone_offset(view_of(req.form_value("userTimezoneOffset")));
  if (offset.check == domain::ChoiceCheck::kOutOfRange) {
    return refuse(msg::kBadTimezone);
  }
  token.timezone_offset = offset.minutes;
  if (auto zone = req.form_value("userTimeZone"); zone && domain::looks_like_iana_zone(*zone)) {
    token.time_zone = *zone;
  }

  // 2. Email syntax (length first), 3. allow-list.
  // RFC 5321's limits included: what a relay would refuse is refused here, with this message.
  if (domain::check_email_syntax(email) != domain::EmailSyntax::kValid) {
    return refuse_address(msg::kInvalidEmail);
  }
  if (!ctx.app.allow_list().allows(email)) {
    log::info("email refused by the allow-list: " + ctx.app.email_hash(email));
    return refuse_address(msg::kEmailNotAllowed, true);
  }

  // A day already over in the user's zone is refused now rather than when the link is used.
  if (day) {
    std::optional<TimePoint> day_end;
    if (token.time_zone) day_end = store_.day_end_in_zone(*token.conference_day, *token.time_zone);
    if (!day_end && token.time_zone) token.time_zone.reset();  // unknown zone name
    if (!day_end && token.timezone_offset) {
      day_end = domain::day_end_with_offset(*day, *token.timezone_offset);
    }
    if (!day_end) day_end = store_.day_end_in_zone(*token.conference_day, config.time_zone);
    if (!day_end ||
        !domain::is_far_enough(std::chrono::time_point_cast<std::chrono::seconds>(*day_end),
                               std::chrono::time_point_cast<std::chrono::seconds>(ctx.now))) {
      return refuse(msg::kDayOver);
    }
  }

  // 4. The token: only its hash is stored, unless the address reached its hourly limit (kept
  // in PostgreSQL so it holds across hosts; checked by the insert itself).
  std::string raw_token = crypto::random_token(ctx.app.random(), kTokenBytes);
  token.token_hash = crypto::sha256_hex(raw_token);
  token.email = email;
  token.expires_at = ctx.now + std::chrono::minutes(config.token_duration_minutes);
  if (!store_.insert_token(
          token, ctx.now,
          pg::TokenLimit{ctx.now - pg::kLinkLimitWindow, config.email_links_per_hour,
                         ctx.app.email_hash(email)})) {
    log::info("email link rate limit reached: " + ctx.app.email_hash(email));
    return refuse_address(msg::kTooManyLinks);
  }

  // 5. The email, outside any transaction.
  ctemplate::TemplateDictionary dict("validation_email");
  dict.SetValue("LINK", config.hostname_with_protocol + "/creer-conf?token=" + raw_token);
  dict.SetValue("EXPIRY_TEXT", domain::french_date_time(local_date_time(token.expires_at)) + " (" +
                                   zone_label(config.time_zone) + ")");
  dict.SetValue("SUMMARY", booking::booking_summary(token.duration_minutes, day));
  auto [text, html] = ctx.app.templates().render_email("validation", dict);
  try {
    ctx.app.mailer().send(MailMessage{config.app_name, config.mail_sender_email, email,
                                      "Confirmez la réservation de votre conférence audio", text,
                                      html});
  } catch (const MailRecipientRefused& refusal) {
    // The address passed our checks but not the relay's: the user's to correct, not an incident.
    log::info(std::string("validation email refused by the relay for ") +
              ctx.app.email_hash(email) + ": " + refusal.what());
    try {
      store_.delete_token(token.token_hash);
    } catch (const std::exception&) {
    }
    return refuse_address(msg::kEmailRefusedByRelay);
  } catch (const std::exception& failure) {
    log::error(std::string("validation email not sent to ") + ctx.app.email_hash(email) + ": " +
               failure.what());
    try {
      store_.delete_token(token.token_hash);  // nothing half-done stays behind
    } catch (const std::exception&) {
    }
    return refuse(msg::kInternalError);
  }
  log::info("validation email sent to " + ctx.app.email_hash(email));
  return web::Response::redirect(303,
                                 "/email-de-validation-envoye?email=" + web::percent_encode(email));
}

web::Response EmailValidation::sent_page(web::Context& ctx) {
  std::string email = ctx.request.query_value("email").value_or("");
  if (email.size() > domain::kMaxEmailLength) email.clear();
  ctemplate::TemplateDictionary dict("validation_email_sent");
  dict.SetValue("EMAIL", email);
  dict.SetIntValue("TOKEN_MINUTES", ctx.app.config().token_duration_minutes);
  return ctx.page("validation_email_sent", dict, "Vérifiez votre boîte mail");
}

}  // namespace audioconf::book
