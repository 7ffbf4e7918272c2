// OvhClient against the real ovh_emulator process (started per test suite on a free loopback
// port), plus raw signed requests for what the client never sends (bad keys, stale timestamps).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <jansson.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "common/json.hpp"
#include "common/net/http_client.hpp"
#include "common/ovh/client.hpp"
#include "common/ovh/dates.hpp"
#include "common/ovh/errors.hpp"
#include "common/ovh/parallel_room_moderation.hpp"
#include "common/ovh/signature.hpp"
#include "common/ports/clock.hpp"

namespace audioconf::ovh {
namespace {

using namespace std::chrono_literals;
using json::JsonPtr;

constexpr const char* kAppKey = "dev-app-key";
constexpr const char* kAppSecret = "dev-app-secret";
constexpr const char* kConsumerKey = "dev-consumer-key";
constexpr const char* kBillingAccount = "aa1111111-ovh-1";
constexpr const char* kServiceName = "0033122334455";
constexpr const char* kServicePath = "/1.0/telephony/aa1111111-ovh-1/conference/0033122334455";

int free_loopback_port() {
  const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  if (sock < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (::bind(sock, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(sock, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(sock);
    throw std::runtime_error("cannot find a free port");
  }
  ::close(sock);
  return ntohs(address.sin_port);
}

/// The ovh_emulator binary running as a child process; killed when this object goes away.
class EmulatorProcess {
 public:
  /// `extra_args` follow --listen and --public-origin on the command line.
  explicit EmulatorProcess(std::vector<std::string> extra_args = {})
      : extra_args_(std::move(extra_args)) {
    for (int attempt = 0; attempt < 5; ++attempt) {
      port_ = free_loopback_port();
      log_path_ = ::testing::TempDir() + "ovh_emulator_" + std::to_string(::getpid()) + "_" +
                  std::to_string(port_) + ".log";
      pid_ = launch();
      if (wait_until_ready()) return;
      stop();  // lost the port to someone else, or crashed: try again
    }
    throw std::runtime_error("the OVH emulator did not start");
  }
  EmulatorProcess(const EmulatorProcess&) = delete;
  EmulatorProcess& operator=(const EmulatorProcess&) = delete;
  ~EmulatorProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  [[nodiscard]] std::string origin() const { return "http://127.0.0.1:" + std::to_string(port_); }
  [[nodiscard]] std::string endpoint() const { return origin() + "/1.0"; }
  [[nodiscard]] const std::string& log_path() const { return log_path_; }

  /// SIGTERM, then waits (at most 5 s). Returns the exit status, or -1 if it had to be killed.
  int stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(10ms);
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
    return -1;
  }

 private:
  pid_t launch() const {
    const std::string listen = "127.0.0.1:" + std::to_string(port_);
    const std::string public_origin = origin();
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork() failed");
    if (pid == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive a crashed test
      for (const char* name : {"OVH_EMULATOR_APP_KEY", "OVH_EMULATOR_APP_SECRET",
                               "OVH_EMULATOR_CONSUMER_KEY", "OVH_EMULATOR_BILLING_ACCOUNT",
                               "OVH_EMULATOR_SERVICE_NAME", "OVH_EMULATOR_TIME_WINDOW_SECONDS"}) {
        ::unsetenv(name);  // the defaults are part of what is tested
      }
      if (std::FILE* log = std::fopen(log_path_.c_str(), "w")) ::dup2(::fileno(log), 2);
      std::vector<char*> argv = {const_cast<char*>("ovh_emulator"), const_cast<char*>("--listen"),
                                 const_cast<char*>(listen.c_str()),
                                 const_cast<char*>("--public-origin"),
                                 const_cast<char*>(public_origin.c_str())};
      for (const std::string& arg : extra_args_) argv.push_back(const_cast<char*>(arg.c_str()));
      argv.push_back(nullptr);
      ::execv(OVH_EMULATOR_BINARY, argv.data());
      ::_exit(127);
    }
    return pid;
  }

  bool wait_until_ready() {
    net::HttpClient http;
    net::HttpRequest request;
    request.url = origin() + "/_emulator/state";
    request.connect_timeout = 200ms;
    request.total_timeout = 500ms;
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (std::chrono::steady_clock::now() < deadline) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
      }
      try {
        if (http.perform(request).status == 200) return true;
      } catch (const net::TransportError&) {
        // not listening yet
      }
      std::this_thread::sleep_for(5ms);
    }
    return false;
  }

  std::vector<std::string> extra_args_;
  int port_ = 0;
  pid_t pid_ = -1;
  std::string log_path_;
};

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TimePoint whole_seconds(TimePoint at) { return std::chrono::floor<std::chrono::seconds>(at); }

class OvhEmulatorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { emulator_ = std::make_unique<EmulatorProcess>(); }
  static void TearDownTestSuite() { emulator_.reset(); }
  void SetUp() override { ASSERT_EQ(control("POST", "/_emulator/reset").status, 200); }

