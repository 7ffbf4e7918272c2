#include "common/mail/mime.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string_view>
#include <vector>

#include "common/crypto/encoding.hpp"
#include "common/crypto/tokens.hpp"

namespace audioconf::mail {
namespace {

// RFC 5322 recommends lines of at most 78 characters; 76 leaves room for relays that add
// indentation.
constexpr std::size_t kMaxHeaderLine = 76;
// 39 bytes → 52 base64 characters → a 64-character encoded-word (RFC 2047 allows 75), so even
// "Subject: " + the first word stays within kMaxHeaderLine.
constexpr std::size_t kMaxWordBytes = 39;
// Quoted-printable lines are at most 76 characters including the soft-break "=".
constexpr std::size_t kMaxQpLine = 76;
constexpr std::string_view kCrlf = "\r\n";

[[noreturn]] void invalid(const char* member) {
  throw MailError(std::string("invalid header field: ") + member);
}

/// Rejects every control character (CR and LF above all, which would start a new header) but
/// horizontal tab.
void check_header_text(std::string_view value, const char* member) {
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && byte != '\t') || byte == 0x7F) invalid(member);
  }
}

/// One plain ASCII addr-spec, nothing that could add a recipient or a display name.
void check_address(std::string_view address, const char* member) {
  check_header_text(address, member);
  if (address.empty() || address.size() > 254) invalid(member);
  constexpr std::string_view kForbidden = ",<>\";:()[]\\";
  for (const char c : address) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7F || kForbidden.find(c) != std::string_view::npos) {
      invalid(member);
    }
  }
  const std::size_t at = address.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == address.size() ||
      address.find('@', at + 1) != std::string_view::npos) {
    invalid(member);
  }
}

bool is_plain_ascii(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte > 0x7E) return false;
  }
  // "=?" would be read as the start of an encoded-word by mail readers.
  return text.find("=?") == std::string_view::npos;
}

/// RFC 2047 B encoded-words, folded with CRLF SP; chunks never split a UTF-8 sequence, since
/// each encoded-word must decode to whole characters.
std::string encoded_words(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  do {
    std::size_t end = std::min(text.size(), start + kMaxWordBytes);
    if (end < text.size()) {
      std::size_t cut = end;
      while (cut > start && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      if (cut > start) end = cut;  // else: not UTF-8 at all; any cut will do
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?";
    out += crypto::base64_encode(text.substr(start, end - start));
    out += "?=";
    start = end;
  } while (start < text.size());
  return out;
}

std::string quoted_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

std::string from_header(std::string_view name, std::string_view address) {
  std::string line = "From: ";
  if (name.empty()) return line + std::string(address) + std::string(kCrlf);
  const std::string quoted = quoted_string(name);
  line += is_plain_ascii(name) && line.size() + quoted.size() <= kMaxHeaderLine
              ? quoted
              : encoded_words(name);
  // Fold before the address when it would push the current line past the limit.
  const std::size_t fold = line.rfind('\n');
  const std::size_t current_line = fold == std::string::npos ? line.size() : line.size() - fold - 1;
  line += current_line + address.size() + 3 <= kMaxHeaderLine ? " <" : "\r\n <";
  line += address;
  line += ">\r\n";
  return line;
}

std::string subject_header(std::string_view subject) {
  constexpr std::string_view kName = "Subject: ";
  if (is_plain_ascii(subject) && kName.size() + subject.size() <= kMaxHeaderLine) {
    return std::string(kName) + std::string(subject) + std::string(kCrlf);
  }
  return std::string(kName) + encoded_words(subject) + std::string(kCrlf);
}

std::string_view domain_of(std::string_view address) {
  return address.substr(address.find('@') + 1);
}

/// Quoted-printable (RFC 2045 §6.7) of UTF-8 text, any line-end convention in, CRLF out.
std::string quoted_printable(std::string_view text) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t column = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += kCrlf;
      column = 0;
      continue;
    }
    const auto byte = static_cast<unsigned char>(c);
    const bool at_line_end = i + 1 == text.size() || text[i + 1] == '\r' || text[i + 1] == '\n';
    // A byte is written as itself or as "=XX"; decided per column because a '.' is escaped only
    // at the start of a line. Appended in place: this runs for every byte of every email.
    auto is_literal = [&](std::size_t at_column) {
      return (byte >= 33 && byte <= 126 && c != '=' && !(c == '.' && at_column == 0)) ||
             ((c == ' ' || c == '\t') && !at_line_end);
    };
    bool literal = is_literal(column);
    std::size_t width = literal ? 1 : 3;
    if (column + width > kMaxQpLine - 1) {  // keep room for the soft-break "="
      out += "=\r\n";
      column = 0;
      literal = is_literal(column);
      width = literal ? 1 : 3;
    }
    if (literal) {
      out += c;
    } else {
      out += '=';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
    column += width;
  }
  return out;
}

