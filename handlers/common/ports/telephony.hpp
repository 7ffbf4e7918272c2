// Telephony seam: what handlers and jobs see of OVH conference rooms (real client: ovh/client.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/ports/clock.hpp"

namespace audioconf {

/// OVH `telephony.ConferenceRoomsStatistics` for the configured conference number.
struct RoomsStats {
  std::int64_t active_rooms_count = 0;  ///< rooms with a call in progress
  std::int64_t participants_count = 0;  ///< participants connected, all rooms together
  std::int64_t rooms_count = 0;         ///< rooms booked (not expired) on the number
};

/// OVH `telephony.ConferenceHistory`: one past conference call.
struct ConferenceHistory {
  std::int64_t id = 0;
  std::string date_begin;  ///< as OVH sent it (ISO 8601 / RFC 3339)
  std::string date_end;
  std::int64_t duration_seconds = 0;
  std::int64_t count_participants = 0;
  std::int64_t count_connections = 0;
};

/// Every call throws ovh::OvhUnavailable (no usable answer) or ovh::OvhRefused (OVH said no),
/// both from common/ovh/errors.hpp.
class Telephony {
 public:
  virtual ~Telephony() = default;
  /// POST .../rooms with {"roomNumber":N}.
  virtual void create_room(std::int64_t room_number) = 0;
  /// PUT .../rooms/N with {"pin":"0","expirationDate":"<ISO Z .000>","recordStatus":false,
  /// "reportStatus":"none"}: no PIN, no recording, no report.
  virtual void configure_room(std::int64_t room_number, TimePoint expires_at) = 0;
  /// PUT .../rooms/N with {"expirationDate":"..."} (cancel: a few seconds ahead).
  virtual void expire_room(std::int64_t room_number, TimePoint at) = 0;
  /// GET .../roomsStats.
  [[nodiscard]] virtual RoomsStats rooms_stats() = 0;
  /// GET /telephony/{billingAccount}/conference: every conference service name of the account.
  [[nodiscard]] virtual std::vector<std::string> conference_numbers() = 0;
  /// GET .../{service_name}/histories[?dateBegin.from=ISO-Z] (the filter is inclusive).
  [[nodiscard]] virtual std::vector<std::int64_t> histories(const std::string& service_name,
                                                            std::optional<TimePoint> since) = 0;
  /// GET .../{service_name}/histories/{id}.
  [[nodiscard]] virtual ConferenceHistory history(const std::string& service_name,
                                                  std::int64_t id) = 0;
};

}  // namespace audioconf
