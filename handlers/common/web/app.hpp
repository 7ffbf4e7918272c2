// What one handler worker holds for its whole life (configuration, database connection,
// templates, mailer, OVH client), the per-request Context handlers receive, and the main()
// shared by every handler program.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/civil/zone.hpp"
#include "common/config.hpp"
#include "common/ovh/client.hpp"
#include "common/pg/database.hpp"
#include "common/pg/ovh_call_budget_store.hpp"
#include "common/ports/clock.hpp"
#include "common/ports/deadline.hpp"
#include "common/ports/mailer.hpp"
#include "common/ports/random.hpp"
#include "common/ports/session_store.hpp"
#include "common/ports/telephony.hpp"
#include "common/render/templates.hpp"
#include "common/text/allow_list.hpp"
#include "common/web/http.hpp"
#include "common/web/router.hpp"
#include "common/web/session.hpp"

namespace ctemplate {
class TemplateDictionary;
}

namespace audioconf::web {

/// What the outbound calls (OVH, SMTP) of one request may take in all. nginx waits 12 s for a
/// handler (fastcgi_read_timeout); the database (statement_timeout 5 s, normally milliseconds)
/// and rendering fit in what remains, and the client sees an answer within 15 s.
inline constexpr std::chrono::milliseconds kRequestCallBudget{9000};

class App {
 public:
  /// Builds everything that does not need the network and starts opening the database connection
  /// in the background; the other connections (SMTP, OVH) open on first use.
  App(std::string program, Config config);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  [[nodiscard]] const std::string& program() const { return program_; }
  [[nodiscard]] const Config& config() const { return config_; }
  /// TZ: "today", the day window and the dates of pages and emails (SPEC §7 "Time").
  [[nodiscard]] const civil::Zone& server_zone() const { return server_zone_; }
  [[nodiscard]] Clock& clock() { return *clock_; }
  [[nodiscard]] RandomSource& random() { return *random_; }
  /// The current request's budget for OVH and SMTP calls (started by dispatch()).
  [[nodiscard]] Deadline& deadline() { return *deadline_; }
  [[nodiscard]] pg::Database& db() { return *db_; }
  [[nodiscard]] SessionStore& sessions() { return *sessions_; }
  [[nodiscard]] const render::TemplateSet& templates() const { return *templates_; }
  [[nodiscard]] const text::EmailAllowList& allow_list() const { return *allow_list_; }
  /// The SMTP mailer, created on first use and kept (its connection is reused).
  [[nodiscard]] Mailer& mailer();
  /// The OVH client of users' requests (bookings, cancellations, moderation actions: never
  /// refused by the call budget, but counted in it), created on first use and kept.
  [[nodiscard]] Telephony& telephony();
  /// The same client, for the organizer's actions on a live room.
  [[nodiscard]] RoomModeration& room_moderation();
  /// The fleet's OVH call budget (OVH_MAX_CALLS_PER_MINUTE), for other clients of the program.
  [[nodiscard]] CallBudget& ovh_call_budget() { return *ovh_call_budget_; }
  [[nodiscard]] bool uses_ovh_emulator() const;
  /// Keyed hash of an address for logs and the database (never log the address itself).
  [[nodiscard]] std::string email_hash(std::string_view email) const;

 private:
  std::string program_;
  Config config_;
  civil::Zone server_zone_;
  std::unique_ptr<Clock> clock_;
  std::unique_ptr<RandomSource> random_;
  std::unique_ptr<Deadline> deadline_;
  std::unique_ptr<pg::Database> db_;
  std::unique_ptr<SessionStore> sessions_;
  std::unique_ptr<render::TemplateSet> templates_;
  std::unique_ptr<text::EmailAllowList> allow_list_;
  std::unique_ptr<Mailer> mailer_;
  std::unique_ptr<pg::OvhCallBudgetStore> ovh_call_budget_;
  std::unique_ptr<ovh::OvhClient> ovh_;
  [[nodiscard]] ovh::OvhClient& ovh();
};

/// One request being served: what a route handler may use of it. Handlers get their
/// collaborators (stores, services, settings) by constructor from their program's composition
/// root (handlers/<program>/main.cpp), never from here.
class Context {
 public:
  /// Built by dispatch() only.
  Context(const Request& request, App& app, std::map<std::string, std::string> params);

  const Request& request;
  const TimePoint now;  ///< read once per request
  Session session;
  const std::map<std::string, std::string> params;  ///< route placeholders
  /// Messages page() shows besides the session's flashes (a fixed notice named by the URL).
  std::vector<Flash> notices;

  /// Renders templates/pages/<page>.tpl with the pending flash messages.
  [[nodiscard]] Response page(std::string_view page, ctemplate::TemplateDictionary& dict,
                              std::string_view title, const std::vector<std::string>& scripts = {});
  /// Stores a flash message and redirects (303 after a POST, 302 after a GET).
  [[nodiscard]] Response flash_redirect(Flash flash, std::string location);
  [[nodiscard]] Response error_page(int status, std::string_view title, std::string_view message);

 private:
  const render::TemplateSet& templates_;
};

using Handler = std::function<Response(Context&)>;
using Routes = Router<Handler>;

/// The main() of every handler program: loads the configuration (exits 2 listing every problem),
/// builds the App, lets `setup` register routes and statements, then serves FastCGI on fd 0.
int run_handler(std::string_view program, const std::function<void(Routes&, App&)>& setup);

/// Dispatches one request (exposed for tests): decoding errors, cross-site check, routing,
/// 404/405, session commit, and the mapping of dependency failures to French pages.
[[nodiscard]] Response dispatch(App& app, const Routes& routes, const Request& request,
                                bool decode_failed, bool too_large);

}  // namespace audioconf::web
