#include "emulator.hpp"

#include <jansson.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <stdexcept>
#include <utility>
#include <variant>

#include "common/json.hpp"
#include "common/ovh/dates.hpp"
#include "common/ovh/signature.hpp"

namespace audioconf::ovh_emulator {

enum class Op {
  kAuthTime,
  kConferenceList,
  kRoomList,
  kCreateRoom,
  kGetRoom,
  kUpdateRoom,
  kRoomsStats,
  kHistories,
  kHistory,
  kParticipants,
  kParticipant,
  kParticipantAction,
  kRoomLock,
};

struct ApiRoute {
  Op op = Op::kAuthTime;
  std::string pattern;  // the fault pattern, also the key of the "calls" counters
  std::string billing_account;
  std::string service;
  std::optional<std::string> room;  // raw path segments, parsed after authentication
  std::optional<std::string> id;
  std::string action;
  std::string query;  // raw query string, without '?'
};

namespace {

using json::JsonPtr;

// ---------------------------------------------------------------- text and JSON helpers

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t k = 1; k <= 2; ++k) {
      const char c = text[i + k];
      value <<= 4;
      if (c >= '0' && c <= '9') {
        value |= c - '0';
      } else if (c >= 'a' && c <= 'f') {
        value |= c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        value |= c - 'A' + 10;
      } else {
        return std::nullopt;
      }
    }
    out.push_back(static_cast<char>(value));
    i += 2;
  }
  return out;
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string reason_phrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 429:
      return "Too Many Requests";
    case 460:
      return "Expired";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return status >= 500 ? "Server Error" : "Client Error";
  }
}

std::string class_for(int status) {
  switch (status) {
    case 400:
      return "Client::BadRequest";
    case 403:
      return "Client::Forbidden";
    case 404:
      return "Client::NotFound";
    case 405:
      return "Client::MethodNotAllowed";
    case 409:
      return "Client::Conflict";
    case 429:
      return "Client::TooManyRequests";
    case 500:
      return "Server::InternalServerError";
    case 502:
      return "Server::BadGateway";
    case 503:
      return "Server::ServiceUnavailable";
    case 504:
      return "Server::GatewayTimeout";
    default:
      return status >= 500 ? "Server::Error" : "Client::Error";
  }
}

EmulatorReply owned_reply(int status, JsonPtr value) {
  if (!value) throw std::runtime_error("cannot build a JSON answer");
  return EmulatorReply{.status = status, .body = json::dump(value.get())};
}

/// The union of both OVH error shapes (current `class`, legacy `errorCode`/`httpCode`) so that
/// every client flavour understands it. errorCode is the class when OVH has no legacy code.
EmulatorReply error_reply(int status, std::string_view message, std::string_view error_code = "") {
  const std::string cls = class_for(status);
  const std::string code = error_code.empty() ? cls : std::string(error_code);
  const std::string http_code = std::to_string(status) + " " + reason_phrase(status);
  const std::string text(message);
  return owned_reply(status, JsonPtr(json_pack("{s:s, s:s, s:s, s:s}", "class", cls.c_str(),
                                               "message", text.c_str(), "errorCode", code.c_str(),
                                               "httpCode", http_code.c_str())));
}

EmulatorReply bad_request(std::string_view message) { return error_reply(400, message); }

EmulatorReply not_found_object(std::string_view name, std::string_view value) {
  return error_reply(404, "The requested object (" + std::string(name) + " = " +
                              std::string(value) + ") does not exist");
}

EmulatorReply control_error(std::string_view message) {
  const std::string text(message);
  return owned_reply(400, JsonPtr(json_pack("{s:s}", "message", text.c_str())));
}

/// Takes ownership of `value` (json_object_set_new semantics).
void put(json_t* object, const char* key, json_t* value) {
  if (value == nullptr || json_object_set_new(object, key, value) != 0) {
    throw std::runtime_error("cannot build a JSON answer");
  }
}

json_t* make_string(std::string_view value) { return json_stringn(value.data(), value.size()); }

json_t* string_or_null(const std::optional<std::string>& value) {
  return value ? make_string(*value) : json_null();
}

JsonPtr new_object() {
  JsonPtr object(json_object());
  if (!object) throw std::runtime_error("cannot build a JSON answer");
  return object;
}

JsonPtr new_array() {
  JsonPtr array(json_array());
  if (!array) throw std::runtime_error("cannot build a JSON answer");
  return array;
}

void append(json_t* array, json_t* value) {
  if (value == nullptr || json_array_append_new(array, value) != 0) {
    throw std::runtime_error("cannot build a JSON answer");
  }
}

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
}

/// The body as a JSON object; null (and `problem` set) when it is anything else.
JsonPtr parse_object(const std::string& body, std::string& problem) {
  JsonPtr document = json::parse(body);
  if (!document || !json_is_object(document.get())) {
    problem = "Invalid body: a JSON object is expected";
    return nullptr;
  }
  return document;
}

std::int64_t unix_seconds(TimePoint at) {
  return std::chrono::floor<std::chrono::seconds>(at).time_since_epoch().count();
}

constexpr std::array<std::string_view, 11> kFaultPatterns = {
    "rooms",     "room",         "roomsStats",  "conference", "histories",         "history",
    "auth/time", "participants", "participant", "room-lock",  "participant-action"};

constexpr std::array<std::string_view, 6> kParticipantActions = {"mute",   "unmute", "deaf",
                                                                 "undeaf", "kick",   "energy"};

