// The booking service with its PostgreSQL stores and its template emails, built once per
// process by the programs that serve the booking flow (book, cancel).
#pragma once

#include "common/booking/emails.hpp"
#include "common/booking/service.hpp"
#include "common/pg/conference_store.hpp"
#include "common/pg/login_token_store.hpp"
#include "common/pg/pending_conference_store.hpp"

namespace audioconf::booking {

struct BookingInfrastructure {
  pg::Database& db;
  Telephony& telephony;
  Mailer& mailer;
  const render::TemplateSet& templates;
  const text::EmailAllowList& allow_list;
  const Clock& clock;
  RandomSource& random;
};

class BookingAssembly {
 public:
  BookingAssembly(const BookingInfrastructure& infrastructure, const Config& config,
                  const civil::Zone& server_zone);
  BookingAssembly(const BookingAssembly&) = delete;
  BookingAssembly& operator=(const BookingAssembly&) = delete;

  [[nodiscard]] BookingService& service() { return service_; }

 private:
  pg::LoginTokenStore tokens_;
  pg::PendingConferenceStore pending_;
  pg::ConferenceStore conferences_;
  TemplateBookingEmails emails_;
  BookingService service_;
};

}  // namespace audioconf::booking
