#include "book/create_conference.hpp"

#include <ctemplate/template.h>

#include "common/booking/texts.hpp"
#include "common/web/booking_answers.hpp"

namespace audioconf::book {

web::Response CreateConference::confirm_page(web::Context& ctx) {
  std::string token = ctx.request.query_value("token").value_or("");
  booking::LinkPreview preview = service_.preview(token);
  if (preview.state != booking::LinkState::kUsable || !preview.request) {
    return web::link_notice(ctx, preview.state);
  }
  std::optional<domain::CivilDate> day;
  if (preview.request->conference_day) {
    day = domain::parse_iso_date(*preview.request->conference_day);
  }
  ctemplate::TemplateDictionary dict("confirm_booking");
  dict.SetValue("TOKEN", token);
  dict.SetValue("SUMMARY", booking::booking_summary(preview.request->duration_minutes, day));
  web::Response response =
      ctx.page("confirm_booking", dict, "Créer ma conférence", {"/static/js/auto-submit.js"});
  // The page holds the token: keep it out of caches and of any Referer.
  response.add_header("Referrer-Policy", "no-referrer");
  return response;
}

web::Response CreateConference::create(web::Context& ctx) {
  booking::CreateResult result = service_.create(ctx.request.form_value("token").value_or(""));
  switch (result.outcome) {
    case booking::CreateOutcome::kCreatedMailFailed:
      ctx.session.add_flash(web::flash_for(result.outcome));
      [[fallthrough]];
    case booking::CreateOutcome::kCreated:
      // The code travels in the fragment only: never sent back to a server, never logged.
      return web::Response::redirect(303,
                                     "/conferences/" + result.conference_id + "#" + result.code);
    default:
      return ctx.flash_redirect(web::flash_for(result.outcome), "/");
  }
}

}  // namespace audioconf::book
