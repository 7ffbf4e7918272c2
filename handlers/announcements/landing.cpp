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
std::string options_html(const render::TemplateSet& templates,
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

LandingPage::LandingPage(LandingSettings settings, const render::TemplateSet& templates,
                         pg::StatsStore& stats, const civil::Zone& zone)
    : settings_(std::move(settings)), templates_(templates), stats_(stats), zone_(zone) {
  // The duration <option>s depend on the configuration only: rendered once, at start-up.
  if (!settings_.day_mode) {
    duration_options_ = options_html(
        templates_, domain::duration_choices(settings_.conference_max_duration_minutes),
        std::to_string(domain::kDefaultDurationMinutes));
  }
}

std::string LandingPage::stats_sentence(TimePoint now) {
  if (!cache_valid_ || now - cached_at_ >= settings_.stats_cache) {
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

const std::string& LandingPage::day_options(TimePoint now) {
  const domain::CivilDate today = zone_.date_of(now);
  if (day_options_.empty() || day_options_date_ != today) {
    auto choices = domain::day_choices(today, settings_.reserve_num_days_ahead);
    day_options_ = options_html(templates_, choices, choices.empty() ? "" : choices.front().value);
    day_options_date_ = today;
  }
  return day_options_;
}

web::Response LandingPage::render(web::Context& ctx) {
  ctemplate::TemplateDictionary dict("landing");
  // A fixed notice named by the URL (see web::notice_redirect); unknown codes show nothing.
  if (auto notice = web::notice_for_code(ctx.request.query_value("message").value_or(""))) {
    ctx.notices.push_back(std::move(*notice));
  }
  for (const std::string& announcement : settings_.announcements) {
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
  dict.SetValue("FORM_ACTION", settings_.email_method ? "/valider-email" : "/connexion/proconnect");
  if (settings_.email_method) dict.ShowSection("EMAIL_METHOD");
  if (settings_.proconnect_method) {
    auto* proconnect = dict.AddSectionDictionary("PROCONNECT");
    if (auto agent = ctx.session.agent(web::kSignedInMaxAge)) {
      proconnect->AddSectionDictionary("SIGNED_IN")->SetValue("NAME", web::display_name(*agent));
    } else {
      proconnect->ShowSection("SIGNED_OUT");
    }
  }
  if (settings_.day_mode) {
    dict.AddSectionDictionary("DAY_MODE")->SetValue("OPTIONS", day_options(ctx.now));
  } else {
    dict.AddSectionDictionary("DURATION_MODE")->SetValue("OPTIONS", duration_options_);
  }
  if (settings_.stats_line) {
    std::string sentence = stats_sentence(ctx.now);
    if (!sentence.empty()) dict.AddSectionDictionary("STATS_LINE")->SetValue("TEXT", sentence);
  }
  return ctx.page("landing", dict, "Réserver une conférence téléphonique",
                  {"/static/js/landing.js"});
}

}  // namespace audioconf::announcements
