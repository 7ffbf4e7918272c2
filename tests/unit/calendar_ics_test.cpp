// The .ics invitation: RFC 5545 lines (CRLF, 75-octet folding that never cuts a UTF-8
// character, escaped TEXT), the fields a calendar reads, and the cancellation form.
#include "common/calendar/ics.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <vector>

namespace audioconf::calendar {
namespace {

Invitation sample() {
  Invitation inv;
  inv.uid = "3f2a6d1e-1b2c-4d5e-8f90-123456789abc@audioconf.example.gouv.fr";
  inv.sequence = 2;
  inv.stamp = TimePoint(std::chrono::seconds(1796292000));  // 2026-12-03T10:00:00Z
  inv.start = TimePoint(std::chrono::seconds(1796291400));
  inv.end = TimePoint(std::chrono::seconds(1796298600));
  inv.app_name = "CoucouCollègues";
  inv.sender_email = "ne-pas-repondre@example.gouv.fr";
  inv.phone_number = "0033122334455";
  inv.code = "123456789";
  inv.conference_url = "https://audioconf.example.gouv.fr/conferences/3f2a6d1e";
  return inv;
}

/// The content lines, unfolded.
std::vector<std::string> unfolded(const std::string& ics) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < ics.size()) {
    const std::size_t end = ics.find("\r\n", start);
    EXPECT_NE(end, std::string::npos) << "every line ends with CRLF";
    if (end == std::string::npos) break;
    std::string physical = ics.substr(start, end - start);
    EXPECT_LE(physical.size(), 75u) << physical;
    if (!physical.empty() && physical[0] == ' ') {
      lines.back() += physical.substr(1);
    } else {
      lines.push_back(physical);
    }
    start = end + 2;
  }
  return lines;
}

std::string field(const std::vector<std::string>& lines, const std::string& name) {
  for (const std::string& line : lines) {
    if (line.rfind(name + ":", 0) == 0 || line.rfind(name + ";", 0) == 0) return line;
  }
  return "";
}

TEST(Ics, UtcTimesAreBasicFormatWithZ) {
  EXPECT_EQ(ics_utc(TimePoint(std::chrono::seconds(1796292000))), "20261203T100000Z");
}

TEST(Ics, PublishesOneEventWithEveryField) {
  const std::vector<std::string> lines = unfolded(render_ics(sample()));
  ASSERT_GE(lines.size(), 10u);
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  EXPECT_EQ(field(lines, "VERSION"), "VERSION:2.0");
  EXPECT_EQ(field(lines, "METHOD"), "METHOD:PUBLISH");
  EXPECT_EQ(field(lines, "UID"),
            "UID:3f2a6d1e-1b2c-4d5e-8f90-123456789abc@audioconf.example.gouv.fr");
  EXPECT_EQ(field(lines, "SEQUENCE"), "SEQUENCE:2");
  EXPECT_EQ(field(lines, "DTSTAMP"), "DTSTAMP:20261203T100000Z");
  EXPECT_EQ(field(lines, "DTSTART"), "DTSTART:20261203T095000Z");
  EXPECT_EQ(field(lines, "DTEND"), "DTEND:20261203T115000Z");
  EXPECT_EQ(field(lines, "STATUS"), "STATUS:CONFIRMED");
  EXPECT_EQ(field(lines, "ORGANIZER"),
            "ORGANIZER;CN=\"CoucouCollègues\":mailto:ne-pas-repondre@example.gouv.fr");
  EXPECT_EQ(field(lines, "LOCATION"), "LOCATION:01 22 33 44 55 (code 123 456 789)");
  const std::string description = field(lines, "DESCRIPTION");
  EXPECT_NE(description.find("01 22 33 44 55"), std::string::npos);
  EXPECT_NE(description.find("123 456 789"), std::string::npos);
  EXPECT_NE(description.find("tel:+33122334455\\,\\,123456789%23"), std::string::npos)
      << description;
  EXPECT_NE(description.find("\\n"), std::string::npos);
  EXPECT_EQ(field(lines, "URL"), "URL:tel:+33122334455,,123456789%23");
}

TEST(Ics, CancellationKeepsTheUidWithAHigherSequence) {
  Invitation inv = sample();
  inv.cancelled = true;
  inv.sequence = 3;
  const std::vector<std::string> lines = unfolded(render_ics(inv));
  EXPECT_EQ(field(lines, "METHOD"), "METHOD:CANCEL");
  EXPECT_EQ(field(lines, "STATUS"), "STATUS:CANCELLED");
  EXPECT_EQ(field(lines, "SEQUENCE"), "SEQUENCE:3");
  EXPECT_EQ(field(lines, "UID"), "UID:" + sample().uid);
}

TEST(Ics, FoldingNeverCutsAUtf8Character) {
  const std::string line = "DESCRIPTION:" + std::string(62, 'a') + "ééééééé" + std::string(80, 'b');
  const std::string folded = fold_line(line);
  std::size_t start = 0;
  while (start < folded.size()) {
    const std::size_t end = folded.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    const std::string physical = folded.substr(start, end - start);
    EXPECT_LE(physical.size(), 75u);
    if (start > 0) {
      ASSERT_EQ(physical[0], ' ');
      EXPECT_NE(static_cast<unsigned char>(physical[1]) & 0xC0, 0x80)
          << "starts inside a character";
    }
    start = end + 2;
  }
  std::string joined;
  for (std::size_t at = 0; at < folded.size();) {
    const std::size_t end = folded.find("\r\n", at);
    joined += folded.substr(at == 0 ? at : at + 1, end - (at == 0 ? at : at + 1));
    at = end + 2;
  }
  EXPECT_EQ(joined, line);
}

TEST(Ics, TextValuesAreEscaped) { EXPECT_EQ(escape_text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne"); }

}  // namespace
}  // namespace audioconf::calendar
