// ConferenceStore against a real PostgreSQL: the atomic store, the lookup, the cancel mark.
#include "common/pg/conference_store.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "common/pg/login_token_store.hpp"
#include "common/pg/pending_conference_store.hpp"
#include "db_test_support.hpp"

namespace audioconf::pg {
namespace {

using testing::test_now;
using testing::unique_suffix;
using testing::unique_uuid;

class ConferenceStoreTest : public ::testing::Test {
 protected:
  Database db_{testing::database_url(), "Europe/Paris"};
  LoginTokenStore tokens_{db_};
  PendingConferenceStore pending_{db_};
  ConferenceStore conferences_{db_};
};

TEST_F(ConferenceStoreTest, StoringAConferenceConsumesItsTokenAndEndsItsPendingRowAtOnce) {
  TimePoint now = from_epoch(1'800'000'000);
  std::string run = unique_suffix();
  NewLoginToken token;
  token.token_hash = "db-test-store-" + run;
  token.email = "store@example.gouv.fr";
  token.expires_at = now + std::chrono::hours(2);
  token.duration_minutes = 60;
  ASSERT_TRUE(tokens_.insert(token, now, TokenLimit{now - std::chrono::hours(1), 1000, "k"}));
  ASSERT_TRUE(tokens_.claim(token.token_hash, now, std::chrono::seconds(60)));
  char id[37];
  std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", std::rand() % 1000000000);
  pending_.insert(id, "sealed", token.token_hash, now);

  NewConference conference;
  conference.id = id;
  conference.email = token.email;
  conference.phone_number = "+33122334455";
  conference.duration_minutes = 60;
  conference.expires_at = now + std::chrono::hours(1);
  conference.domain = "example.gouv.fr";
  conference.hashed_email = "hash-" + run;
  conference.room_number_sealed = "sealed";
  conferences_.store(conference, token.token_hash, now);

  EXPECT_EQ(tokens_.state(token.token_hash, now), TokenState::kConsumed);
  auto view = conferences_.find(id);
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->phone_number, "+33122334455");
  EXPECT_EQ(conferences_.count_for_hash_since(conference.hashed_email, now - std::chrono::hours(1)),
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

TEST_F(ConferenceStoreTest, FindsADayConferenceWithItsZoneAndMarksItCanceledOnce) {
  TimePoint now = test_now();
  std::string run = unique_suffix();
  NewLoginToken token;
  token.token_hash = "db-test-cancel-" + run;
  token.email = "cancel@example.gouv.fr";
  token.expires_at = now + std::chrono::hours(2);
  token.conference_day = "2027-01-15";
  ASSERT_TRUE(tokens_.insert(token, now, TokenLimit{now - std::chrono::hours(1), 1000, "k"}));
  NewConference conference;
  conference.id = unique_uuid();
  conference.email = token.email;
  conference.phone_number = "0033122334455";
  conference.conference_day = "2027-01-15";
  conference.expires_at = from_epoch(1'800'075'599);  // 2027-01-16T04:59:59Z
  conference.domain = "example.gouv.fr";
  conference.hashed_email = "hash-" + run;
  conference.room_number_sealed = "sealed";
  conference.time_zone = "America/Cayenne";
  pending_.insert(conference.id, "sealed", token.token_hash, now);
  conferences_.store(conference, token.token_hash, now);

  auto view = conferences_.find(conference.id);
  ASSERT_TRUE(view.has_value());
  EXPECT_FALSE(view->duration_minutes.has_value());
  EXPECT_EQ(view->conference_day, "2027-01-15");
  EXPECT_EQ(view->expires_at, conference.expires_at);
  EXPECT_EQ(view->time_zone, "America/Cayenne");
  EXPECT_EQ(view->room_number_sealed, "sealed");
  EXPECT_FALSE(view->canceled_at.has_value());
  EXPECT_FALSE(conferences_.find(unique_uuid()).has_value());

  EXPECT_TRUE(conferences_.mark_canceled(conference.id, now + std::chrono::minutes(5)));
  EXPECT_FALSE(conferences_.mark_canceled(conference.id, now + std::chrono::minutes(6)));
  EXPECT_EQ(conferences_.find(conference.id)->canceled_at, now + std::chrono::minutes(5));
  db_.transaction([&](pqxx::work& tx) {
    tx.exec_params("DELETE FROM \"loginTokens\" WHERE token = $1", token.token_hash);
    tx.exec_params("DELETE FROM conferences WHERE id = $1::uuid", conference.id);
  });
}

TEST_F(ConferenceStoreTest, KeepsTheZoneOfADurationBookingAndRaisesTheSequenceWithTheCancellation) {
  TimePoint now = test_now();
  std::string run = unique_suffix();
  NewLoginToken token;
  token.token_hash = "db-test-zone-" + run;
  token.email = "zone@example.gouv.fr";
  token.expires_at = now + std::chrono::hours(2);
  token.duration_minutes = 90;
  ASSERT_TRUE(tokens_.insert(token, now, TokenLimit{now - std::chrono::hours(1), 1000, "k"}));
  NewConference conference;
  conference.id = unique_uuid();
  conference.email = token.email;
  conference.phone_number = "0033122334455";
  conference.duration_minutes = 90;
  conference.expires_at = now + std::chrono::minutes(90);
  conference.domain = "example.gouv.fr";
  conference.hashed_email = "hash-" + run;
  conference.room_number_sealed = "sealed";
  conference.time_zone = "America/Cayenne";
  conference.timezone_offset = 180;
  pending_.insert(conference.id, "sealed", token.token_hash, now);
  conferences_.store(conference, token.token_hash, now);

  auto view = conferences_.find(conference.id);
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->duration_minutes, "90");
  EXPECT_EQ(view->time_zone, "America/Cayenne");
  EXPECT_EQ(view->timezone_offset, 180);
  EXPECT_EQ(view->email, "zone@example.gouv.fr");
  EXPECT_EQ(view->ics_sequence, 0);

  // The cancellation and the invitation's new SEQUENCE are one write.
  EXPECT_EQ(conferences_.mark_canceled(conference.id, now + std::chrono::minutes(5)), 1);
  EXPECT_EQ(conferences_.find(conference.id)->ics_sequence, 1);
  EXPECT_EQ(conferences_.mark_canceled(conference.id, now + std::chrono::minutes(6)), std::nullopt);
  EXPECT_EQ(conferences_.find(conference.id)->ics_sequence, 1) << "a second cancel raises nothing";
  EXPECT_EQ(conferences_.mark_canceled(unique_uuid(), now), std::nullopt);

  // A row without zone nor offset (adopted, or booked before 0010) reads as such.
  db_.autocommit([&](pqxx::nontransaction& tx) {
    tx.exec_params(
        "UPDATE conferences SET \"timeZone\" = NULL, \"timezoneOffset\" = NULL, email = NULL "
        "WHERE id = $1::uuid",
        conference.id);
  });
  view = conferences_.find(conference.id);
  ASSERT_TRUE(view.has_value());
  EXPECT_FALSE(view->time_zone.has_value());
  EXPECT_FALSE(view->timezone_offset.has_value());
  EXPECT_FALSE(view->email.has_value());
  db_.transaction([&](pqxx::work& tx) {
    tx.exec_params("DELETE FROM \"loginTokens\" WHERE token = $1", token.token_hash);
    tx.exec_params("DELETE FROM conferences WHERE id = $1::uuid", conference.id);
  });
}

}  // namespace
}  // namespace audioconf::pg
