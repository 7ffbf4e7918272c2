#include "common/ovh/client.hpp"

#include <jansson.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <thread>
#include <utility>

#include "common/json.hpp"
#include "common/ovh/dates.hpp"
#include "common/ovh/errors.hpp"
#include "common/ovh/signature.hpp"

namespace audioconf::ovh {
namespace {

std::string concat(std::string_view a, std::string_view b) {
  std::string out(a);
  out.append(b);
  return out;
}

// Billing account and service name are configuration (letters, digits, '-'); anything else is
// percent-encoded so that the URL we sign is exactly the URL libcurl sends.
std::string encode_segment(std::string_view segment) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : segment) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0f]);
    }
  }
  return out;
}

std::int64_t unix_seconds(TimePoint at) {
  return std::chrono::floor<std::chrono::seconds>(at).time_since_epoch().count();
}

json::JsonPtr parse_answer(std::string_view route, const std::string& body) {
  json::JsonPtr document = json::parse(body);
  if (!document) throw OvhUnavailable(concat(route, ": the answer is not JSON"));
  return document;
}

[[noreturn]] void throw_unexpected(std::string_view route) {
  throw OvhUnavailable(concat(route, ": unexpected answer shape"));
}

std::int64_t integer_member(std::string_view route, const json_t* object, const char* key) {
  const json_t* member = json_object_get(object, key);
  if (!json_is_integer(member)) throw_unexpected(route);
  return static_cast<std::int64_t>(json_integer_value(member));
}

// OVH sends dates as strings; tolerate null (unset) as "".
std::string date_member(std::string_view route, const json_t* object, const char* key) {
  const json_t* member = json_object_get(object, key);
  if (json_is_null(member) || member == nullptr) return "";
  if (!json_is_string(member)) throw_unexpected(route);
  return std::string(json_string_value(member), json_string_length(member));
}

// A non-200 answer: OvhRefused when OVH explained itself in JSON, else OvhUnavailable (a proxy's
// HTML error page is not OVH speaking).
[[noreturn]] void throw_refusal(std::string_view route, long status, const std::string& body) {
  const json::JsonPtr document = json::parse(body);
  if (!document || !json_is_object(document.get())) {
    throw OvhUnavailable(concat(route, ": unparseable answer (HTTP ") + std::to_string(status) +
                         ")");
  }
  std::string code = json::string_member(document.get(), "errorCode");
  if (code.empty()) code = json::string_member(document.get(), "class");
  throw OvhRefused(
      concat("OVH refused ", route) + ": HTTP " + std::to_string(status) + " (" + code + ")",
      static_cast<int>(status), code, json::string_member(document.get(), "message"));
}

std::string dump_object(json::JsonPtr object) {
  if (!object) throw std::runtime_error("cannot build a JSON body");
  return json::dump(object.get());
}

}  // namespace

std::string room_configuration_body(TimePoint expires_at) {
  // Key order matters only for readability: the signature covers whatever bytes we send.
  const std::string expiry = format_iso_millis(expires_at);
  return dump_object(
      json::JsonPtr(json_pack("{s:s, s:s, s:b, s:s}", "pin", "0", "expirationDate", expiry.c_str(),
                              "recordStatus", 0, "reportStatus", "none")));
}

bool is_official_ovh_endpoint(std::string_view endpoint) {
  static constexpr std::array<std::string_view, 7> kHosts = {
      "eu.api.ovh.com",     "ca.api.ovh.com",        "api.us.ovhcloud.com",  "eu.api.kimsufi.com",
      "ca.api.kimsufi.com", "eu.api.soyoustart.com", "ca.api.soyoustart.com"};
  constexpr std::string_view kScheme = "https://";
  if (endpoint.size() < kScheme.size()) return false;
  std::string lowered(endpoint);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string_view rest(lowered);
  if (rest.substr(0, kScheme.size()) != kScheme) return false;
  rest.remove_prefix(kScheme.size());
  std::string_view host = rest.substr(0, rest.find('/'));
  if (host.size() > 4 && host.substr(host.size() - 4) == ":443") host.remove_suffix(4);
  return std::find(kHosts.begin(), kHosts.end(), host) != kHosts.end();
}

