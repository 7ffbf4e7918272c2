#include "common/pg/schema_store.hpp"

namespace audioconf::pg {

SchemaStore::SchemaStore(Database& db) : db_(db) {
  db_.prepare("status_migrated",
              "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)");
}

bool SchemaStore::has_migration(const std::string& version) {
  return db_.transaction([&](pqxx::work& tx) {
    return tx.exec_prepared("status_migrated", version)[0][0].as<bool>();
  });
}

}  // namespace audioconf::pg
