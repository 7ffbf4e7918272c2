// Failures grouped by how a caller reacts, not by where they come from. A dependency that gives
// no usable answer (the database, OVH) throws its own type derived from Unavailable: nothing the
// user did, and the same request may work later. Code that can do better (the booking service
// cleans up and answers with an outcome) catches the specific type; whatever reaches the request
// dispatcher is mapped there, once, to "503, retry later". Refusals of the user's input are not
// exceptions: they are outcomes (booking::LinkOutcome, …). Failures inside one dependency that a
// retry fixes at once (a connection broken before COMMIT) are retried by that dependency
// (pg::Database) and never surface.
#pragma once

#include <stdexcept>

namespace audioconf {

class Unavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace audioconf
