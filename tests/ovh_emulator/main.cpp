// ovh_emulator: serves the Emulator core over HTTP (cpp-httplib). Development and test tool only.
#include <httplib.h>
#include <pthread.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "common/ports/clock.hpp"
#include "emulator.hpp"

namespace {

using audioconf::ovh_emulator::Emulator;
using audioconf::ovh_emulator::EmulatorConfig;
using audioconf::ovh_emulator::EmulatorRequest;

constexpr const char* kUsage =
    "usage: ovh_emulator [--listen HOST:PORT] [--public-origin URL] [--threads N]\n"
    "                    [--seed-participants N] [--simulate-new-rooms N]\n"
    "  --listen             address to bind (default 127.0.0.1:8090)\n"
    "  --public-origin      scheme://host:port clients sign against (default "
    "http://localhost:8090)\n"
    "  --threads            worker threads (default 64)\n"
    "  --seed-participants  live participants in a few new rooms at start (default 0)\n"
    "  --simulate-new-rooms callers of a simulated call on every room created (default 0)\n"
    "environment: OVH_EMULATOR_APP_KEY, OVH_EMULATOR_APP_SECRET, OVH_EMULATOR_CONSUMER_KEY,\n"
    "  OVH_EMULATOR_BILLING_ACCOUNT, OVH_EMULATOR_SERVICE_NAME, OVH_EMULATOR_TIME_WINDOW_SECONDS\n";

struct Options {
  std::string host = "127.0.0.1";
  int port = 8090;
  int threads = 64;
  EmulatorConfig config;
};

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

bool parse_positive(const std::string& text, int max, int& out) {
  if (text.empty() || text.size() > 9 ||
      !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return false;
  }
  out = std::stoi(text);
  return out > 0 && out <= max;
}

// Returns false (after printing why) on a bad command line or environment.
bool parse_options(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "ovh_emulator: %s needs a value\n%s", arg.c_str(), kUsage);
      return false;
    }
    const std::string value = argv[++i];
    if (arg == "--listen") {
      const std::size_t colon = value.rfind(':');
      if (colon == std::string::npos || colon == 0 ||
          !parse_positive(value.substr(colon + 1), 65535, options.port)) {
        std::fprintf(stderr, "ovh_emulator: --listen expects HOST:PORT\n");
        return false;
      }
      options.host = value.substr(0, colon);
    } else if (arg == "--public-origin") {
      std::string origin = value;
      while (!origin.empty() && origin.back() == '/') origin.pop_back();
      if (origin.rfind("http://", 0) != 0 && origin.rfind("https://", 0) != 0) {
        std::fprintf(stderr, "ovh_emulator: --public-origin expects scheme://host:port\n");
        return false;
      }
      options.config.public_origin = origin;
    } else if (arg == "--seed-participants") {
      if (value != "0" && !parse_positive(value, 1000, options.config.seed_participants)) {
        std::fprintf(stderr, "ovh_emulator: --seed-participants expects 0..1000\n");
        return false;
      }
    } else if (arg == "--simulate-new-rooms") {
      if (value != "0" && !parse_positive(value, 500, options.config.simulate_new_rooms)) {
        std::fprintf(stderr, "ovh_emulator: --simulate-new-rooms expects 0..500\n");
        return false;
      }
    } else if (arg == "--threads") {
      if (!parse_positive(value, 1024, options.threads)) {
        std::fprintf(stderr, "ovh_emulator: --threads expects 1..1024\n");
        return false;
      }
    } else {
      std::fprintf(stderr, "ovh_emulator: unknown option %s\n%s", arg.c_str(), kUsage);
      return false;
    }
  }
  EmulatorConfig& c = options.config;
  c.app_key = env_or("OVH_EMULATOR_APP_KEY", c.app_key);
  c.app_secret = env_or("OVH_EMULATOR_APP_SECRET", c.app_secret);
  c.consumer_key = env_or("OVH_EMULATOR_CONSUMER_KEY", c.consumer_key);
  c.billing_account = env_or("OVH_EMULATOR_BILLING_ACCOUNT", c.billing_account);
  c.service_name = env_or("OVH_EMULATOR_SERVICE_NAME", c.service_name);
  int window = 0;
  const std::string window_text =
      env_or("OVH_EMULATOR_TIME_WINDOW_SECONDS", std::to_string(c.time_window.count()));
  if (!parse_positive(window_text, 100000000, window)) {
    std::fprintf(stderr, "ovh_emulator: OVH_EMULATOR_TIME_WINDOW_SECONDS expects seconds > 0\n");
    return false;
  }
  c.time_window = std::chrono::seconds{window};
  return true;
}

