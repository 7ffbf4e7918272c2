// What a job reports: whether every unit of work succeeded, and the counts of its summary line.
#pragma once

#include <string>

namespace audioconf::jobs {

struct JobResult {
  bool ok = true;
  std::string summary;  ///< counts for the one summary line
};

}  // namespace audioconf::jobs
