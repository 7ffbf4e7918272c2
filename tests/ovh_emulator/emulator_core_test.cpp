// The emulator's core in process, on a fixed clock: simulated calls, lock/unlock, expiry,
// the rate limit and the calls-per-minute counters (deterministic, no sleeping).
#include <gtest/gtest.h>
#include <jansson.h>

#include <chrono>
#include <set>
#include <string>

#include "common/json.hpp"
#include "common/ovh/dates.hpp"
#include "common/ovh/signature.hpp"
#include "common/ports/clock.hpp"
#include "emulator.hpp"

namespace audioconf::ovh_emulator {
namespace {

using namespace std::chrono_literals;
using json::JsonPtr;

constexpr const char* kService = "/1.0/telephony/aa1111111-ovh-1/conference/0033122334455";
constexpr std::int64_t kRoom = 123456789;

class EmulatorCoreTest : public ::testing::Test {
 protected:
  EmulatorCoreTest()
      : clock_(TimePoint{std::chrono::sys_days{std::chrono::year{2026} / 12 / 3}} + 10h),
        emulator_(EmulatorConfig{}, clock_, 42) {}

  EmulatorReply control(const std::string& method, const std::string& path,
                        const std::string& body = "") {
    EmulatorRequest request;
    request.method = method;
    request.target = path;
    request.body = body;
    return emulator_.handle(request);
  }

  JsonPtr state() {
    const EmulatorReply reply = control("GET", "/_emulator/state");
    EXPECT_EQ(reply.status, 200);
    return json::parse(reply.body);
  }

  EmulatorReply api(const std::string& method, const std::string& path,
                    const std::string& body = "") {
    const EmulatorConfig config;
    const std::string target = std::string(kService) + path;
    const std::int64_t stamp =
        std::chrono::floor<std::chrono::seconds>(clock_.now()).time_since_epoch().count();
    EmulatorRequest request;
    request.method = method;
    request.target = target;
    request.body = body;
    request.headers = {{"x-ovh-application", config.app_key},
                       {"x-ovh-consumer", config.consumer_key},
                       {"x-ovh-timestamp", std::to_string(stamp)},
                       {"x-ovh-signature", ovh::sign(config.app_secret, config.consumer_key, method,
                                                     config.public_origin + target, body, stamp)}};
    return emulator_.handle(request);
  }

  void make_room(const std::string& expiration = "2026-12-03T18:00:00Z") {
    ASSERT_EQ(
        control("POST", "/_emulator/seed",
                R"({"rooms":[{"roomNumber":123456789,"expirationDate":")" + expiration + R"("}]})")
            .status,
        200);
  }

  std::set<std::int64_t> ids() {
    const EmulatorReply reply = api("GET", "/rooms/123456789/participants");
    EXPECT_EQ(reply.status, 200) << reply.body;
    std::set<std::int64_t> out;
    const JsonPtr list = json::parse(reply.body);
    std::size_t index = 0;
    json_t* item = nullptr;
    json_array_foreach(list.get(), index, item) out.insert(json_integer_value(item));
    return out;
  }

  const json_t* room_state(const JsonPtr& document) {
    return json_array_get(json_object_get(document.get(), "rooms"), 0);
  }

