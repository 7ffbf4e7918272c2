// Golden vectors for the OVH request signature (ovh-api.md §2.2), plus the exact PUT body we sign.
#include "common/ovh/signature.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "common/ovh/client.hpp"

namespace audioconf::ovh {
namespace {

constexpr const char* kT3Base =
    "https://eu.api.ovh.com/1.0/telephony/aa1111111-ovh/conference/0033122334455";

TEST(OvhSignature, MatchesOfficialGuideVectorT1) {
  EXPECT_EQ(sign("EXEgWIz07P0HYwtQDs7cNIqCiQaWSuHF", "MtSwSrPpNjqfVSmJhLbPyr2i45lSwPU1", "GET",
                 "https://eu.api.ovh.com/1.0/domain/", "", 1366560945),
            "$1$6a77f43f2871db97a029f1d1d81c4dcd3c6f7265");
}

TEST(OvhSignature, MatchesPythonClientVectorsT2) {
  constexpr const char* kSecret = "9ufkBmLaTQ9nz5yMUlg79taH0GNnzDjk";
  constexpr const char* kConsumer = "5mBuy6SUQcRw2ZUxg0cG68BoDKpED4KY";
  constexpr const char* kUrl = "https://eu.api.ovh.com/1.0/auth";
  constexpr std::int64_t kTime = 1457018875;
  EXPECT_EQ(sign(kSecret, kConsumer, "GET", kUrl, "", kTime),
            "$1$e9556054b6309771395efa467c22e627407461ad");
  EXPECT_EQ(sign(kSecret, kConsumer, "POST", kUrl, R"({"a":"b","c":"d"})", kTime),
            "$1$ec2fb5c7a81f64723c77d2e5b609ae6f58a84fc1");
  EXPECT_EQ(sign(kSecret, kConsumer, "PUT", kUrl, R"({"a":"b","c":"d"})", kTime),
            "$1$8a75a9e7c8e7296c9dbeda6a2a735eb6bd58ec4b");
}

TEST(OvhSignature, MatchesNodeClientVectorsT3) {
  const std::string base = kT3Base;
  EXPECT_EQ(sign("AS", "CK", "POST", base + "/rooms", "", 1700000000),
            "$1$a78b76de148fd5506b46c3fb4aaf3c9fe42f6267");
  EXPECT_EQ(
      sign(
          "AS", "CK", "PUT", base + "/rooms/123456789",
          R"({"pin":"0","expirationDate":"2021-06-21T21:59:59.000Z","recordStatus":false,"reportStatus":"none"})",
          1700000000),
      "$1$00432e36d6de1f66e51da425a44436a480a330e8");
  EXPECT_EQ(sign("AS", "CK", "GET", base + "/histories?dateBegin.from=2021-06-21T15:23:32.839Z", "",
                 1700000000),
            "$1$0b2a0e8a4c87dddbe80eee235e11868b3eb1f621");
}

TEST(OvhSignature, ChangesWithEveryField) {
  const std::string reference = sign("AS", "CK", "GET", "https://x/1.0/a", "", 1);
  EXPECT_NE(sign("AS2", "CK", "GET", "https://x/1.0/a", "", 1), reference);
  EXPECT_NE(sign("AS", "CK2", "GET", "https://x/1.0/a", "", 1), reference);
  EXPECT_NE(sign("AS", "CK", "PUT", "https://x/1.0/a", "", 1), reference);
  EXPECT_NE(sign("AS", "CK", "GET", "https://x/1.0/b", "", 1), reference);
  EXPECT_NE(sign("AS", "CK", "GET", "https://x/1.0/a", "{}", 1), reference);
  EXPECT_NE(sign("AS", "CK", "GET", "https://x/1.0/a", "", 2), reference);
}

TEST(OvhRoomConfigurationBody, IsTheBodyOfTheNodeClientVector) {
  const TimePoint expiry = std::chrono::sys_days{std::chrono::year{2021} / 6 / 21} +
                           std::chrono::hours{21} + std::chrono::minutes{59} +
                           std::chrono::seconds{59};
  const std::string body = room_configuration_body(expiry);
  EXPECT_EQ(
      body,
      R"({"pin":"0","expirationDate":"2021-06-21T21:59:59.000Z","recordStatus":false,"reportStatus":"none"})");
  EXPECT_EQ(sign("AS", "CK", "PUT", std::string(kT3Base) + "/rooms/123456789", body, 1700000000),
            "$1$00432e36d6de1f66e51da425a44436a480a330e8");
}

}  // namespace
}  // namespace audioconf::ovh