OvhClient::OvhClient(OvhSettings settings, const Clock& clock, const Deadline* deadline,
                     CallGate gate)
    : settings_(std::move(settings)), clock_(clock), deadline_(deadline), gate_(gate) {
  while (!settings_.endpoint.empty() && settings_.endpoint.back() == '/') {
    settings_.endpoint.pop_back();
  }
  settings_.get_attempts = std::max(1, settings_.get_attempts);
}

std::string OvhClient::conference_path(const std::string& service_name) const {
  return "/telephony/" + encode_segment(settings_.billing_account) + "/conference/" +
         encode_segment(service_name);
}

OvhClient::Answer OvhClient::send(std::string_view method, const std::string& path,
                                  const std::string& body, bool sign_request,
                                  std::string_view route) {
  net::HttpRequest request;
  request.method = std::string(method);
  request.url = settings_.endpoint + path;
  request.body = body;
  const std::vector<std::string> fixed_headers = {"Content-Type: application/json",
                                                  "Accept: application/json",
                                                  "X-Ovh-Application: " + settings_.app_key};

  const int attempts = method == "GET" ? settings_.get_attempts : 1;
  for (int attempt = 1;; ++attempt) {
    const bool last = attempt >= attempts;
    request.total_timeout =
        deadline_ != nullptr ? deadline_->allow(settings_.total_timeout) : settings_.total_timeout;
    if (request.total_timeout <= std::chrono::milliseconds(0)) {
      throw OvhUnavailable(
          concat(route, ": no answer from OVH (the request's time budget is spent)"));
    }
    request.connect_timeout = std::min(settings_.connect_timeout, request.total_timeout);
    request.headers = fixed_headers;
    if (sign_request) {
      // Re-signed per attempt: the timestamp must stay current.
      const std::int64_t timestamp = unix_seconds(clock_.now()) + server_time_delta();
      request.headers.push_back("X-Ovh-Consumer: " + settings_.consumer_key);
      request.headers.push_back("X-Ovh-Timestamp: " + std::to_string(timestamp));
      request.headers.push_back("X-Ovh-Signature: " + sign(settings_.app_secret,
                                                           settings_.consumer_key, method,
                                                           request.url, body, timestamp));
    }
    spend_budget(route);
    try {
      net::HttpResponse response = http_.perform(request);
      if (response.status >= 500 && !last) continue;
      return Answer{response.status, std::move(response.body)};
    } catch (const net::TransportError& error) {
      if (last) throw OvhUnavailable(concat(route, ": no answer from OVH (") + error.what() + ")");
    }
  }
}

std::int64_t OvhClient::server_time_delta() {
  if (time_delta_) return *time_delta_;
  constexpr std::string_view kRoute = "GET auth/time";
  // Unsigned, like every OVH client: /auth/time is how we learn the timestamp to sign with.
  const Answer answer = send("GET", "/auth/time", "", false, kRoute);
  if (answer.status != 200) throw_refusal(kRoute, answer.status, answer.body);
  const json::JsonPtr document = parse_answer(kRoute, answer.body);
  if (!json_is_integer(document.get())) throw_unexpected(kRoute);
  time_delta_ =
      static_cast<std::int64_t>(json_integer_value(document.get())) - unix_seconds(clock_.now());
  return *time_delta_;
}

void OvhClient::spend_budget(std::string_view route) {
  if (gate_.budget == nullptr) return;
  // Steady time, not clock_: a wait is real time even when tests fix the wall clock.
  const auto give_up = std::chrono::steady_clock::now() + gate_.wait_up_to;
  while (!gate_.budget->take(gate_.priority)) {
    if (std::chrono::steady_clock::now() + gate_.retry_every > give_up) {
      throw OvhBudgetSpent(concat(route, ": not sent (the OVH call budget is spent this minute)"));
    }
    std::this_thread::sleep_for(gate_.retry_every);
  }
}

