// The bench's ceiling: the least a libfcgi worker can do per request (scripts/bench).
//
//   bench_responder BODY_FILE [DATABASE_URL]
//
// Serves BODY_FILE (read once) as text/html to every request on the FastCGI socket of fd 0
// (spawn-fcgi). With DATABASE_URL it first runs one prepared `SELECT 1` on a connection opened
// once per process, like a handler reading its session. Closes each connection like the handlers.
#include <fcgiapp.h>
#include <libpq-fe.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

namespace {

struct PgConnDeleter {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
struct PgResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgConn = std::unique_ptr<PGconn, PgConnDeleter>;
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

bool read_file(const char* path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

// One round trip, as a handler's session lookup would do (prepared once, executed per request).
bool select_one(PGconn* conn) {
  PgResult result(PQexecPrepared(conn, "one", 0, nullptr, nullptr, nullptr, 0));
  return PQresultStatus(result.get()) == PGRES_TUPLES_OK && PQntuples(result.get()) == 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: bench_responder BODY_FILE [DATABASE_URL]\n";
    return 2;
  }
  std::string body;
  if (!read_file(argv[1], body)) {
    std::cerr << "bench_responder: cannot read " << argv[1] << "\n";
    return 1;
  }
  PgConn conn;
  if (argc == 3) {
    conn.reset(PQconnectdb(argv[2]));
    if (PQstatus(conn.get()) != CONNECTION_OK) {
      std::cerr << "bench_responder: " << PQerrorMessage(conn.get());
      return 1;
    }
    PgResult prepared(PQprepare(conn.get(), "one", "SELECT 1", 0, nullptr));
    if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
      std::cerr << "bench_responder: " << PQerrorMessage(conn.get());
      return 1;
    }
  }
  const std::string ok_head =
      "Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  const std::string error_head = "Status: 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n";

  FCGX_Init();
  // libfcgi turns SIGTERM into a flag checked only between requests; a bench worker may just die.
  std::signal(SIGTERM, SIG_DFL);
  FCGX_Request request;
  FCGX_InitRequest(&request, 0, 0);
  while (FCGX_Accept_r(&request) >= 0) {
    if (conn && !select_one(conn.get())) {
      FCGX_PutStr(error_head.data(), static_cast<int>(error_head.size()), request.out);
    } else {
      FCGX_PutStr(ok_head.data(), static_cast<int>(ok_head.size()), request.out);
      FCGX_PutStr(body.data(), static_cast<int>(body.size()), request.out);
    }
    // The handlers' close (handlers/common/web/fcgi_server.cpp): at once, without libfcgi's
    // lingering close, over nginx's Unix socket. The ceiling must not lose to the handlers by
    // an I/O habit rather than by doing less work. (The bench only sends GETs: no body to read.)
    FCGX_Detach(&request);
    FCGX_Finish_r(&request);
  }
  return 0;
}