constexpr std::array<std::string_view, 3> kReportStatuses = {"customer", "none", "other"};
constexpr std::array<std::string_view, 5> kLanguages = {"de", "en", "es", "fr", "it"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// ---------------------------------------------------------------- routing

std::vector<std::string> split_segments(std::string_view path, bool& ok) {
  std::vector<std::string> segments;
  ok = true;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::string_view raw = path.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    auto decoded = percent_decode(raw);
    if (!decoded) {
      ok = false;
      return {};
    }
    segments.push_back(std::move(*decoded));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return segments;
}

/// Matches the segments after /1.0/ against the conference routes: a route, or the 404/405
/// OVH would give for an unknown path or method.
std::variant<ApiRoute, EmulatorReply> resolve(std::string_view method,
                                              const std::vector<std::string>& s,
                                              std::string_view raw_path) {
  const auto invalid_url = [] { return error_reply(404, "Got an invalid (or empty) URL"); };
  const auto wrong_method = [&] {
    return error_reply(405, "Received not described method '" + std::string(method) +
                                "' for path '" + std::string(raw_path) + "'");
  };
  // Each candidate: allowed method, op, fault pattern.
  const auto pick = [&](ApiRoute route,
                        std::initializer_list<std::pair<std::string_view, Op>> methods,
                        std::string pattern) -> std::variant<ApiRoute, EmulatorReply> {
    for (const auto& [allowed, op] : methods) {
      if (allowed == method) {
        route.op = op;
        route.pattern = std::move(pattern);
        return route;
      }
    }
    return wrong_method();
  };

  if (s.size() == 2 && s[0] == "auth" && s[1] == "time") {
    return pick(ApiRoute{}, {{"GET", Op::kAuthTime}}, "auth/time");
  }
  if (s.size() < 3 || s[0] != "telephony" || s[2] != "conference") return invalid_url();
  ApiRoute route;
  route.billing_account = s[1];
  if (s.size() == 3) return pick(route, {{"GET", Op::kConferenceList}}, "conference");
  route.service = s[3];
  const std::vector<std::string> rest(s.begin() + 4, s.end());
  const std::size_t n = rest.size();
  if (n == 1 && rest[0] == "roomsStats") {
    return pick(route, {{"GET", Op::kRoomsStats}}, "roomsStats");
  }
  if (n >= 1 && rest[0] == "histories") {
    if (n == 1) return pick(route, {{"GET", Op::kHistories}}, "histories");
    if (n == 2) {
      route.id = rest[1];
      return pick(route, {{"GET", Op::kHistory}}, "history");
    }
    return invalid_url();
  }
  // Participants exist under a room and directly under the service: same shapes after that.
  std::size_t at = 0;
  if (n >= 1 && rest[0] == "rooms") {
    if (n == 1) return pick(route, {{"GET", Op::kRoomList}, {"POST", Op::kCreateRoom}}, "rooms");
    route.room = rest[1];
    if (n == 2) return pick(route, {{"GET", Op::kGetRoom}, {"PUT", Op::kUpdateRoom}}, "room");
    if (n == 3 && (rest[2] == "lock" || rest[2] == "unlock")) {
      route.action = rest[2];
      return pick(route, {{"POST", Op::kRoomLock}}, "room-lock");
    }
    at = 2;
  }
  if (n > at && rest[at] == "participants") {
    if (n == at + 1) return pick(route, {{"GET", Op::kParticipants}}, "participants");
    route.id = rest[at + 1];
    if (n == at + 2) return pick(route, {{"GET", Op::kParticipant}}, "participant");
    if (n == at + 3 && contains(kParticipantActions, rest[at + 2])) {
      route.action = rest[at + 2];
      return pick(route, {{"POST", Op::kParticipantAction}}, "participant-action");
    }
  }
  return invalid_url();
}

}  // namespace

// ---------------------------------------------------------------- the Emulator

Emulator::Emulator(EmulatorConfig config, const Clock& clock, std::uint64_t seed)
    : config_(std::move(config)), clock_(clock), random_(seed) {
  reset_locked();
  seed_live_participants_locked(config_.seed_participants);
}

void Emulator::seed_live_participants_locked(int count) {
  // A few calls of different sizes, like a quiet moment of the real service: rooms of up to 3
  // (e.g. 5 → 3 + 2), without expiration, on the configured conference number.
  constexpr int kPerRoom = 3;
  const std::string now = ovh::format_iso_millis(clock_.now());
  for (int placed = 0; placed < count; placed += kPerRoom) {
    Room room;
    room.service_name = config_.service_name;
    room.room_number = random_room_number();
    room.events_channel = random_hex(40);
    rooms_.push_back(room);
    for (int i = placed; i < std::min(count, placed + kPerRoom); ++i) {
      Participant p;
      p.service_name = room.service_name;
      p.room_number = room.room_number;
      p.id = next_participant_id_++;
      char caller[16];
      std::snprintf(caller, sizeof caller, "00336%08d", 10000000 + i);
      p.caller_number = caller;
      p.caller_name = "Participant " + std::to_string(i + 1);
      p.arrival = now;
      p.talking = i == placed;  // someone speaks in each call
      participants_.push_back(p);
    }
  }
}

void Emulator::reset_locked() {
  services_ = {config_.service_name, "0033111111112-21"};
  rooms_.clear();
  participants_.clear();
  histories_.clear();
  faults_.clear();
  requests_ = 0;
  calls_.clear();
  simulations_.clear();
  recent_calls_.clear();
  rate_limit_per_minute_.reset();
}

void Emulator::stop() {
  {
    const std::lock_guard lock(stop_mutex_);
    stopping_ = true;
  }
  stop_signal_.notify_all();
}

std::string Emulator::next_query_id() {
  // Shaped like OVH's ("EU.ext-3.65e35d7b.2743956.<32 hex>") so log parsers see familiar ids.
  const std::lock_guard lock(mutex_);
  char stamp[32];
  std::snprintf(stamp, sizeof stamp, "%08llx",
                static_cast<unsigned long long>(unix_seconds(clock_.now())));
  return "EMU.ext-1." + std::string(stamp) + "." + std::to_string(next_query_id_++) + "." +
         random_hex(32);
}

std::string Emulator::random_hex(std::size_t length) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < length; ++i) out.push_back(kHex[random_() & 0x0f]);
  return out;
}

std::int64_t Emulator::random_room_number() {
  std::uniform_int_distribution<std::int64_t> digits(100000000, 999999999);
  for (;;) {
    const std::int64_t candidate = digits(random_);
    if (find_room(config_.service_name, candidate) == nullptr) return candidate;
  }
}

bool Emulator::is_live(const Room& room) const {
  return !room.expiration || *room.expiration > clock_.now();
}

bool Emulator::has_service(std::string_view service) const {
  return std::find(services_.begin(), services_.end(), service) != services_.end();
}

Emulator::Room* Emulator::find_room(std::string_view service, std::int64_t number) {
  for (Room& room : rooms_) {
    if (room.service_name == service && room.room_number == number) return &room;
  }
  return nullptr;
}

std::optional<std::size_t> Emulator::find_participant(std::string_view service,
                                                      std::optional<std::int64_t> room,
                                                      std::int64_t id) {
  for (std::size_t i = 0; i < participants_.size(); ++i) {
    const Participant& p = participants_[i];
    if (p.service_name == service && p.id == id && (!room || p.room_number == *room)) return i;
  }
  return std::nullopt;
}

EmulatorReply Emulator::handle(const EmulatorRequest& request) {
  const std::string_view target = request.target;
  if (target.rfind("/_emulator/", 0) == 0) return handle_control(request);
  if (target.rfind("/1.0/", 0) == 0) return handle_api(request);
  return error_reply(404, "Got an invalid (or empty) URL");
}

