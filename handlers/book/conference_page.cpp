#include "book/conference_page.hpp"

#include <ctemplate/template.h>

#include "common/booking/conference_lookup.hpp"
#include "common/domain/formatting.hpp"

namespace audioconf::book {

ConferencePage::ConferencePage(web::App& app) : store_(app.db()) {}

web::Response ConferencePage::render(web::Context& ctx) {
  auto found = booking::find_active_conference(ctx, store_, ctx.params.at("id"));
  if (auto* redirect = std::get_if<web::Response>(&found)) return std::move(*redirect);
  const auto& conference = std::get<booking::ActiveConference>(found);
  ctemplate::TemplateDictionary dict("conference");
  dict.SetValue("PHONE_HUMAN", domain::phone_for_humans(conference.view.phone_number));
  dict.SetValue("PHONE_E164", domain::phone_e164(conference.view.phone_number));
  dict.SetValue("VALIDITY", conference.validity);
  dict.SetValue("CONFERENCE_ID", conference.view.id);
  const std::string& poll_url = ctx.app.config().poll_url;
  if (!poll_url.empty()) dict.AddSectionDictionary("POLL")->SetValue("POLL_URL", poll_url);
  return ctx.page("conference", dict, "Votre conférence est réservée", {"/static/js/conference.js"});
}

}  // namespace audioconf::book
