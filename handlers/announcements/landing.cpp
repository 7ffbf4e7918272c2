#include "announcements/landing.hpp"

#include <ctemplate/template.h>

#include "common/domain/booking_choices.hpp"
#include "common/domain/formatting.hpp"
#include "common/log.hpp"
#include "common/web/booking_answers.hpp"

namespace audioconf::announcements {
namespace {

constexpr auto kStatsMaxAge = std::chrono::minutes(5);

/// The <option> list of a select, rendered through templates/fragments/select_options.tpl.
std::string options_html(const web::TemplateSet& templates,
                         const std::vector<domain::Choice>& choices, const std::string& selected) {
  ctemplate::TemplateDictionary dict("select_options");
  for (const domain::Choice& choice : choices) {
    auto* option = dict.AddSectionDictionary("OPTION");
    option->SetValue("VALUE", choice.value);
    option->SetValue("LABEL", choice.label);
    if (choice.value == selected) option->ShowSection("SELECTED");
  }
  return templates.render_fragment("select_options", dict);
}

}  // namespace

LandingPage::LandingPage(web::App& app) : stats_(app.db()) {
  // The duration <option>s depend on the configuration only: rendered once, at start-up.
  if (!app.config().feature_reservations) {
    duration_options_ = options_html(
        app.templates(), domain::duration_choices(app.config().conference_max_duration_minutes),
        std::to_string(domain::kDefaultDurationMinutes));
  }
}

std::string LandingPage::stats_sentence(TimePoint now, std::chrono::seconds cache_ttl) {
  if (!cache_valid_ || now - cached_at_ >= cache_ttl) {
    try {
      cached_point_ = stats_.latest();
    } catch (const std::exception& error) {
      // A database problem only hides the line (SPEC §2).
      log::warning(std::string("stats line hidden: ") + error.what());
      cached_point_.reset();
    }
    cached_at_ = now;
    cache_valid_ = true;
  }
  if (!cached_point_ || now - cached_point_->date > kStatsMaxAge ||
      cached_point_->online_participants <= 0) {
    return "";
  }
  return domain::online_stats_sentence(cached_point_->online_participants,
                                       cached_point_->active_conferences);
}

const std::string& LandingPage::day_options(web::Context& ctx) {
  const domain::CivilDate today = ctx.app.server_zone().date_of(ctx.now);
  if (day_options_.empty() || day_options_date_ != today) {
    auto choices = domain::day_choices(today, ctx.app.config().reserve_num_days_ahead);
    day_options_ =
        options_html(ctx.app.templates(), choices, choices.empty() ? "" : choices.front().value);
    day_options_date_ = today;
  }
  return day_options_;
}

web::Response LandingPage::render(web::Context& ctx) {
  const Config& config = ctx.app.config();
  ctemplate::TemplateDictionary dict("landing");
  // A fixed notice named by the URL (see web::notice_redirect); unknown codes show nothing.
  if (auto notice = web::notice_for_code(ctx.request.query_value("message").value_or(""))) {
    ctx.notices.push_back(std::move(*notice));
  }
  for (const std::string& announcement : config.announcements) {
    dict.AddSectionDictionary("ANNOUNCEMENT")->SetValue("HTML", announcement);
  }
  dict.SetValue("EMAIL_VALUE", ctx.session.email());
  // The alerts in #messages describe the field, or the refusal next to it when there is one.
  dict.SetValue("EMAIL_DESCRIBED_BY", "messages");
  if (std::string error = ctx.session.take_email_error(); !error.empty()) {
    dict.SetValue("EMAIL_DESCRIBED_BY", "email-error");
    dict.ShowSection("EMAIL_INVALID");
    dict.AddSectionDictionary("EMAIL_ERROR")->SetValue("MESSAGE", error);
  }
  dict.SetValue("FORM_ACTION", config.auth_email ? "/valider-email" : "/connexion/proconnect");
  if (config.auth_email) dict.ShowSection("EMAIL_METHOD");
  if (config.auth_proconnect) {
    auto* proconnect = dict.AddSectionDictionary("PROCONNECT");
    if (auto agent = ctx.session.agent(web::kSignedInMaxAge)) {
      proconnect->AddSectionDictionary("SIGNED_IN")->SetValue("NAME", web::display_name(*agent));
    } else {
      proconnect->ShowSection("SIGNED_OUT");
    }
  }
  if (config.feature_reservations) {
    dict.AddSectionDictionary("DAY_MODE")->SetValue("OPTIONS", day_options(ctx));
  } else {
    dict.AddSectionDictionary("DURATION_MODE")->SetValue("OPTIONS", duration_options_);
  }
  if (config.feature_display_stats_on_landing) {
    std::string sentence =
        stats_sentence(ctx.now, std::chrono::seconds(config.stats_cache_seconds));
    if (!sentence.empty()) dict.AddSectionDictionary("STATS_LINE")->SetValue("TEXT", sentence);
  }
  return ctx.page("landing", dict, "Réserver une conférence téléphonique",
                  {"/static/js/landing.js"});
}

}  // namespace audioconf::announcements