  [[nodiscard]] static OvhSettings settings() {
    OvhSettings s;
    s.endpoint = emulator_->endpoint();
    s.app_key = kAppKey;
    s.app_secret = kAppSecret;
    s.consumer_key = kConsumerKey;
    s.billing_account = kBillingAccount;
    s.service_name = kServiceName;
    s.connect_timeout = 1000ms;
    s.total_timeout = 3000ms;
    return s;
  }

  net::HttpResponse control(const std::string& method, const std::string& path,
                            const std::string& body = "") {
    net::HttpRequest request;
    request.method = method;
    request.url = emulator_->origin() + path;
    request.body = body;
    request.headers = {"Content-Type: application/json"};
    return http_.perform(request);
  }

  JsonPtr control_json(const std::string& method, const std::string& path,
                       const std::string& body = "") {
    const net::HttpResponse response = control(method, path, body);
    EXPECT_EQ(response.status, 200) << response.body;
    JsonPtr document = json::parse(response.body);
    EXPECT_TRUE(document) << response.body;
    return document;
  }

  JsonPtr state() { return control_json("GET", "/_emulator/state"); }

  void seed(const std::string& body) {
    static_cast<void>(control_json("POST", "/_emulator/seed", body));
  }

  void fault(const std::string& body) {
    static_cast<void>(control_json("POST", "/_emulator/faults", body));
  }

  std::int64_t calls(const char* route) {
    const JsonPtr document = state();
    return json_integer_value(json_object_get(json_object_get(document.get(), "calls"), route));
  }

  struct Keys {
    std::string app_key = kAppKey;
    std::string app_secret = kAppSecret;
    std::string consumer_key = kConsumerKey;
  };

  /// A hand-made OVH request: signed over `signed_body`, sending `body` (they differ only when
  /// a test tampers).
  net::HttpResponse raw(const std::string& method, const std::string& target,
                        const std::string& body, std::int64_t timestamp, const Keys& keys,
                        std::optional<std::string> sent_body = std::nullopt) {
    net::HttpRequest request;
    request.method = method;
    request.url = emulator_->origin() + target;
    request.body = sent_body.value_or(body);
    request.headers = {"Content-Type: application/json", "X-Ovh-Application: " + keys.app_key,
                       "X-Ovh-Consumer: " + keys.consumer_key,
                       "X-Ovh-Timestamp: " + std::to_string(timestamp),
                       "X-Ovh-Signature: " + sign(keys.app_secret, keys.consumer_key, method,
                                                  request.url, body, timestamp)};
    return http_.perform(request);
  }

  net::HttpResponse raw(const std::string& method, const std::string& target,
                        const std::string& body = "") {
    return raw(method, target, body, unix_now(), Keys{});
  }

