#include "common/crypto/os_random.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <climits>
#include <stdexcept>

namespace audioconf::crypto {

std::string OsRandom::bytes(std::size_t count) {
  std::string out(count, '\0');
  std::size_t done = 0;
  // RAND_bytes takes an int length, so very large requests go in chunks.
  while (done < count) {
    const std::size_t chunk = std::min<std::size_t>(count - done, INT_MAX);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data() + done), static_cast<int>(chunk)) !=
        1) {
      throw std::runtime_error("OS random generator failed (RAND_bytes)");
    }
    done += chunk;
  }
  return out;
}

}  // namespace audioconf::crypto
