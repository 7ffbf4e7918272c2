#include "common/log.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace audioconf::log {
namespace {

std::string& program_name() {
  static std::string name = "audioconf";
  return name;
}

std::string& current_request_id() {
  static std::string id;
  return id;
}

const char* level_name(Level level) {
  switch (level) {
    case Level::kDebug:
      return "DEBUG";
    case Level::kInfo:
      return "INFO";
    case Level::kWarning:
      return "WARN";
    case Level::kError:
      return "ERROR";
  }
  return "?";
}

// Keeps one log record on one line whatever the message holds (no forged log lines).
std::string single_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '\n' || c == '\r') {
      out += ' ';
    } else if (u < 0x20 && c != '\t') {
      out += '?';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

void set_program(std::string_view program) { program_name() = std::string(program); }

void set_request_id(std::string_view request_id) {
  current_request_id() = single_line(request_id.substr(0, 64));
}

void write(Level level, std::string_view message) {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
  std::string line = std::string(stamp) + " " + level_name(level) + " " + program_name() + "[" +
                     std::to_string(getpid()) + "]";
  if (!current_request_id().empty()) line += " req=" + current_request_id();
  line += " " + single_line(message) + "\n";
  // One write(2) per record so concurrent workers sharing a log file do not interleave lines.
  ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
  (void)ignored;
}

}  // namespace audioconf::log
