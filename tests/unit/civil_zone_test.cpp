// The civil-time module: IANA zones from the system database, daylight saving in both
// hemispheres, "today" in a zone, French labels. The day-end vectors are those the database
// store used to compute with SQL (Europe/Paris DST days, Cayenne, Nouméa).
#include "common/civil/zone.hpp"

#include <gtest/gtest.h>

#include <cstdio>

#include "common/domain/expiry.hpp"

namespace audioconf::civil {
namespace {

Zone zone(std::string_view name) {
  auto found = Zone::find(name);
  EXPECT_TRUE(found.has_value()) << name;
  return found.value_or(*Zone::find("UTC"));
}

std::string day_end(std::string_view name, domain::CivilDate day) {
  return domain::to_iso_utc(zone(name).day_end(day));
}

TimePoint at_epoch(std::int64_t seconds) { return TimePoint(std::chrono::seconds(seconds)); }

std::string local_text(std::string_view name, TimePoint at) {
  domain::LocalDateTime local = zone(name).local(at);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d", local.date.year,
                local.date.month, local.date.day, local.hour, local.minute, local.second);
  return text;
}

TEST(CivilZone, DayEndFollowsDaylightSavingInParis) {
  EXPECT_EQ(day_end("Europe/Paris", {2026, 3, 28}), "2026-03-28T22:59:59Z");
  // The night of 29 March 2026 the clocks go forward: the day ends at 23:59:59 CEST (UTC+2).
  EXPECT_EQ(day_end("Europe/Paris", {2026, 3, 29}), "2026-03-29T21:59:59Z");
  EXPECT_EQ(day_end("Europe/Paris", {2026, 10, 24}), "2026-10-24T21:59:59Z");
  // And back on 25 October 2026 (UTC+1 again).
  EXPECT_EQ(day_end("Europe/Paris", {2026, 10, 25}), "2026-10-25T22:59:59Z");
}

TEST(CivilZone, DayEndUsesOverseasZones) {
  EXPECT_EQ(day_end("America/Cayenne", {2026, 2, 4}), "2026-02-05T02:59:59Z");
  EXPECT_EQ(day_end("Pacific/Noumea", {2026, 2, 4}), "2026-02-04T12:59:59Z");
  EXPECT_EQ(day_end("UTC", {2026, 2, 4}), "2026-02-04T23:59:59Z");
}

TEST(CivilZone, DayEndFollowsDaylightSavingInSantiago) {
  // Southern hemisphere: summer time (UTC-3) ends on 5 April 2026 at 00:00, clocks back to
  // 23:00 on the 4th, so 23:59:59 on the 4th happens twice; the day lasts until the second one.
  EXPECT_EQ(day_end("America/Santiago", {2026, 4, 3}), "2026-04-04T02:59:59Z");
  EXPECT_EQ(day_end("America/Santiago", {2026, 4, 4}), "2026-04-05T03:59:59Z");
  EXPECT_EQ(day_end("America/Santiago", {2026, 4, 5}), "2026-04-06T03:59:59Z");
  // Summer time starts on 6 September 2026 at 00:00 (to 01:00): UTC-4 before, UTC-3 after.
  EXPECT_EQ(day_end("America/Santiago", {2026, 9, 5}), "2026-09-06T03:59:59Z");
  EXPECT_EQ(day_end("America/Santiago", {2026, 9, 6}), "2026-09-07T02:59:59Z");
}

TEST(CivilZone, LocalTimeAcrossBothChangesInParis) {
  EXPECT_EQ(local_text("Europe/Paris", at_epoch(1774745999)), "2026-03-29 01:59:59");
  EXPECT_EQ(local_text("Europe/Paris", at_epoch(1774746000)), "2026-03-29 03:00:00");
  EXPECT_EQ(local_text("Europe/Paris", at_epoch(1792889999)), "2026-10-25 02:59:59");
  EXPECT_EQ(local_text("Europe/Paris", at_epoch(1792890000)), "2026-10-25 02:00:00");
}

TEST(CivilZone, LocalTimeAcrossBothChangesInSantiago) {
  EXPECT_EQ(local_text("America/Santiago", at_epoch(1775357999)), "2026-04-04 23:59:59");
  EXPECT_EQ(local_text("America/Santiago", at_epoch(1775358000)), "2026-04-04 23:00:00");
  EXPECT_EQ(local_text("America/Santiago", at_epoch(1788667199)), "2026-09-05 23:59:59");
  EXPECT_EQ(local_text("America/Santiago", at_epoch(1788667200)), "2026-09-06 01:00:00");
}

TEST(CivilZone, FormatsInstantsInTheConferenceZone) {
  TimePoint at = at_epoch(1'800'000'000);  // 2027-01-15T08:00:00Z
  EXPECT_EQ(local_text("Europe/Paris", at), "2027-01-15 09:00:00");
  EXPECT_EQ(local_text("America/Cayenne", at), "2027-01-15 05:00:00");
}

TEST(CivilZone, TodayIsTheZoneDate) {
  TimePoint late_evening_utc = at_epoch(1770247800);  // 2026-02-04T23:30:00Z
  EXPECT_EQ(zone("Europe/Paris").date_of(late_evening_utc), (domain::CivilDate{2026, 2, 5}));
  EXPECT_EQ(zone("America/Cayenne").date_of(late_evening_utc), (domain::CivilDate{2026, 2, 4}));
  EXPECT_EQ(zone("Pacific/Noumea").date_of(at_epoch(1770206400)),  // 2026-02-04T12:00:00Z
            (domain::CivilDate{2026, 2, 4}));
}

TEST(CivilZone, UnknownZoneIsNoZone) {
  EXPECT_FALSE(Zone::find("Mars/Olympus").has_value());
  EXPECT_FALSE(Zone::find("'; DROP TABLE conferences; --").has_value());
  EXPECT_FALSE(Zone::find("").has_value());
  EXPECT_FALSE(Zone::find("Europe/paris").has_value());
  EXPECT_TRUE(Zone::find("Etc/GMT+5").has_value());
}

TEST(CivilZone, LabelsInFrench) {
  EXPECT_EQ(zone("Europe/Paris").label(), "heure de Paris");
  EXPECT_EQ(zone("America/Cayenne").label(), "heure de Cayenne");
  EXPECT_EQ(zone("America/Argentina/Buenos_Aires").label(), "heure de Buenos Aires");
  EXPECT_EQ(zone("UTC").label(), "heure UTC");
  EXPECT_EQ(zone("Etc/UTC").label(), "heure UTC");
}

}  // namespace
}  // namespace audioconf::civil
