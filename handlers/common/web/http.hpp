// The request and response a handler works with, independent of FastCGI so handlers are
// testable without a socket.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/ports/clock.hpp"

namespace audioconf::web {

using NameValues = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;     ///< "GET", "POST"...
  std::string path;       ///< normalised path from nginx (DOCUMENT_URI), no query
  std::string raw_query;  ///< as received
  NameValues query;       ///< decoded query parameters
  NameValues form;        ///< decoded urlencoded body (POST)
  NameValues cookies;     ///< from the Cookie header
  std::map<std::string, std::string, std::less<>> headers;  ///< lower-case names, e.g. "origin"
  std::string remote_addr;
  std::string request_id;
  /// When nginx received the request (its `$msec`, AUDIOCONF_REQUEST_START), if it said so.
  std::optional<TimePoint> arrived_at;

  [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
  [[nodiscard]] std::optional<std::string> query_value(std::string_view name) const;
  [[nodiscard]] std::optional<std::string> form_value(std::string_view name) const;
  [[nodiscard]] std::optional<std::string> cookie(std::string_view name) const;
};

/// nginx's `$msec` ("1733220000.123": seconds since the epoch, milliseconds): the time point, or
/// nothing when the text is not exactly that shape (a missing or forged parameter).
[[nodiscard]] std::optional<TimePoint> parse_nginx_msec(std::string_view text);

struct Response {
  int status = 200;
  NameValues headers;
  std::string body;

  [[nodiscard]] static Response html(int status, std::string body);
  [[nodiscard]] static Response json(int status, std::string body);
  /// 303 See Other after a POST, 302 Found after a GET (what the original sent).
  [[nodiscard]] static Response redirect(int status, std::string location);
  void add_header(std::string name, std::string value);
};

/// "200 OK", "303 See Other"... for the FastCGI Status header.
[[nodiscard]] std::string status_line(int status);

}  // namespace audioconf::web
