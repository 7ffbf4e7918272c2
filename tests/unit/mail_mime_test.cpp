// MIME builder: headers, encodings, CRLF, folding and header-injection refusal.
#include "common/mail/mime.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <string>
#include <vector>

namespace audioconf::mail {
namespace {

using namespace std::chrono_literals;

/// Deterministic bytes: a counter, so each call differs and runs are reproducible.
class CountingRandom final : public RandomSource {
 public:
  explicit CountingRandom(unsigned char start = 0) : next_(start) {}
  std::string bytes(std::size_t count) override {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) out += static_cast<char>(next_++);
    return out;
  }

 private:
  unsigned char next_;
};

const TimePoint kDate = std::chrono::sys_days{std::chrono::year{2026} / 11 / 26} + 9h + 5min + 3s;

MailMessage sample() {
  return MailMessage{
      .from_name = "CoucouCollègues",
      .from_address = "noreply@audioconf.example.gouv.fr",
      .to_address = "agent.public@example.gouv.fr",
      .subject = "Confirmez la réservation de votre conférence audio",
      .text_body = "Bonjour,\nCliquez sur le lien : https://audioconf.test/creer-conf?token=abc\n",
      .html_body = "<p>Bonjour,</p>\n<p><a href=\"https://audioconf.test/\">Réserver</a></p>\n",
  };
}

std::string build(const MailMessage& message) {
  CountingRandom random;
  return build_mime(message, kDate, random);
}

// --- small independent decoders, so the tests do not trust the encoder ---

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

std::string decode_base64(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : text) {
    if (c == '=') break;
    const int value = base64_value(c);
    if (value < 0) ADD_FAILURE() << "bad base64 character " << c;
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::string decode_quoted_printable(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') {
      out += text[i];
      continue;
    }
    if (text.substr(i + 1, 2) == "\r\n") {  // soft line break
      i += 2;
      continue;
    }
    out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
    i += 2;
  }
  return out;
}

/// Decodes a header value made of RFC 2047 B encoded-words separated by folding white space.
std::string decode_words(std::string value) {
  static const std::regex kWord(R"(=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=)");
  std::string out;
  for (std::sregex_iterator it(value.begin(), value.end(), kWord), end; it != end; ++it) {
    out += decode_base64((*it)[1].str());
  }
  return out;
}

struct Parsed {
  std::vector<std::string> header_lines;  // raw, before unfolding
  std::string body;
};

Parsed split(const std::string& mime) {
  const std::size_t end = mime.find("\r\n\r\n");
  EXPECT_NE(end, std::string::npos);
  Parsed parsed;
  std::size_t start = 0;
  while (start < end) {
    const std::size_t eol = mime.find("\r\n", start);
    parsed.header_lines.push_back(mime.substr(start, eol - start));
    start = eol + 2;
  }
  parsed.body = mime.substr(end + 4);
  return parsed;
}

/// The unfolded value of header `name`, or "" if absent.
std::string header(const std::string& mime, const std::string& name) {
  const Parsed parsed = split(mime);
  for (std::size_t i = 0; i < parsed.header_lines.size(); ++i) {
    const std::string& line = parsed.header_lines[i];
    if (line.rfind(name + ": ", 0) != 0) continue;
    std::string value = line.substr(name.size() + 2);
    for (std::size_t j = i + 1;
         j < parsed.header_lines.size() &&
         (parsed.header_lines[j][0] == ' ' || parsed.header_lines[j][0] == '\t');
         ++j) {
      value += parsed.header_lines[j];
    }
    return value;
  }
  return "";
}

struct Part {
  std::string headers;
  std::string decoded_body;
};

std::vector<Part> parts(const std::string& mime) {
  const std::string content_type = header(mime, "Content-Type");
  const std::size_t at = content_type.find("boundary=\"");
  EXPECT_NE(at, std::string::npos);
  const std::string boundary =
      content_type.substr(at + 10, content_type.find('"', at + 10) - at - 10);
  const std::string body = split(mime).body;
  const std::string delimiter = "--" + boundary + "\r\n";
  const std::string close = "\r\n--" + boundary + "--\r\n";
  EXPECT_NE(body.find(close), std::string::npos);
  std::vector<Part> out;
  std::size_t start = body.find(delimiter);
  while (start != std::string::npos) {
    start += delimiter.size();
    std::size_t next = body.find("\r\n" + delimiter, start);
    const std::size_t stop = next == std::string::npos ? body.find(close, start) : next;
    const std::string raw = body.substr(start, stop - start);
    const std::size_t blank = raw.find("\r\n\r\n");
    out.push_back({raw.substr(0, blank), decode_quoted_printable(raw.substr(blank + 4))});
    start = next == std::string::npos ? next : next + 2;
  }
  return out;
}

