// libFuzzer target: the whole request decoding path (fcgi_server.cpp's read_request) fed with a
// fake FastCGI parameter set and body stream: parameters, headers, query, cookies and form.
#include <fcgiapp.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

// The decoder lives in an anonymous namespace: include the translation unit to reach it. Its
// other symbols are then defined here, so the library's copy is never linked in.
#include "common/web/fcgi_server.cpp"  // NOLINT(bugprone-suspicious-include)
#include "fuzz_input.hpp"

namespace {

void close_on_fill(FCGX_Stream* stream) { stream->isClosed = 1; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // method, path, query, content length, content type, cookie, one extra "NAME=value" header, body
  auto fields = audioconf::fuzz::split_fields(data, size, 8);
  std::vector<std::string> entries = {
      "REQUEST_METHOD=" + fields[0], "DOCUMENT_URI=" + fields[1],
      "QUERY_STRING=" + fields[2],   "REQUEST_URI=" + fields[1] + "?" + fields[2],
      "HTTP_COOKIE=" + fields[5],    "HTTP_" + fields[6],
      "REMOTE_ADDR=127.0.0.1",       "REQUEST_ID=fuzz"};
  if (!fields[3].empty()) entries.push_back("CONTENT_LENGTH=" + fields[3]);
  if (!fields[4].empty()) entries.push_back("CONTENT_TYPE=" + fields[4]);
  std::vector<char*> envp;
  for (auto& entry : entries) envp.push_back(entry.data());
  envp.push_back(nullptr);

  std::string& body = fields[7];
  FCGX_Stream in{};
  in.rdNext = reinterpret_cast<unsigned char*>(body.data());
  in.stop = in.rdNext + body.size();
  in.stopUnget = in.rdNext;
  in.wrNext = in.stop;
  in.isReader = 1;
  in.fillBuffProc = close_on_fill;

  FCGX_Request fcgi{};
  fcgi.envp = envp.data();
  fcgi.in = &in;

  audioconf::web::Request request;
  const auto decode = audioconf::web::read_request(fcgi, request);
  if (decode == audioconf::web::DecodeError::kNone) {
    if (request.form.size() > 64 || request.query.size() > 64) std::abort();
    if (request.cookies.size() > audioconf::web::kMaxCookies) std::abort();
    for (const auto& [name, value] : request.headers) {
      for (char c : name) {
        if (c >= 'A' && c <= 'Z') std::abort();  // header names are lower-cased
      }
    }
  }
  return 0;
}
