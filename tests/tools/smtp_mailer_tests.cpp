// SmtpMailer against real processes: an aiosmtpd sink (smtp_sink.py), a closed port and a
// listener that never greets.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <jansson.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "common/crypto/os_random.hpp"
#include "common/mail/smtp_mailer.hpp"

extern char** environ;

namespace audioconf::mail {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

/// Owns a file descriptor.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  [[nodiscard]] int get() const { return fd_; }

 private:
  int fd_;
};

/// A loopback TCP socket bound to `port` (0 = any); listening only if `listen_backlog` >= 0.
Fd loopback_socket(int port, int listen_backlog) {
  Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    throw std::runtime_error("bind failed");
  }
  if (listen_backlog >= 0 && ::listen(fd.get(), listen_backlog) != 0) {
    throw std::runtime_error("listen failed");
  }
  return fd;
}

int port_of(const Fd& fd) {
  sockaddr_in address{};
  socklen_t length = sizeof address;
  if (::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("getsockname failed");
  }
  return ntohs(address.sin_port);
}

/// A port nobody listens on (bound then released; nothing else on this machine grabs it
/// within the test).
int closed_port() { return port_of(loopback_socket(0, -1)); }

/// A fresh directory under the temp dir, removed with the object.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "audioconf-smtp-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

/// The sink process: started on construction, stopped (SIGTERM, then SIGKILL) on destruction.
class SmtpSink {
 public:
  SmtpSink(const fs::path& store, int port = 0, const std::string& auth = "") {
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    Fd read_end(pipe_fds[0]);
    Fd write_end(pipe_fds[1]);

    std::vector<std::string> args = {
        AUDIOCONF_SYSTEM_PYTHON, AUDIOCONF_SMTP_SINK_SCRIPT, "--dir", store.string(), "--port",
        std::to_string(port)};
    if (!auth.empty()) {
      args.push_back("--auth");
      args.push_back(auth);
    }
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, write_end.get(), STDOUT_FILENO);
    const int spawned = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) throw std::runtime_error("could not start " AUDIOCONF_SYSTEM_PYTHON);
    write_end = Fd();  // only the child writes now; EOF tells us it died

    port_ = read_port(read_end.get());
  }

  ~SmtpSink() { stop(); }
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  [[nodiscard]] int port() const { return port_; }

  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    const auto deadline = SteadyClock::now() + 5s;
    while (::waitpid(pid_, nullptr, WNOHANG) == 0) {
      if (SteadyClock::now() > deadline) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        break;
      }
      std::this_thread::sleep_for(10ms);
    }
    pid_ = -1;
  }

 private:
  int read_port(int fd) {
    std::string line;
    const auto deadline = SteadyClock::now() + 10s;
    while (line.find('\n') == std::string::npos) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
      pollfd poll_fd{fd, POLLIN, 0};
      if (left <= 0ms || ::poll(&poll_fd, 1, static_cast<int>(left.count())) <= 0) {
        stop();
        throw std::runtime_error("SMTP sink did not report its port in time");
      }
      char buffer[64];
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n <= 0) {
        stop();
        throw std::runtime_error("SMTP sink exited before listening (see stderr)");
      }
      line.append(buffer, static_cast<std::size_t>(n));
    }
    return std::stoi(line);
  }

  pid_t pid_ = -1;
  int port_ = 0;
};

struct JsonDeleter {
  void operator()(json_t* json) const { json_decref(json); }
};
using Json = std::unique_ptr<json_t, JsonDeleter>;

