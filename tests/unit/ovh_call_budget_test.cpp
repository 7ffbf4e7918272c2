// The fleet's OVH call budget (SPEC §8): who may call when (ovh/call_budget_rules), and the OVH
// client asking it before every exchange. The PostgreSQL count:
// tests/db/ovh_call_budget_store_test.
#include <gtest/gtest.h>

#include "common/ovh/call_budget_rules.hpp"
#include "common/ovh/client.hpp"
#include "common/ovh/errors.hpp"

namespace audioconf::ovh {
namespace {

TEST(OvhCallBudgetRules, UsersAreNeverRefused) {
  EXPECT_TRUE(may_call(CallPriority::kUser, 0, 60));
  EXPECT_TRUE(may_call(CallPriority::kUser, 60, 60));
  EXPECT_TRUE(may_call(CallPriority::kUser, 600, 60));
}

TEST(OvhCallBudgetRules, JobsSpendUpToTheBudget) {
  EXPECT_TRUE(may_call(CallPriority::kJob, 59, 60));
  EXPECT_FALSE(may_call(CallPriority::kJob, 60, 60));
  EXPECT_FALSE(may_call(CallPriority::kJob, 75, 60));
}

TEST(OvhCallBudgetRules, RefreshesLeaveAFifthOfTheBudgetToUsers) {
  EXPECT_EQ(user_reserve(60), 12);
  EXPECT_TRUE(may_call(CallPriority::kRefresh, 47, 60));
  EXPECT_FALSE(may_call(CallPriority::kRefresh, 48, 60));
  EXPECT_EQ(user_reserve(4), 1) << "at least one call is kept";
  EXPECT_TRUE(may_call(CallPriority::kRefresh, 2, 4));
  EXPECT_FALSE(may_call(CallPriority::kRefresh, 3, 4));
}

class CountingBudget final : public CallBudget {
 public:
  bool allow = true;
  int refuse_first = 0;  ///< refusals before `allow` applies
  int asked = 0;
  CallPriority last = CallPriority::kUser;
  bool take(CallPriority priority) override {
    ++asked;
    last = priority;
    if (refuse_first > 0) {
      --refuse_first;
      return false;
    }
    return allow;
  }
};

OvhSettings unreachable() {
  OvhSettings settings;
  settings.endpoint = "http://127.0.0.1:9/1.0";  // nothing listens: a sent call gets no answer
  settings.get_attempts = 2;
  return settings;
}

TEST(OvhClientCallGate, ARefusedCallIsNotSent) {
  FixedClock clock(TimePoint{std::chrono::seconds(1'800'000'000)});
  CountingBudget budget;
  budget.allow = false;
  OvhClient client(unreachable(), clock, nullptr, CallGate{&budget, CallPriority::kRefresh});
  try {
    static_cast<void>(client.participants(123456789));
    FAIL() << "no exception";
  } catch (const OvhBudgetSpent& error) {
    EXPECT_NE(std::string(error.what()).find("budget"), std::string::npos) << error.what();
  }
  EXPECT_EQ(budget.asked, 1);
  EXPECT_EQ(budget.last, CallPriority::kRefresh);
}

TEST(OvhClientCallGate, EveryExchangeIsCountedRetriesIncluded) {
  FixedClock clock(TimePoint{std::chrono::seconds(1'800'000'000)});
  CountingBudget budget;
  OvhClient client(unreachable(), clock, nullptr, CallGate{&budget, CallPriority::kUser});
  try {
    static_cast<void>(client.participants(123456789));
    FAIL() << "no exception";
  } catch (const OvhBudgetSpent&) {
    FAIL() << "the budget allowed it";
  } catch (const OvhUnavailable&) {
  }
  // The server-time GET comes first and is tried twice; no answer, so nothing further.
  EXPECT_EQ(budget.asked, 2);
}

TEST(OvhClientCallGate, AJobWaitsForTheBudgetInsteadOfDroppingItsWork) {
  FixedClock clock(TimePoint{std::chrono::seconds(1'800'000'000)});
  CountingBudget budget;
  budget.refuse_first = 3;
  OvhSettings settings = unreachable();
  settings.get_attempts = 1;
  OvhClient client(settings, clock, nullptr,
                   CallGate{.budget = &budget,
                            .priority = CallPriority::kJob,
                            .wait_up_to = std::chrono::milliseconds(500),
                            .retry_every = std::chrono::milliseconds(10)});
  try {
    static_cast<void>(client.participants(123456789));
    FAIL() << "no exception";
  } catch (const OvhBudgetSpent&) {
    FAIL() << "the budget came back within the wait";
  } catch (const OvhUnavailable&) {
    // Sent (and unanswered: nothing listens), after three refusals.
  }
  EXPECT_EQ(budget.asked, 4);

  budget.asked = 0;
  budget.allow = false;
  EXPECT_THROW(static_cast<void>(client.participants(123456789)), OvhBudgetSpent);
  EXPECT_GE(budget.asked, 10) << "asked again during the wait";
  EXPECT_LE(budget.asked, 51);
}

}  // namespace
}  // namespace audioconf::ovh
