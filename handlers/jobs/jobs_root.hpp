// The jobs program's composition root: one instance of each collaborator for the process (the
// configuration, the clock, the database and its stores, the OVH client, the mailer and the
// email templates), handed to each job as exactly what it needs. No web layer: a job has no
// request, no session and no per-request time budget (each call keeps its own timeout).
#pragma once

#include "common/booking/rooms.hpp"
#include "common/civil/zone.hpp"
#include "common/config.hpp"
#include "common/crypto/os_random.hpp"
#include "common/mail/smtp_mailer.hpp"
#include "common/ovh/client.hpp"
#include "common/pg/job_store.hpp"
#include "common/pg/login_token_store.hpp"
#include "common/pg/oidc_state_store.hpp"
#include "common/pg/ovh_call_budget_store.hpp"
#include "common/pg/pending_conference_store.hpp"
#include "common/pg/pg_session_store.hpp"
#include "common/pg/stats_store.hpp"
#include "common/render/templates.hpp"

namespace audioconf::jobs {

struct JobsRoot {
  explicit JobsRoot(Config settings);
  JobsRoot(const JobsRoot&) = delete;
  JobsRoot& operator=(const JobsRoot&) = delete;

  Config config;
  civil::Zone server_zone;
  SystemClock clock;
  crypto::OsRandom random;
  pg::Database db;
  pg::JobRunStore runs;
  pg::JobStore jobs;
  pg::StatsStore stats;
  pg::LoginTokenStore tokens;
  pg::PendingConferenceStore pending;
  pg::PgSessionStore sessions;
  pg::OidcStateStore oidc_states;
  booking::RoomNumberBox rooms;
  pg::OvhCallBudgetStore ovh_budget;
  ovh::OvhClient telephony;  ///< spends the OVH call budget as a job: after users' calls
  mail::SmtpMailer mailer;
  render::TemplateSet templates;
};

}  // namespace audioconf::jobs
