// A small synchronous HTTP client over one libcurl easy handle (kept for connection reuse).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace audioconf::net {

struct HttpRequest {
  std::string method = "GET";        ///< GET, POST, PUT, DELETE, ... (upper case)
  std::string url;                   ///< sent as is: encode it before
  std::vector<std::string> headers;  ///< "Name: value" lines
  std::string body;  ///< sent byte for byte for every method but GET/HEAD (may be empty)
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds total_timeout{5000};
};

struct HttpResponse {
  long status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  ///< of the final response, in order
  std::string body;

  /// The first header with that name (case-insensitive), value trimmed.
  [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
};

/// No HTTP answer at all: DNS, connect or TLS failure, timeout, connection reset. The message
/// is libcurl's generic text for the error, without the URL.
class TransportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Not thread-safe: one object per thread (or per process). Keeping the object alive keeps
/// its connections open for the next request (libcurl's connection cache).
class HttpClient {
 public:
  HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;
  HttpClient(HttpClient&&) noexcept = default;
  HttpClient& operator=(HttpClient&&) noexcept = default;
  ~HttpClient() = default;

  /// Any HTTP status is a response (even 500); only "no answer" throws TransportError.
  [[nodiscard]] HttpResponse perform(const HttpRequest& request);

 private:
  struct EasyDeleter {
    void operator()(void* handle) const;
  };
  std::unique_ptr<void, EasyDeleter> handle_;  // a CURL* (CURL is void in curl.h)
};

}  // namespace audioconf::net