/// One message as the sink stored it (NNNN.json).
struct Stored {
  Json json;
  [[nodiscard]] std::string string(const char* key) const {
    const char* value = json_string_value(json_object_get(json.get(), key));
    return value != nullptr ? value : "";
  }
  [[nodiscard]] std::string header(const char* name) const {
    const char* value =
        json_string_value(json_object_get(json_object_get(json.get(), "headers"), name));
    return value != nullptr ? value : "";
  }
  [[nodiscard]] long long integer(const char* key) const {
    return json_integer_value(json_object_get(json.get(), key));
  }
  [[nodiscard]] std::vector<std::string> strings(const char* key) const {
    std::vector<std::string> out;
    json_t* array = json_object_get(json.get(), key);
    for (std::size_t i = 0; i < json_array_size(array); ++i) {
      out.emplace_back(json_string_value(json_array_get(array, i)));
    }
    return out;
  }
};

std::vector<Stored> stored_messages(const fs::path& store) {
  std::vector<Stored> out;
  for (int i = 1;; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "%04d.json", i);
    if (!fs::exists(store / name)) break;
    json_error_t error;
    Json json(json_load_file((store / name).c_str(), 0, &error));
    if (!json) throw std::runtime_error(std::string("bad sink JSON: ") + error.text);
    out.push_back({std::move(json)});
  }
  return out;
}

/// Python's parser keeps the CRLF of the wire; compare bodies with LF line ends.
std::string lf(std::string text) {
  std::string out;
  for (const char c : text) {
    if (c != '\r') out += c;
  }
  return out;
}

MailMessage message_to(const std::string& to, const std::string& subject) {
  return MailMessage{
      .from_name = "CoucouCollègues",
      .from_address = "noreply@audioconf.example.gouv.fr",
      .to_address = to,
      .subject = subject,
      .text_body = "Bonjour,\nVotre code : 123 456 789\n",
      .html_body = "<p>Bonjour,</p>\n<p>Votre code : <strong>123 456 789</strong></p>\n",
  };
}

SmtpSettings local(int port) {
  SmtpSettings settings;
  settings.host = "127.0.0.1";
  settings.port = port;
  settings.ignore_tls = true;
  settings.connect_timeout = 2s;
  settings.total_timeout = 5s;
  return settings;
}

class SmtpMailerSink : public ::testing::Test {
 protected:
  SystemClock clock_;
  crypto::OsRandom random_;
  TempDir store_;
};

TEST_F(SmtpMailerSink, DeliversTwoMessagesOverOneConnection) {
  SmtpSink sink(store_.path());
  SmtpMailer mailer(local(sink.port()), clock_, random_);
  const MailMessage first =
      message_to("agent.un@example.gouv.fr", "Confirmez la réservation de votre conférence audio");
  const MailMessage second =
      message_to("agent.deux@example.gouv.fr", "Votre conférence téléphonique est réservée");
  mailer.send(first);
  mailer.send(second);

  const std::vector<Stored> messages = stored_messages(store_.path());
  ASSERT_EQ(messages.size(), 2U);
  for (std::size_t i = 0; i < 2; ++i) {
    const MailMessage& sent = i == 0 ? first : second;
    const Stored& got = messages[i];
    EXPECT_EQ(got.string("mail_from"), sent.from_address);
    EXPECT_EQ(got.strings("rcpt_tos"), std::vector<std::string>{sent.to_address});
    EXPECT_EQ(got.string("ehlo"), "audioconf.example.gouv.fr");
    EXPECT_EQ(got.header("Subject"), sent.subject);
    EXPECT_EQ(got.header("From"), "CoucouCollègues <noreply@audioconf.example.gouv.fr>");
    EXPECT_EQ(got.header("To"), sent.to_address);
    EXPECT_FALSE(got.header("Date").empty());
    EXPECT_EQ(got.header("Message-ID").rfind('@'),
              got.header("Message-ID").find("@audioconf.example.gouv.fr>"));
    EXPECT_EQ(got.header("MIME-Version"), "1.0");
    EXPECT_EQ(got.string("content_type"), "multipart/alternative");
    EXPECT_EQ(lf(got.string("text")), sent.text_body);
    EXPECT_EQ(lf(got.string("html")), sent.html_body);
    EXPECT_EQ(json_array_size(json_object_get(got.json.get(), "defects")), 0U);
  }
  EXPECT_NE(messages[0].header("Message-ID"), messages[1].header("Message-ID"));
  // Same client port: the second message reused the first connection.
  EXPECT_EQ(messages[0].integer("client_port"), messages[1].integer("client_port"));
}

