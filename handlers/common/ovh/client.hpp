// The real Telephony: signed calls to the OVH API v1 (or the OVH emulator) over libcurl.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/net/http_client.hpp"
#include "common/ports/call_budget.hpp"
#include "common/ports/clock.hpp"
#include "common/ports/deadline.hpp"
#include "common/ports/moderation.hpp"
#include "common/ports/telephony.hpp"

namespace audioconf::ovh {

struct OvhSettings {
  /// API base URL, without a trailing slash: "https://eu.api.ovh.com/1.0" or the emulator's
  /// "http://localhost:8090/1.0". Signatures cover this exact text, so it must match what the
  /// server (or the emulator's --public-origin) expects.
  std::string endpoint;
  std::string app_key;
  std::string app_secret;
  std::string consumer_key;
  std::string billing_account;  ///< e.g. "aa1111111-ovh-1"
  std::string service_name;     ///< the conference number, e.g. "0033122334455"
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds total_timeout{5000};  ///< per attempt
  /// Attempts for GETs (retried on no answer or 5xx only). POST/PUT are never retried: a
  /// create that timed out may have happened.
  int get_attempts = 2;
};

/// Which budget every call of a client asks first, and as whom. No budget: calls are not
/// counted (unit tests, tools).
struct CallGate {
  CallBudget* budget = nullptr;
  CallPriority priority = CallPriority::kUser;
  /// How long a refused call waits for the budget (asking again every `retry_every`) before
  /// it fails: zero for requests someone waits for, a minute for jobs, which have no one
  /// waiting and would otherwise drop the work a minute's budget cannot hold.
  std::chrono::milliseconds wait_up_to{0};
  std::chrono::milliseconds retry_every{1000};
};

/// Not thread-safe: one client per process (or thread), kept for its life so that the
/// connection and the server-time delta are reused.
class OvhClient final : public Telephony, public RoomModeration {
 public:
  /// `deadline`, when given, shortens every call to what is left of the current request's
  /// budget (see ports/deadline.hpp); it must outlive the client. Every HTTP exchange with OVH
  /// (retries and the server-time call included) first asks `gate`; a refusal throws
  /// OvhBudgetSpent before anything is sent.
  OvhClient(OvhSettings settings, const Clock& clock, const Deadline* deadline = nullptr,
            CallGate gate = {});

  void create_room(std::int64_t room_number) override;
  void configure_room(std::int64_t room_number, TimePoint expires_at) override;
  void expire_room(std::int64_t room_number, TimePoint at) override;
  [[nodiscard]] RoomsStats rooms_stats() override;
  [[nodiscard]] std::vector<std::string> conference_numbers() override;
  [[nodiscard]] std::vector<std::int64_t> histories(const std::string& service_name,
                                                    std::optional<TimePoint> since) override;
  [[nodiscard]] ConferenceHistory history(const std::string& service_name,
                                          std::int64_t id) override;
  [[nodiscard]] std::vector<std::int64_t> participants(std::int64_t room_number) override;
  [[nodiscard]] RoomParticipant participant(std::int64_t room_number, std::int64_t id) override;
  void act(std::int64_t room_number, std::int64_t id, ParticipantAction action) override;
  void lock(std::int64_t room_number, bool locked) override;

 private:
  struct Answer {
    long status = 0;
    std::string body;
  };

  /// One logical call: signs, sends, retries GETs, and returns the 200 body or throws.
  /// `route` names the call in error messages without ids ("PUT rooms/{roomNumber}").
  std::string call(std::string_view method, const std::string& path, const std::string& body,
                   std::string_view route);
  /// Sends with retries (GET only); throws OvhUnavailable when no attempt got an answer.
  Answer send(std::string_view method, const std::string& path, const std::string& body, bool sign,
              std::string_view route);
  [[nodiscard]] std::int64_t server_time_delta();
  /// Asks the budget for one call (waiting as the gate allows); throws OvhBudgetSpent.
  void spend_budget(std::string_view route);
  [[nodiscard]] std::string conference_path(const std::string& service_name) const;

  OvhSettings settings_;
  const Clock& clock_;
  const Deadline* deadline_;  ///< null: each call keeps its own timeout
  CallGate gate_;
  net::HttpClient http_;
  std::optional<std::int64_t> time_delta_;  // OVH time minus our clock, fetched once
};

/// The body configure_room sends, byte for byte:
/// {"pin":"0","expirationDate":"2021-06-21T21:59:59.000Z","recordStatus":false,"reportStatus":"none"}
[[nodiscard]] std::string room_configuration_body(TimePoint expires_at);

/// True for OVH's official API endpoints (ovh-api.md §1: ovh-eu/ca/us, kimsufi-eu/ca,
/// soyoustart-eu/ca), i.e. https and one of their hosts; false for the emulator or anything else.
[[nodiscard]] bool is_official_ovh_endpoint(std::string_view endpoint);

}  // namespace audioconf::ovh
