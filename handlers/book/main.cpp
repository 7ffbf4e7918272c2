// The `book` handler: from the email form to the booked conference's page.
#include "book/conference_page.hpp"
#include "book/create_conference.hpp"
#include "book/email_validation.hpp"
#include "common/web/app.hpp"

int main() {
  using namespace audioconf;
  return web::run_handler("book", [](web::Routes& routes, web::App& app) {
    auto validation = std::make_shared<book::EmailValidation>(app);
    auto creation = std::make_shared<book::CreateConference>(app);
    auto conference = std::make_shared<book::ConferencePage>(app);
    routes.add("POST", "/valider-email", [validation](web::Context& ctx) { return validation->submit(ctx); });
    routes.add("GET", "/email-de-validation-envoye",
               [validation](web::Context& ctx) { return validation->sent_page(ctx); });
    routes.add("GET", "/creer-conf", [creation](web::Context& ctx) { return creation->confirm_page(ctx); });
    routes.add("POST", "/creer-conf", [creation](web::Context& ctx) { return creation->create(ctx); });
    routes.add("GET", "/conferences/{id}", [conference](web::Context& ctx) { return conference->render(ctx); });
  });
}