  static std::unique_ptr<EmulatorProcess> emulator_;
  SystemClock clock_;
  net::HttpClient http_;
};

std::unique_ptr<EmulatorProcess> OvhEmulatorTest::emulator_;

const json_t* first_room(const JsonPtr& state) {
  return json_array_get(json_object_get(state.get(), "rooms"), 0);
}

std::string string_of(const json_t* object, const char* key) {
  return json::string_member(object, key, "<missing>");
}

std::vector<std::int64_t> integers(const std::string& body) {
  const JsonPtr list = json::parse(body);
  std::vector<std::int64_t> out;
  std::size_t index = 0;
  const json_t* item = nullptr;
  json_array_foreach(list.get(), index, item) out.push_back(json_integer_value(item));
  return out;
}

// ------------------------------------------------------------------------- rooms

TEST_F(OvhEmulatorTest, CreatedAndConfiguredRoomAppearsInState) {
  OvhClient client(settings(), clock_);
  const TimePoint expiry = whole_seconds(clock_.now() + 2h);
  client.create_room(123456789);
  client.configure_room(123456789, expiry);

  const JsonPtr document = state();
  ASSERT_EQ(json_array_size(json_object_get(document.get(), "rooms")), 1U);
  const json_t* room = first_room(document);
  EXPECT_EQ(string_of(room, "serviceName"), kServiceName);
  EXPECT_EQ(json_integer_value(json_object_get(room, "roomNumber")), 123456789);
  EXPECT_EQ(string_of(room, "pin"), "0");
  EXPECT_EQ(string_of(room, "expirationDate"), format_iso_millis(expiry));
  EXPECT_TRUE(json_is_false(json_object_get(room, "recordStatus")));
  EXPECT_EQ(string_of(room, "reportStatus"), "none");
  EXPECT_TRUE(json_is_true(json_object_get(room, "live")));
}

TEST_F(OvhEmulatorTest, NewRoomKeepsOvhDefaultsUntilConfigured) {
  OvhClient client(settings(), clock_);
  client.create_room(222333444);
  const JsonPtr document = state();
  const json_t* room = first_room(document);
  EXPECT_NE(string_of(room, "pin"), "0");
  EXPECT_TRUE(json_is_null(json_object_get(room, "expirationDate")));
  EXPECT_TRUE(json_is_true(json_object_get(room, "recordStatus")));
}

TEST_F(OvhEmulatorTest, TakenRoomNumberIsRefused) {
  OvhClient client(settings(), clock_);
  client.create_room(123456789);
  try {
    client.create_room(123456789);
    FAIL() << "a second room with the same number was accepted";
  } catch (const OvhRefused& refused) {
    EXPECT_EQ(refused.status(), 409);
    EXPECT_EQ(refused.error_code(), "Client::Conflict");
    EXPECT_FALSE(refused.ovh_message().empty());
  }
  EXPECT_EQ(json_array_size(json_object_get(state().get(), "rooms")), 1U);
}

TEST_F(OvhEmulatorTest, ExpirationInThePastIsRefused) {
  OvhClient client(settings(), clock_);
  client.create_room(123456789);
  try {
    client.configure_room(123456789, clock_.now() - 1h);
    FAIL() << "a past expiration date was accepted";
  } catch (const OvhRefused& refused) {
    EXPECT_EQ(refused.status(), 400);
    EXPECT_EQ(refused.error_code(), "Client::BadRequest");
  }
  // All or nothing: the PIN in the same body was not applied either.
  EXPECT_NE(string_of(first_room(state()), "pin"), "0");
}

TEST_F(OvhEmulatorTest, ExpirationMoreThanAYearAheadIsRefused) {
  OvhClient client(settings(), clock_);
  client.create_room(123456789);
  EXPECT_THROW(client.configure_room(123456789, clock_.now() + std::chrono::days{366}), OvhRefused);
  EXPECT_NO_THROW(client.configure_room(123456789, clock_.now() + std::chrono::days{300}));
}

TEST_F(OvhEmulatorTest, ExpireRoomSetsOnlyTheExpirationDate) {
  OvhClient client(settings(), clock_);
  client.create_room(123456789);
  client.configure_room(123456789, clock_.now() + 2h);
  const TimePoint soon = whole_seconds(clock_.now() + 10s);
  client.expire_room(123456789, soon);
  const JsonPtr document = state();
  const json_t* room = first_room(document);
  EXPECT_EQ(string_of(room, "expirationDate"), format_iso_millis(soon));
  EXPECT_EQ(string_of(room, "pin"), "0");
}

TEST_F(OvhEmulatorTest, UnknownRoomIsNotFound) {
  OvhClient client(settings(), clock_);
  try {
    client.expire_room(987654321, clock_.now() + 10s);
    FAIL() << "an unknown room was updated";
  } catch (const OvhRefused& refused) {
    EXPECT_EQ(refused.status(), 404);
  }
}

TEST_F(OvhEmulatorTest, UnknownServiceIsNotFound) {
  OvhSettings s = settings();
  s.service_name = "0033999999999";
  OvhClient client(s, clock_);
  try {
    client.create_room(123456789);
    FAIL() << "a room was created on an unknown service";
  } catch (const OvhRefused& refused) {
    EXPECT_EQ(refused.status(), 404);
    EXPECT_EQ(refused.ovh_message(), "This service does not exist");
  }
}

TEST_F(OvhEmulatorTest, CreateWithoutBodyPicksANineDigitNumber) {
  const net::HttpResponse response = raw("POST", std::string(kServicePath) + "/rooms");
  ASSERT_EQ(response.status, 200) << response.body;
  const JsonPtr room = json::parse(response.body);
  const json_int_t number = json_integer_value(json_object_get(room.get(), "roomNumber"));
  EXPECT_GE(number, 100000000);
  EXPECT_LE(number, 999999999);
}

// ------------------------------------------------------------------------- stats and lists

TEST_F(OvhEmulatorTest, RoomsStatsCountsSeededRoomsAndParticipants) {
  const std::string future = format_iso_millis(clock_.now() + 1h);
  const std::string past = format_iso_millis(clock_.now() - 1h);
  seed(R"({"rooms":[{"roomNumber":111111111,"expirationDate":")" + future +
       R"("},{"roomNumber":222222222,"expirationDate":")" + past +
       R"("},{"roomNumber":333333333,"expirationDate":null}],
           "participants":[{"roomNumber":111111111,"callerNumber":"0033600000001"},
                           {"roomNumber":111111111,"callerNumber":"0033600000002"},
                           {"roomNumber":333333333,"callerNumber":"0033600000003"}]})");
  OvhClient client(settings(), clock_);
  const RoomsStats stats = client.rooms_stats();
  EXPECT_EQ(stats.rooms_count, 2);  // the expired room no longer counts
  EXPECT_EQ(stats.active_rooms_count, 2);
  EXPECT_EQ(stats.participants_count, 3);
}

