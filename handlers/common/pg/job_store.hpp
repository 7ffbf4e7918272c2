// What the scheduled jobs read and write: their once-per-period bookkeeping (job_runs), the
// conferences to anonymize or survey, the surveyed users, and the imported phone calls.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/pg/database.hpp"
#include "common/ports/clock.hpp"
#include "common/ports/telephony.hpp"

namespace audioconf::pg {

/// job_runs: one row per (job, period).
class JobRunStore {
 public:
  explicit JobRunStore(Database& db);
  /// Marks (job, period) running unless it is already done; false when it is done. Call it
  /// under the job's advisory lock (a crashed run left "running": the next run takes over).
  [[nodiscard]] bool begin(const std::string& job, const std::string& period, TimePoint now);
  /// Records the outcome: done (never run again this period) or failed (the next run retries).
  void finish(const std::string& job, const std::string& period, bool done,
              const std::string& summary, TimePoint now);
  /// Start of the latest done run of `job`, if any.
  [[nodiscard]] std::optional<TimePoint> last_done_start(const std::string& job);

 private:
  Database& db_;
};

struct SurveyCandidate {
  std::string email;  ///< as stored; the caller groups by lower-cased address
};

/// A phone call history as stored in "phoneCalls".
struct PhoneCall {
  std::string phone_number;
  ConferenceHistory history;
};

class JobStore {
 public:
  explicit JobStore(Database& db);
  /// Anonymization, one batch: email → NULL for at most `limit` conferences that expired before
  /// `before` (domain kept), oldest first; returns how many. Uses the partial index on
  /// "expiresAt" WHERE email IS NOT NULL (0007), so each batch costs its own rows only.
  [[nodiscard]] int anonymize_expired_before(TimePoint before, int limit);
  /// Emails of conferences expiring in [from, to), not cancelled, email not null.
  [[nodiscard]] std::vector<std::string> survey_emails(TimePoint from, TimePoint to);
  /// True when `hashed_email` was surveyed at or after `since`.
  [[nodiscard]] bool surveyed_since(const std::string& hashed_email, TimePoint since);
  /// Records a survey sent at `at` for `hashed_email` (insert or update its users row).
  void record_survey(const std::string& hashed_email, TimePoint at);
  /// True when "phoneCalls" holds `id` (number_callId).
  [[nodiscard]] bool has_phone_call(const std::string& id);
  /// Inserts one call (ON CONFLICT DO NOTHING); false when it was already there.
  [[nodiscard]] bool insert_phone_call(const PhoneCall& call, int duration_minutes);

 private:
  Database& db_;
};

}  // namespace audioconf::pg
