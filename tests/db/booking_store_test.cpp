// BookingStore against a real PostgreSQL: zone arithmetic (daylight saving) and the token lease.
#include "common/pg/booking_store.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "common/domain/expiry.hpp"
#include "common/pg/purge_store.hpp"
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

std::string iso(std::optional<TimePoint> at) {
  if (!at) return "none";
  return domain::to_iso_utc(std::chrono::time_point_cast<std::chrono::seconds>(*at));
}

class BookingStoreTest : public ::testing::Test {
 protected:
  Database db_{database_url(), "Europe/Paris"};
  BookingStore store_{db_};
};

TEST_F(BookingStoreTest, DayEndFollowsDaylightSavingInParis) {
  EXPECT_EQ(iso(store_.day_end_in_zone("2026-03-28", "Europe/Paris")), "2026-03-28T22:59:59Z");
  // The night of 29 March 2026 the clocks go forward: the day ends at 23:59:59 CEST (UTC+2).
  EXPECT_EQ(iso(store_.day_end_in_zone("2026-03-29", "Europe/Paris")), "2026-03-29T21:59:59Z");
  EXPECT_EQ(iso(store_.day_end_in_zone("2026-10-24", "Europe/Paris")), "2026-10-24T21:59:59Z");
  // And back on 25 October 2026 (UTC+1 again).
  EXPECT_EQ(iso(store_.day_end_in_zone("2026-10-25", "Europe/Paris")), "2026-10-25T22:59:59Z");
}

TEST_F(BookingStoreTest, DayEndUsesOverseasZones) {
  EXPECT_EQ(iso(store_.day_end_in_zone("2026-02-04", "America/Cayenne")), "2026-02-05T02:59:59Z");
  EXPECT_EQ(iso(store_.day_end_in_zone("2026-02-04", "Pacific/Noumea")), "2026-02-04T12:59:59Z");
}

TEST_F(BookingStoreTest, UnknownZoneGivesNothingAndLeavesTheConnectionUsable) {
  EXPECT_FALSE(store_.day_end_in_zone("2026-02-04", "Mars/Olympus").has_value());
  EXPECT_FALSE(store_.day_end_in_zone("2026-02-04", "'; DROP TABLE conferences; --").has_value());
  EXPECT_EQ(iso(store_.day_end_in_zone("2026-02-04", "UTC")), "2026-02-04T23:59:59Z");
}