TEST_F(OvhEmulatorTest, ConferenceNumbersListTheServiceAndABlockName) {
  OvhClient client(settings(), clock_);
  EXPECT_EQ(client.conference_numbers(),
            (std::vector<std::string>{"0033122334455", "0033111111112-21"}));
}

TEST_F(OvhEmulatorTest, HistoriesFilterOnDateBeginInclusively) {
  seed(R"({"histories":[
      {"id":1,"dateBegin":"2021-06-20T10:00:00.000Z","duration":60,"countParticipants":2,"countConnections":3},
      {"id":2,"dateBegin":"2021-06-21T15:23:32.839Z","duration":600,"countParticipants":4,"countConnections":4},
      {"id":3,"dateBegin":"2021-06-22T08:00:00+02:00","duration":30,"countParticipants":1,"countConnections":1}]})");
  OvhClient client(settings(), clock_);
  EXPECT_EQ(client.histories(kServiceName, std::nullopt), (std::vector<std::int64_t>{1, 2, 3}));
  const TimePoint since = *parse_rfc3339("2021-06-21T15:23:32.839Z");
  EXPECT_EQ(client.histories(kServiceName, since), (std::vector<std::int64_t>{2, 3}));

  const net::HttpResponse bounded = raw(
      "GET",
      std::string(kServicePath) +
          "/histories?dateBegin.from=2021-06-20T10:00:00Z&dateBegin.to=2021-06-21T15:23:32.839Z");
  ASSERT_EQ(bounded.status, 200) << bounded.body;
  EXPECT_EQ(integers(bounded.body), (std::vector<std::int64_t>{1, 2}));
}

TEST_F(OvhEmulatorTest, HistoryByIdReturnsItsFields) {
  seed(R"({"histories":[{"id":12345,"dateBegin":"2021-06-21T15:23:32.839Z",
           "dateEnd":"2021-06-21T15:33:32.839Z","countParticipants":2,"countConnections":2,
           "duration":8888}]})");
  OvhClient client(settings(), clock_);
  const ConferenceHistory history = client.history(kServiceName, 12345);
  EXPECT_EQ(history.id, 12345);
  EXPECT_EQ(history.date_begin, "2021-06-21T15:23:32.839Z");
  EXPECT_EQ(history.date_end, "2021-06-21T15:33:32.839Z");
  EXPECT_EQ(history.duration_seconds, 8888);
  EXPECT_EQ(history.count_participants, 2);
  EXPECT_EQ(history.count_connections, 2);
  try {
    static_cast<void>(client.history(kServiceName, 54321));
    FAIL() << "an unknown history was found";
  } catch (const OvhRefused& refused) {
    EXPECT_EQ(refused.status(), 404);
  }
}

TEST_F(OvhEmulatorTest, ParticipantsCanBeListedAndMuted) {
  seed(R"({"rooms":[{"roomNumber":111111111}],
           "participants":[{"roomNumber":111111111,"id":42,"callerNumber":"0033600000001"}]})");
  const std::string room = std::string(kServicePath) + "/rooms/111111111";
  const net::HttpResponse list = raw("GET", room + "/participants");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(integers(list.body), (std::vector<std::int64_t>{42}));

  const net::HttpResponse mute = raw("POST", room + "/participants/42/mute");
  ASSERT_EQ(mute.status, 200) << mute.body;
  EXPECT_EQ(string_of(json::parse(mute.body).get(), "action"), "mute");
  const net::HttpResponse one = raw("GET", room + "/participants/42");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_TRUE(json_is_false(json_object_get(json::parse(one.body).get(), "speak")));
  EXPECT_EQ(raw("GET", room + "/participants/43").status, 404);
}

