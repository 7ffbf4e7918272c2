// The booking service wired to in-memory fakes, and the invariant every outcome must keep:
// an active conference row exists if and only if its room is live at OVH (a live room may also
// be covered by a pending row, which the purge job expires once OVH answers again).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <set>

#include "booking_fakes.hpp"
#include "common/booking/service.hpp"
#include "common/crypto/hash.hpp"

namespace audioconf::booking::testing {

/// 2026-02-04T10:00:00Z, 11:00 in Paris.
inline TimePoint morning() { return TimePoint(std::chrono::seconds(1770199200)); }

inline text::EmailAllowList allow_list_of(const std::string& patterns) {
  return std::get<text::EmailAllowList>(text::EmailAllowList::compile(patterns));
}

inline LinkRequest duration_request(std::string email = "agent@example.gouv.fr",
                                    std::string minutes = "60") {
  LinkRequest request;
  request.email = std::move(email);
  request.duration_minutes = std::move(minutes);
  request.timezone_offset = "-60";
  request.time_zone = "Europe/Paris";
  return request;
}

inline LinkRequest day_request(std::string day, std::optional<std::string> zone,
                               std::optional<std::string> offset = std::nullopt) {
  LinkRequest request;
  request.email = "agent@example.gouv.fr";
  request.day = std::move(day);
  request.time_zone = std::move(zone);
  request.timezone_offset = std::move(offset);
  return request;
}

class BookingServiceTest : public ::testing::Test {
 protected:
  BookingServiceTest() {
    settings.secret = "unit-test-secret-0123456789";
    settings.phone_number = "0033122334455";
  }

  BookingService& service() {
    if (!service_) {
      service_ =
          std::make_unique<BookingService>(BookingCollaborators{tokens, pending, conferences, ovh,
                                                                emails, allow_list, clock, random},
                                           settings, paris);
    }
    return *service_;
  }

  /// Requests a link the way the form does; the raw token from the email.
  std::string link(const LinkRequest& request = duration_request()) {
    EXPECT_EQ(service().request_link(request), LinkOutcome::kSent);
    return emails.links.empty() ? "" : emails.links.back().raw_token;
  }

  TokenState token_state(const std::string& raw_token) {
    return tokens.state(crypto::sha256_hex(raw_token), clock.now());
  }

  std::int64_t room_of(const std::string& sealed) const {
    auto number = RoomNumberBox(settings.secret).open(sealed);
    EXPECT_TRUE(number.has_value());
    return number.value_or(-1);
  }

  void expect_active_row_iff_live_room() {
    const TimePoint now = clock.now();
    std::set<std::int64_t> active;
    std::set<std::int64_t> left_for_purge;
    for (const auto& [id, row] : db.conferences) {
      if (row.canceled_at || row.conference.expires_at <= now) continue;
      active.insert(room_of(row.conference.room_number_sealed));
    }
    for (const auto& [id, row] : db.pending) left_for_purge.insert(room_of(row.room_number_sealed));
    std::set<std::int64_t> live;
    for (const auto& [number, room] : ovh.rooms) {
      if (!room.expired && (!room.expires_at || *room.expires_at > now)) live.insert(number);
    }
    for (std::int64_t number : active) {
      EXPECT_EQ(live.count(number), 1u) << "an active conference row without a live room";
    }
    for (std::int64_t number : live) {
      EXPECT_TRUE(active.count(number) == 1 || left_for_purge.count(number) == 1)
          << "a live room with neither its conference row nor a pending row";
    }
  }

  FakeDatabase db;
  FakeTokens tokens{db};
  FakePending pending{db};
  FakeConferences conferences{db};
  FakeTelephony ovh;
  FakeEmails emails;
  text::EmailAllowList allow_list = allow_list_of("");
  FixedClock clock{morning()};
  SequenceRandom random;
  BookingSettings settings;
  civil::Zone paris = *civil::Zone::find("Europe/Paris");

 private:
  std::unique_ptr<BookingService> service_;
};

}  // namespace audioconf::booking::testing
