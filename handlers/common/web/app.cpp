#include "common/web/app.hpp"

#include <ctemplate/template.h>

#include <cstdlib>
#include <iostream>

#include "common/crypto/hash.hpp"
#include "common/crypto/os_random.hpp"
#include "common/crypto/tokens.hpp"
#include "common/log.hpp"
#include "common/mail/smtp_mailer.hpp"
#include "common/ovh/client.hpp"
#include "common/ovh/errors.hpp"
#include "common/pg/pg_session_store.hpp"
#include "common/settings_for.hpp"
#include "common/version.hpp"
#include "common/web/csrf.hpp"
#include "common/web/fcgi_server.hpp"

namespace audioconf::web {
namespace {

std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

std::vector<render::FlashView> to_views(const std::vector<Flash>& flashes) {
  std::vector<render::FlashView> views;
  for (const Flash& flash : flashes)
    views.push_back({flash.kind, flash.message, flash.contact_button});
  return views;
}

// load_config() has already refused an unknown TZ.
civil::Zone server_zone_of(const Config& config) {
  auto zone = civil::Zone::find(config.time_zone);
  if (!zone) throw ConfigError("Invalid configuration: TZ is not a known time zone");
  return *zone;
}

}  // namespace

App::App(std::string program, Config config)
    : program_(std::move(program)),
      config_(std::move(config)),
      server_zone_(server_zone_of(config_)),
      clock_(std::make_unique<SystemClock>()),
      random_(std::make_unique<crypto::OsRandom>()),
      deadline_(std::make_unique<Deadline>(*clock_)),
      db_(std::make_unique<pg::Database>(config_.database_url, config_.time_zone)),
      sessions_(std::make_unique<pg::PgSessionStore>(*db_)),
      ovh_call_budget_(
          std::make_unique<pg::OvhCallBudgetStore>(*db_, config_.ovh_max_calls_per_minute)) {
  // The connection opens while the templates load and the program builds its routes: a fresh
  // worker answers its first request sooner (issue 16 item 5, scripts/bench "exec to first
  // answer").
  db_->connect_in_background();
  // libcurl (and with it OpenSSL's tables, about 2 ms) is initialised by the OVH and SMTP clients
  // on their first use (net/http_client.cpp, mail/smtp_mailer.cpp), not here: most first answers
  // of a fresh worker never call them.
  // load_config() compiled EMAIL_WHITELIST and refused it when a pattern did not compile.
  allow_list_ = std::make_unique<text::EmailAllowList>(config_.email_allow_list.value());
  templates_ = std::make_unique<render::TemplateSet>(
      env_or("AUDIOCONF_TEMPLATES_DIR", "templates"),
      render::SiteInfo{config_.app_name, kVersion, config_.support_email,
                       config_.hostname_with_protocol, config_.feature_stats_page},
      render::TemplateSet::Scope::kHandlers);
}

App::~App() = default;

Mailer& App::mailer() {
  if (!mailer_) {
    mailer_ = std::make_unique<mail::SmtpMailer>(smtp_settings_for(config_), *clock_, *random_,
                                                 deadline_.get());
  }
  return *mailer_;
}

ovh::OvhClient& App::ovh() {
  if (!ovh_) {
    ovh_ = std::make_unique<ovh::OvhClient>(
        ovh_settings_for(config_), *clock_, deadline_.get(),
        ovh::CallGate{ovh_call_budget_.get(), CallPriority::kUser});
  }
  return *ovh_;
}

Telephony& App::telephony() { return ovh(); }

RoomModeration& App::room_moderation() { return ovh(); }

bool App::uses_ovh_emulator() const { return !ovh::is_official_ovh_endpoint(config_.ovh_endpoint); }

std::string App::email_hash(std::string_view email) const {
  return crypto::hashed_email(config_.secret, email);
}

Context::Context(const Request& req, App& application,
                 std::map<std::string, std::string> route_params)
    : request(req),
      now(application.clock().now()),
      session(req, application.sessions(), application.random(), now,
              SessionSettings{application.config().session_cookie_name(),
                              std::chrono::minutes(application.config().session_idle_minutes),
                              std::chrono::seconds(60), application.config().secure_cookies()}),
      params(std::move(route_params)),
      templates_(application.templates()) {}

Response Context::page(std::string_view page_name, ctemplate::TemplateDictionary& dict,
                       std::string_view title, const std::vector<std::string>& scripts) {
  std::vector<Flash> flashes = session.take_flashes();
  flashes.insert(flashes.end(), notices.begin(), notices.end());
  if (auto agent = session.agent(kSignedInMaxAge)) {
    dict.ShowTemplateGlobalSection("SIGNED_IN_AGENT");
    dict.SetTemplateGlobalValue("AGENT_NAME", display_name(*agent));
  }
  Response response = Response::html(
      200, templates_.render_page(page_name, dict, title, to_views(flashes), scripts));
  return response;
}

Response Context::flash_redirect(Flash flash, std::string location) {
  session.add_flash(std::move(flash));
  return Response::redirect(request.method == "POST" ? 303 : 302, std::move(location));
}

Response Context::error_page(int status, std::string_view title, std::string_view message) {
  return Response::html(status, templates_.render_error(status, title, message));
}

Response dispatch(App& app, const Routes& routes, const Request& request, bool decode_failed,
                  bool too_large) {
  const render::TemplateSet& templates = app.templates();
  if (too_large) {
    return Response::html(413, templates.render_error(413, "Requête trop volumineuse",
                                                      "La requête envoyée est trop volumineuse."));
  }
  if (decode_failed) {
    return Response::html(400, templates.render_error(400, "Requête invalide",
                                                      "La requête envoyée n'a pas pu être lue."));
  }
  if (!passes_origin_check(request, app.config().origin())) {
    log::warning("cross-site POST refused");
    return Response::html(
        403, templates.render_error(403, "Action refusée",
                                    "Cette action doit être faite depuis le site lui-même. "
                                    "Revenez à l'accueil et réessayez."));
  }
  auto match = routes.match(request.method, request.path);
  if (match.handler == nullptr) {
    if (!match.allowed_methods.empty()) {
      std::string allow;
      for (const std::string& method : match.allowed_methods) {
        if (!allow.empty()) allow += ", ";
        allow += method;
        if (method == "GET") allow += ", HEAD";
      }
      Response response = Response::html(
          405, templates.render_error(405, "Méthode non autorisée",
                                      "Cette adresse ne peut pas être utilisée de cette façon."));
      response.add_header("Allow", allow);
      return response;
    }
    return Response::html(404, templates.render_error(404, "Page non trouvée",
                                                      "La page que vous cherchez n'existe pas."));
  }
  app.deadline().start_from(request.arrived_at, kRequestCallBudget);
  try {
    Context context(request, app, std::move(match.params));
    Response response = (*match.handler)(context);
    context.session.commit(response);
    // Pages that carry a session or depend on it must never be cached by a proxy.
    response.add_header("Cache-Control", "no-store");
    return response;
  } catch (const Unavailable& error) {
    // A dependency down (database, OVH) is the only failure mapped here: 503, retry later.
    log::error(std::string("dependency unavailable: ") + error.what());
    Response response =
        Response::html(503, templates.render_error(503, "Service momentanément indisponible",
                                                   "Le service est momentanément indisponible. "
                                                   "Merci de réessayer dans quelques minutes."));
    response.add_header("Retry-After", "30");
    return response;
  }
}

int run_handler(std::string_view program, const std::function<void(Routes&, App&)>& setup) {
  log::set_program(program);
  std::unique_ptr<App> app;
  try {
    app = std::make_unique<App>(std::string(program), load_process_config());
  } catch (const ConfigError& error) {
    log::error(error.what());
    return 2;
  } catch (const std::exception& error) {
    log::error(std::string("start-up failed: ") + error.what());
    return 1;
  }
  Routes routes;
  setup(routes, *app);
  if (app->uses_ovh_emulator()) log::info("OVH: using the OVH emulator at the configured endpoint");
  return serve_fastcgi(
      [&](const Request& request, DecodeError decode) {
        return dispatch(*app, routes, request, decode == DecodeError::kBadRequest,
                        decode == DecodeError::kTooLarge);
      },
      [&](const Request&) {
        return Response::html(500, app->templates().render_error(
                                       500, "Erreur interne",
                                       "Une erreur interne s'est produite. Merci de réessayer."));
      });
}

}  // namespace audioconf::web
