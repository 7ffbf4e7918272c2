// The /stats page's data: the JSON the chart script reads from a data- attribute, and the
// table cells. Pure functions (unit-tested by including this header).
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "common/domain/calendar.hpp"

namespace audioconf::stats {

/// One point as the page shows it: local (server zone) time and the three counts.
struct ChartPoint {
  domain::LocalDateTime at;
  int participants = 0;
  int active = 0;
  int booked = -1;  ///< negative: no value, drawn as a gap
};

/// "04/05/2026 14:05": day, month, year, hour and minutes on two digits.
[[nodiscard]] inline std::string point_label(const domain::LocalDateTime& at) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%02d/%02d/%04d %02d:%02d", at.date.day, at.date.month,
                at.date.year, at.hour, at.minute);
  return buffer;
}

/// {"labels":[...],"participants":[...],"active":[...],"booked":[..., null, ...]}: points in the
/// given order (oldest first); a negative booked count becomes null (Chart.js leaves a gap).
/// Only digits and the label characters appear, so no JSON escaping is needed.
[[nodiscard]] inline std::string chart_json(const std::vector<ChartPoint>& points) {
  std::string labels;
  std::string participants;
  std::string active;
  std::string booked;
  for (const ChartPoint& point : points) {
    const char* sep = labels.empty() ? "" : ",";
    labels += sep + ("\"" + point_label(point.at) + "\"");
    participants += sep + std::to_string(point.participants);
    active += sep + std::to_string(point.active);
    booked += sep + (point.booked < 0 ? std::string("null") : std::to_string(point.booked));
  }
  return "{\"labels\":[" + labels + "],\"participants\":[" + participants + "],\"active\":[" +
         active + "],\"booked\":[" + booked + "]}";
}

}  // namespace audioconf::stats
