#include "book/conference_page.hpp"

#include <ctemplate/template.h>

#include "common/domain/formatting.hpp"
#include "common/web/booking_answers.hpp"

namespace audioconf::book {

web::Response ConferencePage::render(web::Context& ctx) {
  booking::ConferenceLookup found = service_.find(ctx.params.at("id"));
  if (found.outcome != booking::LookupOutcome::kActive) {
    return web::inactive_conference(ctx, found);
  }
  const ConferenceView& view = *found.view;
  ctemplate::TemplateDictionary dict("conference");
  dict.SetValue("PHONE_HUMAN", domain::phone_for_humans(view.phone_number));
  dict.SetValue("PHONE_E164", domain::phone_e164(view.phone_number));
  dict.SetValue("VALIDITY", found.validity);
  dict.SetValue("CONFERENCE_ID", view.id);
  if (!poll_url_.empty()) dict.AddSectionDictionary("POLL")->SetValue("POLL_URL", poll_url_);
  return ctx.page("conference", dict, "Votre conférence est réservée",
                  {"/static/js/conference.js"});
}

}  // namespace audioconf::book
