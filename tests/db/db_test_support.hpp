// What every store test needs: the test database (migrated by scripts/test) and unique keys,
// so runs never meet each other's rows.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <string>

#include "common/pg/database.hpp"
#include "common/pg/time.hpp"

namespace audioconf::pg::testing {

inline std::string database_url() {
  const char* url = std::getenv("AUDIOCONF_TEST_DATABASE_URL");
  if (url == nullptr || *url == '\0') {
    ADD_FAILURE() << "AUDIOCONF_TEST_DATABASE_URL is not set (scripts/test sets it)";
    return "";
  }
  return url;
}

/// A suffix no other run uses.
inline std::string unique_suffix() {
  static std::mt19937_64 generator{std::random_device{}()};
  return std::to_string(generator());
}

/// A version 4 UUID no other run uses.
inline std::string unique_uuid() {
  static std::mt19937_64 generator{std::random_device{}()};
  const char* hex = "0123456789abcdef";
  std::string id = "xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx";
  for (char& c : id) {
    if (c == 'x') c = hex[generator() % 16];
  }
  return id;
}

/// 2027-01-15T08:00:00Z: far from the rows of other tests.
inline TimePoint test_now() { return from_epoch(1'800'000'000); }

}  // namespace audioconf::pg::testing
