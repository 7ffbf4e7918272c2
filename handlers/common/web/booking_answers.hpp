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

/// A notice on the landing page after a GET: a flash message when the visitor already has a
/// live session; otherwise the fixed `code` in the URL ("/?message=code"), so that an anonymous
/// visitor's rejected link or unknown conference id writes no session row (issue #15 item 6).
[[nodiscard]] Response notice_redirect(Context& ctx, Flash flash, std::string_view code);
/// notice_redirect() for a link that cannot be used.
[[nodiscard]] Response link_notice(Context& ctx, booking::LinkState state);
/// The landing page's notice for `?message=`: known codes only, anything else is ignored.
[[nodiscard]] std::optional<Flash> notice_for_code(std::string_view code);

}  // namespace audioconf::web