EmulatorReply Emulator::handle_api(const EmulatorRequest& request) {
  const std::string_view target = request.target;
  const std::size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  bool ok = false;
  const std::vector<std::string> segments = split_segments(path.substr(5), ok);
  {
    const std::lock_guard lock(mutex_);
    ++requests_;
  }
  if (!ok) return error_reply(400, "Invalid URL encoding");
  auto resolved = resolve(request.method, segments, path);
  if (auto* refusal = std::get_if<EmulatorReply>(&resolved)) return *refusal;
  ApiRoute& route = std::get<ApiRoute>(resolved);
  if (question != std::string_view::npos) route.query = std::string(target.substr(question + 1));

  std::optional<Fault> fault;
  {
    const std::lock_guard lock(mutex_);
    ++calls_[request.method + " " + route.pattern];
    if (auto refusal = count_call_locked(request.method + " " + route.pattern)) return *refusal;
    for (auto it = faults_.begin(); it != faults_.end(); ++it) {
      if ((it->method == "*" || it->method == request.method) && it->pattern == route.pattern) {
        fault = *it;
        if (--it->remaining <= 0) faults_.erase(it);
        break;
      }
    }
  }
  if (fault) {
    if (fault->delay.count() > 0) {
      // Sleep outside the state lock; shutdown cuts it short.
      std::unique_lock lock(stop_mutex_);
      stop_signal_.wait_for(lock, fault->delay, [this] { return stopping_; });
    }
    if (fault->raw_body) {
      return EmulatorReply{.status = fault->status.value_or(500),
                           .body = *fault->raw_body,
                           .content_type = "text/html; charset=utf-8"};
    }
    if (fault->status) {
      const std::string message = fault->message.empty()
                                      ? "Injected fault: " + reason_phrase(*fault->status)
                                      : fault->message;
      return error_reply(*fault->status, message, fault->error_code);
    }
  }

  if (route.op != Op::kAuthTime) {
    if (auto refusal = check_auth(request)) return *refusal;
  }
  const std::lock_guard lock(mutex_);
  advance_locked();
  return execute(route, request);
}

std::optional<EmulatorReply> Emulator::check_auth(const EmulatorRequest& request) const {
  const auto header = [&](const char* name) -> const std::string* {
    const auto it = request.headers.find(name);
    return it == request.headers.end() ? nullptr : &it->second;
  };
  const std::string* app_key = header("x-ovh-application");
  if (app_key == nullptr || *app_key != config_.app_key) {
    return error_reply(403, "Invalid application key", "INVALID_KEY");
  }
  const std::string* consumer_key = header("x-ovh-consumer");
  if (consumer_key == nullptr || *consumer_key != config_.consumer_key) {
    return error_reply(403, "This credential does not exist", "NOT_CREDENTIAL");
  }
  const std::string* stamp_text = header("x-ovh-timestamp");
  const std::optional<std::int64_t> stamp =
      stamp_text != nullptr ? parse_int(*stamp_text) : std::nullopt;
  // The signature hashes the header's digits: only the canonical form can match ours.
  if (!stamp || std::to_string(*stamp) != *stamp_text ||
      std::abs(*stamp - unix_seconds(clock_.now())) > config_.time_window.count()) {
    return error_reply(400, "Query out of time", "QUERY_TIME_OUT");
  }
  const std::string* signature = header("x-ovh-signature");
  const std::string expected =
      ovh::sign(config_.app_secret, *consumer_key, request.method,
                config_.public_origin + request.target, request.body, *stamp);
  if (signature == nullptr || signature->size() != expected.size() ||
      CRYPTO_memcmp(signature->data(), expected.data(), expected.size()) != 0) {
    return error_reply(400, "Invalid signature", "INVALID_SIGNATURE");
  }
  return std::nullopt;
}

namespace {

json_t* room_json(const std::string& service, std::int64_t room_number, const std::string& pin,
                  const std::optional<TimePoint>& expiration, bool record_status,
                  const std::string& report_status) {
  json_t* room = json_object();
  if (room == nullptr) throw std::runtime_error("cannot build a JSON answer");
  JsonPtr guard(room);
  if (!service.empty()) put(room, "serviceName", make_string(service));
  put(room, "roomNumber", json_integer(room_number));
  put(room, "pin", make_string(pin));
  put(room, "expirationDate",
      expiration ? make_string(ovh::format_iso_millis(*expiration)) : json_null());
  put(room, "recordStatus", json_boolean(record_status));
  put(room, "reportStatus", make_string(report_status));
  return guard.release();
}

}  // namespace

EmulatorReply Emulator::execute(const ApiRoute& route, const EmulatorRequest& request) {
  if (route.op == Op::kAuthTime) {
    return EmulatorReply{.status = 200, .body = std::to_string(unix_seconds(clock_.now()))};
  }
  if (route.billing_account != config_.billing_account) {
    return error_reply(404, "This service does not exist");
  }
  if (route.op == Op::kConferenceList) {
    JsonPtr list = new_array();
    for (const std::string& service : services_) append(list.get(), make_string(service));
    return owned_reply(200, std::move(list));
  }
  if (!has_service(route.service)) return error_reply(404, "This service does not exist");

  std::optional<std::int64_t> room_number;
  if (route.room) {
    room_number = parse_int(*route.room);
    if (!room_number) return bad_request("Invalid value for parameter roomNumber: not a long");
  }
  std::optional<std::int64_t> id;
  if (route.id) {
    id = parse_int(*route.id);
    if (!id) return bad_request("Invalid value for parameter id: not a long");
  }
  Room* room = room_number ? find_room(route.service, *room_number) : nullptr;
  if (room_number && room == nullptr && route.op != Op::kCreateRoom) {
    return not_found_object("roomNumber", *route.room);
  }

  switch (route.op) {
    case Op::kRoomList: {
      JsonPtr list = new_array();
      for (const Room& r : rooms_) {
        if (r.service_name == route.service) append(list.get(), json_integer(r.room_number));
      }
      return owned_reply(200, std::move(list));
    }
    case Op::kCreateRoom:
      return create_room(route.service, request.body);
    case Op::kGetRoom: {
      JsonPtr object(room_json("", room->room_number, room->pin, room->expiration,
                               room->record_status, room->report_status));
      put(object.get(), "reportEmail", string_or_null(room->report_email));
      put(object.get(), "whiteLabelReport", json_boolean(room->white_label_report));
      put(object.get(), "language", make_string(room->language));
      put(object.get(), "enterMuted", json_boolean(room->enter_muted));
      put(object.get(), "anonymousRejection", json_boolean(room->anonymous_rejection));
      put(object.get(), "announceFile", json_boolean(room->announce_file));
      put(object.get(), "announceFilename", json_null());
      put(object.get(), "announceSoundId",
          room->announce_sound_id ? json_integer(*room->announce_sound_id) : json_null());
      put(object.get(), "eventsChannel", make_string(room->events_channel));
      return owned_reply(200, std::move(object));
    }
    case Op::kUpdateRoom:
      return update_room(*room, request.body);
    case Op::kRoomsStats:
      return rooms_stats(route.service);
    case Op::kHistories:
      return list_histories(route.service, route.query);
    case Op::kHistory: {
      for (const History& h : histories_) {
        if (h.service_name != route.service || h.id != *id) continue;
        JsonPtr object(json_pack(
            "{s:I, s:s, s:s, s:I, s:I, s:I, s:n, s:[]}", "id", static_cast<json_int_t>(h.id),
            "dateBegin", h.date_begin.c_str(), "dateEnd", h.date_end.c_str(), "duration",
            static_cast<json_int_t>(h.duration), "countParticipants",
            static_cast<json_int_t>(h.count_participants), "countConnections",
            static_cast<json_int_t>(h.count_connections), "recordUrl", "events"));
        return owned_reply(200, std::move(object));
      }
      return not_found_object("id", *route.id);
    }
    case Op::kParticipants: {
      JsonPtr list = new_array();
      for (const Participant& p : participants_) {
        if (p.service_name == route.service && (!room_number || p.room_number == *room_number)) {
          append(list.get(), json_integer(p.id));
        }
      }
      return owned_reply(200, std::move(list));
    }
    case Op::kParticipant: {
      const auto index = find_participant(route.service, room_number, *id);
      if (!index) return not_found_object("id", *route.id);
      const Participant& p = participants_[*index];
      return owned_reply(
          200,
          JsonPtr(json_pack(
              "{s:I, s:s, s:s, s:s, s:b, s:b, s:b, s:b, s:I}", "id", static_cast<json_int_t>(p.id),
              "callerNumber", p.caller_number.c_str(), "callerName", p.caller_name.c_str(),
              "arrivalDateTime", p.arrival.c_str(), "speak", p.speak, "talking", p.talking, "hear",
              p.hear, "floor", p.floor, "energy", static_cast<json_int_t>(p.energy))));
    }
    case Op::kParticipantAction: {
      const auto index = find_participant(route.service, room_number, *id);
      if (!index) return not_found_object("id", *route.id);
      return participant_action(*index, route.action, request.body);
    }
    case Op::kRoomLock:
      return room_lock(*room, route.action == "lock", request.body);
    case Op::kAuthTime:
    case Op::kConferenceList:
      break;
  }
  return error_reply(500, "Unhandled route");
}

