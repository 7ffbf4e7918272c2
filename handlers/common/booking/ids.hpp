// Conference ids: random UUIDs (version 4) from the RandomSource. A conference URL is a
// capability, so the id must be unguessable.
#pragma once

#include <string>

#include "common/ports/random.hpp"

namespace audioconf::booking {

[[nodiscard]] std::string random_uuid(RandomSource& random);

}  // namespace audioconf::booking