std::string text_part_headers(std::string_view subtype) {
  return "Content-Type: text/" + std::string(subtype) +
         "; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n";
}

/// An attachment's name and type go into headers as they are: plain printable ASCII only, and
/// no quote or backslash, which would end or escape the quoted filename.
void check_attachment(const MailAttachment& attachment) {
  const auto plain = [](std::string_view value) {
    if (value.empty() || value.size() > 200) return false;
    for (const char c : value) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte < 0x20 || byte > 0x7E || c == '"' || c == '\\') return false;
    }
    return true;
  };
  if (!plain(attachment.filename)) invalid("attachment filename");
  if (!plain(attachment.content_type)) invalid("attachment content_type");
}

/// Base64 in lines of at most 76 characters (RFC 2045 §6.8) separated by CRLF; the CRLF after
/// the last line belongs to the next boundary delimiter.
std::string base64_lines(std::string_view bytes) {
  constexpr std::size_t kLine = 76;
  const std::string encoded = crypto::base64_encode(bytes);
  std::string out;
  out.reserve(encoded.size() + encoded.size() / kLine * 2 + 2);
  for (std::size_t at = 0; at < encoded.size(); at += kLine) {
    if (at != 0) out += kCrlf;
    out.append(encoded, at, kLine);
  }
  return out;
}

/// The readable part: text only, or text and HTML as multipart/alternative. Its headers, a
/// blank line, then its body (ending with CRLF).
std::string body_part(const MailMessage& message, RandomSource& random) {
  std::string out;
  if (message.html_body.empty()) {
    out += text_part_headers("plain");
    out += kCrlf;
    out += quoted_printable(message.text_body);
    out += kCrlf;
    return out;
  }
  // "=_" cannot occur in quoted-printable or base64 output, so the boundary never collides
  // with a body line.
  const std::string boundary = "=_" + crypto::random_token(random, 18);
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
  out += "\r\n";
  out += "--" + boundary + "\r\n";
  out += text_part_headers("plain");
  out += "\r\n";
  out += quoted_printable(message.text_body);
  out += "\r\n--" + boundary + "\r\n";
  out += text_part_headers("html");
  out += "\r\n";
  out += quoted_printable(message.html_body);
  out += "\r\n--" + boundary + "--\r\n";
  return out;
}

}  // namespace

std::string rfc5322_date(TimePoint date) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t seconds = std::chrono::system_clock::to_time_t(date);
  std::tm utc{};
  if (gmtime_r(&seconds, &utc) == nullptr) throw MailError("date out of range");
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[utc.tm_wday],
                utc.tm_mday, kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                utc.tm_sec);
  return buffer;
}

std::string build_mime(const MailMessage& message, TimePoint date, RandomSource& random) {
  check_header_text(message.from_name, "from_name");
  check_address(message.from_address, "from_address");
  check_address(message.to_address, "to_address");
  check_header_text(message.subject, "subject");

  std::string out;
  out.reserve(message.text_body.size() + message.html_body.size() + 1024);
  out += "Date: " + rfc5322_date(date) + "\r\n";
  out += from_header(message.from_name, message.from_address);
  out += "To: " + message.to_address + "\r\n";
  out += subject_header(message.subject);
  out += "Message-ID: <" + crypto::random_token(random, 18) + "@" +
         std::string(domain_of(message.from_address)) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";

  if (message.attachments.empty()) {
    out += body_part(message, random);
    return out;
  }
  // multipart/mixed: the readable part first (what mail readers show), then each file.
  for (const MailAttachment& attachment : message.attachments) check_attachment(attachment);
  const std::string boundary = "=_" + crypto::random_token(random, 18);
  out += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n";
  out += "\r\n";
  out += "--" + boundary + "\r\n";
  out += body_part(message, random);
  for (const MailAttachment& attachment : message.attachments) {
    out += "\r\n--" + boundary + "\r\n";
    // Folded before the name: the type and its parameters may fill most of a line.
    out += "Content-Type: " + attachment.content_type + ";\r\n name=\"" + attachment.filename +
           "\"\r\n";
    out += "Content-Transfer-Encoding: base64\r\n";
    out += "Content-Disposition: attachment; filename=\"" + attachment.filename + "\"\r\n";
    out += "\r\n";
    out += base64_lines(attachment.content);
  }
  out += "\r\n--" + boundary + "--\r\n";
  return out;
}

}  // namespace audioconf::mail