std::string crlf(std::string text) {
  std::string out;
  for (const char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

TEST(MailMime, EncodesAccentedSubjectAsUtf8EncodedWords) {
  const std::string mime = build(sample());
  const std::string subject = header(mime, "Subject");
  EXPECT_EQ(subject.rfind("=?UTF-8?B?", 0), 0U) << subject;
  EXPECT_EQ(decode_words(subject), sample().subject);
}

TEST(MailMime, EncodesAccentedDisplayNameAndKeepsTheAddressPlain) {
  const std::string from = header(build(sample()), "From");
  EXPECT_EQ(from.rfind("=?UTF-8?B?", 0), 0U) << from;
  EXPECT_EQ(decode_words(from), "CoucouCollègues");
  EXPECT_NE(from.find(" <noreply@audioconf.example.gouv.fr>"), std::string::npos) << from;
}

TEST(MailMime, QuotesAnAsciiDisplayName) {
  MailMessage message = sample();
  message.from_name = "Audio \"conf\"";
  EXPECT_EQ(header(build(message), "From"),
            R"("Audio \"conf\"" <noreply@audioconf.example.gouv.fr>)");
}

TEST(MailMime, WritesToAsTheSingleAddress) {
  EXPECT_EQ(header(build(sample()), "To"), "agent.public@example.gouv.fr");
}

TEST(MailMime, FormatsTheDateAsRfc5322InUtc) {
  EXPECT_EQ(header(build(sample()), "Date"), "Thu, 26 Nov 2026 09:05:03 +0000");
  EXPECT_EQ(rfc5322_date(std::chrono::sys_days{std::chrono::year{2027} / 3 / 1} + 23h + 59min),
            "Mon, 01 Mar 2027 23:59:00 +0000");
}

TEST(MailMime, HasARandomMessageIdAtTheSenderDomain) {
  const std::string id = header(build(sample()), "Message-ID");
  EXPECT_TRUE(
      std::regex_match(id, std::regex(R"(<[A-Za-z0-9_-]{20,}@audioconf\.example\.gouv\.fr>)")))
      << id;
  CountingRandom other(100);
  EXPECT_NE(header(build_mime(sample(), kDate, other), "Message-ID"), id);
}

TEST(MailMime, IsDeterministicForTheSameRandomBytes) {
  EXPECT_EQ(build(sample()), build(sample()));
}

TEST(MailMime, DeclaresMimeVersionAndMultipartAlternative) {
  const std::string mime = build(sample());
  EXPECT_EQ(header(mime, "MIME-Version"), "1.0");
  EXPECT_EQ(header(mime, "Content-Type").rfind("multipart/alternative; boundary=\"", 0), 0U);
}

TEST(MailMime, CarriesDecodableTextAndHtmlAlternatives) {
  const std::vector<Part> found = parts(build(sample()));
  ASSERT_EQ(found.size(), 2U);
  EXPECT_NE(found[0].headers.find("Content-Type: text/plain; charset=UTF-8"), std::string::npos);
  EXPECT_NE(found[0].headers.find("Content-Transfer-Encoding: quoted-printable"),
            std::string::npos);
  EXPECT_EQ(found[0].decoded_body, crlf(sample().text_body));
  EXPECT_NE(found[1].headers.find("Content-Type: text/html; charset=UTF-8"), std::string::npos);
  EXPECT_EQ(found[1].decoded_body, crlf(sample().html_body));
}

TEST(MailMime, SendsTextOnlyWhenThereIsNoHtml) {
  MailMessage message = sample();
  message.html_body.clear();
  const std::string mime = build(message);
  EXPECT_EQ(header(mime, "Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(decode_quoted_printable(split(mime).body), crlf(message.text_body) + "\r\n");
}

TEST(MailMime, UsesCrlfLineEndsEverywhere) {
  MailMessage message = sample();
  message.text_body = "un\ndeux\r\ntrois\rquatre";
  const std::string mime = build(message);
  for (std::size_t i = 0; i < mime.size(); ++i) {
    if (mime[i] == '\n') {
      EXPECT_TRUE(i > 0 && mime[i - 1] == '\r') << "bare LF at " << i;
    }
    if (mime[i] == '\r') {
      EXPECT_TRUE(i + 1 < mime.size() && mime[i + 1] == '\n') << "bare CR at " << i;
    }
  }
  EXPECT_EQ(parts(mime)[0].decoded_body, "un\r\ndeux\r\ntrois\r\nquatre");
}

TEST(MailMime, RejectsControlCharactersInEveryHeaderField) {
  for (const std::string& bad :
       std::vector<std::string>{"\r", "\n", std::string(1, '\0'), "\r\nBcc: spy@evil.test"}) {
    for (int field = 0; field < 4; ++field) {
      MailMessage message = sample();
      std::string& target = field == 0   ? message.from_name
                            : field == 1 ? message.from_address
                            : field == 2 ? message.to_address
                                         : message.subject;
      target += bad;
      EXPECT_THROW((void)build(message), MailError) << "field " << field;
    }
  }
}

TEST(MailMime, RejectsAnythingButASingleAddress) {
  for (const std::string bad : {"a@b.fr, c@d.fr", "a@b.fr,c@d.fr", "Agent <a@b.fr>", "<a@b.fr>",
                                "\"a\"@b.fr", "a b@c.fr", "a@b.fr;c@d.fr", "", "no-at-sign",
                                "two@@b.fr", "a@b@c.fr", "@b.fr", "a@", "agent@exämple.fr"}) {
    MailMessage message = sample();
    message.to_address = bad;
    EXPECT_THROW((void)build(message), MailError) << bad;
    message = sample();
    message.from_address = bad;
    EXPECT_THROW((void)build(message), MailError) << bad;
  }
}

TEST(MailMime, ErrorsNameTheFieldButNeverTheAddress) {
  MailMessage message = sample();
  message.to_address = "secret.agent@example.gouv.fr\r\nBcc: x@y.z";
  try {
    (void)build(message);
    FAIL() << "expected MailError";
  } catch (const MailError& error) {
    const std::string what = error.what();
    EXPECT_NE(what.find("invalid header field"), std::string::npos) << what;
    EXPECT_EQ(what.find("secret.agent"), std::string::npos) << what;
  }
}

TEST(MailMime, BodyWithALoneDotLineCannotEndTheData) {
  MailMessage message = sample();
  message.text_body = "avant\r\n.\r\naprès\n.\n..deux points";
  message.html_body = ".<p>x</p>";
  const std::string mime = build(message);
  EXPECT_EQ(mime.find("\r\n.\r\n"), std::string::npos);
  EXPECT_EQ(mime.find("\r\n."), std::string::npos);  // no line starts with a dot at all
  const std::vector<Part> found = parts(mime);
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(found[0].decoded_body, crlf("avant\n.\naprès\n.\n..deux points"));
  EXPECT_EQ(found[1].decoded_body, ".<p>x</p>");
}

TEST(MailMime, FoldsALongSubjectIntoShortLinesWithoutSplittingCharacters) {
  MailMessage message = sample();
  message.subject.clear();
  for (int i = 0; i < 8; ++i) message.subject += "Conférence téléphonique réservée — élève ";
  const std::string mime = build(message);
  const Parsed parsed = split(mime);
  for (const std::string& line : parsed.header_lines) {
    EXPECT_LE(line.size(), 76U) << line;
  }
  EXPECT_EQ(decode_words(header(mime, "Subject")), message.subject);
  // Each encoded-word decodes to whole UTF-8 characters (no continuation byte at its start).
  const std::string subject = header(mime, "Subject");
  static const std::regex kWord(R"(=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=)");
  int words = 0;
  for (std::sregex_iterator it(subject.begin(), subject.end(), kWord), end; it != end; ++it) {
    const std::string bytes = decode_base64((*it)[1].str());
    ASSERT_FALSE(bytes.empty());
    EXPECT_NE(static_cast<unsigned char>(bytes.front()) & 0xC0, 0x80);
    ++words;
  }
  EXPECT_GT(words, 5);
}

TEST(MailMime, KeepsAShortAsciiSubjectReadable) {
  MailMessage message = sample();
  message.subject = "Votre conference est reservee";
  EXPECT_EQ(header(build(message), "Subject"), "Votre conference est reservee");
}

TEST(MailMime, EncodesALongAsciiSubjectToo) {
  MailMessage message = sample();
  message.subject = std::string(100, 'x');
  const std::string mime = build(message);
  for (const std::string& line : split(mime).header_lines) EXPECT_LE(line.size(), 76U) << line;
  EXPECT_EQ(decode_words(header(mime, "Subject")), message.subject);
}

TEST(MailMime, WrapsLongBodyLinesAndKeepsTrailingSpaces) {
  MailMessage message = sample();
  message.text_body.clear();
  for (int i = 0; i < 40; ++i) message.text_body += "é=x ";
  message.text_body += "\nfin de ligne   \n\ttab";
  const std::string mime = build(message);
  std::size_t start = 0;
  while (start < mime.size()) {
    const std::size_t eol = mime.find("\r\n", start);
    EXPECT_LE(eol - start, 76U) << mime.substr(start, eol - start);
    const std::string line = mime.substr(start, eol - start);
    if (!line.empty()) {
      EXPECT_NE(line.back(), ' ') << "trailing space: " << line;
    }
    start = eol + 2;
  }
  EXPECT_EQ(parts(mime)[0].decoded_body, crlf(message.text_body));
}

// --- attachments: multipart/mixed around the readable part ---

/// A calendar file long enough for several base64 lines, with CRLFs and UTF-8 in it.
MailAttachment invitation() {
  std::string content = "BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\n";
  for (int i = 0; i < 20; ++i)
    content += "DESCRIPTION:Conférence téléphonique n° " + std::to_string(i) + "\r\n";
  content += "END:VCALENDAR\r\n";
  return {"invitation.ics", "text/calendar; charset=utf-8; method=PUBLISH", content};
}

/// The boundary parameter of a Content-Type value.
std::string boundary_of(const std::string& content_type) {
  const std::size_t at = content_type.find("boundary=\"");
  if (at == std::string::npos) return "";
  return content_type.substr(at + 10, content_type.find('"', at + 10) - at - 10);
}

/// The raw parts (headers, then undecoded body) between `boundary`'s delimiters in `body`,
/// checking that the closing delimiter is there.
std::vector<std::pair<std::string, std::string>> raw_parts(const std::string& body,
                                                           const std::string& boundary) {
  std::vector<std::pair<std::string, std::string>> out;
  const std::string close = "\r\n--" + boundary + "--\r\n";
  const std::size_t end = body.find(close);
  EXPECT_NE(end, std::string::npos) << "no closing delimiter for " << boundary;
  if (end == std::string::npos) return out;
  const std::string opening = "--" + boundary + "\r\n";
  EXPECT_EQ(body.rfind(opening, 0), 0U) << "the body does not start with the first delimiter";
  const std::string inner = "\r\n--" + boundary + "\r\n";
  std::size_t start = opening.size();
  while (start <= end) {
    std::size_t stop = body.find(inner, start);
    if (stop == std::string::npos || stop > end) stop = end;
    const std::string raw = body.substr(start, stop - start);
    const std::size_t blank = raw.find("\r\n\r\n");
    EXPECT_NE(blank, std::string::npos) << raw;
    out.emplace_back(raw.substr(0, blank), raw.substr(blank + 4));
    start = stop + inner.size();
    if (stop == end) break;
  }
  return out;
}

TEST(MailMime, PutsTheAlternativesAndEachAttachmentInMultipartMixed) {
  MailMessage message = sample();
  message.attachments.push_back(invitation());
  const std::string mime = build(message);
  const std::string outer = boundary_of(header(mime, "Content-Type"));
  EXPECT_EQ(header(mime, "Content-Type").rfind("multipart/mixed; boundary=\"", 0), 0U);
  ASSERT_FALSE(outer.empty());
  const auto found = raw_parts(split(mime).body, outer);
  ASSERT_EQ(found.size(), 2U);

  // First the readable part, unchanged: text and HTML alternatives under their own boundary.
  const std::string& alternative_headers = found[0].first;
  EXPECT_EQ(alternative_headers.rfind("Content-Type: multipart/alternative; boundary=\"", 0), 0U)
      << alternative_headers;
  const std::string inner = boundary_of(alternative_headers);
  ASSERT_FALSE(inner.empty());
  EXPECT_NE(inner, outer);
  const auto alternatives = raw_parts(found[0].second, inner);
  ASSERT_EQ(alternatives.size(), 2U);
  EXPECT_NE(alternatives[0].first.find("text/plain"), std::string::npos);
  EXPECT_EQ(decode_quoted_printable(alternatives[0].second), crlf(sample().text_body));
  EXPECT_NE(alternatives[1].first.find("text/html"), std::string::npos);
  EXPECT_EQ(decode_quoted_printable(alternatives[1].second), crlf(sample().html_body));

  // Then the file: its type, name and disposition, base64 in lines of at most 76 characters.
  EXPECT_EQ(found[1].first,
            "Content-Type: text/calendar; charset=utf-8; method=PUBLISH;\r\n"
            " name=\"invitation.ics\"\r\n"
            "Content-Transfer-Encoding: base64\r\n"
            "Content-Disposition: attachment; filename=\"invitation.ics\"");
  const std::string& encoded = found[1].second;
  std::string joined;
  std::size_t start = 0;
  std::size_t lines = 0;
  while (start <= encoded.size()) {
    std::size_t eol = encoded.find("\r\n", start);
    if (eol == std::string::npos) eol = encoded.size();
    const std::string line = encoded.substr(start, eol - start);
    EXPECT_LE(line.size(), 76U) << line;
    EXPECT_TRUE(std::regex_match(line, std::regex("[A-Za-z0-9+/=]+"))) << line;
    joined += line;
    ++lines;
    start = eol + 2;
  }
  EXPECT_GT(lines, 2U);
  EXPECT_EQ(decode_base64(joined), invitation().content);
}

TEST(MailMime, ATextOnlyMessageKeepsItsTextPartBeforeTheAttachment) {
  MailMessage message = sample();
  message.html_body.clear();
  message.attachments.push_back(invitation());
  const std::string mime = build(message);
  const auto found = raw_parts(split(mime).body, boundary_of(header(mime, "Content-Type")));
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(found[0].first,
            "Content-Type: text/plain; charset=UTF-8\r\n"
            "Content-Transfer-Encoding: quoted-printable");
  EXPECT_EQ(decode_quoted_printable(found[0].second), crlf(message.text_body) + "\r\n");
  EXPECT_NE(found[1].first.find("filename=\"invitation.ics\""), std::string::npos);
}

TEST(MailMime, EveryLineOfAMessageWithAnAttachmentIsCrlfEndedAndAtMost76Characters) {
  MailMessage message = sample();
  message.attachments.push_back(invitation());
  message.attachments.push_back(
      {"annulation.ics", "text/calendar; charset=utf-8; method=CANCEL", "BEGIN:VCALENDAR\r\n"});
  const std::string mime = build(message);
  std::size_t start = 0;
  while (start < mime.size()) {
    const std::size_t eol = mime.find("\r\n", start);
    ASSERT_NE(eol, std::string::npos) << "the message does not end with CRLF";
    EXPECT_EQ(mime.substr(start, eol - start).find('\n'), std::string::npos) << "bare LF";
    EXPECT_LE(eol - start, 76U) << mime.substr(start, eol - start);
    start = eol + 2;
  }
  const auto found = raw_parts(split(mime).body, boundary_of(header(mime, "Content-Type")));
  ASSERT_EQ(found.size(), 3U);
  EXPECT_NE(found[2].first.find("method=CANCEL"), std::string::npos);
}

TEST(MailMime, RejectsAttachmentNamesAndTypesThatCouldBreakTheHeaders) {
  const auto refused = [](MailAttachment attachment) {
    MailMessage message = sample();
    message.attachments.push_back(std::move(attachment));
    try {
      (void)build(message);
    } catch (const MailError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  const std::string type = "text/calendar";
  EXPECT_EQ(refused({"a\".ics", type, "x"}), "invalid header field: attachment filename");
  EXPECT_EQ(refused({"a\r\nBcc: x@y.fr", type, "x"}), "invalid header field: attachment filename");
  EXPECT_EQ(refused({"invitation é.ics", type, "x"}), "invalid header field: attachment filename");
  EXPECT_EQ(refused({"", type, "x"}), "invalid header field: attachment filename");
  EXPECT_EQ(refused({"a.ics", "text/calendar\r\nBcc: x@y.fr", "x"}),
            "invalid header field: attachment content_type");
  EXPECT_EQ(refused({"a.ics", "text/calendar; name=\"b\"", "x"}),
            "invalid header field: attachment content_type");
  EXPECT_EQ(refused({"a.ics", type, "x"}), "accepted");
}

}  // namespace
}  // namespace audioconf::mail
