#include "common/web/csrf.hpp"

namespace audioconf::web {

bool passes_origin_check(const Request& request, std::string_view origin) {
  if (request.method == "GET" || request.method == "HEAD") return true;
  if (auto header = request.header("origin")) {
    // "null" (sandboxed or privacy-mode origins) never matches.
    return *header == origin;
  }
  if (auto referer = request.header("referer")) {
    // The referer must be the origin itself or a path below it, never a look-alike host
    // such as https://site.example.evil.
    if (*referer == origin) return true;
    return referer->size() > origin.size() && referer->starts_with(origin) &&
           (*referer)[origin.size()] == '/';
  }
  return false;
}

}  // namespace audioconf::web