  FixedClock clock_;
  Emulator emulator_;
};

TEST_F(EmulatorCoreTest, SimulatedCallersJoinOverAFewSecondsAndSomeoneTalks) {
  make_room();
  const EmulatorReply started = control("POST", "/_emulator/simulate",
                                        R"({"roomNumber":123456789,"participants":8,)"
                                        R"("talkEverySeconds":2})");
  ASSERT_EQ(started.status, 200) << started.body;
  const std::size_t at_once = ids().size();
  EXPECT_GE(at_once, 1U);
  EXPECT_LT(at_once, 8U);
  clock_.advance(5s);
  EXPECT_EQ(ids().size(), 8U);

  int talking_seen = 0;
  std::set<std::string> numbers;
  for (int i = 0; i < 10; ++i) {
    clock_.advance(2s);
    for (const std::int64_t id : ids()) {
      const EmulatorReply one = api("GET", "/rooms/123456789/participants/" + std::to_string(id));
      ASSERT_EQ(one.status, 200) << one.body;
      const JsonPtr p = json::parse(one.body);
      if (json_is_true(json_object_get(p.get(), "talking"))) ++talking_seen;
      numbers.insert(json::string_member(p.get(), "callerNumber", "?"));
    }
  }
  EXPECT_GT(talking_seen, 0);
  EXPECT_TRUE(numbers.count("") == 1) << "one caller in seven hides their number";
}

TEST_F(EmulatorCoreTest, CallersLeaveAndComeBackOverTime) {
  make_room();
  ASSERT_EQ(control("POST", "/_emulator/simulate", R"({"roomNumber":123456789,"participants":20})")
                .status,
            200);
  clock_.advance(5s);
  const std::set<std::int64_t> first = ids();
  ASSERT_EQ(first.size(), 20U);
  std::set<std::int64_t> seen = first;
  for (int i = 0; i < 120; ++i) {
    clock_.advance(5s);
    for (const std::int64_t id : ids()) seen.insert(id);
  }
  EXPECT_GT(seen.size(), first.size()) << "someone hung up and called back with a new id";
}

TEST_F(EmulatorCoreTest, WithoutHangUpsTheSameCallersStayOnTheLine) {
  make_room();
  ASSERT_EQ(control("POST", "/_emulator/simulate",
                    R"({"roomNumber":123456789,"participants":20,"hangUps":false})")
                .status,
            200);
  clock_.advance(5s);
  const std::set<std::int64_t> first = ids();
  ASSERT_EQ(first.size(), 20U);
  for (int i = 0; i < 60; ++i) {
    clock_.advance(10s);
    ASSERT_EQ(ids(), first);
  }
  EXPECT_EQ(control("POST", "/_emulator/simulate",
                    R"({"roomNumber":123456789,"participants":2,"hangUps":"no"})")
                .status,
            400);
}

TEST_F(EmulatorCoreTest, MutedParticipantCannotTalkAndUnmuteGivesTheFloorBack) {
  make_room();
  ASSERT_EQ(control("POST", "/_emulator/simulate",
                    R"({"roomNumber":123456789,"participants":1,"talkEverySeconds":1})")
                .status,
            200);
  const std::int64_t id = *ids().begin();
  const std::string path = "/rooms/123456789/participants/" + std::to_string(id);
  ASSERT_EQ(api("POST", path + "/mute").status, 200);
  for (int i = 0; i < 10; ++i) {
    clock_.advance(1s);
    const JsonPtr p = json::parse(api("GET", path).body);
    ASSERT_TRUE(json_is_false(json_object_get(p.get(), "speak")));
    ASSERT_TRUE(json_is_false(json_object_get(p.get(), "talking")));
  }
  ASSERT_EQ(api("POST", path + "/unmute").status, 200);
  const JsonPtr p = json::parse(api("GET", path).body);
  EXPECT_TRUE(json_is_true(json_object_get(p.get(), "speak")));
}

TEST_F(EmulatorCoreTest, KickedCallerNeverComesBack) {
  make_room();
  ASSERT_EQ(
      control("POST", "/_emulator/simulate", R"({"roomNumber":123456789,"participants":1})").status,
      200);
  const std::int64_t id = *ids().begin();
  ASSERT_EQ(api("POST", "/rooms/123456789/participants/" + std::to_string(id) + "/kick").status,
            200);
  for (int i = 0; i < 60; ++i) {
    clock_.advance(10s);
    ASSERT_TRUE(ids().empty());
  }
}

TEST_F(EmulatorCoreTest, LockedRoomRefusesNewJoinsUntilUnlocked) {
  make_room();
  const EmulatorReply locked = api("POST", "/rooms/123456789/lock");
  ASSERT_EQ(locked.status, 200) << locked.body;
  EXPECT_EQ(json::string_member(json::parse(locked.body).get(), "action", ""), "lock");
  EXPECT_TRUE(json_is_true(json_object_get(room_state(state()), "locked")));
  ASSERT_EQ(
      control("POST", "/_emulator/simulate", R"({"roomNumber":123456789,"participants":5})").status,
      200);
  clock_.advance(30s);
  EXPECT_TRUE(ids().empty());
  ASSERT_EQ(api("POST", "/rooms/123456789/unlock").status, 200);
  EXPECT_TRUE(json_is_false(json_object_get(room_state(state()), "locked")));
  clock_.advance(10s);
  EXPECT_EQ(ids().size(), 5U);
}

TEST_F(EmulatorCoreTest, LockWithABodyOrOnAnUnknownRoomIsRefused) {
  make_room();
  EXPECT_EQ(api("POST", "/rooms/123456789/lock", "{}").status, 400);
  EXPECT_EQ(api("POST", "/rooms/987654321/lock").status, 404);
  EXPECT_EQ(api("GET", "/rooms/123456789/lock").status, 405);
}

TEST_F(EmulatorCoreTest, ExpiredRoomDropsItsParticipants) {
  make_room("2026-12-03T10:01:00Z");
  ASSERT_EQ(
      control("POST", "/_emulator/simulate", R"({"roomNumber":123456789,"participants":3})").status,
      200);
  clock_.advance(10s);
  EXPECT_EQ(ids().size(), 3U);
  clock_.advance(60s);
  EXPECT_TRUE(ids().empty());
  const JsonPtr document = state();
  EXPECT_EQ(json_array_size(json_object_get(document.get(), "participants")), 0U);
  EXPECT_EQ(json_array_size(json_object_get(document.get(), "simulations")), 0U);
}

TEST_F(EmulatorCoreTest, SimulateChecksItsBody) {
  make_room();
  EXPECT_EQ(control("POST", "/_emulator/simulate", R"({"roomNumber":1,"participants":3})").status,
            400);
  EXPECT_EQ(
      control("POST", "/_emulator/simulate", R"({"roomNumber":123456789,"participants":0})").status,
      400);
  EXPECT_EQ(control("POST", "/_emulator/simulate",
                    R"({"roomNumber":123456789,"participants":2,"talkEverySeconds":"x"})")
                .status,
            400);
  EXPECT_EQ(control("POST", "/_emulator/simulate", "nope").status, 400);
}

TEST_F(EmulatorCoreTest, RateLimitAnswers429PastTheLimitAndForgetsAfterAMinute) {
  make_room();
  ASSERT_EQ(control("POST", "/_emulator/rate-limit", R"({"perMinute":3})").status, 200);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(api("GET", "/rooms/123456789").status, 200);
  const EmulatorReply refused = api("GET", "/rooms/123456789");
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(json::string_member(json::parse(refused.body).get(), "class", ""),
            "Client::TooManyRequests");
  clock_.advance(61s);
  EXPECT_EQ(api("GET", "/rooms/123456789").status, 200);
  ASSERT_EQ(control("DELETE", "/_emulator/rate-limit").status, 200);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(api("GET", "/rooms/123456789").status, 200);
  EXPECT_EQ(control("POST", "/_emulator/rate-limit", R"({"perMinute":-1})").status, 400);
}

TEST_F(EmulatorCoreTest, StateCountsCallsOfTheLastMinuteTotalAndPerRoute) {
  make_room();
  for (int i = 0; i < 4; ++i) static_cast<void>(api("GET", "/rooms/123456789/participants"));
  clock_.advance(30s);
  static_cast<void>(api("POST", "/rooms/123456789/lock"));
  JsonPtr document = state();
  const json_t* per_minute = json_object_get(document.get(), "callsPerMinute");
  EXPECT_EQ(json_integer_value(json_object_get(per_minute, "total")), 5);
  const json_t* routes = json_object_get(per_minute, "routes");
  EXPECT_EQ(json_integer_value(json_object_get(routes, "GET participants")), 4);
  EXPECT_EQ(json_integer_value(json_object_get(routes, "POST room-lock")), 1);
  clock_.advance(31s);
  document = state();
  per_minute = json_object_get(document.get(), "callsPerMinute");
  EXPECT_EQ(json_integer_value(json_object_get(per_minute, "total")), 1);
}

TEST(EmulatorCoreOption, EveryNewRoomGetsASimulatedCallWhenAsked) {
  FixedClock clock(TimePoint{std::chrono::sys_days{std::chrono::year{2026} / 12 / 3}});
  EmulatorConfig config;
  config.simulate_new_rooms = 3;
  Emulator emulator(config, clock, 7);
  const std::string target = std::string(kService) + "/rooms";
  const std::int64_t stamp =
      std::chrono::floor<std::chrono::seconds>(clock.now()).time_since_epoch().count();
  EmulatorRequest request;
  request.method = "POST";
  request.target = target;
  request.headers = {{"x-ovh-application", config.app_key},
                     {"x-ovh-consumer", config.consumer_key},
                     {"x-ovh-timestamp", std::to_string(stamp)},
                     {"x-ovh-signature", ovh::sign(config.app_secret, config.consumer_key, "POST",
                                                   config.public_origin + target, "", stamp)}};
  ASSERT_EQ(emulator.handle(request).status, 200);
  clock.advance(5s);
  EmulatorRequest state;
  state.method = "GET";
  state.target = "/_emulator/state";
  const JsonPtr document = json::parse(emulator.handle(state).body);
  EXPECT_EQ(json_array_size(json_object_get(document.get(), "participants")), 3U);
  EXPECT_EQ(json_array_size(json_object_get(document.get(), "simulations")), 1U);
}

}  // namespace
}  // namespace audioconf::ovh_emulator
