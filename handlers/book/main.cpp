// The `book` handler: from the email form (or a ProConnect sign-in) to the booked conference's
// page.
#include "book/conference_page.hpp"
#include "book/create_conference.hpp"
#include "book/email_validation.hpp"
#include "book/proconnect.hpp"
#include "common/booking/assembly.hpp"
#include "common/net/http_client.hpp"
#include "common/oidc/client.hpp"
#include "common/oidc/settings.hpp"
#include "common/pg/oidc_state_store.hpp"
#include "common/web/app.hpp"

namespace {

using namespace audioconf;

/// ProConnect's parts, built only when AUTH_METHODS has it.
struct ProConnectParts {
  ProConnectParts(web::App& app, booking::BookingService& service)
      : client(
            oidc::client_settings_of(app.config()),
            [this](const net::HttpRequest& request) { return http.perform(request); }, app.clock()),
        states(app.db()),
        sign_in(service, client, states, app.random(), app.config().secret) {}

  net::HttpClient http;
  oidc::OidcClient client;
  pg::OidcStateStore states;
  book::ProConnectSignIn sign_in;
};

/// Everything the routes use, built once per worker process.
struct BookProgram {
  explicit BookProgram(web::App& app)
      : booking({app.db(), app.telephony(), app.mailer(), app.templates(), app.allow_list(),
                 app.clock(), app.random()},
                app.config(), app.server_zone()),
        validation(booking.service(), app.config().token_duration_minutes, app.allow_list()),
        creation(booking.service()),
        conference(booking.service(), app.config().poll_url) {
    if (app.config().auth_proconnect) {
      proconnect = std::make_unique<ProConnectParts>(app, booking.service());
    }
  }

  booking::BookingAssembly booking;
  book::EmailValidation validation;
  book::CreateConference creation;
  book::ConferencePage conference;
  std::unique_ptr<ProConnectParts> proconnect;
};

}  // namespace

int main() {
  return web::run_handler("book", [](web::Routes& routes, web::App& app) {
    auto program = std::make_shared<BookProgram>(app);
    if (app.config().auth_email) {
      routes.add("POST", "/valider-email",
                 [program](web::Context& ctx) { return program->validation.submit(ctx); });
      routes.add("GET", "/email-de-validation-envoye",
                 [program](web::Context& ctx) { return program->validation.sent_page(ctx); });
    }
    // Links already mailed keep working whatever the methods offered now.
    routes.add("GET", "/creer-conf",
               [program](web::Context& ctx) { return program->creation.confirm_page(ctx); });
    routes.add("POST", "/creer-conf",
               [program](web::Context& ctx) { return program->creation.create(ctx); });
    routes.add("GET", "/conferences/{id}",
               [program](web::Context& ctx) { return program->conference.render(ctx); });
    if (program->proconnect) {
      book::ProConnectSignIn& sign_in = program->proconnect->sign_in;
      routes.add("POST", "/connexion/proconnect",
                 [program, &sign_in](web::Context& ctx) { return sign_in.start(ctx); });
      routes.add("GET", "/connexion/proconnect/retour",
                 [program, &sign_in](web::Context& ctx) { return sign_in.callback(ctx); });
      routes.add("POST", "/deconnexion",
                 [program, &sign_in](web::Context& ctx) { return sign_in.logout(ctx); });
      routes.add("GET", "/deconnexion/retour",
                 [program, &sign_in](web::Context& ctx) { return sign_in.logout_return(ctx); });
    }
  });
}