std::string OvhClient::call(std::string_view method, const std::string& path,
                            const std::string& body, std::string_view route) {
  const Answer answer = send(method, path, body, true, route);
  if (answer.status == 200) return answer.body;
  throw_refusal(route, answer.status, answer.body);
}

void OvhClient::create_room(std::int64_t room_number) {
  constexpr std::string_view kRoute = "POST rooms";
  const std::string body = dump_object(
      json::JsonPtr(json_pack("{s:I}", "roomNumber", static_cast<json_int_t>(room_number))));
  const std::string answer =
      call("POST", conference_path(settings_.service_name) + "/rooms", body, kRoute);
  // The room number is the access code we store and email: OVH must have used ours.
  const json::JsonPtr room = parse_answer(kRoute, answer);
  const json_t* number = json_object_get(room.get(), "roomNumber");
  if (json_is_integer(number) && json_integer_value(number) != room_number) {
    throw_unexpected(kRoute);
  }
}

void OvhClient::configure_room(std::int64_t room_number, TimePoint expires_at) {
  static_cast<void>(
      call("PUT", conference_path(settings_.service_name) + "/rooms/" + std::to_string(room_number),
           room_configuration_body(expires_at), "PUT rooms/{roomNumber}"));
}

void OvhClient::expire_room(std::int64_t room_number, TimePoint at) {
  const std::string expiry = format_iso_millis(at);
  const std::string body =
      dump_object(json::JsonPtr(json_pack("{s:s}", "expirationDate", expiry.c_str())));
  static_cast<void>(
      call("PUT", conference_path(settings_.service_name) + "/rooms/" + std::to_string(room_number),
           body, "PUT rooms/{roomNumber}"));
}

RoomsStats OvhClient::rooms_stats() {
  constexpr std::string_view kRoute = "GET roomsStats";
  const json::JsonPtr stats = parse_answer(
      kRoute, call("GET", conference_path(settings_.service_name) + "/roomsStats", "", kRoute));
  if (!json_is_object(stats.get())) throw_unexpected(kRoute);
  return RoomsStats{.active_rooms_count = integer_member(kRoute, stats.get(), "activeRoomsCount"),
                    .participants_count = integer_member(kRoute, stats.get(), "participantsCount"),
                    .rooms_count = integer_member(kRoute, stats.get(), "roomsCount")};
}

std::vector<std::string> OvhClient::conference_numbers() {
  constexpr std::string_view kRoute = "GET conference";
  const json::JsonPtr list = parse_answer(
      kRoute, call("GET", "/telephony/" + encode_segment(settings_.billing_account) + "/conference",
                   "", kRoute));
  if (!json_is_array(list.get())) throw_unexpected(kRoute);
  std::vector<std::string> numbers;
  std::size_t index = 0;
  const json_t* item = nullptr;
  json_array_foreach(list.get(), index, item) {
    if (!json_is_string(item)) throw_unexpected(kRoute);
    numbers.emplace_back(json_string_value(item), json_string_length(item));
  }
  return numbers;
}

std::vector<std::int64_t> OvhClient::histories(const std::string& service_name,
                                               std::optional<TimePoint> since) {
  constexpr std::string_view kRoute = "GET histories";
  std::string path = conference_path(service_name) + "/histories";
  // Only digits, '-', ':', '.', 'T', 'Z': nothing to encode, and what we sign is what we send.
  if (since) path += "?dateBegin.from=" + format_iso_millis(*since);
  const json::JsonPtr list = parse_answer(kRoute, call("GET", path, "", kRoute));
  if (!json_is_array(list.get())) throw_unexpected(kRoute);
  std::vector<std::int64_t> ids;
  std::size_t index = 0;
  const json_t* item = nullptr;
  json_array_foreach(list.get(), index, item) {
    if (!json_is_integer(item)) throw_unexpected(kRoute);
    ids.push_back(static_cast<std::int64_t>(json_integer_value(item)));
  }
  return ids;
}