TEST_F(BookingStoreTest, FormatsInstantsInTheConferenceZone) {
  TimePoint at = from_epoch(1'800'000'000);  // 2027-01-15T08:00:00Z
  EXPECT_EQ(store_.format_in_zone(at, "Europe/Paris").value_or(""), "2027-01-15 09:00:00");
  EXPECT_EQ(store_.format_in_zone(at, "America/Cayenne").value_or(""), "2027-01-15 05:00:00");
}

TEST_F(BookingStoreTest, ATokenLeaseLetsOnlyOneClaimantThroughUntilReleased) {
  TimePoint now = from_epoch(1'800'000'000);
  NewLoginToken token;
  token.token_hash = "db-test-lease-" + std::to_string(std::rand());
  token.email = "lease@example.gouv.fr";
  token.expires_at = now + std::chrono::hours(2);
  token.duration_minutes = 120;
  ASSERT_TRUE(store_.insert_token(token, now, TokenLimit{now - std::chrono::hours(1), 1000, "k"}));
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
  // The caller keys the count with the keyed hash of the lower-cased address (App::email_hash).
  std::string email = "Limit." + run + "@Example.gouv.fr";
  std::string key = "db-test-limit-key-" + run;
  TokenLimit limit{now - std::chrono::hours(1), 2, key};
  EXPECT_TRUE(store_.insert_token(token_for(1, email.c_str()), now, limit));
  EXPECT_TRUE(store_.insert_token(token_for(2, email.c_str()), now, limit));
  EXPECT_FALSE(store_.insert_token(token_for(3, email.c_str()), now, limit));
  EXPECT_EQ(store_.token_state(token_for(3, "").token_hash, now), TokenState::kUnknownOrExpired);
  // Another address has its own count.
  EXPECT_TRUE(store_.insert_token(token_for(5, "other@example.gouv.fr"), now,
                                  TokenLimit{now - std::chrono::hours(1), 2, key + "-other"}));
  // An hour later the old links no longer count.
  TimePoint later = now + std::chrono::minutes(61);
  EXPECT_TRUE(store_.insert_token(token_for(4, email.c_str()), later,
                                  TokenLimit{later - std::chrono::hours(1), 2, key}));
  for (int n : {1, 2, 4, 5}) store_.delete_token(token_for(n, "").token_hash);
}

// The limit used to count "loginTokens" rows, which purge deletes once expired: with 10-minute
// tokens, an address could ask again 11 minutes later. The count now outlives the tokens.
TEST_F(BookingStoreTest, TheHourlyLimitHoldsAfterPurgeRemovedShortLivedTokens) {
  PurgeStore purge(db_);
  // Years before the other tests' instants: its purges never touch their link events.
  TimePoint now = from_epoch(1'500'000'000 + std::rand() % 1'000'000);
  std::string run = std::to_string(std::rand());
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
  ASSERT_TRUE(store_.insert_token(token_for(1, now), now, limit_at(now)));
  ASSERT_TRUE(store_.insert_token(token_for(2, now), now, limit_at(now)));

  // 11 minutes later purge runs: both tokens are gone, their link events are not.
  TimePoint after_purge = now + std::chrono::minutes(11);
  EXPECT_GE(purge.delete_expired_tokens(after_purge, 1000), 2);
  EXPECT_GE(purge.delete_link_events_before(after_purge - kLinkLimitWindow, 1000), 0);
  EXPECT_EQ(store_.token_state(token_for(1, now).token_hash, after_purge),
            TokenState::kUnknownOrExpired);
  EXPECT_FALSE(store_.insert_token(token_for(3, after_purge), after_purge, limit_at(after_purge)));

  // Past the hour, purge removes the events and the address may ask again.
  TimePoint next_hour = now + std::chrono::minutes(61);
  EXPECT_GE(purge.delete_link_events_before(next_hour - kLinkLimitWindow, 1000), 2);
  EXPECT_TRUE(store_.insert_token(token_for(4, next_hour), next_hour, limit_at(next_hour)));
  store_.delete_token(token_for(4, next_hour).token_hash);
}

TEST_F(BookingStoreTest, DeletingATokenAlsoUncountsItsLink) {
  // A link whose email could not be sent is deleted and must not count against the address.
  TimePoint now = from_epoch(1'800'000'000);
  std::string run = std::to_string(std::rand());
  std::string key = "db-test-uncount-key-" + run;
  auto token_for = [&](int n) {
    NewLoginToken token;
    token.token_hash = "db-test-uncount-" + run + "-" + std::to_string(n);
    token.email = "uncount." + run + "@example.gouv.fr";
    token.expires_at = now + std::chrono::hours(2);
    return token;
  };
  TokenLimit limit{now - kLinkLimitWindow, 1, key};
  ASSERT_TRUE(store_.insert_token(token_for(1), now, limit));
  EXPECT_FALSE(store_.insert_token(token_for(2), now, limit));
  store_.delete_token(token_for(1).token_hash);
  EXPECT_TRUE(store_.insert_token(token_for(3), now, limit));
  store_.delete_token(token_for(3).token_hash);
}

TEST_F(BookingStoreTest, StoringAConferenceConsumesItsTokenAndEndsItsPendingRowAtOnce) {
  TimePoint now = from_epoch(1'800'000'000);
  std::string run = std::to_string(std::rand());
  NewLoginToken token;
  token.token_hash = "db-test-store-" + run;
  token.email = "store@example.gouv.fr";
  token.expires_at = now + std::chrono::hours(2);
  token.duration_minutes = 60;
  ASSERT_TRUE(store_.insert_token(token, now, TokenLimit{now - std::chrono::hours(1), 1000, "k"}));
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
  auto view = store_.find_conference(id, "Europe/Paris");
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