TEST_F(OvhEmulatorTest, EveryonesActionIsSentInParallel) {
  std::string people;
  for (int id = 1; id <= 16; ++id) {
    people += (id > 1 ? "," : "") + std::string(R"({"roomNumber":111111111,"id":)") +
              std::to_string(id) + R"(,"callerNumber":"0033600000001"})";
  }
  seed(R"({"rooms":[{"roomNumber":111111111}],"participants":[)" + people + "]}");
  fault(R"({"route":"POST participant-action","delayMs":400,"count":100})");
  OvhClient single(settings(), clock_);
  ParallelRoomModeration actions(single, settings(), clock_, nullptr, nullptr);
  std::vector<std::int64_t> ids;
  for (int id = 1; id <= 16; ++id) ids.push_back(id);
  ids.push_back(99);  // not on the line

  const auto started = std::chrono::steady_clock::now();
  const std::vector<EachOutcome> outcomes =
      actions.act_on_each(111111111, ids, ParticipantAction::kKick);
  const auto elapsed = std::chrono::steady_clock::now() - started;

  ASSERT_EQ(outcomes.size(), ids.size());
  for (std::size_t i = 0; i + 1 < ids.size(); ++i) EXPECT_EQ(outcomes[i], EachOutcome::kDone) << i;
  EXPECT_EQ(outcomes.back(), EachOutcome::kGone);
  EXPECT_EQ(integers(raw("GET", std::string(kServicePath) + "/rooms/111111111/participants").body),
            std::vector<std::int64_t>{});
  // One after the other, 17 calls of 400 ms take 6.8 s; eight at a time, about 1.2 s. The bound
  // only tells the two apart.
  EXPECT_LT(elapsed, 4s);
}

// ------------------------------------------------------------------------- authentication

TEST_F(OvhEmulatorTest, WrongSecretIsAnInvalidSignature) {
  OvhSettings s = settings();
  s.app_secret = "not-the-secret";
  OvhClient client(s, clock_);
  try {
    static_cast<void>(client.rooms_stats());
    FAIL() << "a bad signature was accepted";
  } catch (const OvhRefused& refused) {
    EXPECT_EQ(refused.status(), 400);
    EXPECT_EQ(refused.error_code(), "INVALID_SIGNATURE");
    EXPECT_EQ(refused.ovh_message(), "Invalid signature");
    EXPECT_EQ(std::string(refused.what()).find("not-the-secret"), std::string::npos);
  }
}

TEST_F(OvhEmulatorTest, TamperedBodyIsAnInvalidSignature) {
  const std::string target = std::string(kServicePath) + "/rooms";
  const net::HttpResponse response = raw("POST", target, R"({"roomNumber":111111111})", unix_now(),
                                         Keys{}, std::string(R"({"roomNumber":111111112})"));
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(string_of(json::parse(response.body).get(), "errorCode"), "INVALID_SIGNATURE");
  EXPECT_EQ(json_array_size(json_object_get(state().get(), "rooms")), 0U);
}

TEST_F(OvhEmulatorTest, ErrorsCarryBothShapesAndAQueryId) {
  Keys keys;
  keys.app_secret = "wrong";
  const net::HttpResponse response =
      raw("GET", std::string(kServicePath) + "/roomsStats", "", unix_now(), keys);
  ASSERT_EQ(response.status, 400);
  const JsonPtr body = json::parse(response.body);
  EXPECT_EQ(string_of(body.get(), "class"), "Client::BadRequest");
  EXPECT_EQ(string_of(body.get(), "message"), "Invalid signature");
  EXPECT_EQ(string_of(body.get(), "errorCode"), "INVALID_SIGNATURE");
  EXPECT_EQ(string_of(body.get(), "httpCode"), "400 Bad Request");
  EXPECT_TRUE(response.header("x-ovh-queryid").has_value());
}

TEST_F(OvhEmulatorTest, UnknownApplicationKeyIsRefused) {
  OvhSettings s = settings();
  s.app_key = "someone-else";
  OvhClient client(s, clock_);
  try {
    static_cast<void>(client.rooms_stats());
    FAIL() << "an unknown application key was accepted";
  } catch (const OvhRefused& refused) {
    EXPECT_EQ(refused.status(), 403);
    EXPECT_EQ(refused.error_code(), "INVALID_KEY");
  }
}