EmulatorReply Emulator::create_room(const std::string& service, const std::string& body) {
  std::optional<std::int64_t> number;
  if (!is_blank(body)) {
    std::string problem;
    const JsonPtr object = parse_object(body, problem);
    if (!object) return bad_request(problem);
    const char* key = nullptr;
    json_t* value = nullptr;
    json_object_foreach(object.get(), key, value) {
      if (std::string_view(key) != "roomNumber") {
        return bad_request("Invalid parameter: " + std::string(key));
      }
      if (json_is_null(value)) continue;
      if (!json_is_integer(value) || json_integer_value(value) < 100000000 ||
          json_integer_value(value) > 999999999) {
        return bad_request("Invalid value for parameter roomNumber: a 9-digit number is expected");
      }
      number = json_integer_value(value);
    }
  }
  if (number && find_room(service, *number) != nullptr) {
    return error_reply(409, "This room number is already used on this conference service");
  }
  Room room;
  room.service_name = service;
  room.room_number = number ? *number : random_room_number();
  room.events_channel = random_hex(40);
  rooms_.push_back(room);
  if (config_.simulate_new_rooms > 0) {
    start_simulation_locked(service, room.room_number, config_.simulate_new_rooms,
                            std::chrono::seconds{5});
  }
  return owned_reply(200, JsonPtr(room_json("", room.room_number, room.pin, room.expiration,
                                            room.record_status, room.report_status)));
}

EmulatorReply Emulator::update_room(Room& room, const std::string& body) {
  if (is_blank(body)) return bad_request("Missing body: a telephony.ConferenceRoom is expected");
  std::string problem;
  const JsonPtr object = parse_object(body, problem);
  if (!object) return bad_request(problem);

  Room updated = room;  // validate everything first, apply all or nothing
  const TimePoint now = clock_.now();
  const char* key = nullptr;
  json_t* value = nullptr;
  json_object_foreach(object.get(), key, value) {
    const std::string_view name(key);
    const auto invalid = [&](std::string_view why) {
      return bad_request("Invalid value for parameter " + std::string(name) + ": " +
                         std::string(why));
    };
    const auto boolean = [&](bool& field) {
      if (!json_is_boolean(value)) return false;
      field = json_is_true(value);
      return true;
    };
    if (name == "pin") {
      if (!json_is_string(value)) return invalid("a string is expected");
      updated.pin = json_string_value(value);
    } else if (name == "expirationDate") {
      if (json_is_null(value)) {
        updated.expiration.reset();
        continue;
      }
      const auto at =
          json_is_string(value) ? ovh::parse_rfc3339(json_string_value(value)) : std::nullopt;
      if (!at) return invalid("an RFC 3339 date-time is expected");
      if (*at <= now) return invalid("the expiration date must be in the future");
      if (*at >= now + std::chrono::days{365}) {
        return invalid("the expiration date must be less than one year ahead");
      }
      updated.expiration = at;
    } else if (name == "recordStatus") {
      if (!boolean(updated.record_status)) return invalid("a boolean is expected");
    } else if (name == "reportStatus") {
      if (!json_is_string(value) || !contains(kReportStatuses, json_string_value(value))) {
        return invalid("one of customer, none, other is expected");
      }
      updated.report_status = json_string_value(value);
    } else if (name == "reportEmail") {
      if (json_is_null(value)) {
        updated.report_email.reset();
      } else if (json_is_string(value)) {
        updated.report_email = json_string_value(value);
      } else {
        return invalid("a string is expected");
      }
    } else if (name == "whiteLabelReport") {
      if (!boolean(updated.white_label_report)) return invalid("a boolean is expected");
    } else if (name == "enterMuted") {
      if (!boolean(updated.enter_muted)) return invalid("a boolean is expected");
    } else if (name == "anonymousRejection") {
      if (!boolean(updated.anonymous_rejection)) return invalid("a boolean is expected");
    } else if (name == "announceFile") {
      if (!boolean(updated.announce_file)) return invalid("a boolean is expected");
    } else if (name == "language") {
      if (!json_is_string(value) || !contains(kLanguages, json_string_value(value))) {
        return invalid("one of de, en, es, fr, it is expected");
      }
      updated.language = json_string_value(value);
    } else if (name == "announceSoundId") {
      if (json_is_null(value)) {
        updated.announce_sound_id.reset();
      } else if (json_is_integer(value)) {
        updated.announce_sound_id = json_integer_value(value);
      } else {
        return invalid("a long is expected");
      }
    } else if (name == "roomNumber" || name == "eventsChannel" || name == "announceFilename") {
      continue;  // read-only properties: OVH ignores them in a PUT
    } else {
      return bad_request("Invalid parameter: " + std::string(name));
    }
  }
  room = updated;
  return EmulatorReply{.status = 200, .body = "null"};
}

