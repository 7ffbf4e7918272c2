// The `purge` job: expired login tokens (they hold raw emails), expired sessions, and pending
// conferences whose room must be expired at OVH before the row goes.
#pragma once

#include "common/web/app.hpp"

namespace audioconf::jobs {

struct JobResult {
  bool ok = true;
  std::string summary;  ///< counts for the one summary line
};

[[nodiscard]] JobResult run_purge(web::App& app);

}  // namespace audioconf::jobs
