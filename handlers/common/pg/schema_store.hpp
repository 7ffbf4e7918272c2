// schema_migrations, read only: whether this build's newest migration is applied (/api/status
// reports the database ready only then).
#pragma once

#include <string>

#include "common/pg/database.hpp"

namespace audioconf::pg {

class SchemaStore {
 public:
  explicit SchemaStore(Database& db);
  [[nodiscard]] bool has_migration(const std::string& version);

 private:
  Database& db_;
};

}  // namespace audioconf::pg