EmulatorReply Emulator::rooms_stats(const std::string& service) const {
  std::int64_t rooms_count = 0;
  std::int64_t active = 0;
  std::int64_t participants = 0;
  for (const Room& room : rooms_) {
    if (room.service_name != service) continue;
    if (is_live(room)) ++rooms_count;
    const bool busy = std::any_of(participants_.begin(), participants_.end(), [&](const auto& p) {
      return p.service_name == service && p.room_number == room.room_number;
    });
    if (busy) ++active;
  }
  for (const Participant& p : participants_) {
    if (p.service_name == service) ++participants;
  }
  return owned_reply(
      200, JsonPtr(json_pack("{s:I, s:I, s:I}", "activeRoomsCount", static_cast<json_int_t>(active),
                             "participantsCount", static_cast<json_int_t>(participants),
                             "roomsCount", static_cast<json_int_t>(rooms_count))));
}

EmulatorReply Emulator::list_histories(const std::string& service, std::string_view query) const {
  std::optional<TimePoint> from;
  std::optional<TimePoint> to;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    const std::size_t equals = pair.find('=');
    const auto key = percent_decode(pair.substr(0, equals));
    const auto value = equals == std::string_view::npos ? std::optional<std::string>("")
                                                        : percent_decode(pair.substr(equals + 1));
    if (!key || !value) return bad_request("Invalid query string encoding");
    // '+' is left as is (no form decoding): "+02:00" offsets sent raw must keep their sign.
    if (*key == "dateBegin.from" || *key == "dateBegin.to") {
      const auto at = ovh::parse_rfc3339(*value);
      if (!at) return bad_request("Invalid value for parameter " + *key + ": not a datetime");
      (*key == "dateBegin.from" ? from : to) = at;
    }
  }
  JsonPtr list = new_array();
  for (const History& h : histories_) {
    if (h.service_name != service) continue;
    if (from && h.begin < *from) continue;
    if (to && h.begin > *to) continue;
    append(list.get(), json_integer(h.id));
  }
  return owned_reply(200, std::move(list));
}

EmulatorReply Emulator::participant_action(std::size_t index, const std::string& action,
                                           const std::string& body) {
  Participant& p = participants_[index];
  if (action == "energy") {
    std::string problem;
    const JsonPtr object = parse_object(body, problem);
    if (!object) return bad_request(problem);
    const json_t* value = json_object_get(object.get(), "value");
    if (!json_is_integer(value)) return bad_request("Missing parameter value (long)");
    p.energy = json_integer_value(value);
  } else {
    if (!is_blank(body)) return bad_request("You provided an input body while none was expected");
    if (action == "mute") {
      p.speak = false;
      p.talking = false;  // a muted line is silent in the room
    }
    if (action == "unmute") p.speak = true;
    if (action == "deaf") p.hear = false;
    if (action == "undeaf") p.hear = true;
    if (action == "kick") {
      // A simulated caller who was excluded does not call back.
      for (Simulation& simulation : simulations_) {
        for (Caller& caller : simulation.callers) {
          if (caller.id == p.id && simulation.service_name == p.service_name) {
            caller.id.reset();
            caller.kicked = true;
          }
        }
      }
      participants_.erase(participants_.begin() + static_cast<long>(index));
    }
  }
  return owned_reply(200, JsonPtr(json_pack("{s:I, s:s, s:s, s:s, s:n, s:n}", "taskId",
                                            static_cast<json_int_t>(next_task_id_++), "action",
                                            action.c_str(), "serviceType", "conference", "status",
                                            "done", "message", "objectCreated")));
}

// ---------------------------------------------------------------- control routes

EmulatorReply Emulator::handle_control(const EmulatorRequest& request) {
  const std::string_view path =
      std::string_view(request.target).substr(0, request.target.find('?'));
  const std::string& method = request.method;
  const std::lock_guard lock(mutex_);
  advance_locked();
  if (path == "/_emulator/state" && method == "GET") return state_reply();
  if (path == "/_emulator/simulate" && method == "POST") return simulate(request.body);
  if (path == "/_emulator/rate-limit" && method == "POST") return set_rate_limit(request.body);
  if (path == "/_emulator/rate-limit" && method == "DELETE") {
    rate_limit_per_minute_.reset();
    return state_reply();
  }
  if (path == "/_emulator/reset" && method == "POST") {
    reset_locked();
    return state_reply();
  }
  if (path == "/_emulator/seed" && method == "POST") return seed(request.body);
  if (path == "/_emulator/faults" && method == "POST") return add_fault(request.body);
  if (path == "/_emulator/faults" && method == "DELETE") {
    faults_.clear();
    return state_reply();
  }
  return owned_reply(404, JsonPtr(json_pack("{s:s}", "message", "Unknown emulator control route")));
}

EmulatorReply Emulator::state_reply() const {
  JsonPtr state = new_object();
  JsonPtr rooms = new_array();
  for (const Room& room : rooms_) {
    json_t* object = room_json(room.service_name, room.room_number, room.pin, room.expiration,
                               room.record_status, room.report_status);
    append(rooms.get(), object);
    put(object, "language", make_string(room.language));
    put(object, "live", json_boolean(is_live(room)));
    put(object, "locked", json_boolean(room.locked));
  }
  put(state.get(), "rooms", rooms.release());

  JsonPtr participants = new_array();
  for (const Participant& p : participants_) {
    append(participants.get(),
           json_pack("{s:s, s:I, s:I, s:s, s:s, s:s, s:b, s:b, s:b, s:b, s:I}", "serviceName",
                     p.service_name.c_str(), "roomNumber", static_cast<json_int_t>(p.room_number),
                     "id", static_cast<json_int_t>(p.id), "callerNumber", p.caller_number.c_str(),
                     "callerName", p.caller_name.c_str(), "arrivalDateTime", p.arrival.c_str(),
                     "speak", p.speak, "talking", p.talking, "hear", p.hear, "floor", p.floor,
                     "energy", static_cast<json_int_t>(p.energy)));
  }
  put(state.get(), "participants", participants.release());

  JsonPtr histories = new_array();
  for (const History& h : histories_) {
    append(histories.get(),
           json_pack("{s:s, s:I, s:s, s:s, s:I, s:I, s:I}", "serviceName", h.service_name.c_str(),
                     "id", static_cast<json_int_t>(h.id), "dateBegin", h.date_begin.c_str(),
                     "dateEnd", h.date_end.c_str(), "duration", static_cast<json_int_t>(h.duration),
                     "countParticipants", static_cast<json_int_t>(h.count_participants),
                     "countConnections", static_cast<json_int_t>(h.count_connections)));
  }
  put(state.get(), "histories", histories.release());

  JsonPtr services = new_array();
  for (const std::string& service : services_) append(services.get(), make_string(service));
  put(state.get(), "services", services.release());

  JsonPtr faults = new_array();
  for (const Fault& f : faults_) {
    json_t* object = json_pack("{s:s, s:i}", "route", (f.method + " " + f.pattern).c_str(), "count",
                               f.remaining);
    append(faults.get(), object);
    if (f.status) put(object, "status", json_integer(*f.status));
    if (f.delay.count() > 0) put(object, "delayMs", json_integer(f.delay.count()));
  }
  put(state.get(), "faults", faults.release());

  put(state.get(), "requests", json_integer(requests_));
  JsonPtr calls = new_object();
  for (const auto& [route, count] : calls_) put(calls.get(), route.c_str(), json_integer(count));
  put(state.get(), "calls", calls.release());
  {
    const TimePoint since = clock_.now() - std::chrono::seconds{60};
    JsonPtr per_minute = new_object();
    JsonPtr by_route = new_object();
    std::map<std::string, std::int64_t> counts;
    std::int64_t total = 0;
    std::int64_t refused = 0;
    for (const CallRecord& record : recent_calls_) {
      if (record.at <= since) continue;
      ++total;
      ++counts[record.route];
      if (!record.accepted) ++refused;
    }
    for (const auto& [route, count] : counts) {
      put(by_route.get(), route.c_str(), json_integer(count));
    }
    put(per_minute.get(), "total", json_integer(total));
    put(per_minute.get(), "refused", json_integer(refused));
    put(per_minute.get(), "routes", by_route.release());
    put(state.get(), "callsPerMinute", per_minute.release());
  }
  put(state.get(), "rateLimitPerMinute",
      rate_limit_per_minute_ ? json_integer(*rate_limit_per_minute_) : json_null());
  JsonPtr simulations = new_array();
  for (const Simulation& simulation : simulations_) {
    append(simulations.get(),
           json_pack("{s:I, s:I}", "roomNumber", static_cast<json_int_t>(simulation.room_number),
                     "callers", static_cast<json_int_t>(simulation.callers.size())));
  }
  put(state.get(), "simulations", simulations.release());
  put(state.get(), "now", make_string(ovh::format_iso_millis(clock_.now())));
  return owned_reply(200, std::move(state));
}

