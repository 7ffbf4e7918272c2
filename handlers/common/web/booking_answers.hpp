// The booking service's outcomes as the site shows them: flash messages (French, from
// booking/messages.hpp) and the redirects shared by the book and cancel programs.
#pragma once

#include "common/booking/service.hpp"
#include "common/web/app.hpp"

namespace audioconf::web {

/// The message for a link that cannot be used (GET or POST /creer-conf).
[[nodiscard]] Flash flash_for(booking::LinkState state);
/// The message for a confirmation that booked nothing.
[[nodiscard]] Flash flash_for(booking::CreateOutcome outcome);
/// The redirect for a conference that is not active (unknown, expired or cancelled).
[[nodiscard]] Response inactive_conference(Context& ctx, const booking::ConferenceLookup& lookup);

}  // namespace audioconf::web
