#include "book/email_validation.hpp"

#include <ctemplate/template.h>

#include "common/booking/messages.hpp"
#include "common/domain/email_address.hpp"
#include "common/web/url_encoding.hpp"

namespace audioconf::book {
namespace {

namespace msg = booking::messages;

/// How a refused form is shown: the message, whether it is about the address (then also shown
/// next to the field), whether it offers to contact us.
struct Refusal {
  const char* message;
  bool about_address;
  bool contact;
};

Refusal refusal_for(booking::LinkOutcome outcome) {
  switch (outcome) {
    case booking::LinkOutcome::kMissingDuration:
      return {msg::kMissingDuration, false, false};
    case booking::LinkOutcome::kMissingDay:
      return {msg::kMissingDay, false, false};
    case booking::LinkOutcome::kBadTimezone:
      return {msg::kBadTimezone, false, false};
    case booking::LinkOutcome::kInvalidEmail:
      return {msg::kInvalidEmail, true, false};
    case booking::LinkOutcome::kNotAllowed:
      return {msg::kEmailNotAllowed, true, true};
    case booking::LinkOutcome::kDayOver:
      return {msg::kDayOver, false, false};
    case booking::LinkOutcome::kTooManyLinks:
      return {msg::kTooManyLinks, true, false};
    case booking::LinkOutcome::kAddressRefusedByRelay:
      return {msg::kEmailRefusedByRelay, true, false};
    default:
      return {msg::kInternalError, false, false};
  }
}

}  // namespace

web::Response EmailValidation::submit(web::Context& ctx) {
  const web::Request& req = ctx.request;
  std::string email = domain::trim(req.form_value("email").value_or(""));
  booking::LinkOutcome outcome =
      service_.request_link({email, req.form_value("durationInMinutes"), req.form_value("day"),
                             req.form_value("userTimezoneOffset"), req.form_value("userTimeZone")});
  if (outcome == booking::LinkOutcome::kSent) {
    return web::Response::redirect(
        303, "/email-de-validation-envoye?email=" + web::percent_encode(email));
  }
  // Every refusal refills the form with what was typed (kept in the session with the flash).
  Refusal refusal = refusal_for(outcome);
  if (email.size() <= domain::kMaxEmailLength && email.find_first_of("\r\n") == std::string::npos) {
    ctx.session.set_email(email);
  }
  if (refusal.about_address) ctx.session.set_email_error(refusal.message);
  return ctx.flash_redirect(web::Flash{"error", refusal.message, refusal.contact}, "/");
}

web::Response EmailValidation::sent_page(web::Context& ctx) {
  // The query string is anyone's to write: only an address we would have sent a link to is
  // shown, never other text ("ATTENTION : appelez le 08 99…" on an official page).
  std::string email = domain::trim(ctx.request.query_value("email").value_or(""));
  ctemplate::TemplateDictionary dict("validation_email_sent");
  if (domain::check_email_syntax(email) == domain::EmailSyntax::kValid &&
      allow_list_.allows(email)) {
    dict.AddSectionDictionary("KNOWN_EMAIL")->SetValue("EMAIL", email);
  } else {
    dict.ShowSection("NO_EMAIL");
  }
  dict.SetIntValue("TOKEN_MINUTES", token_duration_minutes_);
  return ctx.page("validation_email_sent", dict, "Vérifiez votre boîte mail");
}

}  // namespace audioconf::book