EmulatorReply Emulator::seed(const std::string& body) {
  std::string problem;
  const JsonPtr document = parse_object(body, problem);
  if (!document) return control_error(problem);

  // Staged copies: a seed is applied whole or not at all.
  std::vector<std::string> services = services_;
  std::vector<Room> rooms = rooms_;
  std::vector<Participant> participants = participants_;
  std::vector<History> histories = histories_;
  std::int64_t next_participant_id = next_participant_id_;
  std::int64_t next_history_id = next_history_id_;
  JsonPtr added_rooms = new_array();
  JsonPtr added_participants = new_array();
  JsonPtr added_histories = new_array();

  const auto service_of = [&](const json_t* item) {
    std::string service = json::string_member(item, "serviceName", config_.service_name);
    if (std::find(services.begin(), services.end(), service) == services.end()) {
      services.push_back(service);
    }
    return service;
  };
  const auto room_exists = [&](const std::string& service, std::int64_t number) {
    return std::any_of(rooms.begin(), rooms.end(), [&](const Room& r) {
      return r.service_name == service && r.room_number == number;
    });
  };
  const auto optional_int = [](const json_t* item, const char* key, std::int64_t& out) {
    const json_t* value = json_object_get(item, key);
    if (value == nullptr) return true;
    if (!json_is_integer(value)) return false;
    out = json_integer_value(value);
    return true;
  };
  const auto optional_bool = [](const json_t* item, const char* key, bool& out) {
    const json_t* value = json_object_get(item, key);
    if (value == nullptr) return true;
    if (!json_is_boolean(value)) return false;
    out = json_is_true(value);
    return true;
  };

  std::size_t index = 0;
  json_t* item = nullptr;
  json_array_foreach(json_object_get(document.get(), "rooms"), index, item) {
    if (!json_is_object(item)) return control_error("rooms[]: objects are expected");
    Room room;
    room.service_name = service_of(item);
    const json_t* number = json_object_get(item, "roomNumber");
    if (number == nullptr) {
      std::uniform_int_distribution<std::int64_t> digits(100000000, 999999999);
      do {
        room.room_number = digits(random_);
      } while (room_exists(room.service_name, room.room_number));
    } else if (json_is_integer(number) && json_integer_value(number) > 0) {
      room.room_number = json_integer_value(number);
    } else {
      return control_error("rooms[].roomNumber: a positive integer is expected");
    }
    if (room_exists(room.service_name, room.room_number)) {
      return control_error("rooms[]: room " + std::to_string(room.room_number) + " already exists");
    }
    const json_t* expiration = json_object_get(item, "expirationDate");
    if (json_is_string(expiration)) {
      room.expiration = ovh::parse_rfc3339(json_string_value(expiration));
      if (!room.expiration) return control_error("rooms[].expirationDate: RFC 3339 expected");
    } else if (expiration != nullptr && !json_is_null(expiration)) {
      return control_error("rooms[].expirationDate: a string or null is expected");
    }
    room.pin = json::string_member(item, "pin", room.pin);
    room.report_status = json::string_member(item, "reportStatus", room.report_status);
    if (!optional_bool(item, "recordStatus", room.record_status)) {
      return control_error("rooms[].recordStatus: a boolean is expected");
    }
    room.events_channel = random_hex(40);
    rooms.push_back(room);
    append(added_rooms.get(), json_integer(room.room_number));
  }

  json_array_foreach(json_object_get(document.get(), "participants"), index, item) {
    if (!json_is_object(item)) return control_error("participants[]: objects are expected");
    Participant p;
    p.service_name = service_of(item);
    const json_t* number = json_object_get(item, "roomNumber");
    if (!json_is_integer(number) || !room_exists(p.service_name, json_integer_value(number))) {
      return control_error("participants[].roomNumber: the number of an existing room is expected");
    }
    p.room_number = json_integer_value(number);
    p.id = next_participant_id;
    if (!optional_int(item, "id", p.id)) return control_error("participants[].id: integer");
    if (std::any_of(participants.begin(), participants.end(), [&](const Participant& other) {
          return other.service_name == p.service_name && other.id == p.id;
        })) {
      return control_error("participants[]: id " + std::to_string(p.id) + " already exists");
    }
    next_participant_id = std::max(next_participant_id, p.id + 1);
    p.caller_number = json::string_member(item, "callerNumber", "0033100000000");
    p.caller_name = json::string_member(item, "callerName", "Participant");
    p.arrival = json::string_member(item, "arrivalDateTime", ovh::format_iso_millis(clock_.now()));
    if (!optional_bool(item, "speak", p.speak) || !optional_bool(item, "talking", p.talking) ||
        !optional_bool(item, "hear", p.hear) || !optional_bool(item, "floor", p.floor) ||
        !optional_int(item, "energy", p.energy)) {
      return control_error(
          "participants[]: speak/talking/hear/floor are booleans, energy an integer");
    }
    participants.push_back(p);
    append(added_participants.get(), json_integer(p.id));
  }

  json_array_foreach(json_object_get(document.get(), "histories"), index, item) {
    if (!json_is_object(item)) return control_error("histories[]: objects are expected");
    History h;
    h.service_name = service_of(item);
    h.id = next_history_id;
    if (!optional_int(item, "id", h.id)) return control_error("histories[].id: integer");
    if (std::any_of(histories.begin(), histories.end(), [&](const History& other) {
          return other.service_name == h.service_name && other.id == h.id;
        })) {
      return control_error("histories[]: id " + std::to_string(h.id) + " already exists");
    }
    next_history_id = std::max(next_history_id, h.id + 1);
    h.date_begin = json::string_member(item, "dateBegin");
    const auto begin = ovh::parse_rfc3339(h.date_begin);
    if (!begin) return control_error("histories[].dateBegin: RFC 3339 expected");
    h.begin = *begin;
    const bool has_duration = json_object_get(item, "duration") != nullptr;
    if (!optional_int(item, "duration", h.duration) ||
        !optional_int(item, "countParticipants", h.count_participants) ||
        !optional_int(item, "countConnections", h.count_connections)) {
      return control_error("histories[]: duration and counts are integers");
    }
    h.date_end = json::string_member(item, "dateEnd");
    if (h.date_end.empty()) {
      h.date_end = ovh::format_iso_millis(h.begin + std::chrono::seconds{h.duration});
    } else {
      const auto end = ovh::parse_rfc3339(h.date_end);
      if (!end) return control_error("histories[].dateEnd: RFC 3339 expected");
      if (!has_duration) {
        h.duration = std::chrono::duration_cast<std::chrono::seconds>(*end - h.begin).count();
      }
    }
    histories.push_back(h);
    append(added_histories.get(), json_integer(h.id));
  }

  services_ = std::move(services);
  rooms_ = std::move(rooms);
  participants_ = std::move(participants);
  histories_ = std::move(histories);
  next_participant_id_ = next_participant_id;
  next_history_id_ = next_history_id;
  JsonPtr reply = new_object();
  put(reply.get(), "rooms", added_rooms.release());
  put(reply.get(), "participants", added_participants.release());
  put(reply.get(), "histories", added_histories.release());
  return owned_reply(200, std::move(reply));
}

