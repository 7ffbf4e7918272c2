// TemplateSet: pages, emails and static pages rendered from the real templates/ folder.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/render/templates.hpp"

namespace {

namespace fs = std::filesystem;
using audioconf::render::FlashView;
using audioconf::render::SiteInfo;
using audioconf::render::TemplateSet;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kScriptTag = "<script>alert(1)</script>";
constexpr const char* kAttributeBreak = "\"><img src=x onerror=alert(1)>";
constexpr const char* kJavascriptUrl = "javascript:alert(1)";

// The repository's templates/ folder: found from this source file, or AUDIOCONF_TEMPLATES.
std::string templates_root() {
  if (const char* dir = std::getenv("AUDIOCONF_TEMPLATES"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  return (fs::path(__FILE__).parent_path() / ".." / ".." / "templates").lexically_normal().string();
}

SiteInfo test_site(bool stats_page = true) {
  return SiteInfo{"CoucouCollègues", "1.2.3", "support@example.gouv.fr",
                  "https://audioconf.example.gouv.fr", stats_page};
}

const TemplateSet& templates() {
  static const TemplateSet set(templates_root(), test_site());
  return set;
}

std::string render(std::string_view page, ctemplate::TemplateDictionary& dict,
                   const std::vector<FlashView>& flashes = {},
                   const std::vector<std::string>& scripts = {}) {
  return templates().render_page(page, dict, "Titre de test", flashes, scripts);
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t found = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++found;
  }
  return found;
}

// What a strict Content-Security-Policy (no 'unsafe-inline') would block, and the basics
// every page needs. Used on every rendered page.
void expect_csp_safe_accessible_page(const std::string& html) {
  EXPECT_THAT(html, HasSubstr("<!DOCTYPE html>"));
  EXPECT_THAT(html, HasSubstr("<html lang=\"fr\""));
  EXPECT_EQ(count(html, "<h1"), 1U) << html;
  EXPECT_THAT(html, HasSubstr("href=\"#contenu\""));
  EXPECT_THAT(html, HasSubstr("<main id=\"contenu\">"));
  EXPECT_THAT(html, HasSubstr("href=\"/mentions-legales\""));
  EXPECT_THAT(html, HasSubstr("href=\"/contact\""));
  EXPECT_THAT(html, HasSubstr("href=\"/questions-frequentes\""));
  EXPECT_THAT(html, HasSubstr("href=\"/stats\""));
  EXPECT_THAT(html, HasSubstr("Version 1.2.3"));
  EXPECT_THAT(html, Not(HasSubstr("style=\"")));
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(<script(?![^>]*\bsrc=)[^>]*>)")))
      << "inline script in " << html;
  EXPECT_FALSE(
      std::regex_search(html, std::regex(R"(<[^>]+\son[a-z]+\s*=\s*["'])", std::regex::icase)))
      << "inline event handler in " << html;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void write_file(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

// A scratch folder removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "templates-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Smallest template folder the constructor accepts, plus whatever a test adds.
void write_minimal_templates(const fs::path& root) {
  const std::string pragma = "{{%AUTOESCAPE context=\"HTML\"}}\n";
  write_file(root / "partials/head.tpl", pragma + "<title>{{PAGE_TITLE}}</title>\n");
  write_file(root / "partials/header.tpl", pragma + "<header></header>\n");
  write_file(root / "partials/flashes.tpl", pragma + "{{#FLASH}}<p>{{MESSAGE}}</p>{{/FLASH}}\n");
  write_file(root / "partials/footer.tpl", pragma + "<footer></footer>\n");
  write_file(root / "pages/error.tpl",
             pragma + "{{>HEAD}}{{>HEADER}}<h1>{{TITLE}}</h1>{{>FLASHES}}{{>FOOTER}}\n");
}

std::string constructor_error(const fs::path& root) {
  try {
    const TemplateSet set(root.string(), test_site());
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  return "no exception";
}

// ---------------------------------------------------------------- landing page

/// The <option>s as the landing page renders them (templates/fragments/select_options.tpl).
std::string select_options(std::initializer_list<std::pair<const char*, const char*>> choices,
                           std::string_view selected) {
  ctemplate::TemplateDictionary options("select_options");
  for (const auto& [value, label] : choices) {
    auto* option = options.AddSectionDictionary("OPTION");
    option->SetValue("VALUE", value);
    option->SetValue("LABEL", label);
    if (value == selected) option->ShowSection("SELECTED");
  }
  return templates().render_fragment("select_options", options);
}

/// The landing page as the handler fills it with AUTH_METHODS=email (the default), plus durations.
void add_durations(ctemplate::TemplateDictionary& dict) {
  dict.SetValue("FORM_ACTION", "/valider-email");
  dict.ShowSection("EMAIL_METHOD");
  dict.AddSectionDictionary("DURATION_MODE")
      ->SetValue("OPTIONS", select_options({{"60", "1 heure"}, {"120", "2 heures"}}, "120"));
}

TEST(TemplateSet, LandingTitleIsPageTitleThenAppName) {
  ctemplate::TemplateDictionary dict("landing");
  add_durations(dict);
  const std::string html = templates().render_page(
      "landing", dict, "Réserver une conférence téléphonique", {}, {"/static/js/landing.js"});
  EXPECT_THAT(html,
              HasSubstr("<title>Réserver une conférence téléphonique | CoucouCollègues</title>"));
  expect_csp_safe_accessible_page(html);
}

TEST(TemplateSet, LandingEscapesHostileEmailValue) {
  ctemplate::TemplateDictionary dict("landing");
  add_durations(dict);
  dict.SetValue("EMAIL_VALUE", kAttributeBreak);
  const std::string html = render("landing", dict);
  EXPECT_THAT(html, HasSubstr("value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\""));
  EXPECT_THAT(html, Not(HasSubstr("<img src=x")));
}

TEST(TemplateSet, LandingKeepsAnnouncementMarkupUnescaped) {
  ctemplate::TemplateDictionary dict("landing");
  add_durations(dict);
  dict.AddSectionDictionary("ANNOUNCEMENT")
      ->SetValue("HTML", "Maintenance <strong>ce soir</strong>, <a href=\"/contact\">détails</a>");
  const std::string html = render("landing", dict);
  EXPECT_THAT(html,
              HasSubstr("Maintenance <strong>ce soir</strong>, <a href=\"/contact\">détails</a>"));
  EXPECT_THAT(html, HasSubstr("fr-callout"));
}

TEST(TemplateSet, LandingShowsNoAnnouncementCalloutWithoutAnnouncement) {
  ctemplate::TemplateDictionary dict("landing");
  add_durations(dict);
  EXPECT_THAT(render("landing", dict), Not(HasSubstr("fr-callout__text")));
}

TEST(TemplateSet, LandingDurationModeListsOptionsWithTheSelectedOne) {
  ctemplate::TemplateDictionary dict("landing");
  add_durations(dict);
  const std::string html = render("landing", dict);
  EXPECT_THAT(html, HasSubstr("<select class=\"fr-select\" id=\"durationInMinutes\" "
                              "name=\"durationInMinutes\">"));
  EXPECT_THAT(html, HasSubstr("<option value=\"60\">1 heure</option>"));
  EXPECT_THAT(html, HasSubstr("<option value=\"120\" selected>2 heures</option>"));
  EXPECT_THAT(html, HasSubstr("<label class=\"fr-label\" for=\"durationInMinutes\">"));
  EXPECT_THAT(html, Not(HasSubstr("name=\"day\"")));
}

TEST(TemplateSet, LandingDayModeEscapesOptionValues) {
  ctemplate::TemplateDictionary dict("landing");
  dict.AddSectionDictionary("DAY_MODE")
      ->SetValue("OPTIONS", select_options({{kAttributeBreak, kScriptTag}}, kAttributeBreak));
  const std::string html = render("landing", dict);
  EXPECT_THAT(html, HasSubstr("name=\"day\""));
  EXPECT_THAT(html, HasSubstr("<option value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\" "
                              "selected>&lt;script&gt;alert(1)&lt;/script&gt;</option>"));
  EXPECT_THAT(html, Not(HasSubstr(kScriptTag)));
  EXPECT_THAT(html, Not(HasSubstr("name=\"durationInMinutes\"")));
}

TEST(TemplateSet, AnUnknownFragmentIsAnError) {
  ctemplate::TemplateDictionary dict("fragment");
  EXPECT_THROW((void)templates().render_fragment("no_such_fragment", dict), std::runtime_error);
}

TEST(TemplateSet, LandingFormPostsEmailAndEmptyTimeZoneFields) {
  ctemplate::TemplateDictionary dict("landing");
  add_durations(dict);
  const std::string html = render("landing", dict);
  EXPECT_THAT(html, HasSubstr("<form method=\"post\" action=\"/valider-email\""));
  EXPECT_TRUE(std::regex_search(
      html, std::regex(R"(<input[^>]*type="email"[^>]*name="email"[^>]*required[^>]*)"
                       R"(autocomplete="email")")));
  EXPECT_THAT(html, HasSubstr("<input type=\"hidden\" name=\"userTimezoneOffset\" "
                              "id=\"userTimezoneOffset\" value=\"\">"));
  EXPECT_THAT(
      html,
      HasSubstr("<input type=\"hidden\" name=\"userTimeZone\" id=\"userTimeZone\" value=\"\">"));
  EXPECT_THAT(html, HasSubstr("Recevoir le lien de réservation"));
  EXPECT_THAT(html, HasSubstr("Comment ça marche ?"));
  EXPECT_THAT(html, HasSubstr("Jusqu’à 50 participants"));
}

TEST(TemplateSet, LandingEscapesStatsLine) {
  ctemplate::TemplateDictionary dict("landing");
  add_durations(dict);
  dict.AddSectionDictionary("STATS_LINE")->SetValue("TEXT", kScriptTag);
  const std::string html = render("landing", dict);
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(html, Not(HasSubstr(kScriptTag)));
}

// ---------------------------------------------------------------- layout: flashes, scripts

TEST(TemplateSet, FlashesAreDsfrAlertsWithEscapedMessages) {
  ctemplate::TemplateDictionary dict("landing");
  add_durations(dict);
  const std::string html =
      render("landing", dict,
             {FlashView{"error", kScriptTag, true}, FlashView{"success", "C’est fait.", false}});
  EXPECT_THAT(html, HasSubstr("fr-alert fr-alert--error"));
  EXPECT_THAT(html, HasSubstr("fr-alert fr-alert--success"));
  EXPECT_THAT(html, HasSubstr("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"));
  EXPECT_THAT(html, HasSubstr("<p>C’est fait.</p>"));
  EXPECT_THAT(html, Not(HasSubstr(kScriptTag)));
}

TEST(TemplateSet, LandingEmailFieldIsDescribedByTheMessagesEvenWithoutAny) {
  // Without a refusal of the address the field points at #messages (what the landing handler
  // sets), so the region must exist with or without flashes.
  for (const std::vector<FlashView>& flashes :
       {std::vector<FlashView>{}, std::vector<FlashView>{FlashView{"error", "Refusé", true}}}) {
    ctemplate::TemplateDictionary dict("landing");
    add_durations(dict);
    dict.SetValue("EMAIL_DESCRIBED_BY", "messages");
    const std::string html = render("landing", dict, flashes);
    EXPECT_THAT(html, HasSubstr("aria-describedby=\"messages\""));
    EXPECT_EQ(count(html, "id=\"messages\""), 1U);
    const auto region = html.find("id=\"messages\"");
    const auto alert = html.find("fr-alert fr-alert--error");
    if (!flashes.empty()) {
      EXPECT_LT(region, alert);
    }
  }
}

TEST(TemplateSet, ContactButtonAppearsOnlyForFlashesThatAskForIt) {
  ctemplate::TemplateDictionary with_button("landing");
  add_durations(with_button);
  const std::string html = render("landing", with_button, {FlashView{"error", "Refusé", true}});
  EXPECT_THAT(html, HasSubstr("href=\"mailto:support@example.gouv.fr\""));
  EXPECT_EQ(count(html, "Nous contacter"), 1U);

  ctemplate::TemplateDictionary without_button("landing");
  add_durations(without_button);
  EXPECT_THAT(render("landing", without_button, {FlashView{"info", "Info", false}}),
              Not(HasSubstr("Nous contacter")));
}

TEST(TemplateSet, UnknownFlashKindIsShownAsInfo) {
  ctemplate::TemplateDictionary dict("landing");
  add_durations(dict);
  const std::string html = render("landing", dict, {FlashView{kAttributeBreak, "Message", false}});
  EXPECT_THAT(html, HasSubstr("fr-alert fr-alert--info"));
  EXPECT_THAT(html, Not(HasSubstr("onerror")));
}

TEST(TemplateSet, ScriptsAreDeferredFilesAndUnsafeSourcesAreNeutralised) {
  ctemplate::TemplateDictionary dict("landing");
  add_durations(dict);
  const std::string html = render("landing", dict, {}, {"/static/js/landing.js", kJavascriptUrl});
  EXPECT_THAT(html, HasSubstr("<script src=\"/static/js/landing.js?v=1.2.3\" defer></script>"));
  EXPECT_THAT(html, Not(HasSubstr("javascript:")));
  EXPECT_THAT(html, HasSubstr("src=\"/dsfr/dsfr.module.min.js\""));
}

TEST(TemplateSet, SiteValuesAreEscapedInTheLayout) {
  const TemplateSet hostile(
      templates_root(), SiteInfo{"<b>App</b>", "1\"2", "x\"@example.gouv.fr", "https://x", true});
  ctemplate::TemplateDictionary dict("error");
  const std::string html = hostile.render_page("error", dict, "Titre", {}, {});
  EXPECT_THAT(html, HasSubstr("<title>Titre | &lt;b&gt;App&lt;/b&gt;</title>"));
  EXPECT_THAT(html, Not(HasSubstr("<b>App</b>")));
  EXPECT_THAT(html, Not(HasSubstr("1\"2")));
}

// ---------------------------------------------------------------- booking pages

TEST(TemplateSet, ValidationEmailSentPageEscapesEmail) {
  ctemplate::TemplateDictionary dict("sent");
  dict.AddSectionDictionary("KNOWN_EMAIL")->SetValue("EMAIL", kScriptTag);
  dict.SetValue("TOKEN_MINUTES", "120");
  const std::string html = render("validation_email_sent", dict);
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(html, HasSubstr("valable 120 minutes"));
  EXPECT_THAT(html, HasSubstr("href=\"/\""));
  expect_csp_safe_accessible_page(html);
}

TEST(TemplateSet, ConfirmBookingPostsTheEscapedTokenAndAutoSubmits) {
  ctemplate::TemplateDictionary dict("confirm");
  dict.SetValue("TOKEN", kAttributeBreak);
  dict.SetValue("SUMMARY", "Conférence de 2 heures");
  const std::string html = render("confirm_booking", dict, {}, {"/static/js/auto-submit.js"});
  EXPECT_THAT(html, HasSubstr("<form method=\"post\" action=\"/creer-conf\" "
                              "id=\"confirm-booking-form\" data-auto-submit>"));
  EXPECT_THAT(html, HasSubstr("<input type=\"hidden\" name=\"token\" "
                              "value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">"));
  EXPECT_THAT(html, HasSubstr("Conférence de 2 heures"));
  EXPECT_THAT(html, HasSubstr(">Créer ma conférence</button>"));
  expect_csp_safe_accessible_page(html);
}

void fill_conference(ctemplate::TemplateDictionary& dict) {
  dict.SetValue("PHONE_HUMAN", "01 22 33 44 55");
  dict.SetValue("PHONE_E164", "+33122334455");
  dict.SetValue("VALIDITY", "Cette conférence est active pendant 2 heures.");
  dict.SetValue("CONFERENCE_ID", "6f1c2a9e-58a4-4a55-9c43-0f2b7d9c1e11");
}

TEST(TemplateSet, ConferencePageShowsNumberAndExplainsWhereTheCodeIs) {
  ctemplate::TemplateDictionary dict("conference");
  fill_conference(dict);
  const std::string html = render("conference", dict, {}, {"/static/js/conference.js"});
  EXPECT_THAT(html, HasSubstr("href=\"tel:+33122334455\""));
  EXPECT_THAT(html, HasSubstr("data-phone=\"+33122334455\""));
  EXPECT_THAT(html, HasSubstr(">01 22 33 44 55</a>"));
  EXPECT_THAT(html, HasSubstr("id=\"access-code\""));
  EXPECT_THAT(html, HasSubstr("id=\"access-code-missing\""));
  EXPECT_THAT(html, HasSubstr("e-mail de confirmation"));
  EXPECT_THAT(html,
              HasSubstr("href=\"/conferences/6f1c2a9e-58a4-4a55-9c43-0f2b7d9c1e11/annuler\""));
  EXPECT_THAT(html, Not(HasSubstr("n’a pas pu être envoyé")));
  EXPECT_THAT(html, Not(HasSubstr("Donnez-nous votre avis")));
  expect_csp_safe_accessible_page(html);
}

TEST(TemplateSet, ConferencePageEscapesHostileValues) {
  ctemplate::TemplateDictionary dict("conference");
  fill_conference(dict);
  dict.SetValue("PHONE_HUMAN", kScriptTag);
  dict.SetValue("PHONE_E164", kAttributeBreak);
  dict.SetValue("CONFERENCE_ID", kAttributeBreak);
  dict.AddSectionDictionary("POLL")->SetValue("POLL_URL", kJavascriptUrl);
  const std::string html = render("conference", dict);
  EXPECT_THAT(html, Not(HasSubstr(kScriptTag)));
  EXPECT_THAT(html, Not(HasSubstr("<img")));
  EXPECT_THAT(html, Not(HasSubstr("javascript:")));
  EXPECT_THAT(html, HasSubstr("href=\"#\""));  // the poll link
  EXPECT_THAT(html, HasSubstr("href=\"/conferences/%22%3E%3Cimg"));
}

TEST(TemplateSet, ConferencePageShowsEmailFailureAndPoll) {
  ctemplate::TemplateDictionary dict("conference");
  fill_conference(dict);
  dict.ShowSection("EMAIL_FAILED");
  dict.AddSectionDictionary("POLL")->SetValue("POLL_URL",
                                              "https://sondage.example.gouv.fr/a?b=1&c=2");
  const std::string html = render("conference", dict);
  EXPECT_THAT(html, HasSubstr("fr-alert fr-alert--warning"));
  EXPECT_THAT(html, HasSubstr("n’a pas pu être envoyé"));
  EXPECT_THAT(html, HasSubstr("href=\"https://sondage.example.gouv.fr/a?b=1&amp;c=2\""));
}

TEST(TemplateSet, CancelConfirmationPostsToTheConferenceCancelUrl) {
  ctemplate::TemplateDictionary dict("conference");
  fill_conference(dict);
  const std::string html = render("cancel_confirm", dict, {}, {"/static/js/conference.js"});
  EXPECT_THAT(html, HasSubstr("<form method=\"post\" action=\"/conferences/"
                              "6f1c2a9e-58a4-4a55-9c43-0f2b7d9c1e11/annuler\">"));
  EXPECT_THAT(html, HasSubstr(">Oui, annuler la conférence</button>"));
  EXPECT_THAT(html, HasSubstr("href=\"/conferences/6f1c2a9e-58a4-4a55-9c43-0f2b7d9c1e11\""));
  EXPECT_THAT(html, HasSubstr("Non, revenir à la conférence"));
  expect_csp_safe_accessible_page(html);
}

TEST(TemplateSet, StatsPageListsPointsInATable) {
  ctemplate::TemplateDictionary dict("stats");
  auto* point = dict.AddSectionDictionary("POINT");
  point->SetValue("DATE", "26/11/2026 14:05");
  point->SetValue("PARTICIPANTS", "12");
  point->SetValue("ACTIVE", "3");
  point->AddSectionDictionary("BOOKED_VALUE")->SetValue("BOOKED", kScriptTag);
  dict.AddSectionDictionary("POINT")->ShowSection("BOOKED_MISSING");
  const std::string html = render("stats", dict);
  EXPECT_THAT(html, HasSubstr("<th scope=\"col\">Participants en ligne</th>"));
  EXPECT_THAT(html, HasSubstr("<th scope=\"row\">26/11/2026 14:05</th>"));
  EXPECT_THAT(html, HasSubstr("non disponible"));
  EXPECT_THAT(html, Not(HasSubstr(kScriptTag)));
  expect_csp_safe_accessible_page(html);
}

TEST(TemplateSet, UnknownPageThrows) {
  ctemplate::TemplateDictionary dict("missing");
  EXPECT_THROW((void)render("does_not_exist", dict), std::runtime_error);
}

// ---------------------------------------------------------------- error page

TEST(TemplateSet, ErrorPageShowsStatusAndEscapedTexts) {
  const std::string html = templates().render_error(403, "Accès refusé", kScriptTag);
  EXPECT_THAT(html, HasSubstr("<title>Accès refusé | CoucouCollègues</title>"));
  EXPECT_THAT(html, HasSubstr("<h1>Accès refusé</h1>"));
  EXPECT_THAT(html, HasSubstr("Erreur 403"));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(html, Not(HasSubstr(kScriptTag)));
  expect_csp_safe_accessible_page(html);
}

// ---------------------------------------------------------------- emails

TEST(TemplateSet, ValidationEmailContainsTheLinkInBothParts) {
  ctemplate::TemplateDictionary dict("email");
  dict.SetValue("LINK", "https://audioconf.example.gouv.fr/creer-conf?token=abc_DEF-123");
  dict.SetValue("EXPIRY_TEXT", "jeudi 26 novembre 2026 à 14h05");
  dict.SetValue("SUMMARY", "Conférence de 2 heures & plus");
  const auto [text, html] = templates().render_email("validation", dict);
  EXPECT_THAT(text, HasSubstr("https://audioconf.example.gouv.fr/creer-conf?token=abc_DEF-123"));
  EXPECT_THAT(text, HasSubstr("jeudi 26 novembre 2026 à 14h05"));
  EXPECT_THAT(text, HasSubstr("Conférence de 2 heures & plus"));  // plain text: no entities
  EXPECT_THAT(text, HasSubstr("CoucouCollègues"));
  EXPECT_THAT(html,
              HasSubstr("href=\"https://audioconf.example.gouv.fr/creer-conf?token=abc_DEF-123\""));
  EXPECT_THAT(html, HasSubstr("Conférence de 2 heures &amp; plus"));
  EXPECT_THAT(html, HasSubstr("<html lang=\"fr\">"));
  EXPECT_THAT(html, HasSubstr("<title>"));
  EXPECT_THAT(html, HasSubstr("href=\"https://audioconf.example.gouv.fr\""));
}

TEST(TemplateSet, ValidationEmailNeutralisesAJavascriptLink) {
  ctemplate::TemplateDictionary dict("email");
  dict.SetValue("LINK", kJavascriptUrl);
  dict.SetValue("SUMMARY", kScriptTag);
  const auto [text, html] = templates().render_email("validation", dict);
  EXPECT_THAT(html, Not(HasSubstr("href=\"javascript:")));
  EXPECT_THAT(html, HasSubstr("href=\"#\""));
  EXPECT_THAT(html, Not(HasSubstr(kScriptTag)));
}

void fill_booked(ctemplate::TemplateDictionary& dict) {
  dict.SetValue("PHONE_HUMAN", "01 22 33 44 55");
  dict.SetValue("PHONE_TEL_WITH_CODE", "tel:+33122334455,,123456789%23");
  dict.SetValue("CODE_GROUPED", "123 456 789");
  dict.SetValue("VALIDITY", "Cette conférence est active pendant 2 heures.");
}

TEST(TemplateSet, BookedEmailCarriesNumberCodeAndDialLink) {
  ctemplate::TemplateDictionary dict("booked");
  fill_booked(dict);
  dict.AddSectionDictionary("POLL")->SetValue("POLL_URL", "https://sondage.example.gouv.fr/x");
  dict.AddSectionDictionary("MANAGE")->SetValue(
      "CONFERENCE_URL", "https://audioconf.example.gouv.fr/conferences/abc#123456789");
  const auto [text, html] = templates().render_email("conference_booked", dict);
  for (const std::string* part : {&text, &html}) {
    EXPECT_THAT(*part, HasSubstr("01 22 33 44 55"));
    EXPECT_THAT(*part, HasSubstr("123 456 789"));
    EXPECT_THAT(*part, HasSubstr("50"));
    EXPECT_THAT(*part, HasSubstr("https://sondage.example.gouv.fr/x"));
    EXPECT_THAT(*part, HasSubstr("https://audioconf.example.gouv.fr/conferences/abc#123456789"));
  }
  EXPECT_THAT(html, HasSubstr("href=\"tel:+33122334455,,123456789%23\""));
  EXPECT_THAT(text, HasSubstr("tel:+33122334455,,123456789%23"));
}

TEST(TemplateSet, BookedEmailOmitsPollWithoutPollUrl) {
  ctemplate::TemplateDictionary dict("booked");
  fill_booked(dict);
  const auto [text, html] = templates().render_email("conference_booked", dict);
  EXPECT_THAT(text, Not(HasSubstr("questionnaire")));
  EXPECT_THAT(text, Not(HasSubstr("Votre avis")));
  EXPECT_THAT(html, Not(HasSubstr("questionnaire")));
}

TEST(TemplateSet, BookedEmailRefusesAnythingButATelUriInTheDialLink) {
  ctemplate::TemplateDictionary dict("booked");
  fill_booked(dict);
  dict.SetValue("PHONE_TEL_WITH_CODE", std::string("tel:1") + kAttributeBreak);
  dict.AddSectionDictionary("POLL")->SetValue("POLL_URL", kJavascriptUrl);
  const auto [text, html] = templates().render_email("conference_booked", dict);
  EXPECT_THAT(html, Not(HasSubstr("<img")));
  EXPECT_THAT(html, Not(HasSubstr("javascript:")));
  EXPECT_EQ(count(html, "href=\"#\""), 2U);
}

TEST(TemplateSet, SiteUrlDropsTrailingSlashes) {
  const TemplateSet set(templates_root(), SiteInfo{"CoucouCollègues", "1", "a@example.gouv.fr",
                                                   "https://x.gouv.fr//", true});
  ctemplate::TemplateDictionary dict("email");
  const auto [text, html] = set.render_email("validation", dict);
  EXPECT_THAT(text, HasSubstr("\nhttps://x.gouv.fr\n"));
  EXPECT_THAT(html, HasSubstr("href=\"https://x.gouv.fr\""));
}

TEST(TemplateSet, UnknownEmailThrows) {
  ctemplate::TemplateDictionary dict("email");
  EXPECT_THROW((void)templates().render_email("nope", dict), std::runtime_error);
}

// ---------------------------------------------------------------- static site

TEST(TemplateSet, RenderStaticSiteWritesEveryPageAndErrorPage) {
  const TempDir out;
  const std::size_t written = templates().render_static_site(out.path().string());
  const std::vector<std::string> pages = {"mentions-legales", "contact", "questions-frequentes"};
  const std::vector<std::string> errors = {"400", "403", "404", "405", "413", "414",
                                           "429", "500", "502", "503", "504"};
  EXPECT_EQ(written, pages.size() + errors.size());
  for (const auto& page : pages) {
    const std::string html = read_file(out.path() / (page + ".html"));
    SCOPED_TRACE(page);
    expect_csp_safe_accessible_page(html);
    EXPECT_THAT(html, HasSubstr(" | CoucouCollègues</title>"));
  }
  for (const auto& code : errors) {
    const std::string html = read_file(out.path() / "errors" / (code + ".html"));
    SCOPED_TRACE(code);
    expect_csp_safe_accessible_page(html);
    EXPECT_THAT(html, HasSubstr("Erreur " + code));
  }
  EXPECT_THAT(read_file(out.path() / "errors/404.html"),
              HasSubstr("<title>Page non trouvée | CoucouCollègues</title>"));
  EXPECT_THAT(read_file(out.path() / "contact.html"),
              HasSubstr("href=\"mailto:support@example.gouv.fr\""));
  EXPECT_THAT(read_file(out.path() / "questions-frequentes.html"), HasSubstr("50 participants"));
  EXPECT_THAT(read_file(out.path() / "mentions-legales.html"), HasSubstr("id=\"accessibilite\""));
}

TEST(TemplateSet, PagesLinkToStatsOnlyWhenTheStatsPageExists) {
  // FEATURE_STATS_PAGE off: /stats answers 404, so no page may link to it.
  const TemplateSet without(templates_root(), test_site(false));
  const TempDir out;
  EXPECT_GT(without.render_static_site(out.path().string()), 0U);
  std::vector<std::string> pages = {read_file(out.path() / "contact.html"),
                                    read_file(out.path() / "errors" / "404.html"),
                                    without.render_error(404, "Page non trouvée", "Absente.")};
  ctemplate::TemplateDictionary landing("landing");
  add_durations(landing);
  pages.push_back(without.render_page("landing", landing, "Accueil", {}, {}));
  for (const std::string& html : pages) {
    EXPECT_THAT(html, Not(HasSubstr("href=\"/stats\""))) << html;
    EXPECT_THAT(html, Not(HasSubstr("Statistiques"))) << html;
    EXPECT_THAT(html, HasSubstr("href=\"/contact\""));  // the rest of the footer stays
  }
  // On: every page has the footer link, once.
  ctemplate::TemplateDictionary error("error");
  EXPECT_EQ(count(templates().render_page("error", error, "Titre", {}, {}),
                  "<a class=\"fr-footer__bottom-link\" href=\"/stats\">Statistiques</a>"),
            1U);
}

// ---------------------------------------------------------------- loading

TEST(TemplateSet, ConstructorRejectsHtmlTemplateWithoutAutoEscapePragma) {
  const TempDir root;
  write_minimal_templates(root.path());
  write_file(root.path() / "pages/bad.tpl", "<p>{{VALUE}}</p>\n");
  EXPECT_THAT(constructor_error(root.path()), HasSubstr("pages/bad.tpl"));
}

TEST(TemplateSet, ConstructorNamesTemplateThatFailsToCompile) {
  const TempDir root;
  write_minimal_templates(root.path());
  // An unquoted URL attribute cannot be auto-escaped safely: ctemplate refuses it.
  write_file(root.path() / "pages/unsafe.tpl",
             "{{%AUTOESCAPE context=\"HTML\"}}\n<a href={{URL}}>x</a>\n");
  write_file(root.path() / "pages/unclosed.tpl",
             "{{%AUTOESCAPE context=\"HTML\"}}\n{{#SECTION}}never closed\n");
  const std::string error = constructor_error(root.path());
  EXPECT_THAT(error, HasSubstr("pages/unsafe.tpl"));
  EXPECT_THAT(error, HasSubstr("pages/unclosed.tpl"));
}

TEST(TemplateSet, ConstructorRequiresTheLayoutPartials) {
  const TempDir root;
  write_minimal_templates(root.path());
  fs::remove(root.path() / "partials/footer.tpl");
  EXPECT_THAT(constructor_error(root.path()), HasSubstr("partials/footer.tpl"));
}

TEST(TemplateSet, LandingShowsARefusedAddressAsAFieldError) {
  ctemplate::TemplateDictionary dict("landing");
  add_durations(dict);
  dict.SetValue("EMAIL_DESCRIBED_BY", "email-error");
  dict.ShowSection("EMAIL_INVALID");
  dict.AddSectionDictionary("EMAIL_ERROR")->SetValue("MESSAGE", "Email <invalide>");
  const std::string html = render("landing", dict, {FlashView{"error", "Email <invalide>", false}});
  EXPECT_THAT(html, HasSubstr("fr-input-group fr-input-group--error"));
  EXPECT_THAT(html, HasSubstr("class=\"fr-input fr-input--error\""));
  EXPECT_THAT(html, HasSubstr("aria-invalid=\"true\" aria-describedby=\"email-error\""));
  EXPECT_THAT(
      html, HasSubstr("<p id=\"email-error\" class=\"fr-error-text\">Email &lt;invalide&gt;</p>"));
}

TEST(TemplateSet, LandingWithBothMethodsHasTheProConnectButtonInTheSameForm) {
  ctemplate::TemplateDictionary dict("landing");
  add_durations(dict);
  dict.AddSectionDictionary("PROCONNECT")->ShowSection("SIGNED_OUT");
  const std::string html = render("landing", dict, {});
  EXPECT_THAT(html, HasSubstr("<form method=\"post\" action=\"/valider-email\""));
  EXPECT_THAT(html, HasSubstr("formaction=\"/connexion/proconnect\" formnovalidate"));
  EXPECT_THAT(html, HasSubstr("<span class=\"fr-connect__brand\">ProConnect</span>"));
  EXPECT_THAT(html, HasSubstr("name=\"durationInMinutes\""));
}

TEST(TemplateSet, LandingWithProConnectOnlyHasNoEmailField) {
  ctemplate::TemplateDictionary dict("landing");
  dict.SetValue("FORM_ACTION", "/connexion/proconnect");
  dict.AddSectionDictionary("PROCONNECT")->ShowSection("SIGNED_OUT");
  const std::string html = render("landing", dict, {});
  EXPECT_THAT(html, HasSubstr("action=\"/connexion/proconnect\""));
  EXPECT_THAT(html, Not(HasSubstr("name=\"email\"")));
  EXPECT_THAT(html, Not(HasSubstr("Recevoir le lien")));
}

TEST(TemplateSet, LandingForASignedInAgentOffersToBookAtOnceAndEscapesTheName) {
  ctemplate::TemplateDictionary dict("landing");
  add_durations(dict);
  dict.AddSectionDictionary("PROCONNECT")
      ->AddSectionDictionary("SIGNED_IN")
      ->SetValue("NAME", "Jean <b>Dupont</b>");
  const std::string html = render("landing", dict, {});
  EXPECT_THAT(html, HasSubstr("en tant que Jean &lt;b&gt;Dupont&lt;/b&gt;"));
  EXPECT_THAT(html, HasSubstr("Créer ma conférence"));
  EXPECT_THAT(html, Not(HasSubstr("fr-connect__brand")));
}

TEST(TemplateSet, HeaderShowsTheSignedInAgentAndASignOutForm) {
  ctemplate::TemplateDictionary dict("landing");
  add_durations(dict);
  dict.ShowTemplateGlobalSection("SIGNED_IN_AGENT");
  dict.SetTemplateGlobalValue("AGENT_NAME", "Jeanne <Durand>");
  const std::string html = render("landing", dict, {});
  EXPECT_THAT(html, HasSubstr("Jeanne &lt;Durand&gt;"));
  EXPECT_THAT(html, HasSubstr("<form method=\"post\" action=\"/deconnexion\">"));
  EXPECT_THAT(html, HasSubstr("Se déconnecter"));
}

TEST(TemplateSet, HandlerScopeLeavesTheStaticPagesOut) {
  const TempDir out;
  const TemplateSet handlers(templates_root(), test_site(), TemplateSet::Scope::kHandlers);
  EXPECT_EQ(handlers.render_static_site(out.path().string()), 0u);
  ctemplate::TemplateDictionary dict("landing");
  add_durations(dict);
  EXPECT_THAT(handlers.render_page("landing", dict, "Réserver", {}, {}), HasSubstr("<h1>"));
}

TEST(TemplateSet, ConstructorRequiresATitleOnStaticPages) {
  const TempDir root;
  write_minimal_templates(root.path());
  write_file(root.path() / "static/untitled.tpl", "{{%AUTOESCAPE context=\"HTML\"}}\n<p>x</p>\n");
  EXPECT_THAT(constructor_error(root.path()), HasSubstr("static/untitled.tpl"));
}

TEST(TemplateSet, ConstructorRejectsMissingFolder) {
  EXPECT_THAT(constructor_error("/nonexistent/templates"), HasSubstr("/nonexistent/templates"));
}

}  // namespace
