#include "common/web/session.hpp"

#include <gtest/gtest.h>

#include <map>

#include "common/crypto/hash.hpp"

namespace audioconf::web {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class MapSessionStore final : public SessionStore {
 public:
  struct Row {
    std::string data;
    TimePoint last_seen;
    TimePoint expires;
  };
  std::map<std::string, Row, std::less<>> rows;
  int loads = 0, saves = 0, touches = 0, removes = 0;

  std::optional<StoredSession> load(std::string_view id_hash, TimePoint now) override {
    ++loads;
    auto found = rows.find(id_hash);
    if (found == rows.end() || found->second.expires <= now) return std::nullopt;
    return StoredSession{found->second.data, found->second.last_seen};
  }
  void save(std::string_view id_hash, std::string_view data, TimePoint now,
            TimePoint expires) override {
    ++saves;
    rows[std::string(id_hash)] = Row{std::string(data), now, expires};
  }
  void touch(std::string_view id_hash, TimePoint now, TimePoint expires) override {
    ++touches;
    auto& row = rows.at(std::string(id_hash));
    row.last_seen = now;
    row.expires = expires;
  }
  void remove(std::string_view id_hash) override {
    ++removes;
    rows.erase(std::string(id_hash));
  }
};

class CountingRandom final : public RandomSource {
 public:
  std::string bytes(std::size_t count) override {
    std::string out(count, '\0');
    for (auto& c : out) c = static_cast<char>(next_++);
    return out;
  }