EmulatorReply Emulator::add_fault(const std::string& body) {
  std::string problem;
  const JsonPtr object = parse_object(body, problem);
  if (!object) return control_error(problem);
  const std::string route = json::string_member(object.get(), "route");
  const std::size_t space = route.find(' ');
  Fault fault;
  if (space != std::string::npos) {
    fault.method = route.substr(0, space);
    fault.pattern = route.substr(space + 1);
  }
  static constexpr std::array<std::string_view, 5> kMethods = {"GET", "POST", "PUT", "DELETE", "*"};
  if (!contains(kMethods, fault.method) || !contains(kFaultPatterns, fault.pattern)) {
    return control_error(
        "route: \"<GET|POST|PUT|DELETE|*> <pattern>\" with pattern one of rooms, room, "
        "roomsStats, conference, histories, history, auth/time, participants, participant, "
        "participant-action, room-lock");
  }
  const json_t* count = json_object_get(object.get(), "count");
  if (count != nullptr) {
    if (!json_is_integer(count) || json_integer_value(count) < 1) {
      return control_error("count: a positive integer is expected");
    }
    fault.remaining = static_cast<int>(json_integer_value(count));
  }
  const json_t* status = json_object_get(object.get(), "status");
  if (status != nullptr) {
    if (!json_is_integer(status) || json_integer_value(status) < 200 ||
        json_integer_value(status) > 599) {
      return control_error("status: an HTTP status is expected");
    }
    fault.status = static_cast<int>(json_integer_value(status));
  }
  const json_t* delay = json_object_get(object.get(), "delayMs");
  if (delay != nullptr) {
    if (!json_is_integer(delay) || json_integer_value(delay) < 0) {
      return control_error("delayMs: a non-negative integer is expected");
    }
    fault.delay = std::chrono::milliseconds{json_integer_value(delay)};
  }
  fault.error_code = json::string_member(object.get(), "errorCode");
  fault.message = json::string_member(object.get(), "message");
  const json_t* raw_body = json_object_get(object.get(), "body");
  if (json_is_string(raw_body)) fault.raw_body = json_string_value(raw_body);
  if (!fault.status && fault.delay.count() == 0) {
    return control_error("a fault needs a status, a delayMs, or both");
  }
  faults_.push_back(fault);
  return state_reply();
}

// ---------------------------------------------------------------- rate limit and lock

std::optional<EmulatorReply> Emulator::count_call_locked(const std::string& route) {
  const TimePoint now = clock_.now();
  const TimePoint since = now - std::chrono::seconds{60};
  const auto first_recent = std::find_if(recent_calls_.begin(), recent_calls_.end(),
                                         [&](const CallRecord& r) { return r.at > since; });
  recent_calls_.erase(recent_calls_.begin(), first_recent);
  const auto accepted = std::count_if(recent_calls_.begin(), recent_calls_.end(),
                                      [](const CallRecord& r) { return r.accepted; });
  const bool refuse = rate_limit_per_minute_ && accepted >= *rate_limit_per_minute_;
  recent_calls_.push_back(CallRecord{.at = now, .route = route, .accepted = !refuse});
  if (!refuse) return std::nullopt;
  return error_reply(429, "You have reached the request rate limit, please retry later");
}

EmulatorReply Emulator::set_rate_limit(const std::string& body) {
  std::string problem;
  const JsonPtr object = parse_object(body, problem);
  if (!object) return control_error(problem);
  const json_t* per_minute = json_object_get(object.get(), "perMinute");
  if (!json_is_integer(per_minute) || json_integer_value(per_minute) < 0 ||
      json_integer_value(per_minute) > 1000000) {
    return control_error("perMinute: an integer from 0 to 1000000 is expected");
  }
  rate_limit_per_minute_ = static_cast<int>(json_integer_value(per_minute));
  return state_reply();
}

EmulatorReply Emulator::room_lock(Room& room, bool locked, const std::string& body) {
  if (!is_blank(body)) return bad_request("You provided an input body while none was expected");
  room.locked = locked;
  return owned_reply(200, JsonPtr(json_pack("{s:I, s:s, s:s, s:s, s:n, s:n}", "taskId",
                                            static_cast<json_int_t>(next_task_id_++), "action",
                                            locked ? "lock" : "unlock", "serviceType", "conference",
                                            "status", "done", "message", "objectCreated")));
}

// ---------------------------------------------------------------- simulated calls

