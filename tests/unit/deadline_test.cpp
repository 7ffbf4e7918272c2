// The request budget shared by OVH and SMTP calls: each call gets min(own timeout, what is left),
// and nothing once it is spent (the call then fails at once, without touching the network).
#include "common/ports/deadline.hpp"

#include <gtest/gtest.h>

#include "common/mail/smtp_mailer.hpp"
#include "common/ovh/client.hpp"
#include "common/ovh/errors.hpp"
#include "common/ports/mailer.hpp"

namespace audioconf {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const TimePoint kStart{seconds(1'800'000'000)};

TEST(Deadline, WithoutABudgetEveryCallKeepsItsOwnTimeout) {
  FixedClock clock(kStart);
  Deadline deadline(clock);
  EXPECT_EQ(deadline.allow(milliseconds(5000)), milliseconds(5000));
}

TEST(Deadline, ACallGetsWhatIsLeftOfTheBudgetWhenThatIsShorter) {
  FixedClock clock(kStart);
  Deadline deadline(clock);
  deadline.start(milliseconds(9000));
  EXPECT_EQ(deadline.allow(milliseconds(5000)), milliseconds(5000));
  clock.advance(seconds(6));
  EXPECT_EQ(deadline.allow(milliseconds(5000)), milliseconds(3000));
  clock.advance(seconds(4));
  EXPECT_EQ(deadline.allow(milliseconds(5000)), milliseconds(0));
  deadline.clear();
  EXPECT_EQ(deadline.allow(milliseconds(5000)), milliseconds(5000));
}

TEST(Deadline, AnOvhCallWithTheBudgetSpentFailsAtOnceAsOvhDown) {
  FixedClock clock(kStart);
  Deadline deadline(clock);
  deadline.start(milliseconds(1000));
  clock.advance(seconds(2));
  ovh::OvhSettings settings;
  settings.endpoint = "http://127.0.0.1:9/1.0";  // never reached
  ovh::OvhClient client(settings, clock, &deadline);
  try {
    client.create_room(123456789);
    FAIL() << "no exception";
  } catch (const ovh::OvhUnavailable& error) {
    EXPECT_NE(std::string(error.what()).find("time budget"), std::string::npos) << error.what();
  }
}

TEST(Deadline, AMailWithTheBudgetSpentFailsAtOnce) {
  FixedClock clock(kStart);
  Deadline deadline(clock);
  deadline.start(milliseconds(1000));
  clock.advance(seconds(2));
  class NoRandom final : public RandomSource {
   public:
    std::string bytes(std::size_t count) override { return std::string(count, 'x'); }
  } random;
  mail::SmtpSettings settings;
  settings.host = "127.0.0.1";
  settings.port = 9;  // never reached
  mail::SmtpMailer mailer(settings, clock, random, &deadline);
  EXPECT_THROW(mailer.send(MailMessage{"App", "from@example.gouv.fr", "to@example.gouv.fr", "Sujet",
                                       "texte", "<p>html</p>"}),
               MailError);
}

}  // namespace
}  // namespace audioconf
