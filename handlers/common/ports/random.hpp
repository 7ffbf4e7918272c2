// Randomness seam: tokens, session ids, room numbers and nonces all come from a RandomSource,
// the OS CSPRNG in production (crypto/os_random.hpp) and a fixed sequence in tests.
#pragma once

#include <cstddef>
#include <string>

namespace audioconf {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  /// Returns `count` random bytes. Throws std::runtime_error if the source fails.
  [[nodiscard]] virtual std::string bytes(std::size_t count) = 0;
};

}  // namespace audioconf