EmulatorReply Emulator::simulate(const std::string& body) {
  std::string problem;
  const JsonPtr object = parse_object(body, problem);
  if (!object) return control_error(problem);
  const json_t* number = json_object_get(object.get(), "roomNumber");
  const json_t* count = json_object_get(object.get(), "participants");
  const json_t* talk = json_object_get(object.get(), "talkEverySeconds");
  const std::string service =
      json::string_member(object.get(), "serviceName", config_.service_name);
  if (!json_is_integer(number) || find_room(service, json_integer_value(number)) == nullptr) {
    return control_error("roomNumber: the number of an existing room is expected");
  }
  if (!json_is_integer(count) || json_integer_value(count) < 1 || json_integer_value(count) > 500) {
    return control_error("participants: an integer from 1 to 500 is expected");
  }
  if (talk != nullptr &&
      (!json_is_integer(talk) || json_integer_value(talk) < 1 || json_integer_value(talk) > 3600)) {
    return control_error("talkEverySeconds: an integer from 1 to 3600 is expected");
  }
  const std::int64_t room_number = json_integer_value(number);
  const json_t* hang_ups = json_object_get(object.get(), "hangUps");
  if (hang_ups != nullptr && !json_is_boolean(hang_ups)) {
    return control_error("hangUps: a boolean is expected");
  }
  const auto callers = static_cast<int>(json_integer_value(count));
  start_simulation_locked(service, room_number, callers,
                          std::chrono::seconds{talk ? json_integer_value(talk) : 5},
                          hang_ups == nullptr || json_is_true(hang_ups));
  JsonPtr reply = new_object();
  put(reply.get(), "roomNumber", json_integer(room_number));
  put(reply.get(), "participants", json_integer(callers));
  return owned_reply(200, std::move(reply));
}

void Emulator::start_simulation_locked(const std::string& service, std::int64_t room_number,
                                       int callers, std::chrono::seconds talk_every,
                                       bool hang_ups) {
  // A new simulation on the same room replaces the previous one and its callers.
  for (auto it = simulations_.begin(); it != simulations_.end();) {
    if (it->service_name == service && it->room_number == room_number) {
      for (const Caller& caller : it->callers) {
        if (!caller.id) continue;
        if (auto index = find_participant(service, room_number, *caller.id)) {
          participants_.erase(participants_.begin() + static_cast<long>(*index));
        }
      }
      it = simulations_.erase(it);
    } else {
      ++it;
    }
  }
  const TimePoint start = std::chrono::floor<std::chrono::seconds>(clock_.now());
  Simulation simulation;
  simulation.service_name = service;
  simulation.room_number = room_number;
  simulation.talk_every = talk_every;
  simulation.hang_ups = hang_ups;
  simulation.advanced_to = start - std::chrono::seconds{1};
  simulation.next_talk = start;
  std::uniform_int_distribution<int> digits(10000000, 99999999);
  for (int i = 0; i < callers; ++i) {
    Caller caller;
    // Every seventh caller hides their number, like a real call's withheld lines.
    if (i % 7 != 6) {
      caller.number = (i % 2 == 0 ? "00336" : "00331") + std::to_string(digits(random_));
    }
    caller.name = "Participant " + std::to_string(i + 1);
    // Everyone joins within about four seconds; the first ones at once.
    caller.join_at = start + std::chrono::seconds{(i * 4) / callers};
    simulation.callers.push_back(std::move(caller));
  }
  simulations_.push_back(std::move(simulation));
  advance_locked();
}

void Emulator::advance_locked() {
  const TimePoint now = std::chrono::floor<std::chrono::seconds>(clock_.now());
  for (Simulation& simulation : simulations_) {
    // A stack left idle for long does not replay hours second by second.
    if (now - simulation.advanced_to > std::chrono::minutes{10}) {
      simulation.advanced_to = now - std::chrono::minutes{10};
    }
    while (simulation.advanced_to < now) {
      simulation.advanced_to += std::chrono::seconds{1};
      play_second_locked(simulation, simulation.advanced_to);
    }
  }
  // An expired room drops every call in it, simulated or seeded, and its simulation ends.
  const TimePoint at = clock_.now();
  const auto expired = [&](const std::string& service, std::int64_t number) {
    const Room* room = find_room(service, number);
    return room != nullptr && room->expiration && *room->expiration <= at;
  };
  participants_.erase(
      std::remove_if(participants_.begin(), participants_.end(),
                     [&](const Participant& p) { return expired(p.service_name, p.room_number); }),
      participants_.end());
  simulations_.erase(std::remove_if(simulations_.begin(), simulations_.end(),
                                    [&](const Simulation& s) {
                                      return expired(s.service_name, s.room_number) ||
                                             find_room(s.service_name, s.room_number) == nullptr;
                                    }),
                     simulations_.end());
}

void Emulator::play_second_locked(Simulation& simulation, TimePoint at) {
  const Room* room = find_room(simulation.service_name, simulation.room_number);
  if (room == nullptr || (room->expiration && *room->expiration <= at)) return;
  std::uniform_int_distribution<int> percent(0, 99);
  std::uniform_int_distribution<int> away_seconds(5, 20);
  for (Caller& caller : simulation.callers) {
    if (caller.kicked) continue;
    if (caller.id) {
      // Someone hangs up now and then (about once every three minutes each), and calls back.
      if (!simulation.hang_ups || std::uniform_int_distribution<int>(0, 179)(random_) != 0) {
        continue;
      }
      if (auto index =
              find_participant(simulation.service_name, simulation.room_number, *caller.id)) {
        participants_.erase(participants_.begin() + static_cast<long>(*index));
      }
      caller.id.reset();
      caller.join_at = at + std::chrono::seconds{away_seconds(random_)};
      continue;
    }
    if (caller.join_at > at) continue;
    if (room->locked) {
      caller.join_at = at + std::chrono::seconds{5};  // refused; tries again later
      continue;
    }
    Participant p;
    p.service_name = simulation.service_name;
    p.room_number = simulation.room_number;
    p.id = next_participant_id_++;
    p.caller_number = caller.number;
    p.caller_name = caller.name;
    p.arrival = ovh::format_iso_millis(at);
    p.speak = !room->enter_muted;
    participants_.push_back(p);
    caller.id = p.id;
  }
  if (at < simulation.next_talk) return;
  simulation.next_talk = at + simulation.talk_every;
  // The floor changes hands: one unmuted person talks, or (one time in four) no one does.
  std::vector<Participant*> present;
  for (Participant& p : participants_) {
    if (p.service_name == simulation.service_name && p.room_number == simulation.room_number) {
      p.talking = false;
      if (p.speak) present.push_back(&p);
    }
  }
  if (present.empty() || percent(random_) < 25) return;
  std::uniform_int_distribution<std::size_t> pick(0, present.size() - 1);
  present[pick(random_)]->talking = true;
}

}  // namespace audioconf::ovh_emulator
