// The conferences table: storing a booked conference (with the end of its pending row and the
// consumption of its token, atomically), the hourly count per address, the lookup by id and
// the cancellation mark.
#pragma once

#include "common/pg/database.hpp"
#include "common/ports/booking_stores.hpp"

namespace audioconf::pg {

class ConferenceStore final : public Conferences {
 public:
  explicit ConferenceStore(Database& db);

  void store(const NewConference& conference, const std::string& token_hash,
             TimePoint now) override;
  [[nodiscard]] int count_for_hash_since(const std::string& hashed_email, TimePoint since) override;
  [[nodiscard]] std::optional<ConferenceView> find(const std::string& id) override;
  [[nodiscard]] std::optional<int> mark_canceled(const std::string& id, TimePoint now) override;

 private:
  Database& db_;
};

}  // namespace audioconf::pg
