// Cross-site request protection (SPEC §7): a POST is accepted only if its Origin header (or,
// when absent, its Referer) is the service's own origin. No per-visitor token, so anonymous
// pages stay cacheable.
#pragma once

#include <string_view>

#include "common/web/http.hpp"

namespace audioconf::web {

/// `origin` is scheme://host[:port] of HOSTNAME_WITH_PROTOCOL. Safe methods always pass.
[[nodiscard]] bool passes_origin_check(const Request& request, std::string_view origin);

}  // namespace audioconf::web