TEST_F(OvhEmulatorTest, UnknownConsumerKeyIsRefused) {
  OvhSettings s = settings();
  s.consumer_key = "someone-else";
  OvhClient client(s, clock_);
  try {
    static_cast<void>(client.rooms_stats());
    FAIL() << "an unknown consumer key was accepted";
  } catch (const OvhRefused& refused) {
    EXPECT_EQ(refused.status(), 403);
    EXPECT_EQ(refused.error_code(), "NOT_CREDENTIAL");
    EXPECT_EQ(refused.ovh_message(), "This credential does not exist");
  }
}

TEST_F(OvhEmulatorTest, StaleTimestampIsRefused) {
  const std::string target = std::string(kServicePath) + "/roomsStats";
  EXPECT_EQ(raw("GET", target, "", unix_now(), Keys{}).status, 200);  // the same request, fresh
  const net::HttpResponse stale = raw("GET", target, "", unix_now() - 1000, Keys{});
  EXPECT_EQ(stale.status, 400);
  EXPECT_EQ(string_of(json::parse(stale.body).get(), "errorCode"), "QUERY_TIME_OUT");
}

TEST_F(OvhEmulatorTest, ClientCorrectsAWrongClockWithServerTime) {
  // A client clock twenty years late still signs current timestamps: the delta from
  // /auth/time makes up for it.
  FixedClock late_clock(std::chrono::sys_days{std::chrono::year{2004} / 1 / 1});
  OvhClient client(settings(), late_clock);
  EXPECT_NO_THROW(static_cast<void>(client.rooms_stats()));
  EXPECT_EQ(calls("GET auth/time"), 1);
  EXPECT_NO_THROW(static_cast<void>(client.rooms_stats()));
  EXPECT_EQ(calls("GET auth/time"), 1);  // fetched once per client
}

TEST_F(OvhEmulatorTest, AuthTimeNeedsNoAuthentication) {
  net::HttpRequest request;
  request.url = emulator_->endpoint() + "/auth/time";
  const net::HttpResponse response = http_.perform(request);
  ASSERT_EQ(response.status, 200);
  const JsonPtr time = json::parse(response.body);
  ASSERT_TRUE(json_is_integer(time.get())) << response.body;
  EXPECT_NEAR(static_cast<double>(json_integer_value(time.get())), static_cast<double>(unix_now()),
              5.0);
}

// ------------------------------------------------------------------------- faults and retries

TEST_F(OvhEmulatorTest, InjectedServerErrorIsARefusal) {
  fault(R"({"route":"POST rooms","count":1,"status":500,"errorCode":"BOOM","message":"down"})");
  OvhClient client(settings(), clock_);
  try {
    client.create_room(123456789);
    FAIL() << "the injected error was not reported";
  } catch (const OvhRefused& refused) {
    EXPECT_EQ(refused.status(), 500);
    EXPECT_EQ(refused.error_code(), "BOOM");
    EXPECT_EQ(refused.ovh_message(), "down");
  }
}

TEST_F(OvhEmulatorTest, PostIsNeverRetried) {
  fault(R"({"route":"POST rooms","count":1,"status":500})");
  OvhClient client(settings(), clock_);
  EXPECT_THROW(client.create_room(123456789), OvhRefused);
  EXPECT_EQ(calls("POST rooms"), 1);
  EXPECT_EQ(json_array_size(json_object_get(state().get(), "rooms")), 0U);
  EXPECT_NO_THROW(client.create_room(123456789));  // the fault was used up
}

TEST_F(OvhEmulatorTest, GetIsRetriedOnceAfterAServerError) {
  fault(R"({"route":"GET roomsStats","count":1,"status":500})");
  OvhClient client(settings(), clock_);
  EXPECT_NO_THROW(static_cast<void>(client.rooms_stats()));
  EXPECT_EQ(calls("GET roomsStats"), 2);
}

TEST_F(OvhEmulatorTest, GetGivesUpAfterItsAttempts) {
  fault(R"({"route":"GET roomsStats","count":5,"status":503})");
  OvhClient client(settings(), clock_);
  try {
    static_cast<void>(client.rooms_stats());
    FAIL() << "the injected errors were not reported";
  } catch (const OvhRefused& refused) {
    EXPECT_EQ(refused.status(), 503);
  }
  EXPECT_EQ(calls("GET roomsStats"), 2);
}

