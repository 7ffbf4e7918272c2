// Leveled, one-line logs to stderr, tagged with the program, the pid and the current request id.
// Callers never pass raw emails, tokens, codes or secrets: use the keyed email hash instead.
#pragma once

#include <string>
#include <string_view>

namespace audioconf::log {

enum class Level { kDebug, kInfo, kWarning, kError };

/// Names the program in every line ("book", "jobs"...). Call once at start-up.
void set_program(std::string_view program);
/// The id of the request being served (nginx's $request_id), or empty between requests.
void set_request_id(std::string_view request_id);

void write(Level level, std::string_view message);
inline void info(std::string_view message) { write(Level::kInfo, message); }
inline void warning(std::string_view message) { write(Level::kWarning, message); }
inline void error(std::string_view message) { write(Level::kError, message); }

}  // namespace audioconf::log
