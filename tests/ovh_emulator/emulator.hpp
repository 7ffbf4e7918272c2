// The OVH emulator's core: OVH v1 conference routes, request authentication, state and fault
// injection, behind one transport-free entry point (handle) that main.cpp serves over HTTP.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "common/ports/clock.hpp"

namespace audioconf::ovh_emulator {

struct EmulatorConfig {
  std::string app_key = "dev-app-key";
  std::string app_secret = "dev-app-secret";
  std::string consumer_key = "dev-consumer-key";
  std::string billing_account = "aa1111111-ovh-1";
  std::string service_name = "0033122334455";
  std::chrono::seconds time_window{180};  ///< accepted |X-Ovh-Timestamp - now|
  /// scheme://host:port that clients put before the request target when they sign.
  std::string public_origin = "http://localhost:8090";
  /// Live participants to put in a few new rooms at start (development: scripts/run), so that
  /// roomsStats, hence the statistics, show calls in progress; 0 starts empty (tests).
  int seed_participants = 0;
  /// Callers of a simulated call started on every room created through the API (development:
  /// scripts/run, so a new conference's dashboard is live at once); 0 starts none (tests).
  int simulate_new_rooms = 0;
};

struct EmulatorRequest {
  std::string method;  ///< upper case
  std::string target;  ///< raw request target: path + '?' + query exactly as received
  std::string body;    ///< raw bytes
  /// Header values by lower-cased name (the first value when repeated).
  std::map<std::string, std::string> headers;
};

struct ApiRoute;  // a matched OVH route (emulator.cpp)

struct EmulatorReply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json; charset=utf-8";
};

/// Thread-safe: every call may come from a different server thread.
class Emulator {
 public:
  Emulator(EmulatorConfig config, const Clock& clock, std::uint64_t seed);

  /// Answers one request: `/1.0/...` (the OVH API) or `/_emulator/...` (control routes).
  /// May sleep when a delay fault matches; stop() cuts such sleeps short.
  [[nodiscard]] EmulatorReply handle(const EmulatorRequest& request);

  /// A fresh X-OVH-QUERYID value, unique for this process.
  [[nodiscard]] std::string next_query_id();

  /// Wakes every request sleeping on a delay fault (shutdown).
  void stop();

 private:
  struct Room {
    std::string service_name;
    std::int64_t room_number = 0;
    std::string pin = "1234";
    std::optional<TimePoint> expiration;
    bool record_status = true;
    std::string report_status = "customer";
    std::optional<std::string> report_email;
    bool white_label_report = false;
    std::string language = "fr";
    bool enter_muted = false;
    bool anonymous_rejection = false;
    bool announce_file = false;
    std::optional<std::int64_t> announce_sound_id;
    std::string events_channel;
    bool locked = false;  ///< lock/unlock: no one new may join
  };
  struct Participant {
    std::string service_name;
    std::int64_t room_number = 0;
    std::int64_t id = 0;
    std::string caller_number;
    std::string caller_name;
    std::string arrival;  ///< as seeded, or now in ISO form
    bool speak = true;
    bool talking = false;
    bool hear = true;
    bool floor = true;
    std::int64_t energy = 0;
  };
  struct History {
    std::string service_name;
    std::int64_t id = 0;
    std::string date_begin;  ///< as seeded
    std::string date_end;
    TimePoint begin;  ///< parsed, for the dateBegin filters
    std::int64_t duration = 0;
    std::int64_t count_participants = 0;
    std::int64_t count_connections = 0;
  };
  struct Fault {
    std::string method;   ///< GET, POST, PUT, DELETE or "*"
    std::string pattern;  ///< rooms, room, roomsStats, ...
    int remaining = 1;
    std::optional<int> status;
    std::string error_code;
    std::string message;
    std::optional<std::string> raw_body;  ///< sent as is (text/html) instead of a JSON error
    std::chrono::milliseconds delay{0};
  };
  /// One person of a simulated call: present (with an OVH participant id), away, or kicked.
  struct Caller {
    std::string number;
    std::string name;
    std::optional<std::int64_t> id;  ///< set while on the line
    TimePoint join_at;               ///< next (re)join attempt while away
    bool kicked = false;             ///< excluded by the organizer: never comes back
  };
  /// A call played over time (POST /_emulator/simulate), advanced lazily on every request.
  struct Simulation {
    std::string service_name;
    std::int64_t room_number = 0;
    std::chrono::seconds talk_every{5};
    bool hang_ups = true;  ///< callers hang up now and then and call back
    std::vector<Caller> callers;
    TimePoint advanced_to;  ///< the simulation has been played up to this second
    TimePoint next_talk;
  };
  struct CallRecord {
    TimePoint at;
    std::string route;  ///< "GET participants"
    bool accepted = true;
  };
  EmulatorReply handle_api(const EmulatorRequest& request);
  EmulatorReply handle_control(const EmulatorRequest& request);
  std::optional<EmulatorReply> check_auth(const EmulatorRequest& request) const;
  EmulatorReply execute(const ApiRoute& route, const EmulatorRequest& request);

  EmulatorReply create_room(const std::string& service, const std::string& body);
  EmulatorReply update_room(Room& room, const std::string& body);
  EmulatorReply rooms_stats(const std::string& service) const;
  EmulatorReply list_histories(const std::string& service, std::string_view query) const;
  EmulatorReply participant_action(std::size_t index, const std::string& action,
                                   const std::string& body);

  EmulatorReply state_reply() const;
  EmulatorReply seed(const std::string& body);
  EmulatorReply add_fault(const std::string& body);
  EmulatorReply simulate(const std::string& body);
  EmulatorReply set_rate_limit(const std::string& body);
  EmulatorReply room_lock(Room& room, bool locked, const std::string& body);
  /// Plays every simulation up to now and drops the participants of expired rooms.
  void advance_locked();
  void start_simulation_locked(const std::string& service, std::int64_t room_number, int callers,
                               std::chrono::seconds talk_every, bool hang_ups = true);
  void play_second_locked(Simulation& simulation, TimePoint at);
  /// The 429 answer when the rate limit is reached; records the call either way.
  std::optional<EmulatorReply> count_call_locked(const std::string& route);
  void reset_locked();
  void seed_live_participants_locked(int count);

  [[nodiscard]] bool is_live(const Room& room) const;
  [[nodiscard]] bool has_service(std::string_view service) const;
  Room* find_room(std::string_view service, std::int64_t number);
  std::optional<std::size_t> find_participant(std::string_view service,
                                              std::optional<std::int64_t> room, std::int64_t id);
  std::int64_t random_room_number();
  std::string random_hex(std::size_t length);

  const EmulatorConfig config_;
  const Clock& clock_;

  mutable std::mutex mutex_;  // guards everything below
  std::mt19937_64 random_;
  std::vector<std::string> services_;
  std::vector<Room> rooms_;  // creation order
  std::vector<Participant> participants_;
  std::vector<History> histories_;
  std::vector<Fault> faults_;
  std::int64_t requests_ = 0;
  std::map<std::string, std::int64_t> calls_;  // "POST rooms" -> count
  std::vector<Simulation> simulations_;
  std::vector<CallRecord> recent_calls_;  // the last 60 s, oldest first
  std::optional<int> rate_limit_per_minute_;
  std::int64_t next_participant_id_ = 1001;
  std::int64_t next_history_id_ = 500001;
  std::int64_t next_task_id_ = 900001;
  std::uint64_t next_query_id_ = 1;

  std::mutex stop_mutex_;
  std::condition_variable stop_signal_;
  bool stopping_ = false;
};

}  // namespace audioconf::ovh_emulator
