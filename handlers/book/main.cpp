// The `book` handler: from the email form to the booked conference's page.
#include "book/conference_page.hpp"
#include "book/create_conference.hpp"
#include "book/email_validation.hpp"
#include "common/booking/assembly.hpp"
#include "common/web/app.hpp"

namespace {

using namespace audioconf;

/// Everything the routes use, built once per worker process.
struct BookProgram {
  explicit BookProgram(web::App& app)
      : booking({app.db(), app.telephony(), app.mailer(), app.templates(), app.allow_list(),
                 app.clock(), app.random()},
                app.config(), app.server_zone()),
        validation(booking.service(), app.config().token_duration_minutes),
        creation(booking.service()),
        conference(booking.service(), app.config().poll_url) {}

  booking::BookingAssembly booking;
  book::EmailValidation validation;
  book::CreateConference creation;
  book::ConferencePage conference;
};

}  // namespace

int main() {
  return web::run_handler("book", [](web::Routes& routes, web::App& app) {
    auto program = std::make_shared<BookProgram>(app);
    routes.add("POST", "/valider-email",
               [program](web::Context& ctx) { return program->validation.submit(ctx); });
    routes.add("GET", "/email-de-validation-envoye",
               [program](web::Context& ctx) { return program->validation.sent_page(ctx); });
    routes.add("GET", "/creer-conf",
               [program](web::Context& ctx) { return program->creation.confirm_page(ctx); });
    routes.add("POST", "/creer-conf",
               [program](web::Context& ctx) { return program->creation.create(ctx); });
    routes.add("GET", "/conferences/{id}",
               [program](web::Context& ctx) { return program->conference.render(ctx); });
  });
}
