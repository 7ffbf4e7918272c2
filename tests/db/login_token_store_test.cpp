// LoginTokenStore against a real PostgreSQL: the lease, the hourly limit (which outlives the
// tokens), the purge.
#include "common/pg/login_token_store.hpp"

#include <gtest/gtest.h>

#include "db_test_support.hpp"

namespace audioconf::pg {
namespace {

using testing::test_now;
using testing::unique_suffix;
using testing::unique_uuid;

class LoginTokenStoreTest : public ::testing::Test {
 protected:
  Database db_{testing::database_url(), "Europe/Paris"};
  LoginTokenStore store_{db_};
};

TEST_F(LoginTokenStoreTest, ATokenLeaseLetsOnlyOneClaimantThroughUntilReleased) {
  TimePoint now = from_epoch(1'800'000'000);
  NewLoginToken token;
  token.token_hash = "db-test-lease-" + unique_suffix();
  token.email = "lease@example.gouv.fr";
  token.expires_at = now + std::chrono::hours(2);
  token.duration_minutes = 120;
  ASSERT_TRUE(store_.insert(token, now, TokenLimit{now - std::chrono::hours(1), 1000, "k"}));
  EXPECT_TRUE(store_.claim(token.token_hash, now, std::chrono::seconds(60)).has_value());
  EXPECT_FALSE(
      store_.claim(token.token_hash, now + std::chrono::seconds(1), std::chrono::seconds(60)));
  EXPECT_EQ(store_.state(token.token_hash, now + std::chrono::seconds(1)), TokenState::kClaimed);
  // A crashed claimant's lease runs out by itself.
  EXPECT_TRUE(
      store_.claim(token.token_hash, now + std::chrono::seconds(61), std::chrono::seconds(60)));
  store_.release(token.token_hash);
  EXPECT_EQ(store_.state(token.token_hash, now + std::chrono::seconds(62)), TokenState::kUsable);
  store_.remove(token.token_hash);
  EXPECT_EQ(store_.state(token.token_hash, now), TokenState::kUnknownOrExpired);
}

TEST_F(LoginTokenStoreTest, TheInsertRefusesATokenOnceTheAddressReachedItsHourlyLimit) {
  TimePoint now = from_epoch(1'800'000'000);
  std::string run = unique_suffix();
  // Mixed case: the limit compares addresses lower-cased.
  auto token_for = [&](int n, const char* email) {
    NewLoginToken token;
    token.token_hash = "db-test-limit-" + run + "-" + std::to_string(n);
    token.email = email;
    token.expires_at = now + std::chrono::hours(2);
    token.duration_minutes = 60;
    return token;
  };
  // The caller keys the count with the keyed hash of the lower-cased address (App::email_hash).
  std::string email = "Limit." + run + "@Example.gouv.fr";
  std::string key = "db-test-limit-key-" + run;
  TokenLimit limit{now - std::chrono::hours(1), 2, key};
  EXPECT_TRUE(store_.insert(token_for(1, email.c_str()), now, limit));
  EXPECT_TRUE(store_.insert(token_for(2, email.c_str()), now, limit));
  EXPECT_FALSE(store_.insert(token_for(3, email.c_str()), now, limit));
  EXPECT_EQ(store_.state(token_for(3, "").token_hash, now), TokenState::kUnknownOrExpired);
  // Another address has its own count.
  EXPECT_TRUE(store_.insert(token_for(5, "other@example.gouv.fr"), now,
                            TokenLimit{now - std::chrono::hours(1), 2, key + "-other"}));
  // An hour later the old links no longer count.
  TimePoint later = now + std::chrono::minutes(61);
  EXPECT_TRUE(store_.insert(token_for(4, email.c_str()), later,
                            TokenLimit{later - std::chrono::hours(1), 2, key}));
  for (int n : {1, 2, 4, 5}) store_.remove(token_for(n, "").token_hash);
}

// The limit used to count "loginTokens" rows, which purge deletes once expired: with 10-minute
// tokens, an address could ask again 11 minutes later. The count now outlives the tokens.
TEST_F(LoginTokenStoreTest, TheHourlyLimitHoldsAfterPurgeRemovedShortLivedTokens) {
  // Years before the other tests' instants: its purges never touch their link events.
  TimePoint now = from_epoch(1'500'000'000 +
                             static_cast<std::int64_t>(std::stoull(unique_suffix()) % 1'000'000));
  std::string run = unique_suffix();
  std::string key = "db-test-purge-key-" + run;
  auto token_for = [&](int n, TimePoint at) {
    NewLoginToken token;
    token.token_hash = "db-test-purge-" + run + "-" + std::to_string(n);
    token.email = "purge." + run + "@example.gouv.fr";
    token.expires_at = at + std::chrono::minutes(10);  // TOKEN_DURATION_IN_MINUTES=10
    token.duration_minutes = 60;
    return token;
  };
  auto limit_at = [&](TimePoint at) { return TokenLimit{at - kLinkLimitWindow, 2, key}; };
  ASSERT_TRUE(store_.insert(token_for(1, now), now, limit_at(now)));
  ASSERT_TRUE(store_.insert(token_for(2, now), now, limit_at(now)));

  // 11 minutes later purge runs: both tokens are gone, their link events are not.
  TimePoint after_purge = now + std::chrono::minutes(11);
  EXPECT_GE(store_.delete_expired(after_purge, 1000), 2);
  EXPECT_GE(store_.delete_link_events_before(after_purge - kLinkLimitWindow, 1000), 0);
  EXPECT_EQ(store_.state(token_for(1, now).token_hash, after_purge), TokenState::kUnknownOrExpired);
  EXPECT_FALSE(store_.insert(token_for(3, after_purge), after_purge, limit_at(after_purge)));

  // Past the hour, purge removes the events and the address may ask again.
  TimePoint next_hour = now + std::chrono::minutes(61);
  EXPECT_GE(store_.delete_link_events_before(next_hour - kLinkLimitWindow, 1000), 2);
  EXPECT_TRUE(store_.insert(token_for(4, next_hour), next_hour, limit_at(next_hour)));
  store_.remove(token_for(4, next_hour).token_hash);
}

TEST_F(LoginTokenStoreTest, DeletingATokenAlsoUncountsItsLink) {
  // A link whose email could not be sent is deleted and must not count against the address.
  TimePoint now = from_epoch(1'800'000'000);
  std::string run = unique_suffix();
  std::string key = "db-test-uncount-key-" + run;
  auto token_for = [&](int n) {
    NewLoginToken token;
    token.token_hash = "db-test-uncount-" + run + "-" + std::to_string(n);
    token.email = "uncount." + run + "@example.gouv.fr";
    token.expires_at = now + std::chrono::hours(2);
    return token;
  };
  TokenLimit limit{now - kLinkLimitWindow, 1, key};
  ASSERT_TRUE(store_.insert(token_for(1), now, limit));
  EXPECT_FALSE(store_.insert(token_for(2), now, limit));
  store_.remove(token_for(1).token_hash);
  EXPECT_TRUE(store_.insert(token_for(3), now, limit));
  store_.remove(token_for(3).token_hash);
}

TEST_F(LoginTokenStoreTest, DetailsAreThoseOfAUsableTokenOnly) {
  TimePoint now = test_now();
  NewLoginToken token;
  token.token_hash = "db-test-details-" + unique_suffix();
  token.email = "details@example.gouv.fr";
  token.expires_at = now + std::chrono::hours(2);
  token.conference_day = "2027-01-16";
  token.timezone_offset = 180;
  token.time_zone = "America/Cayenne";
  ASSERT_TRUE(store_.insert(token, now, TokenLimit{now - std::chrono::hours(1), 1000, "k"}));
  auto details = store_.details(token.token_hash, now);
  ASSERT_TRUE(details.has_value());
  EXPECT_EQ(details->email, "details@example.gouv.fr");
  EXPECT_FALSE(details->duration_minutes.has_value());
  EXPECT_EQ(details->conference_day, "2027-01-16");
  EXPECT_EQ(details->timezone_offset, 180);
  EXPECT_EQ(details->time_zone, "America/Cayenne");
  EXPECT_FALSE(store_.details(token.token_hash, now + std::chrono::hours(2)).has_value());
  EXPECT_EQ(store_.state(token.token_hash, now + std::chrono::hours(2)),
            TokenState::kUnknownOrExpired);
  store_.remove(token.token_hash);
}

TEST_F(LoginTokenStoreTest, ThePurgeDeletesExpiredTokensOnly) {
  // 1989: before every other test's rows, so this purge deletes none of theirs.
  TimePoint now = from_epoch(600'000'000);
  NewLoginToken token;
  token.token_hash = "db-test-purge-" + unique_suffix();
  token.email = "purge@example.gouv.fr";
  token.expires_at = now + std::chrono::minutes(1);
  token.duration_minutes = 60;
  ASSERT_TRUE(store_.insert(token, now, TokenLimit{now - std::chrono::hours(1), 1000, "k"}));
  EXPECT_EQ(store_.state(token.token_hash, now), TokenState::kUsable);
  EXPECT_GE(store_.delete_expired(now + std::chrono::minutes(2), 1000), 1);
  EXPECT_EQ(store_.state(token.token_hash, now), TokenState::kUnknownOrExpired);
}

}  // namespace
}  // namespace audioconf::pg
