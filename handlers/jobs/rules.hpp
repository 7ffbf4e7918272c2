// Pure rules of the scheduled jobs (periods, survey recipients, call import): no I/O, so unit
// tests include this header directly.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "common/domain/calendar.hpp"

namespace audioconf::jobs {

/// How often a job does its work: the key of its job_runs row.
enum class Period { kNone, kDaily, kTenMinutes };

/// The job_runs period of a job started at local (server zone) time `at`: "2026-05-04" for
/// daily jobs, "2026-05-04T10:20" for the 10-minute slot, empty for kNone.
[[nodiscard]] inline std::string period_key(Period period, const domain::LocalDateTime& at) {
  char buffer[32];
  switch (period) {
    case Period::kDaily:
      return domain::to_iso(at.date);
    case Period::kTenMinutes:
      std::snprintf(buffer, sizeof buffer, "T%02d:%02d", at.hour, at.minute - at.minute % 10);
      return domain::to_iso(at.date) + buffer;
    case Period::kNone:
      break;
  }
  return "";
}

/// ASCII lower-case: the form used for the allow-list, the hash and the survey's grouping.
[[nodiscard]] inline std::string lower_ascii(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

/// One recipient per lower-cased address, in first-seen order; the address kept is the first
/// spelling seen (stored as typed).
[[nodiscard]] inline std::vector<std::string> unique_recipients(
    const std::vector<std::string>& emails) {
  std::vector<std::string> out;
  std::map<std::string, bool> seen;
  for (const std::string& email : emails) {
    if (email.empty()) continue;
    if (seen.emplace(lower_ascii(email), true).second) out.push_back(email);
  }
  return out;
}

/// Call import: only the account's 13-character conference numbers (e.g. "0033122334455";
/// the others are OVH's internal services), at most `limit` of them when limit > 0.
[[nodiscard]] inline std::vector<std::string> importable_numbers(
    const std::vector<std::string>& numbers, std::size_t limit) {
  std::vector<std::string> out;
  for (const std::string& number : numbers) {
    if (number.size() != 13) continue;
    if (limit > 0 && out.size() >= limit) break;
    out.push_back(number);
  }
  return out;
}

/// Call durations in whole minutes, rounded up (61 s → 2); negative durations count as 0.
[[nodiscard]] inline int duration_minutes(std::int64_t seconds) {
  if (seconds <= 0) return 0;
  return static_cast<int>((seconds + 59) / 60);
}

/// The "phoneCalls" id of a history: "<number>_<callId>".
[[nodiscard]] inline std::string phone_call_id(const std::string& number, std::int64_t call_id) {
  return number + "_" + std::to_string(call_id);
}

/// What in_batches did: rows touched and statements run.
struct BatchTotals {
  long long rows = 0;
  int batches = 0;
};

/// Runs `batch(limit)` — one statement over at most `limit` rows, committed on its own, returning
/// how many rows it touched — until a batch touches fewer than `limit`. A backlog of any size is
/// then worked through in statements that each stay far below statement_timeout (one UPDATE over
/// two million conferences did not), and what committed stays done when a later batch fails: the
/// next run resumes from there. Each batch must stop matching the rows it touched.
template <typename Batch>
BatchTotals in_batches(int limit, Batch&& batch) {
  BatchTotals totals;
  for (;;) {
    const int touched = batch(limit);
    ++totals.batches;
    totals.rows += touched;
    if (touched < limit) return totals;
  }
}

}  // namespace audioconf::jobs
