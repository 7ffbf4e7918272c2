// LoginTokenStore against a real PostgreSQL: the lease, the hourly limit, the purge.
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
  ASSERT_TRUE(store_.insert(token, now, TokenLimit{now - std::chrono::hours(1), 1000}));
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
  std::string email = "Limit." + run + "@Example.gouv.fr";
  std::string other = "limit." + run + "@example.gouv.fr";
  TokenLimit limit{now - std::chrono::hours(1), 2};
  EXPECT_TRUE(store_.insert(token_for(1, email.c_str()), now, limit));
  EXPECT_TRUE(store_.insert(token_for(2, other.c_str()), now, limit));
  EXPECT_FALSE(store_.insert(token_for(3, email.c_str()), now, limit));
  EXPECT_EQ(store_.state(token_for(3, "").token_hash, now), TokenState::kUnknownOrExpired);
  // An hour later the old links no longer count.
  TimePoint later = now + std::chrono::minutes(61);
  EXPECT_TRUE(store_.insert(token_for(4, email.c_str()), later,
                            TokenLimit{later - std::chrono::hours(1), 2}));
  for (int n : {1, 2, 4}) store_.remove(token_for(n, "").token_hash);
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
  ASSERT_TRUE(store_.insert(token, now, TokenLimit{now - std::chrono::hours(1), 1000}));
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
  TimePoint now = test_now() + std::chrono::hours(24 * 365 * 50);  // after every other row
  NewLoginToken token;
  token.token_hash = "db-test-purge-" + unique_suffix();
  token.email = "purge@example.gouv.fr";
  token.expires_at = now + std::chrono::minutes(1);
  token.duration_minutes = 60;
  ASSERT_TRUE(store_.insert(token, now, TokenLimit{now - std::chrono::hours(1), 1000}));
  (void)store_.delete_expired(now);
  EXPECT_EQ(store_.state(token.token_hash, now), TokenState::kUsable);
  EXPECT_GE(store_.delete_expired(now + std::chrono::minutes(2)), 1);
  EXPECT_EQ(store_.state(token.token_hash, now), TokenState::kUnknownOrExpired);
}

}  // namespace
}  // namespace audioconf::pg