ConferenceHistory OvhClient::history(const std::string& service_name, std::int64_t id) {
  constexpr std::string_view kRoute = "GET histories/{id}";
  const json::JsonPtr object = parse_answer(
      kRoute,
      call("GET", conference_path(service_name) + "/histories/" + std::to_string(id), "", kRoute));
  if (!json_is_object(object.get())) throw_unexpected(kRoute);
  return ConferenceHistory{
      .id = integer_member(kRoute, object.get(), "id"),
      .date_begin = date_member(kRoute, object.get(), "dateBegin"),
      .date_end = date_member(kRoute, object.get(), "dateEnd"),
      .duration_seconds = integer_member(kRoute, object.get(), "duration"),
      .count_participants = integer_member(kRoute, object.get(), "countParticipants"),
      .count_connections = integer_member(kRoute, object.get(), "countConnections")};
}

std::vector<std::int64_t> OvhClient::participants(std::int64_t room_number) {
  constexpr std::string_view kRoute = "GET rooms/{roomNumber}/participants";
  const json::JsonPtr list =
      parse_answer(kRoute, call("GET",
                                conference_path(settings_.service_name) + "/rooms/" +
                                    std::to_string(room_number) + "/participants",
                                "", kRoute));
  if (!json_is_array(list.get())) throw_unexpected(kRoute);
  std::vector<std::int64_t> ids;
  std::size_t index = 0;
  const json_t* item = nullptr;
  json_array_foreach(list.get(), index, item) {
    if (!json_is_integer(item)) throw_unexpected(kRoute);
    ids.push_back(static_cast<std::int64_t>(json_integer_value(item)));
  }
  return ids;
}

RoomParticipant OvhClient::participant(std::int64_t room_number, std::int64_t id) {
  constexpr std::string_view kRoute = "GET rooms/{roomNumber}/participants/{id}";
  const json::JsonPtr object = parse_answer(
      kRoute, call("GET",
                   conference_path(settings_.service_name) + "/rooms/" +
                       std::to_string(room_number) + "/participants/" + std::to_string(id),
                   "", kRoute));
  if (!json_is_object(object.get())) throw_unexpected(kRoute);
  RoomParticipant p;
  p.id = integer_member(kRoute, object.get(), "id");
  // A withheld number may come as null or be absent: it shows as "Numéro masqué".
  p.caller_number = json::string_member(object.get(), "callerNumber");
  p.arrival = json::string_member(object.get(), "arrivalDateTime");
  p.speak = !json_is_false(json_object_get(object.get(), "speak"));
  p.talking = json_is_true(json_object_get(object.get(), "talking"));
  return p;
}

void OvhClient::act(std::int64_t room_number, std::int64_t id, ParticipantAction action) {
  const char* verb = action == ParticipantAction::kMute     ? "mute"
                     : action == ParticipantAction::kUnmute ? "unmute"
                                                            : "kick";
  static_cast<void>(call("POST",
                         conference_path(settings_.service_name) + "/rooms/" +
                             std::to_string(room_number) + "/participants/" + std::to_string(id) +
                             "/" + verb,
                         "", "POST rooms/{roomNumber}/participants/{id}/{action}"));
}

void OvhClient::lock(std::int64_t room_number, bool locked) {
  static_cast<void>(call("POST",
                         conference_path(settings_.service_name) + "/rooms/" +
                             std::to_string(room_number) + (locked ? "/lock" : "/unlock"),
                         "", "POST rooms/{roomNumber}/lock"));
}

}  // namespace audioconf::ovh
