// Sessions for sign-in (issue #15 item 6, SPEC §8): binding a round trip to the visitor's id,
// renewing the id when the session gains or loses an identity (the old id dies at once), the
// 12-hour limit, the __Host- cookie, and PKCE's S256 challenge.
#include <gtest/gtest.h>

#include <map>

#include "common/crypto/hash.hpp"
#include "common/oidc/client.hpp"
#include "common/web/session.hpp"

namespace audioconf::web {
namespace {

using std::chrono::hours;
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

  std::optional<StoredSession> load(std::string_view id_hash, TimePoint now) override {
    auto found = rows.find(id_hash);
    if (found == rows.end() || found->second.expires <= now) return std::nullopt;
    return StoredSession{found->second.data, found->second.last_seen};
  }
  void save(std::string_view id_hash, std::string_view data, TimePoint now,
            TimePoint expires) override {
    rows[std::string(id_hash)] = Row{std::string(data), now, expires};
  }
  void touch(std::string_view id_hash, TimePoint now, TimePoint expires) override {
    auto& row = rows.at(std::string(id_hash));
    row.last_seen = now;
    row.expires = expires;
  }
  void remove(std::string_view id_hash) override { rows.erase(std::string(id_hash)); }
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

std::string cookie_of(const Response& response) {
  for (const auto& [name, value] : response.headers) {
    if (name == "Set-Cookie") {
      return value.substr(value.find('=') + 1, value.find(';') - value.find('=') - 1);
    }
  }
  return "";
}

Request with_cookie(const std::string& value, const std::string& name = "audioconf_session") {
  Request request;
  request.method = "GET";
  request.cookies.emplace_back(name, value);
  return request;
}

SignedInAgent agent_at(TimePoint at) {
  return {"sub-1",
          "jean.dupont@example.gouv.fr",
          "Jean",
          "Dupont",
          "header.payload.signature",
          std::chrono::duration_cast<seconds>(at.time_since_epoch()).count()};
}

TEST(SessionSignIn, BindingGivesAnAnonymousVisitorAnIdAndItsHashIsTheStoredKey) {
  MapSessionStore store;
  CountingRandom random;
  Request anonymous;
  Session session(anonymous, store, random, kStart, {});
  session.set_round_trip(true);
  std::string bound = session.bind_id_hash();
  EXPECT_EQ(session.bind_id_hash(), bound) << "the same id for the whole request";
  Response response;
  session.commit(response);
  std::string id = cookie_of(response);
  ASSERT_EQ(id.size(), 43u);
  EXPECT_EQ(crypto::sha256_hex(id), bound);
  EXPECT_EQ(store.rows.count(bound), 1u);
}

TEST(SessionSignIn, RenewingTheIdKillsTheOldOneAtOnceAndKeepsTheData) {
  MapSessionStore store;
  CountingRandom random;
  Request anonymous;
  Session first(anonymous, store, random, kStart, {});
  first.set_round_trip(true);
  Response r1;
  first.commit(r1);
  std::string old_id = cookie_of(r1);

  Session callback(with_cookie(old_id), store, random, kStart + seconds(5), {});
  callback.add_flash({"info", "Bienvenue", false});
  callback.renew_id();
  callback.set_agent(agent_at(kStart + seconds(5)));
  Response r2;
  callback.commit(r2);
  std::string new_id = cookie_of(r2);
  ASSERT_EQ(new_id.size(), 43u);
  EXPECT_NE(new_id, old_id);
  EXPECT_EQ(store.rows.count(crypto::sha256_hex(old_id)), 0u) << "the old id is dead";
  EXPECT_EQ(store.rows.size(), 1u);

  Session stolen(with_cookie(old_id), store, random, kStart + seconds(6), {});
  EXPECT_FALSE(stolen.agent(kSignedInMaxAge).has_value());
  Session owner(with_cookie(new_id), store, random, kStart + seconds(6), {});
  auto agent = owner.agent(kSignedInMaxAge);
  ASSERT_TRUE(agent.has_value());
  EXPECT_EQ(agent->sub, "sub-1");
  EXPECT_EQ(agent->id_token, "header.payload.signature");
  EXPECT_EQ(display_name(*agent), "Jean Dupont");
  ASSERT_EQ(owner.take_flashes().size(), 1u);
}

TEST(SessionSignIn, ASignInCountsTwelveHoursAtMost) {
  MapSessionStore store;
  CountingRandom random;
  SessionSettings long_idle;
  long_idle.idle_timeout = hours(24);
  Request anonymous;
  Session writer(anonymous, store, random, kStart, long_idle);
  writer.set_agent(agent_at(kStart));
  Response response;
  writer.commit(response);
  std::string id = cookie_of(response);
  Session before(with_cookie(id), store, random, kStart + hours(11), long_idle);
  EXPECT_TRUE(before.agent(kSignedInMaxAge).has_value());
  Session after(with_cookie(id), store, random, kStart + hours(12), long_idle);
  EXPECT_FALSE(after.agent(kSignedInMaxAge).has_value());
  Response cleared;
  after.commit(cleared);
  EXPECT_TRUE(store.rows.empty()) << "nothing left to keep";
}

TEST(SessionSignIn, SigningOutRenewsTheIdToo) {
  MapSessionStore store;
  CountingRandom random;
  Request anonymous;
  Session writer(anonymous, store, random, kStart, {});
  writer.set_agent(agent_at(kStart));
  Response r1;
  writer.commit(r1);
  std::string signed_in = cookie_of(r1);
  Session out(with_cookie(signed_in), store, random, kStart + minutes(1), {});
  out.clear_agent();
  out.renew_id();
  out.set_round_trip(true);  // the logout state is bound to the new id
  std::string bound = out.bind_id_hash();
  Response r2;
  out.commit(r2);
  EXPECT_EQ(store.rows.count(crypto::sha256_hex(signed_in)), 0u);
  EXPECT_EQ(crypto::sha256_hex(cookie_of(r2)), bound);
}

TEST(SessionSignIn, AnAnonymousVisitorIsNotLiveAndTouchesNoStore) {
  MapSessionStore store;
  CountingRandom random;
  Request anonymous;
  Session session(anonymous, store, random, kStart, {});
  EXPECT_FALSE(session.is_live());
  EXPECT_FALSE(session.agent(kSignedInMaxAge).has_value());
  Response response;
  session.commit(response);
  EXPECT_TRUE(response.headers.empty());
  EXPECT_TRUE(store.rows.empty());
}

TEST(SessionSignIn, TheHostPrefixedCookieIsSecureHostOnlyAndPathRoot) {
  MapSessionStore store;
  CountingRandom random;
  SessionSettings https{"__Host-audioconf_session", minutes(30), seconds(60), true};
  Request anonymous;
  Session session(anonymous, store, random, kStart, https);
  session.add_flash({"info", "x", false});
  Response response;
  session.commit(response);
  std::string header;
  for (const auto& [name, value] : response.headers) {
    if (name == "Set-Cookie") header = value;
  }
  EXPECT_EQ(header.rfind("__Host-audioconf_session=", 0), 0u);
  EXPECT_NE(header.find("; Secure"), std::string::npos);
  EXPECT_NE(header.find("; Path=/"), std::string::npos);
  EXPECT_EQ(header.find("Domain"), std::string::npos);
  // The unprefixed name is not read with these settings.
  Session other(with_cookie(cookie_of(response)), store, random, kStart, https);
  EXPECT_FALSE(other.is_live());
  Session same(with_cookie(cookie_of(response), "__Host-audioconf_session"), store, random, kStart,
               https);
  EXPECT_TRUE(same.is_live());
}

TEST(Pkce, TheS256ChallengeIsTheBase64urlSha256OfTheVerifier) {
  // Computed independently (node:crypto): sha256, base64url without padding.
  EXPECT_EQ(oidc::pkce_challenge("dBjftJeZ4CVP-mJ92K1qd3sW9Hy5yLx8ea1-SQ5dc2s"),
            "Qv3nDNUQsyt0ELkhHXThFLNJEtw3_tSN-d6-J3t93y8");
}

}  // namespace
}  // namespace audioconf::web
