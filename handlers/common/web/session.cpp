#include "common/web/session.hpp"

#include "common/crypto/hash.hpp"
#include "common/crypto/tokens.hpp"
#include "common/json.hpp"

namespace audioconf::web {
namespace {

constexpr std::size_t kSessionIdBytes = 32;  // 256 bits from the OS CSPRNG

// A well-formed id is 43 base64url characters; anything else is ignored without a lookup.
bool looks_like_session_id(std::string_view value) {
  if (value.size() != 43) return false;
  for (char c : value) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string display_name(const SignedInAgent& agent) {
  std::string name = agent.given_name;
  if (!agent.usual_name.empty()) name += (name.empty() ? "" : " ") + agent.usual_name;
  return name.empty() ? agent.email : name;
}

std::string encode_session(const SessionData& data) {
  json::JsonPtr root(json_object());
  json_t* flashes = json_array();
  for (const Flash& flash : data.flashes) {
    json_t* item = json_object();
    json_object_set_new(item, "kind", json_stringn(flash.kind.data(), flash.kind.size()));
    json_object_set_new(item, "message", json_stringn(flash.message.data(), flash.message.size()));
    if (flash.contact_button) json_object_set_new(item, "contact", json_true());
    json_array_append_new(flashes, item);
  }
  json_object_set_new(root.get(), "flashes", flashes);
  if (!data.agent.empty()) {
    json_t* agent = json_object();
    auto set = [agent](const char* key, const std::string& value) {
      json_object_set_new(agent, key, json_stringn(value.data(), value.size()));
    };
    set("sub", data.agent.sub);
    set("email", data.agent.email);
    set("givenName", data.agent.given_name);
    set("usualName", data.agent.usual_name);
    set("idToken", data.agent.id_token);
    json_object_set_new(agent, "signedInAt", json_integer(data.agent.signed_in_at));
    json_object_set_new(root.get(), "agent", agent);
  }
  if (data.round_trip) json_object_set_new(root.get(), "roundTrip", json_true());
  if (!data.email.empty()) {
    json_object_set_new(root.get(), "email", json_stringn(data.email.data(), data.email.size()));
  }
  if (!data.email_error.empty()) {
    json_object_set_new(root.get(), "emailError",
                        json_stringn(data.email_error.data(), data.email_error.size()));
  }
  return json::dump(root.get());
}

SessionData decode_session(std::string_view text) {
  SessionData data;
  json::JsonPtr root = json::parse(text);
  if (!json_is_object(root.get())) return data;
  const json_t* flashes = json_object_get(root.get(), "flashes");
  std::size_t index = 0;
  const json_t* item = nullptr;
  json_array_foreach(flashes, index, item) {
    Flash flash;
    flash.kind = json::string_member(item, "kind", "info");
    flash.message = json::string_member(item, "message");
    flash.contact_button = json_is_true(json_object_get(item, "contact"));
    if (!flash.message.empty()) data.flashes.push_back(std::move(flash));
  }
  if (const json_t* agent = json_object_get(root.get(), "agent"); json_is_object(agent)) {
    data.agent.sub = json::string_member(agent, "sub");
    data.agent.email = json::string_member(agent, "email");
    data.agent.given_name = json::string_member(agent, "givenName");
    data.agent.usual_name = json::string_member(agent, "usualName");
    data.agent.id_token = json::string_member(agent, "idToken");
    const json_t* at = json_object_get(agent, "signedInAt");
    data.agent.signed_in_at = json_is_integer(at) ? json_integer_value(at) : 0;
  }
  data.round_trip = json_is_true(json_object_get(root.get(), "roundTrip"));
  data.email = json::string_member(root.get(), "email");
  data.email_error = json::string_member(root.get(), "emailError");
  return data;
}

std::string session_id_hash(std::string_view cookie_value) {
  return crypto::sha256_hex(cookie_value);
}

Session::Session(const Request& request, SessionStore& store, RandomSource& random, TimePoint now,
                 SessionSettings settings)
    : store_(store), random_(random), now_(now), settings_(std::move(settings)) {
  if (auto value = request.cookie(settings_.cookie_name); value && looks_like_session_id(*value)) {
    cookie_value_ = *value;
  }
}

void Session::load() {
  if (loaded_) return;
  loaded_ = true;
  if (!cookie_value_) return;
  if (auto stored = store_.load(session_id_hash(*cookie_value_), now_)) {
    exists_ = true;
    last_seen_ = stored->last_seen;
    data_ = decode_session(stored->data_json);
  }
}

bool Session::is_live() {
  if (!cookie_value_) return false;
  load();
  return exists_;
}

void Session::add_flash(Flash flash) {
  load();
  data_.flashes.push_back(std::move(flash));
  modified_ = true;
}

std::vector<Flash> Session::take_flashes() {
  // A visitor without a cookie has no flash: no database round trip for anonymous pages.
  if (!cookie_value_) return {};
  load();
  std::vector<Flash> flashes = std::move(data_.flashes);
  data_.flashes.clear();
  if (!flashes.empty()) modified_ = true;
  return flashes;
}

std::string Session::email() {
  if (!cookie_value_) return "";
  load();
  return data_.email;
}

void Session::set_email(std::string email) {
  load();
  if (data_.email != email) {
    data_.email = std::move(email);
    modified_ = true;
  }
}

std::string Session::take_email_error() {
  if (!cookie_value_) return "";
  load();
  std::string message = std::move(data_.email_error);
  data_.email_error.clear();
  if (!message.empty()) modified_ = true;
  return message;
}

void Session::set_email_error(std::string message) {
  load();
  if (data_.email_error != message) {
    data_.email_error = std::move(message);
    modified_ = true;
  }
}

std::optional<SignedInAgent> Session::agent(std::chrono::seconds max_age) {
  if (!cookie_value_) return std::nullopt;
  load();
  if (data_.agent.empty()) return std::nullopt;
  auto signed_in = std::chrono::seconds(data_.agent.signed_in_at);
  auto now = std::chrono::duration_cast<std::chrono::seconds>(now_.time_since_epoch());
  if (now - signed_in >= max_age || signed_in > now + std::chrono::minutes(5)) {
    data_.agent = SignedInAgent{};
    modified_ = true;
    return std::nullopt;
  }
  return data_.agent;
}

void Session::set_agent(SignedInAgent agent) {
  load();
  data_.agent = std::move(agent);
  modified_ = true;
}

void Session::clear_agent() {
  load();
  if (!data_.agent.empty()) {
    data_.agent = SignedInAgent{};
    modified_ = true;
  }
}

void Session::set_round_trip(bool pending) {
  load();
  if (data_.round_trip != pending) {
    data_.round_trip = pending;
    modified_ = true;
  }
}

std::string Session::bind_id_hash() {
  load();
  if (!exists_ && !fresh_id_) {
    cookie_value_ = crypto::random_token(random_, kSessionIdBytes);
    fresh_id_ = true;
    modified_ = true;
  }
  return session_id_hash(*cookie_value_);
}

void Session::renew_id() {
  load();
  if (exists_ && !retired_hash_) retired_hash_ = session_id_hash(*cookie_value_);
  exists_ = false;
  fresh_id_ = false;
  modified_ = true;
  (void)bind_id_hash();
}

void Session::commit(Response& response) {
  if (!loaded_) return;
  TimePoint expires_at = now_ + settings_.idle_timeout;
  // A renewed session's old id dies first: whoever holds it finds nothing from now on.
  if (retired_hash_) store_.remove(*retired_hash_);
  if (modified_) {
    if (data_.empty()) {
      if (exists_) store_.remove(session_id_hash(*cookie_value_));
      if (cookie_value_) set_cookie(response, "", true);
      return;
    }
    if (!exists_ && !fresh_id_) {
      // A new id even if the visitor sent one we do not know: never adopt a client-chosen id.
      cookie_value_ = crypto::random_token(random_, kSessionIdBytes);
    }
    store_.save(session_id_hash(*cookie_value_), encode_session(data_), now_, expires_at);
    set_cookie(response, *cookie_value_, false);
    return;
  }
  if (exists_ && now_ - last_seen_ >= settings_.touch_interval) {
    store_.touch(session_id_hash(*cookie_value_), now_, expires_at);
  } else if (!exists_ && cookie_value_) {
    set_cookie(response, "", true);  // stale or forged cookie: tell the browser to drop it
  }
}

void Session::set_cookie(Response& response, const std::string& value, bool expire) const {
  std::string cookie = settings_.cookie_name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax";
  if (settings_.secure_cookie) cookie += "; Secure";
  if (expire) cookie += "; Max-Age=0";
  response.add_header("Set-Cookie", cookie);
}

}  // namespace audioconf::web
