// OidcStateStore against a real PostgreSQL: a state works once, for its own session and purpose
// only, and not after its expiry; the purge drops expired rows.
#include "common/pg/oidc_state_store.hpp"

#include <gtest/gtest.h>

#include "db_test_support.hpp"

namespace audioconf::pg {
namespace {

using testing::test_now;
using testing::unique_suffix;

class OidcStateStoreTest : public ::testing::Test {
 protected:
  OidcState state(const std::string& name, TimePoint now) {
    OidcState s;
    s.state_hash = "db-test-oidc-" + name + "-" + unique_suffix();
    s.session_hash = "db-test-oidc-session-" + unique_suffix();
    s.purpose = OidcPurpose::kLogin;
    s.nonce = "nonce-value";
    s.code_verifier = "verifier-value";
    s.request_json = R"({"durationInMinutes": "60"})";
    s.created_at = now;
    s.expires_at = now + std::chrono::minutes(10);
    return s;
  }

  Database db_{testing::database_url(), "Europe/Paris"};
  OidcStateStore store_{db_};
};

TEST_F(OidcStateStoreTest, AStateIsTakenOnceWithWhatItCarries) {
  TimePoint now = test_now();
  OidcState s = state("once", now);
  store_.insert(s);
  OidcTaken first = store_.take(s.state_hash, s.session_hash, OidcPurpose::kLogin, now);
  ASSERT_EQ(first.outcome, OidcTake::kTaken);
  EXPECT_EQ(first.state->nonce, "nonce-value");
  EXPECT_EQ(first.state->code_verifier, "verifier-value");
  EXPECT_EQ(first.state->request_json, R"({"durationInMinutes": "60"})");
  EXPECT_EQ(store_.take(s.state_hash, s.session_hash, OidcPurpose::kLogin, now).outcome,
            OidcTake::kUnknown);
}

TEST_F(OidcStateStoreTest, AnotherSessionOrPurposeCannotTakeItNorBurnIt) {
  TimePoint now = test_now();
  OidcState s = state("bound", now);
  store_.insert(s);
  EXPECT_EQ(store_.take(s.state_hash, "another-session", OidcPurpose::kLogin, now).outcome,
            OidcTake::kUnknown);
  EXPECT_EQ(store_.take(s.state_hash, s.session_hash, OidcPurpose::kLogout, now).outcome,
            OidcTake::kUnknown);
  EXPECT_EQ(store_.take(s.state_hash, s.session_hash, OidcPurpose::kLogin, now).outcome,
            OidcTake::kTaken);
}

TEST_F(OidcStateStoreTest, AnExpiredStateIsReportedAndGone) {
  TimePoint now = test_now();
  OidcState s = state("expired", now);
  store_.insert(s);
  TimePoint later = now + std::chrono::minutes(10) + std::chrono::seconds(1);
  EXPECT_EQ(store_.take(s.state_hash, s.session_hash, OidcPurpose::kLogin, later).outcome,
            OidcTake::kExpired);
  EXPECT_EQ(store_.take(s.state_hash, s.session_hash, OidcPurpose::kLogin, now).outcome,
            OidcTake::kUnknown);
}

TEST_F(OidcStateStoreTest, ThePurgeDeletesExpiredStatesOnly) {
  TimePoint old = from_epoch(600'000'000);
  OidcState gone = state("purged", old);
  store_.insert(gone);
  TimePoint now = test_now();
  OidcState kept = state("kept", now);
  store_.insert(kept);
  EXPECT_GE(store_.delete_expired(old + std::chrono::minutes(11), 1000), 1);
  EXPECT_EQ(store_.take(gone.state_hash, gone.session_hash, OidcPurpose::kLogin, old).outcome,
            OidcTake::kUnknown);
  EXPECT_EQ(store_.take(kept.state_hash, kept.session_hash, OidcPurpose::kLogin, now).outcome,
            OidcTake::kTaken);
}

}  // namespace
}  // namespace audioconf::pg