TEST_F(SmtpMailerSink, DeliversABodyWithALoneDotLineIntact) {
  SmtpSink sink(store_.path());
  SmtpMailer mailer(local(sink.port()), clock_, random_);
  MailMessage message = message_to("agent@example.gouv.fr", "Points");
  message.text_body = "avant\n.\n..deux\n.\naprès\n";
  mailer.send(message);
  const std::vector<Stored> messages = stored_messages(store_.path());
  ASSERT_EQ(messages.size(), 1U);
  EXPECT_EQ(lf(messages[0].string("text")), message.text_body);
}

TEST_F(SmtpMailerSink, AuthenticatesWithUserAndPassword) {
  SmtpSink sink(store_.path(), 0, "mailer:s3cret");
  SmtpSettings settings = local(sink.port());
  settings.user = "mailer";
  settings.password = "s3cret";
  SmtpMailer mailer(settings, clock_, random_);
  mailer.send(message_to("agent@example.gouv.fr", "Avec authentification"));
  EXPECT_EQ(stored_messages(store_.path()).size(), 1U);
}

TEST_F(SmtpMailerSink, ReportsARefusedLoginAsMailError) {
  SmtpSink sink(store_.path(), 0, "mailer:s3cret");
  SmtpSettings settings = local(sink.port());
  settings.user = "mailer";
  settings.password = "wrong";
  SmtpMailer mailer(settings, clock_, random_);
  const auto start = SteadyClock::now();
  try {
    mailer.send(message_to("agent@example.gouv.fr", "Refusé"));
    FAIL() << "expected MailError";
  } catch (const MailError& error) {
    // A real 535 refusal (CURLE_LOGIN_DENIED), not a timeout.
    EXPECT_NE(std::string(error.what()).find("curl error 67"), std::string::npos) << error.what();
  }
  EXPECT_LT(SteadyClock::now() - start, 1s);
  EXPECT_TRUE(stored_messages(store_.path()).empty());
}

TEST_F(SmtpMailerSink, ReconnectsWhenTheServerWasRestartedBetweenSends) {
  auto sink = std::make_unique<SmtpSink>(store_.path());
  const int port = sink->port();
  SmtpMailer mailer(local(port), clock_, random_);
  mailer.send(message_to("agent.un@example.gouv.fr", "Avant"));
  sink.reset();  // the kept connection dies with the process
  TempDir second_store;
  SmtpSink restarted(second_store.path(), port);
  mailer.send(message_to("agent.deux@example.gouv.fr", "Après"));
  const std::vector<Stored> messages = stored_messages(second_store.path());
  ASSERT_EQ(messages.size(), 1U);
  EXPECT_EQ(messages[0].header("Subject"), "Après");
}

TEST_F(SmtpMailerSink, FailsFastWhenNothingListensAndNamesNoAddress) {
  SmtpMailer mailer(local(closed_port()), clock_, random_);
  const auto start = SteadyClock::now();
  try {
    mailer.send(message_to("secret.agent@example.gouv.fr", "Personne"));
    FAIL() << "expected MailError";
  } catch (const MailError& error) {
    const std::string what = error.what();
    EXPECT_EQ(what.find("secret.agent"), std::string::npos) << what;
    EXPECT_EQ(what.find("noreply"), std::string::npos) << what;
    EXPECT_NE(what.find("curl error 7"), std::string::npos) << what;  // couldn't connect
  }
  EXPECT_LT(SteadyClock::now() - start, 2s);
}

