#include "common/pg/stats_store.hpp"

#include <algorithm>
#include <limits>

#include "common/pg/time.hpp"

namespace audioconf::pg {
namespace {

int clamp_count(std::int64_t value) {
  return static_cast<int>(std::clamp<std::int64_t>(value, 0, std::numeric_limits<int>::max()));
}

}  // namespace

StatsStore::StatsStore(Database& db) : db_(db) {
  db_.prepare("stats_latest",
              "SELECT extract(epoch FROM date)::bigint, \"onlineParticipantsCount\", "
              "\"activeConfsCount\", \"bookedRoomsCount\" FROM stats ORDER BY date DESC LIMIT 1");
  db_.prepare("stats_recent",
              "SELECT * FROM (SELECT extract(epoch FROM date)::bigint AS at, "
              "\"onlineParticipantsCount\", \"activeConfsCount\", \"bookedRoomsCount\" FROM stats "
              "ORDER BY date DESC LIMIT $1) latest ORDER BY at");
  db_.prepare("stats_has_point", "SELECT 1 FROM stats WHERE date = to_timestamp($1)");
  db_.prepare("stats_insert",
              "INSERT INTO stats (date, \"onlineParticipantsCount\", \"activeConfsCount\", "
              "\"errorConfsCount\", \"bookedRoomsCount\") VALUES (to_timestamp($1), $2, $3, 0, $4) "
              "ON CONFLICT (date) DO NOTHING");
}

std::optional<StatsPoint> StatsStore::latest() {
  return db_.read([&](pqxx::nontransaction& tx) -> std::optional<StatsPoint> {
    pqxx::result rows = tx.exec_prepared("stats_latest");
    if (rows.empty()) return std::nullopt;
    return StatsPoint{from_epoch(rows[0][0].as<std::int64_t>()), rows[0][1].as<int>(),
                      rows[0][2].as<int>(), rows[0][3].as<int>()};
  });
}

std::vector<StatsPoint> StatsStore::recent(int limit) {
  return db_.transaction([&](pqxx::work& tx) {
    std::vector<StatsPoint> points;
    for (const auto& row : tx.exec_prepared("stats_recent", limit)) {
      points.push_back({from_epoch(row[0].as<std::int64_t>()), row[1].as<int>(), row[2].as<int>(),
                        row[3].as<int>()});
    }
    return points;
  });
}

bool StatsStore::has_point(TimePoint minute) {
  return db_.transaction([&](pqxx::work& tx) {
    return !tx.exec_prepared("stats_has_point", to_epoch(minute)).empty();
  });
}

bool StatsStore::insert(TimePoint minute, const RoomsStats& stats) {
  return db_.transaction([&](pqxx::work& tx) {
    return tx.exec_prepared("stats_insert", to_epoch(minute), clamp_count(stats.participants_count),
                            clamp_count(stats.active_rooms_count), clamp_count(stats.rooms_count))
               .affected_rows() == 1;
  });
}

TimePoint stats_minute(TimePoint at) { return std::chrono::floor<std::chrono::minutes>(at); }

}  // namespace audioconf::pg
