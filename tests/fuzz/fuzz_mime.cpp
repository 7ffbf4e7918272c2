// libFuzzer target: the MIME builder. Fuzzed header fields must either be refused (MailError) or
// give a message whose header block has exactly the expected header lines: no field can add a
// header or a recipient.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/mail/mime.hpp"
#include "fuzz_input.hpp"

namespace {

class CountingRandom final : public audioconf::RandomSource {
 public:
  std::string bytes(std::size_t count) override {
    std::string out(count, '\0');
    for (auto& c : out) c = static_cast<char>(next_++ * 37 + 11);
    return out;
  }

 private:
  unsigned char next_ = 0;
};

bool known_header(std::string_view line) {
  for (std::string_view name :
       {"From: ", "To: ", "Subject: ", "Date: ", "Message-ID: ", "MIME-Version: ", "Content-Type: ",
        "Content-Transfer-Encoding: "}) {
    if (line.starts_with(name)) return true;
  }
  // Folded continuation of a long Subject (encoded-words) or a From with a long name.
  return line.starts_with(" ");
}

// The From header, unfolded, names exactly one mailbox: the sender address, after a display name
// that is one quoted-string or encoded-words (so a hostile APP_NAME cannot add an address).
void check_from(std::string_view head, const audioconf::MailMessage& message) {
  const std::size_t start = head.find("From: ");
  if (start == std::string_view::npos) std::abort();
  std::string value;
  for (std::size_t i = start + 6; i < head.size(); ++i) {
    if (head.compare(i, 3, "\r\n ") == 0) {
      i += 1;  // folding: skip CRLF, keep the space (the loop steps onto it)
      continue;
    }
    if (head.compare(i, 2, "\r\n") == 0) break;
    value += head[i];
  }
  if (message.from_name.empty()) {
    if (value != message.from_address) std::abort();
    return;
  }
  const std::string tail = " <" + message.from_address + ">";
  if (value.size() < tail.size() ||
      value.compare(value.size() - tail.size(), tail.size(), tail) != 0) {
    std::abort();
  }
  const std::string_view name(value.data(), value.size() - tail.size());
  if (name.starts_with('"')) {
    std::size_t i = 1;
    for (; i < name.size() && name[i] != '"'; ++i) {
      if (name[i] == '\\') ++i;
    }
    if (i != name.size() - 1) std::abort();  // the quoted-string must end the display name
  } else if (name.find_first_of("<>\",;") != std::string_view::npos) {
    std::abort();  // encoded-words never hold these
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto fields = audioconf::fuzz::split_fields(data, size, 6);
  const audioconf::MailMessage message{.from_name = fields[0],
                                       .from_address = fields[1],
                                       .to_address = fields[2],
                                       .subject = fields[3],
                                       .text_body = fields[4],
                                       .html_body = fields[5]};
  CountingRandom random;
  std::string mime;
  try {
    mime = audioconf::mail::build_mime(message, audioconf::TimePoint{}, random);
  } catch (const audioconf::MailError&) {
    return 0;
  }
  const std::size_t end = mime.find("\r\n\r\n");
  if (end == std::string::npos) std::abort();
  const std::string_view head(mime.data(), end + 2);
  int to_lines = 0;
  std::size_t from = 0;
  while (from < head.size()) {
    const std::size_t eol = head.find("\r\n", from);
    if (eol == std::string_view::npos) std::abort();
    const std::string_view line = head.substr(from, eol - from);
    if (line.find('\r') != std::string_view::npos || line.find('\n') != std::string_view::npos ||
        line.find('\0') != std::string_view::npos || !known_header(line)) {
      std::abort();
    }
    if (line.starts_with("To: ")) {
      ++to_lines;
      if (line != "To: " + message.to_address) std::abort();
    }
    from = eol + 2;
  }
  if (to_lines != 1) std::abort();
  check_from(head, message);
  // Bare LF or CR anywhere in the message would let a relay re-split lines.
  for (std::size_t i = 0; i < mime.size(); ++i) {
    if (mime[i] == '\n' && (i == 0 || mime[i - 1] != '\r')) std::abort();
    if (mime[i] == '\r' && (i + 1 >= mime.size() || mime[i + 1] != '\n')) std::abort();
  }
  return 0;
}
