// OsRandom: the production RandomSource, backed by the OS CSPRNG through OpenSSL.
#pragma once

#include <cstddef>
#include <string>

#include "common/ports/random.hpp"

namespace audioconf::crypto {

/// Random bytes from OpenSSL's RAND_bytes (seeded from getrandom(2), fork-safe in OpenSSL 3).
class OsRandom final : public RandomSource {
 public:
  /// Throws std::runtime_error if OpenSSL cannot produce the bytes (never returns weak bytes).
  [[nodiscard]] std::string bytes(std::size_t count) override;
};

}  // namespace audioconf::crypto
