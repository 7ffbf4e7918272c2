#include "common/web/fcgi_server.hpp"

#include <fcgiapp.h>

#include <sys/socket.h>
#include <cctype>
#include <charconv>
#include <string>

#include "common/log.hpp"
#include "common/web/url_encoding.hpp"

namespace audioconf::web {
namespace {

std::string param(const FCGX_Request& fcgi, const char* name) {
  const char* value = FCGX_GetParam(name, fcgi.envp);
  return value != nullptr ? std::string(value) : std::string();
}

// HTTP_ACCEPT_LANGUAGE → accept-language
std::string header_name(std::string_view cgi_name) {
  std::string name;
  name.reserve(cgi_name.size());
  for (char c : cgi_name) {
    name += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return name;
}

DecodeError read_request(FCGX_Request& fcgi, Request& request) {
  request.method = param(fcgi, "REQUEST_METHOD");
  request.path = param(fcgi, "DOCUMENT_URI");
  request.raw_query = param(fcgi, "QUERY_STRING");
  request.remote_addr = param(fcgi, "REMOTE_ADDR");
  request.request_id = param(fcgi, "REQUEST_ID");
  request.arrived_at = parse_nginx_msec(param(fcgi, "AUDIOCONF_REQUEST_START"));
  for (char** entry = fcgi.envp; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view pair(*entry);
    if (!pair.starts_with("HTTP_")) continue;
    std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos) continue;
    request.headers.emplace(header_name(pair.substr(5, equals - 5)),
                            std::string(pair.substr(equals + 1)));
  }
  if (request.path.empty()) {
    std::string uri = param(fcgi, "REQUEST_URI");
    request.path = uri.substr(0, uri.find('?'));
  }

  auto query = parse_urlencoded(request.raw_query);
  if (!query) return DecodeError::kBadRequest;
  request.query = std::move(*query);
  if (auto cookie = request.header("cookie")) request.cookies = parse_cookie_header(*cookie);

  std::string length_text = param(fcgi, "CONTENT_LENGTH");
  std::size_t length = 0;
  if (!length_text.empty()) {
    auto [end, error] =
        std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
    if (error != std::errc() || end != length_text.data() + length_text.size()) {
      return DecodeError::kBadRequest;
    }
  }
  if (length > kMaxBodyBytes) return DecodeError::kTooLarge;
  std::string body(length, '\0');
  if (length > 0) {
    int got = FCGX_GetStr(body.data(), static_cast<int>(length), fcgi.in);
    if (got < 0 || static_cast<std::size_t>(got) != length) return DecodeError::kBadRequest;
  }
  std::string content_type = param(fcgi, "CONTENT_TYPE");
  if (length > 0 && content_type.starts_with("application/x-www-form-urlencoded")) {
    auto form = parse_urlencoded(body);
    if (!form) return DecodeError::kBadRequest;
    request.form = std::move(*form);
  }
  return DecodeError::kNone;
}

void write_response(FCGX_Request& fcgi, const Request& request, const Response& response) {
  std::string head = "Status: " + status_line(response.status) + "\r\n";
  for (const auto& [name, value] : response.headers) {
    // Header values are built by our code; a CR/LF would split the response, so never emit one.
    if (name.find_first_of("\r\n:") != std::string::npos ||
        value.find_first_of("\r\n") != std::string::npos) {
      continue;
    }
    head += name + ": " + value + "\r\n";
  }
  head += "\r\n";
  FCGX_PutStr(head.data(), static_cast<int>(head.size()), fcgi.out);
  if (request.method != "HEAD" && !response.body.empty()) {
    FCGX_PutStr(response.body.data(), static_cast<int>(response.body.size()), fcgi.out);
  }
}

/// True when fd 0, the socket libfcgi accepts on, is a Unix-domain socket (nginx on this host).
bool listens_on_unix_socket() {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  return getsockname(0, reinterpret_cast<sockaddr*>(&address), &length) == 0 &&
         address.ss_family == AF_UNIX;
}

/// Lets FCGX_Finish_r close the connection at once. By default libfcgi shuts the socket down
/// and then waits (up to 2 s) for nginx to close its end before close(): a "lingering close"
/// that protects unread TCP data from a reset, but keeps the worker idle, unable to accept the
/// next request, for as long as nginx takes to get round to it (about 0.3 ms per request under
/// load, a third of a session page's time in the worker). Over a Unix socket everything written
/// is already in nginx's receive queue, so closing loses nothing, provided nothing nginx sent is
/// left unread (Linux would then report ECONNRESET to nginx): the rest of the request body is
/// read first. FCGX_Detach is libfcgi's switch for "close without the shutdown dance".
void close_without_linger(FCGX_Request& fcgi) {
  char sink[4096];
  while (FCGX_GetStr(sink, sizeof sink, fcgi.in) > 0) {
  }
  FCGX_Detach(&fcgi);
}

}  // namespace

int serve_fastcgi(const RequestHandler& handle, const CrashHandler& on_crash) {
  if (FCGX_Init() != 0) {
    log::error("FCGX_Init failed");
    return 1;
  }
  FCGX_Request fcgi;
  // FAIL_ACCEPT_ON_INTR: a worker waiting for libfcgi's accept lock (held by another worker
  // blocked in accept) must still leave on SIGTERM; without it, it waits for the next request,
  // and a graceful worker replacement stalls.
  if (FCGX_InitRequest(&fcgi, 0, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
    log::error("FCGX_InitRequest failed");
    return 1;
  }
  const bool unix_listener = listens_on_unix_socket();
  // libfcgi turns SIGTERM and SIGUSR1 into "shutdown pending": the request in progress finishes,
  // then accept returns < 0 and we leave the loop.
  while (FCGX_Accept_r(&fcgi) >= 0) {
    Request request;
    Response response;
    try {
      DecodeError decode = read_request(fcgi, request);
      log::set_request_id(request.request_id);
      response = handle(request, decode);
    } catch (const std::exception& error) {
      log::error(std::string("unhandled error: ") + error.what());
      try {
        response = on_crash(request);
      } catch (...) {
        response = Response::html(500,
                                  "<!doctype html><html lang=\"fr\"><title>Erreur</title>"
                                  "<p>Une erreur interne s'est produite.</p></html>");
      }
    } catch (...) {
      log::error("unhandled non-standard exception");
      response = Response::html(500,
                                "<!doctype html><html lang=\"fr\"><title>Erreur</title>"
                                "<p>Une erreur interne s'est produite.</p></html>");
    }
    write_response(fcgi, request, response);
    if (unix_listener) close_without_linger(fcgi);
    FCGX_Finish_r(&fcgi);
    log::set_request_id("");
  }
  return 0;
}

}  // namespace audioconf::web
