#include "common/pg/stats_store.hpp"

#include "common/pg/time.hpp"

namespace audioconf::pg {

StatsStore::StatsStore(Database& db) : db_(db) {
  db_.prepare("stats_latest",
              "SELECT extract(epoch FROM date)::bigint, \"onlineParticipantsCount\", "
              "\"activeConfsCount\", \"bookedRoomsCount\" FROM stats ORDER BY date DESC LIMIT 1");
}

std::optional<StatsPoint> StatsStore::latest() {
  return db_.transaction([&](pqxx::work& tx) -> std::optional<StatsPoint> {
    pqxx::result rows = tx.exec_prepared("stats_latest");
    if (rows.empty()) return std::nullopt;
    return StatsPoint{from_epoch(rows[0][0].as<std::int64_t>()), rows[0][1].as<int>(),
                      rows[0][2].as<int>(), rows[0][3].as<int>()};
  });
}

}  // namespace audioconf::pg
