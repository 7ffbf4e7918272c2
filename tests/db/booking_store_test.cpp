// BookingStore against a real PostgreSQL: the token lease.
#include "common/pg/booking_store.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "common/pg/time.hpp"

namespace audioconf::pg {
namespace {

std::string database_url() {
  const char* url = std::getenv("AUDIOCONF_TEST_DATABASE_URL");
  if (url == nullptr || *url == '\0') {
    ADD_FAILURE() << "AUDIOCONF_TEST_DATABASE_URL is not set (scripts/test sets it)";
    return "";
  }
  return url;
}

class BookingStoreTest : public ::testing::Test {
 protected:
  Database db_{database_url(), "Europe/Paris"};
  BookingStore store_{db_};
};

TEST_F(BookingStoreTest, ATokenLeaseLetsOnlyOneClaimantThroughUntilReleased) {
  TimePoint now = from_epoch(1'800'000'000);
  NewLoginToken token;
  token.token_hash = "db-test-lease-" + std::to_string(std::rand());
  token.email = "lease@example.gouv.fr";
  token.expires_at = now + std::chrono::hours(2);
  token.duration_minutes = 120;
  ASSERT_TRUE(store_.insert_token(token, now, TokenLimit{now - std::chrono::hours(1), 1000}));
  EXPECT_TRUE(store_.claim_token(token.token_hash, now, std::chrono::seconds(60)).has_value());
  EXPECT_FALSE(store_.claim_token(token.token_hash, now + std::chrono::seconds(1),
                                  std::chrono::seconds(60)));
  EXPECT_EQ(store_.token_state(token.token_hash, now + std::chrono::seconds(1)),
            TokenState::kClaimed);
  // A crashed claimant's lease runs out by itself.
  EXPECT_TRUE(store_.claim_token(token.token_hash, now + std::chrono::seconds(61),
                                 std::chrono::seconds(60)));
  store_.release_token(token.token_hash);
  EXPECT_EQ(store_.token_state(token.token_hash, now + std::chrono::seconds(62)),
            TokenState::kUsable);
  store_.delete_token(token.token_hash);
  EXPECT_EQ(store_.token_state(token.token_hash, now), TokenState::kUnknownOrExpired);
}

TEST_F(BookingStoreTest, TheInsertRefusesATokenOnceTheAddressReachedItsHourlyLimit) {
  TimePoint now = from_epoch(1'800'000'000);
  std::string run = std::to_string(std::rand());
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
  EXPECT_TRUE(store_.insert_token(token_for(1, email.c_str()), now, limit));
  EXPECT_TRUE(store_.insert_token(token_for(2, other.c_str()), now, limit));
  EXPECT_FALSE(store_.insert_token(token_for(3, email.c_str()), now, limit));
  EXPECT_EQ(store_.token_state(token_for(3, "").token_hash, now), TokenState::kUnknownOrExpired);
  // An hour later the old links no longer count.
  TimePoint later = now + std::chrono::minutes(61);
  EXPECT_TRUE(store_.insert_token(token_for(4, email.c_str()), later,
                                  TokenLimit{later - std::chrono::hours(1), 2}));
  for (int n : {1, 2, 4}) store_.delete_token(token_for(n, "").token_hash);
}

TEST_F(BookingStoreTest, StoringAConferenceConsumesItsTokenAndEndsItsPendingRowAtOnce) {
  TimePoint now = from_epoch(1'800'000'000);
  std::string run = std::to_string(std::rand());
  NewLoginToken token;
  token.token_hash = "db-test-store-" + run;
  token.email = "store@example.gouv.fr";
  token.expires_at = now + std::chrono::hours(2);
  token.duration_minutes = 60;
  ASSERT_TRUE(store_.insert_token(token, now, TokenLimit{now - std::chrono::hours(1), 1000}));
  ASSERT_TRUE(store_.claim_token(token.token_hash, now, std::chrono::seconds(60)));
  char id[37];
  std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", std::rand() % 1000000000);
  store_.insert_pending(id, "sealed", token.token_hash, now);

  NewConference conference;
  conference.id = id;
  conference.email = token.email;
  conference.phone_number = "+33122334455";
  conference.duration_minutes = 60;
  conference.expires_at = now + std::chrono::hours(1);
  conference.domain = "example.gouv.fr";
  conference.hashed_email = "hash-" + run;
  conference.room_number_sealed = "sealed";
  store_.store_conference(conference, token.token_hash, now);

  EXPECT_EQ(store_.token_state(token.token_hash, now), TokenState::kConsumed);
  auto view = store_.find_conference(id);
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->phone_number, "+33122334455");
  EXPECT_EQ(store_.conferences_for_hash_since(conference.hashed_email, now - std::chrono::hours(1)),
            1);
  auto pending = db_.read([&](pqxx::nontransaction& tx) {
    return tx
        .exec_params("SELECT count(*) FROM pending_conferences WHERE id = $1::uuid",
                     std::string(id))[0][0]
        .as<int>();
  });
  EXPECT_EQ(pending, 0);
  auto linked = db_.read([&](pqxx::nontransaction& tx) {
    return tx
        .exec_params("SELECT \"conferenceId\"::text FROM \"loginTokens\" WHERE token = $1",
                     token.token_hash)[0][0]
        .as<std::string>();
  });
  EXPECT_EQ(linked, id);
  db_.transaction([&](pqxx::work& tx) {
    tx.exec_params("DELETE FROM \"loginTokens\" WHERE token = $1", token.token_hash);
    tx.exec_params("DELETE FROM conferences WHERE id = $1::uuid", std::string(id));
  });
}

}  // namespace
}  // namespace audioconf::pg
