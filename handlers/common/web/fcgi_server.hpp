// The FastCGI accept loop: one request at a time per worker process (spawn-fcgi + multiwatch run
// several), request decoding with limits, one catch-all per request, clean exit on SIGTERM/SIGUSR1.
#pragma once

#include <cstddef>
#include <functional>

#include "common/web/http.hpp"

namespace audioconf::web {

inline constexpr std::size_t kMaxBodyBytes = 64 * 1024;  // nginx refuses bigger bodies first

/// Why a request could not be decoded; the caller answers 400 or 413.
enum class DecodeError { kNone, kBadRequest, kTooLarge };

using RequestHandler = std::function<Response(const Request&, DecodeError)>;
/// Called for an exception that escaped the handler: returns the 500 page.
using CrashHandler = std::function<Response(const Request&)>;

/// Serves FastCGI requests on fd 0 until asked to stop. Returns the process exit code.
int serve_fastcgi(const RequestHandler& handle, const CrashHandler& on_crash);

}  // namespace audioconf::web
