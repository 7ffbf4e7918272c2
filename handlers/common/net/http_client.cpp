#include "common/net/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace audioconf::net {
namespace {

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

void global_init_once() {
  // curl_global_init is not guaranteed thread-safe on every libcurl build: do it once.
  static std::once_flag flag;
  std::call_once(flag, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw TransportError("libcurl global initialisation failed");
    }
  });
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                           text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& headers = *static_cast<std::vector<std::pair<std::string, std::string>>*>(user);
  const std::string_view line(data, size * count);
  // A new status line starts a new response (after a "100 Continue"): keep only the last one's.
  if (line.rfind("HTTP/", 0) == 0) {
    headers.clear();
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    headers.emplace_back(std::string(trim(line.substr(0, colon))),
                         std::string(trim(line.substr(colon + 1))));
  }
  return size * count;
}

void check(CURLcode code) {
  if (code != CURLE_OK) {
    throw TransportError(std::string("HTTP client setup failed: ") + curl_easy_strerror(code));
  }
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return std::nullopt;
}

void HttpClient::EasyDeleter::operator()(void* handle) const { curl_easy_cleanup(handle); }

HttpClient::HttpClient() {
  global_init_once();
  handle_.reset(curl_easy_init());
  if (!handle_) throw TransportError("cannot create a libcurl handle");
}

HttpResponse HttpClient::perform(const HttpRequest& request) {
  CURL* curl = handle_.get();
  // Reset the options but not the connection cache: the next request reuses the connection.
  curl_easy_reset(curl);

  HttpResponse response;
  SlistPtr headers;
  for (const std::string& line : request.headers) {
    curl_slist* extended = curl_slist_append(headers.get(), line.c_str());
    if (extended == nullptr) throw TransportError("cannot build the request headers");
    static_cast<void>(headers.release());
    headers.reset(extended);
  }
  // libcurl would otherwise wait for "100 Continue" on larger bodies: a wasted round trip.
  if (curl_slist* extended = curl_slist_append(headers.get(), "Expect:")) {
    static_cast<void>(headers.release());
    headers.reset(extended);
  } else {
    throw TransportError("cannot build the request headers");
  }

  check(curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str()));
  check(curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https"));
  check(curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L));  // timeouts must not raise signals
  check(curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L));
  check(curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                         static_cast<long>(request.connect_timeout.count())));
  check(
      curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout.count())));
  check(curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get()));
  check(curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &on_body));
  check(curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body));
  check(curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &on_header));
  check(curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers));

  if (request.method == "GET") {
    check(curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L));
  } else if (request.method == "HEAD") {
    check(curl_easy_setopt(curl, CURLOPT_NOBODY, 1L));
  } else {
    // POSTFIELDS + POSTFIELDSIZE send exactly these bytes (an empty body too: Content-Length 0);
    // CUSTOMREQUEST only renames the method, so PUT/DELETE keep the same body handling.
    check(curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                           static_cast<curl_off_t>(request.body.size())));
    check(curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data()));
    if (request.method != "POST") {
      check(curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str()));
    }
  }

  const CURLcode code = curl_easy_perform(curl);
  // The options point into `request` and `headers`: drop them before those go away.
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  if (code != CURLE_OK) throw TransportError(curl_easy_strerror(code));
  check(curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status));
  return response;
}

}  // namespace audioconf::net
