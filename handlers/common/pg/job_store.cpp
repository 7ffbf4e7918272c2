#include "common/pg/job_store.hpp"

#include "common/pg/time.hpp"

namespace audioconf::pg {

JobRunStore::JobRunStore(Database& db) : db_(db) {}

bool JobRunStore::begin(const std::string& job, const std::string& period, TimePoint now) {
  return db_.transaction([&](pqxx::work& tx) {
    // The WHERE of DO UPDATE leaves a done row untouched, and then nothing is returned.
    return !tx.exec_params(
                  "INSERT INTO job_runs (job, period, started_at, status) "
                  "VALUES ($1, $2, to_timestamp($3), 'running') "
                  "ON CONFLICT (job, period) DO UPDATE SET started_at = excluded.started_at, "
                  "finished_at = NULL, status = 'running', summary = '' "
                  "WHERE job_runs.status <> 'done' RETURNING 1",
                  job, period, to_epoch(now))
                .empty();
  });
}

void JobRunStore::finish(const std::string& job, const std::string& period, bool done,
                         const std::string& summary, TimePoint now) {
  db_.transaction([&](pqxx::work& tx) {
    tx.exec_params(
        "UPDATE job_runs SET status = $3, summary = $4, finished_at = to_timestamp($5) "
        "WHERE job = $1 AND period = $2",
        job, period, std::string(done ? "done" : "failed"), summary, to_epoch(now));
  });
}

std::optional<TimePoint> JobRunStore::last_done_start(const std::string& job) {
  return db_.transaction([&](pqxx::work& tx) -> std::optional<TimePoint> {
    pqxx::result rows = tx.exec_params(
        "SELECT extract(epoch FROM max(started_at))::bigint FROM job_runs "
        "WHERE job = $1 AND status = 'done'",
        job);
    if (rows.empty() || rows[0][0].is_null()) return std::nullopt;
    return from_epoch(rows[0][0].as<std::int64_t>());
  });
}

JobStore::JobStore(Database& db) : db_(db) {}

int JobStore::anonymize_expired_before(TimePoint before, int limit) {
  return db_.transaction([&](pqxx::work& tx) {
    return static_cast<int>(
        tx.exec_params("UPDATE conferences SET email = NULL WHERE id IN ("
                       "SELECT id FROM conferences WHERE email IS NOT NULL "
                       "AND \"expiresAt\" < to_timestamp($1) ORDER BY \"expiresAt\" LIMIT $2)",
                       to_epoch(before), limit)
            .affected_rows());
  });
}

std::vector<std::string> JobStore::survey_emails(TimePoint from, TimePoint to) {
  return db_.transaction([&](pqxx::work& tx) {
    std::vector<std::string> emails;
    for (const auto& row : tx.exec_params(
             "SELECT email FROM conferences WHERE email IS NOT NULL AND \"canceledAt\" IS NULL "
             "AND \"expiresAt\" >= to_timestamp($1) AND \"expiresAt\" < to_timestamp($2) "
             "ORDER BY \"expiresAt\"",
             to_epoch(from), to_epoch(to))) {
      emails.push_back(row[0].as<std::string>());
    }
    return emails;
  });
}

bool JobStore::surveyed_since(const std::string& hashed_email, TimePoint since) {
  return db_.transaction([&](pqxx::work& tx) {
    return !tx.exec_params(
                  "SELECT 1 FROM users WHERE \"hashedEmail\" = $1 "
                  "AND \"surveySentAt\" >= to_timestamp($2)",
                  hashed_email, to_epoch(since))
                .empty();
  });
}

void JobStore::record_survey(const std::string& hashed_email, TimePoint at) {
  db_.transaction([&](pqxx::work& tx) {
    tx.exec_params(
        "INSERT INTO users (\"hashedEmail\", \"surveySentAt\") "
        "VALUES ($1, to_timestamp($2)) ON CONFLICT (\"hashedEmail\") "
        "DO UPDATE SET \"surveySentAt\" = excluded.\"surveySentAt\"",
        hashed_email, to_epoch(at));
  });
}

bool JobStore::has_phone_call(const std::string& id) {
  return db_.transaction([&](pqxx::work& tx) {
    return !tx.exec_params("SELECT 1 FROM \"phoneCalls\" WHERE id = $1", id).empty();
  });
}

bool JobStore::insert_phone_call(const PhoneCall& call, int duration_minutes) {
  return db_.transaction([&](pqxx::work& tx) {
    const ConferenceHistory& h = call.history;
    return tx.exec_params(
                 "INSERT INTO \"phoneCalls\" (id, \"phoneNumber\", \"callId\", \"dateBegin\", "
                 "\"dateEnd\", \"durationMinutes\", \"countParticipants\", \"countConnections\") "
                 "VALUES ($1, $2, $3, NULLIF($4, '')::timestamptz, NULLIF($5, '')::timestamptz, "
                 "$6, $7, $8) "
                 "ON CONFLICT (id) DO NOTHING",
                 call.phone_number + "_" + std::to_string(h.id), call.phone_number,
                 std::to_string(h.id), h.date_begin, h.date_end, duration_minutes,
                 h.count_participants, h.count_connections)
               .affected_rows() == 1;
  });
}

}  // namespace audioconf::pg