 private:
  unsigned char next_ = 1;
};

const TimePoint kStart = TimePoint(seconds(1'800'000'000));

std::string cookie_value(const Response& response) {
  for (const auto& [name, value] : response.headers) {
    if (name == "Set-Cookie")
      return value.substr(value.find('=') + 1, value.find(';') - value.find('=') - 1);
  }
  return "";
}

std::string set_cookie_header(const Response& response) {
  for (const auto& [name, value] : response.headers) {
    if (name == "Set-Cookie") return value;
  }
  return "";
}

Request with_cookie(const std::string& value) {
  Request request;
  request.method = "GET";
  request.cookies.emplace_back("audioconf_session", value);
  return request;
}

TEST(Session, ACookielessPageViewReadsAndWritesNothing) {
  MapSessionStore store;
  CountingRandom random;
  Request request;
  Session session(request, store, random, kStart, {});
  EXPECT_TRUE(session.take_flashes().empty());
  EXPECT_EQ(session.email(), "");
  Response response;
  session.commit(response);
  EXPECT_EQ(store.loads + store.saves + store.touches + store.removes, 0);
  EXPECT_TRUE(response.headers.empty());
}

TEST(Session, AFlashIsStoredHashedAndShownExactlyOnce) {
  MapSessionStore store;
  CountingRandom random;
  Request first;
  Session writer(first, store, random, kStart, {});
  writer.add_flash({"error", "Email invalide", true});
  Response redirect;
  writer.commit(redirect);
  std::string id = cookie_value(redirect);
  ASSERT_EQ(id.size(), 43u);
  ASSERT_EQ(store.rows.size(), 1u);
  // Only the hash of the id is stored.
  EXPECT_EQ(store.rows.count(id), 0u);
  EXPECT_EQ(store.rows.count(crypto::sha256_hex(id)), 1u);
  std::string header = set_cookie_header(redirect);
  EXPECT_NE(header.find("HttpOnly"), std::string::npos);
  EXPECT_NE(header.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(header.find("Secure"), std::string::npos);

  Session reader(with_cookie(id), store, random, kStart + seconds(1), {});
  auto flashes = reader.take_flashes();
  ASSERT_EQ(flashes.size(), 1u);
  EXPECT_EQ(flashes[0].message, "Email invalide");
  EXPECT_TRUE(flashes[0].contact_button);
  Response page;
  reader.commit(page);
  // Nothing left to keep: the row is gone and the browser is told to drop the cookie.
  EXPECT_TRUE(store.rows.empty());
  EXPECT_NE(set_cookie_header(page).find("Max-Age=0"), std::string::npos);

  Session again(with_cookie(id), store, random, kStart + seconds(2), {});
  EXPECT_TRUE(again.take_flashes().empty());
}

TEST(Session, SecureCookiesWhenThePublicUrlIsHttps) {
  MapSessionStore store;
  CountingRandom random;
  SessionSettings settings;
  settings.secure_cookie = true;
  Session session(Request{}, store, random, kStart, settings);
  session.add_flash({"info", "ok", false});
  Response response;
  session.commit(response);
  EXPECT_NE(set_cookie_header(response).find("; Secure"), std::string::npos);
}

TEST(Session, ExpiresAfterThirtyIdleMinutes) {
  MapSessionStore store;
  CountingRandom random;
  Session writer(Request{}, store, random, kStart, {});
  writer.set_email("agent@example.gouv.fr");
  Response response;
  writer.commit(response);
  std::string id = cookie_value(response);
  Session before(with_cookie(id), store, random, kStart + minutes(29), {});
  EXPECT_EQ(before.email(), "agent@example.gouv.fr");
  Session after(with_cookie(id), store, random, kStart + minutes(29) + minutes(31), {});
  EXPECT_EQ(after.email(), "");
}

TEST(Session, WritesLastSeenAtMostOnceAMinute) {
  MapSessionStore store;
  CountingRandom random;
  Session writer(Request{}, store, random, kStart, {});
  writer.set_email("agent@example.gouv.fr");
  Response response;
  writer.commit(response);
  std::string id = cookie_value(response);
  for (int s : {10, 30, 59}) {
    Session reader(with_cookie(id), store, random, kStart + seconds(s), {});
    (void)reader.email();
    Response page;
    reader.commit(page);
  }
  EXPECT_EQ(store.touches, 0);
  Session later(with_cookie(id), store, random, kStart + seconds(61), {});
  (void)later.email();
  Response page;
  later.commit(page);
  EXPECT_EQ(store.touches, 1);
}

TEST(Session, NeverAdoptsAnUnknownOrMalformedClientChosenId) {
  MapSessionStore store;
  CountingRandom random;
  std::string forged(43, 'A');
  Session session(with_cookie(forged), store, random, kStart, {});
  session.add_flash({"error", "x", false});
  Response response;
  session.commit(response);
  EXPECT_NE(cookie_value(response), forged);
  EXPECT_EQ(store.rows.count(crypto::sha256_hex(forged)), 0u);

  MapSessionStore untouched;
  Session malformed(with_cookie("../../etc/passwd"), untouched, random, kStart, {});
  EXPECT_TRUE(malformed.take_flashes().empty());
  EXPECT_EQ(untouched.loads, 0);
}

TEST(Session, ShowsTheAddressErrorOnceAndKeepsASessionForIt) {
  MapSessionStore store;
  CountingRandom random;
  Session writer(Request{}, store, random, kStart, {});
  writer.set_email_error("Email invalide.");
  Response response;
  writer.commit(response);
  std::string id = cookie_value(response);
  ASSERT_FALSE(id.empty());
  Session first(with_cookie(id), store, random, kStart + seconds(5), {});
  EXPECT_EQ(first.take_email_error(), "Email invalide.");
  Response page;
  first.commit(page);
  Session second(with_cookie(id), store, random, kStart + seconds(10), {});
  EXPECT_EQ(second.take_email_error(), "");
}

TEST(SessionData, SurvivesAnEncodeDecodeRoundTripAndToleratesJunk) {
  SessionData data;
  data.flashes.push_back({"success", "Réservé \"ok\" <b>", false});
  data.email = "é@x.fr";
  data.email_error = "Email invalide.";
  SessionData back = decode_session(encode_session(data));
  ASSERT_EQ(back.flashes.size(), 1u);
  EXPECT_EQ(back.flashes[0].message, "Réservé \"ok\" <b>");
  EXPECT_EQ(back.email, "é@x.fr");
  EXPECT_EQ(back.email_error, "Email invalide.");
  EXPECT_TRUE(decode_session("{not json").empty());
  EXPECT_TRUE(decode_session("[1,2]").empty());
}

}  // namespace
}  // namespace audioconf::web
