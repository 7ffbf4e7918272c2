// SchemaStore against a real PostgreSQL: the newest migration of this build is applied.
#include "common/pg/schema_store.hpp"

#include <gtest/gtest.h>

#include "common/version.hpp"
#include "db_test_support.hpp"

namespace audioconf::pg {
namespace {

TEST(SchemaStoreTest, KnowsWhichMigrationsAreApplied) {
  Database db{testing::database_url(), "Europe/Paris"};
  SchemaStore schema{db};
  EXPECT_TRUE(schema.has_migration(kLatestMigration));
  EXPECT_FALSE(schema.has_migration("9999"));
}

}  // namespace
}  // namespace audioconf::pg