/// httplib 0.11 listens with a backlog of 5: a burst of new connections (a benchmark, many
/// handler processes starting at once) would wait for SYN retransmits. listen() again on the
/// bound socket raises it.
class Server final : public httplib::Server {
 public:
  void raise_backlog(int backlog) { ::listen(svr_sock_, backlog); }
};

void serve(Emulator& emulator, const httplib::Request& req, httplib::Response& res) {
  EmulatorRequest request;
  request.method = req.method;
  request.target = req.target;  // raw: what the client signed
  request.body = req.body;
  for (const auto& [name, value] : req.headers) {
    std::string lowered = name;
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    request.headers.emplace(std::move(lowered), value);  // keeps the first of repeated headers
  }
  const auto reply = emulator.handle(request);
  res.status = reply.status;
  res.set_header("X-OVH-QUERYID", emulator.next_query_id());
  res.set_content(reply.body, reply.content_type.c_str());
}

}  // namespace

namespace {

// "/…/rooms/123456789/participants" → "/…/rooms/{roomNumber}/participants".
std::string mask_room_numbers(const std::string& path) {
  static const std::string kRooms = "/rooms/";
  std::string out = path;
  for (std::size_t at = out.find(kRooms); at != std::string::npos; at = out.find(kRooms, at + 1)) {
    const std::size_t start = at + kRooms.size();
    const std::size_t end = std::min(out.find('/', start), out.size());
    if (end > start) out.replace(start, end - start, "{roomNumber}");
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse_options(argc, argv, options)) return 2;

  // A client that gives up (timeout) must not kill us when we write its late answer.
  std::signal(SIGPIPE, SIG_IGN);
  // SIGTERM/SIGINT are taken by a dedicated thread (sigwait), never by a handler: stopping the
  // server from a signal handler would not be async-signal-safe. Block them before any thread.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  const audioconf::SystemClock clock;
  Emulator emulator(options.config, clock, std::random_device{}());

  Server server;
  const int threads = options.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // httplib's default also sets SO_REUSEPORT, which would let a second emulator share the port
  // silently; SO_REUSEADDR alone still allows a quick restart.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  server.set_keep_alive_max_count(10000);
  server.set_keep_alive_timeout(5);
  server.set_tcp_nodelay(true);
  server.set_payload_max_length(1 << 20);
  const auto handler = [&emulator](const httplib::Request& req, httplib::Response& res) {
    serve(emulator, req, res);
  };
  server.Get(".*", handler);
  server.Post(".*", handler);
  server.Put(".*", handler);
  server.Delete(".*", handler);
  server.Patch(".*", handler);
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                  std::exception_ptr) {
    res.status = 500;
    res.set_content(
        R"({"class":"Server::InternalServerError","message":"Emulator error","errorCode":"Server::InternalServerError","httpCode":"500 Internal Server Error"})",
        "application/json; charset=utf-8");
  });
  server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    // Path only: queries and headers (keys, signatures) never reach the log, and room numbers
    // (the access codes of live conferences) are masked like everywhere else in our logs.
    std::fprintf(stderr, "ovh_emulator: %s %s %d\n", req.method.c_str(),
                 mask_room_numbers(req.path).c_str(), res.status);
  });

  if (!server.bind_to_port(options.host, options.port)) {
    std::fprintf(stderr, "ovh_emulator: cannot listen on %s:%d: %s\n", options.host.c_str(),
                 options.port, std::strerror(errno));
    return 1;
  }
  server.raise_backlog(SOMAXCONN);
  std::fprintf(stderr,
               "ovh_emulator: listening on %s:%d, public origin %s, service %s, %d participant(s) "
               "seeded\n",
               options.host.c_str(), options.port, options.config.public_origin.c_str(),
               options.config.service_name.c_str(), options.config.seed_participants);

  std::mutex done_mutex;
  std::condition_variable done_signal;
  bool done = false;
  std::thread signal_waiter([&] {
    int received = 0;
    sigwait(&stop_signals, &received);
    emulator.stop();
    server.stop();
    // httplib joins its workers, and a worker idling on a keep-alive connection only notices
    // after the keep-alive timeout: do not make whoever stops us wait for that.
    std::unique_lock lock(done_mutex);
    if (!done_signal.wait_for(lock, std::chrono::seconds(1), [&] { return done; })) {
      std::fprintf(stderr, "ovh_emulator: stopped (idle connections dropped)\n");
      std::_Exit(0);
    }
  });
  const bool served = server.listen_after_bind();
  {
    const std::lock_guard lock(done_mutex);
    done = true;
  }
  done_signal.notify_all();
  // listen_after_bind also returns when the listening socket fails: wake the waiter then.
  if (!served) pthread_kill(signal_waiter.native_handle(), SIGTERM);
  signal_waiter.join();
  std::fprintf(stderr, "ovh_emulator: stopped\n");
  return served ? 0 : 1;
}