TEST_F(OvhEmulatorTest, ClientErrorOnGetIsNotRetried) {
  OvhSettings s = settings();
  s.app_secret = "wrong";
  OvhClient client(s, clock_);
  EXPECT_THROW(static_cast<void>(client.rooms_stats()), OvhRefused);
  EXPECT_EQ(calls("GET roomsStats"), 1);
}

TEST_F(OvhEmulatorTest, NonJsonAnswerMeansUnavailable) {
  fault(R"({"route":"GET roomsStats","count":2,"status":502,"body":"<html>Bad gateway</html>"})");
  OvhClient client(settings(), clock_);
  EXPECT_THROW(static_cast<void>(client.rooms_stats()), OvhUnavailable);
}

TEST_F(OvhEmulatorTest, FailingAuthTimeIsRetriedLikeAnyGet) {
  fault(R"({"route":"GET auth/time","count":1,"status":500})");
  OvhClient client(settings(), clock_);
  EXPECT_NO_THROW(static_cast<void>(client.rooms_stats()));
  EXPECT_EQ(calls("GET auth/time"), 2);
}

TEST_F(OvhEmulatorTest, DelayBeyondTheTotalTimeoutIsUnavailableQuickly) {
  OvhSettings s = settings();
  s.total_timeout = 300ms;
  OvhClient client(s, clock_);
  static_cast<void>(client.rooms_stats());  // /auth/time done: only the create is timed
  fault(R"({"route":"POST rooms","count":1,"delayMs":3000})");
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(client.create_room(123456789), OvhUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1500ms);
}

TEST_F(OvhEmulatorTest, DelayedGetTimesOutOnEveryAttempt) {
  OvhSettings s = settings();
  s.total_timeout = 200ms;
  OvhClient client(s, clock_);
  static_cast<void>(client.rooms_stats());
  fault(R"({"route":"GET roomsStats","count":2,"delayMs":2000})");
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(static_cast<void>(client.rooms_stats()), OvhUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1500ms);
  EXPECT_EQ(calls("GET roomsStats"), 3);
}

TEST_F(OvhEmulatorTest, DelayWithoutStatusAnswersNormallyAfterwards) {
  fault(R"({"route":"GET conference","delayMs":300})");
  OvhClient client(settings(), clock_);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(client.conference_numbers().size(), 2U);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 300ms);
}

TEST_F(OvhEmulatorTest, ClearedFaultsNoLongerApply) {
  fault(R"({"route":"GET roomsStats","count":10,"status":500})");
  ASSERT_EQ(control("DELETE", "/_emulator/faults").status, 200);
  OvhClient client(settings(), clock_);
  EXPECT_NO_THROW(static_cast<void>(client.rooms_stats()));
}

TEST_F(OvhEmulatorTest, BadFaultIsRejected) {
  EXPECT_EQ(control("POST", "/_emulator/faults", R"({"route":"GET nowhere","status":500})").status,
            400);
  EXPECT_EQ(control("POST", "/_emulator/faults", R"({"route":"GET rooms"})").status, 400);
}

TEST_F(OvhEmulatorTest, ResetEmptiesTheState) {
  OvhClient client(settings(), clock_);
  client.create_room(123456789);
  const JsonPtr after = control_json("POST", "/_emulator/reset");
  EXPECT_EQ(json_array_size(json_object_get(after.get(), "rooms")), 0U);
  EXPECT_EQ(json_integer_value(json_object_get(after.get(), "requests")), 0);
}

TEST_F(OvhEmulatorTest, ServesManyRequestsQuickly) {
  OvhClient client(settings(), clock_);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 300; ++i) static_cast<void>(client.rooms_stats());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

TEST_F(OvhEmulatorTest, LogsOneLinePerRequestWithoutSecrets) {
  OvhClient client(settings(), clock_);
  client.create_room(123456789);
  std::this_thread::sleep_for(50ms);  // the log line is written after the answer
  std::ifstream log(emulator_->log_path());
  std::stringstream text;
  text << log.rdbuf();
  const std::string content = text.str();
  EXPECT_NE(content.find("POST /1.0/telephony/aa1111111-ovh-1/conference/0033122334455/rooms 200"),
            std::string::npos)
      << content;
  for (const char* secret : {kAppSecret, kConsumerKey, kAppKey, "$1$"}) {
    EXPECT_EQ(content.find(secret), std::string::npos) << secret;
  }
}

