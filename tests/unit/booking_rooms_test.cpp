#include "common/booking/rooms.hpp"

#include <gtest/gtest.h>

#include "common/crypto/os_random.hpp"
#include "common/ovh/errors.hpp"

namespace audioconf::booking {
namespace {

TEST(RoomNumberBox, RoundTripsAndNeverShowsTheNumber) {
  crypto::OsRandom random;
  RoomNumberBox box("a-development-secret-of-some-length");
  std::string sealed = box.seal(123456789, random);
  EXPECT_EQ(sealed.find("123456789"), std::string::npos);
  EXPECT_EQ(box.open(sealed), 123456789);
  // Random nonce: sealing twice gives two different texts.
  EXPECT_NE(box.seal(123456789, random), sealed);
}

TEST(RoomNumberBox, DetectsTamperingAndAnotherSecret) {
  crypto::OsRandom random;
  RoomNumberBox box("a-development-secret-of-some-length");
  std::string sealed = box.seal(987654321, random);
  for (std::size_t i = 3; i < sealed.size(); ++i) {
    std::string tampered = sealed;
    tampered[i] = tampered[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(box.open(tampered).has_value()) << "byte " << i;
  }
  EXPECT_FALSE(RoomNumberBox("another-secret-of-some-length!!").open(sealed).has_value());
  EXPECT_FALSE(box.open("").has_value());
  EXPECT_FALSE(box.open("v1.").has_value());
}

class RecordingTelephony final : public Telephony {
 public:
  enum class Mode { kOk, kNotFound, kRefused, kDown } mode = Mode::kOk;
  std::vector<std::pair<std::int64_t, TimePoint>> expired;

  void create_room(std::int64_t) override {}
  void configure_room(std::int64_t, TimePoint) override {}
  void expire_room(std::int64_t room, TimePoint at) override {
    if (mode == Mode::kNotFound)
      throw ovh::OvhRefused("PUT room 404", 404, "Client::NotFound", "This room does not exist");
    if (mode == Mode::kRefused)
      throw ovh::OvhRefused("PUT room 400", 400, "Client::BadRequest", "no");
    if (mode == Mode::kDown) throw ovh::OvhUnavailable("no answer");
    expired.emplace_back(room, at);
  }
  RoomsStats rooms_stats() override { return {}; }
  std::vector<std::string> conference_numbers() override { return {}; }
  std::vector<std::int64_t> histories(const std::string&, std::optional<TimePoint>) override {
    return {};
  }
  ConferenceHistory history(const std::string&, std::int64_t) override { return {}; }
};

TEST(ExpireRoomNow, SetsTheExpiryAFewSecondsAhead) {
  RecordingTelephony telephony;
  TimePoint now = TimePoint(std::chrono::seconds(1'800'000'000));
  EXPECT_EQ(expire_room_now(telephony, 111222333, now), ExpireOutcome::kExpired);
  ASSERT_EQ(telephony.expired.size(), 1u);
  EXPECT_EQ(telephony.expired[0].first, 111222333);
  EXPECT_EQ(telephony.expired[0].second, now + kExpireAhead);
}

TEST(ExpireRoomNow, TreatsAnUnknownRoomAsDoneAndOtherFailuresAsOvhDown) {
  RecordingTelephony telephony;
  TimePoint now = TimePoint(std::chrono::seconds(1'800'000'000));
  telephony.mode = RecordingTelephony::Mode::kNotFound;
  EXPECT_EQ(expire_room_now(telephony, 1, now), ExpireOutcome::kNoSuchRoom);
  telephony.mode = RecordingTelephony::Mode::kRefused;
  EXPECT_EQ(expire_room_now(telephony, 1, now), ExpireOutcome::kOvhDown);
  telephony.mode = RecordingTelephony::Mode::kDown;
  EXPECT_EQ(expire_room_now(telephony, 1, now), ExpireOutcome::kOvhDown);
}

}  // namespace
}  // namespace audioconf::booking