TEST_F(SmtpMailerSink, RecoversAfterAFailedSend) {
  const int port = closed_port();
  SmtpMailer mailer(local(port), clock_, random_);
  EXPECT_THROW(mailer.send(message_to("agent@example.gouv.fr", "Trop tôt")), MailError);
  SmtpSink sink(store_.path(), port);
  mailer.send(message_to("agent@example.gouv.fr", "À temps"));
  const std::vector<Stored> messages = stored_messages(store_.path());
  ASSERT_EQ(messages.size(), 1U);
  EXPECT_EQ(messages[0].header("Subject"), "À temps");
}

// A relay refusing the mailbox for good (5xx to RCPT TO) is the address's fault: a distinct
// error, so the booking form can say so; anything else stays a plain MailError.
TEST_F(SmtpMailerSink, ReportsA5xxToRcptToAsARefusedRecipient) {
  SmtpSink sink(store_.path());
  SmtpMailer mailer(local(sink.port()), clock_, random_);
  for (const char* to :
       {"refuse-550.secret@example.gouv.fr", "refuse-501.secret@example.gouv.fr"}) {
    try {
      mailer.send(message_to(to, "Refusé"));
      FAIL() << "expected MailRecipientRefused for " << to;
    } catch (const MailRecipientRefused& error) {
      const std::string what = error.what();
      EXPECT_NE(what.find(std::string("SMTP reply ") + std::string(to).substr(7, 3)),
                std::string::npos)
          << what;
      EXPECT_EQ(what.find("secret"), std::string::npos) << what;
    }
  }
  // The refusal did not spoil the mailer: the next message goes through.
  mailer.send(message_to("agent@example.gouv.fr", "Accepté"));
  const std::vector<Stored> messages = stored_messages(store_.path());
  ASSERT_EQ(messages.size(), 1U);
  EXPECT_EQ(messages[0].header("Subject"), "Accepté");
}

TEST_F(SmtpMailerSink, ReportsATemporaryRcptRefusalAndARefusedSenderAsMailErrors) {
  SmtpSink sink(store_.path());
  SmtpMailer mailer(local(sink.port()), clock_, random_);
  const auto is_plain_mail_error = [&](const MailMessage& message, const char* reply) {
    try {
      mailer.send(message);
    } catch (const MailRecipientRefused& error) {
      ADD_FAILURE() << "not the recipient's fault: " << error.what();
      return;
    } catch (const MailError& error) {
      EXPECT_NE(std::string(error.what()).find(reply), std::string::npos) << error.what();
      return;
    }
    ADD_FAILURE() << "expected MailError";
  };
  // 450 to RCPT TO: try again later (greylisting), not a bad address.
  is_plain_mail_error(message_to("refuse-450.agent@example.gouv.fr", "Plus tard"),
                      "SMTP reply 450");
  // 550 to MAIL FROM: our sender is refused, whoever the recipient.
  MailMessage refused_sender = message_to("agent@example.gouv.fr", "Expéditeur refusé");
  refused_sender.from_address = "refuse-550.noreply@audioconf.example.gouv.fr";
  is_plain_mail_error(refused_sender, "SMTP reply 550");
  EXPECT_TRUE(stored_messages(store_.path()).empty());
}

TEST_F(SmtpMailerSink, TimesOutWhenTheServerNeverGreets) {
  // The kernel completes the TCP handshake from the backlog; nobody ever answers.
  const Fd silent = loopback_socket(0, 8);
  SmtpSettings settings = local(port_of(silent));
  settings.connect_timeout = 500ms;
  settings.total_timeout = 1500ms;
  SmtpMailer mailer(settings, clock_, random_);
  const auto start = SteadyClock::now();
  EXPECT_THROW(mailer.send(message_to("agent@example.gouv.fr", "Silence")), MailError);
  const auto elapsed = SteadyClock::now() - start;
  EXPECT_GE(elapsed, 400ms);
  EXPECT_LT(elapsed, 2500ms);
}

}  // namespace
}  // namespace audioconf::mail
