#include "common/web/http.hpp"

#include <charconv>
#include <cstdint>
#include <system_error>

namespace audioconf::web {
namespace {

std::optional<std::string> first(const NameValues& values, std::string_view name) {
  for (const auto& [key, value] : values) {
    if (key == name) return value;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> Request::header(std::string_view name) const {
  auto found = headers.find(name);
  if (found == headers.end()) return std::nullopt;
  return found->second;
}

std::optional<std::string> Request::query_value(std::string_view name) const {
  return first(query, name);
}

std::optional<std::string> Request::form_value(std::string_view name) const {
  return first(form, name);
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  return first(cookies, name);
}

Response Response::html(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.add_header("Content-Type", "text/html; charset=utf-8");
  return response;
}

Response Response::json(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.add_header("Content-Type", "application/json; charset=utf-8");
  return response;
}

Response Response::redirect(int status, std::string location) {
  Response response;
  response.status = status;
  response.add_header("Location", std::move(location));
  return response;
}

void Response::add_header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
}

std::string status_line(int status) {
  const char* reason = "Unknown";
  switch (status) {
    case 200:
      reason = "OK";
      break;
    case 302:
      reason = "Found";
      break;
    case 303:
      reason = "See Other";
      break;
    case 400:
      reason = "Bad Request";
      break;
    case 403:
      reason = "Forbidden";
      break;
    case 404:
      reason = "Not Found";
      break;
    case 405:
      reason = "Method Not Allowed";
      break;
    case 409:
      reason = "Conflict";
      break;
    case 413:
      reason = "Payload Too Large";
      break;
    case 429:
      reason = "Too Many Requests";
      break;
    case 500:
      reason = "Internal Server Error";
      break;
    case 503:
      reason = "Service Unavailable";
      break;
    default:
      break;
  }
  return std::to_string(status) + " " + reason;
}

std::optional<TimePoint> parse_nginx_msec(std::string_view text) {
  auto dot = text.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 12 || text.size() != dot + 4) {
    return std::nullopt;
  }
  std::int64_t seconds = 0;
  std::int64_t millis = 0;
  auto [seconds_end, seconds_error] = std::from_chars(text.data(), text.data() + dot, seconds);
  auto [millis_end, millis_error] =
      std::from_chars(text.data() + dot + 1, text.data() + text.size(), millis);
  if (seconds_error != std::errc() || seconds_end != text.data() + dot ||
      millis_error != std::errc() || millis_end != text.data() + text.size() || seconds < 0 ||
      millis < 0) {
    return std::nullopt;
  }
  return TimePoint(std::chrono::milliseconds(seconds * 1000 + millis));
}

}  // namespace audioconf::web
