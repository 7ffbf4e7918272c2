// libFuzzer target: session JSON as stored in PostgreSQL (decode_session, then re-encode).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/web/session.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto session = audioconf::web::decode_session(input);
  // Re-encoding what was decoded must give a document that decodes to the same thing.
  const auto again = audioconf::web::decode_session(audioconf::web::encode_session(session));
  if (again.email != session.email || again.flashes.size() != session.flashes.size()) std::abort();
  for (std::size_t i = 0; i < again.flashes.size(); ++i) {
    if (again.flashes[i].message != session.flashes[i].message ||
        again.flashes[i].kind != session.flashes[i].kind) {
      std::abort();
    }
  }
  return 0;
}