TEST_F(OvhEmulatorTest, LogsRoomPathsWithTheRoomNumberMasked) {
  OvhClient client(settings(), clock_);
  client.create_room(987654321);
  client.configure_room(987654321, clock_.now() + std::chrono::hours(1));
  std::this_thread::sleep_for(50ms);  // the log line is written after the answer
  std::ifstream log(emulator_->log_path());
  std::stringstream text;
  text << log.rdbuf();
  const std::string content = text.str();
  EXPECT_NE(
      content.find(
          "PUT /1.0/telephony/aa1111111-ovh-1/conference/0033122334455/rooms/{roomNumber} 200"),
      std::string::npos)
      << content;
  EXPECT_EQ(content.find("987654321"), std::string::npos) << content;
}

// ------------------------------------------------------------------------- process life

OvhSettings settings_for(const EmulatorProcess& emulator) {
  OvhSettings s;
  s.endpoint = emulator.endpoint();
  s.app_key = kAppKey;
  s.app_secret = kAppSecret;
  s.consumer_key = kConsumerKey;
  s.billing_account = kBillingAccount;
  s.service_name = kServiceName;
  return s;
}

TEST(OvhEmulatorProcess, SeedParticipantsStartsWithLiveCallsInAFewRooms) {
  SystemClock clock;
  const EmulatorProcess plain;
  const RoomsStats empty = OvhClient(settings_for(plain), clock).rooms_stats();
  EXPECT_EQ(empty.rooms_count, 0);
  EXPECT_EQ(empty.participants_count, 0);

  const EmulatorProcess seeded({"--seed-participants", "5"});
  const RoomsStats stats = OvhClient(settings_for(seeded), clock).rooms_stats();
  EXPECT_EQ(stats.participants_count, 5);
  EXPECT_EQ(stats.active_rooms_count, 2);  // 3 + 2
  EXPECT_EQ(stats.rooms_count, 2);         // live: no expiration
  // Live rooms of the configured number, with 3 and 2 participants.
  net::HttpClient http;
  net::HttpRequest request;
  request.url = seeded.origin() + "/_emulator/state";
  const JsonPtr state = json::parse(http.perform(request).body);
  ASSERT_TRUE(state);
  const json_t* rooms = json_object_get(state.get(), "rooms");
  const json_t* participants = json_object_get(state.get(), "participants");
  ASSERT_EQ(json_array_size(rooms), 2U);
  ASSERT_EQ(json_array_size(participants), 5U);
  std::vector<std::size_t> sizes;
  for (std::size_t i = 0; i < json_array_size(rooms); ++i) {
    const json_t* room = json_array_get(rooms, i);
    EXPECT_EQ(string_of(room, "serviceName"), kServiceName);
    EXPECT_TRUE(json_is_true(json_object_get(room, "live")));
    const json_int_t number = json_integer_value(json_object_get(room, "roomNumber"));
    std::size_t size = 0;
    for (std::size_t k = 0; k < json_array_size(participants); ++k) {
      if (json_integer_value(json_object_get(json_array_get(participants, k), "roomNumber")) ==
          number) {
        ++size;
      }
    }
    sizes.push_back(size);
  }
  EXPECT_EQ(sizes, (std::vector<std::size_t>{3, 2}));
}

TEST(OvhEmulatorProcess, StoppedEmulatorMeansUnavailable) {
  EmulatorProcess emulator;
  const OvhSettings s = settings_for(emulator);
  SystemClock clock;
  OvhClient client(s, clock);
  EXPECT_NO_THROW(static_cast<void>(client.rooms_stats()));
  ASSERT_EQ(emulator.stop(), 0);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(static_cast<void>(client.rooms_stats()), OvhUnavailable);
  EXPECT_THROW(client.create_room(123456789), OvhUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

TEST(OvhEmulatorProcess, ExitsCleanlyOnSigtermEvenWhileARequestSleeps) {
  EmulatorProcess emulator;
  net::HttpClient http;
  net::HttpRequest fault;
  fault.method = "POST";
  fault.url = emulator.origin() + "/_emulator/faults";
  fault.body = R"({"route":"GET conference","delayMs":30000})";
  ASSERT_EQ(http.perform(fault).status, 200);
  std::thread sleeper([&] {
    net::HttpClient other;
    net::HttpRequest request;
    request.url = emulator.endpoint() + "/telephony/aa1111111-ovh-1/conference";
    request.total_timeout = 10s;
    try {
      static_cast<void>(other.perform(request));
    } catch (const net::TransportError&) {
      // the emulator went away: expected
    }
  });
  std::this_thread::sleep_for(200ms);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(emulator.stop(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  sleeper.join();
}

}  // namespace
}  // namespace audioconf::ovh
