#include "common/domain/email_address.hpp"

namespace audioconf::domain {

namespace {

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// [a-zA-Z0-9_\-\.]: the domain class of the pattern.
bool is_domain_char(char c) {
  return is_ascii_letter(c) || is_ascii_digit(c) || c == '_' || c == '-' || c == '.';
}

// [a-zA-Z0-9_\-\.']: the local-part class (the domain class plus the apostrophe).
bool is_local_char(char c) { return is_domain_char(c) || c == '\''; }

// RFC 5321 on top of the original pattern (whose classes the caller already checked): the
// local part is a Dot-string of at most 64 bytes; the domain is labels of 1 to 63 bytes, none
// beginning or ending with a hyphen.
bool check_smtp_limits(std::string_view local, std::string_view domain) {
  if (local.size() > kMaxLocalPartLength) return false;
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return false;
  }
  while (true) {
    const std::size_t dot = domain.find('.');
    const std::string_view label = domain.substr(0, dot);
    if (label.empty() || label.size() > kMaxDomainLabelLength) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    if (dot == std::string_view::npos) return true;
    domain.remove_prefix(dot + 1);
  }
}

}  // namespace

std::string trim(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

EmailSyntax check_email_syntax(std::string_view trimmed) {
  if (trimmed.empty()) return EmailSyntax::kEmpty;
  if (trimmed.size() > kMaxEmailLength) return EmailSyntax::kTooLong;

  // Neither class contains '@', so the pattern's '@' is the first (and only) one.
  const std::size_t at = trimmed.find('@');
  if (at == std::string_view::npos || at == 0) return EmailSyntax::kInvalid;
  for (std::size_t i = 0; i < at; ++i) {
    if (!is_local_char(trimmed[i])) return EmailSyntax::kInvalid;
  }

  const std::string_view rest = trimmed.substr(at + 1);
  for (char c : rest) {
    if (!is_domain_char(c)) return EmailSyntax::kInvalid;
  }
  // The trailing [a-zA-Z]{2,5} holds no '.', so the '\.' before it is the last dot; everything
  // before that dot is the ([a-zA-Z0-9_\-\.]+) group and only needs to be non-empty.
  const std::size_t dot = rest.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return EmailSyntax::kInvalid;
  const std::string_view tld = rest.substr(dot + 1);
  if (tld.size() < 2 || tld.size() > 5) return EmailSyntax::kInvalid;
  for (char c : tld) {
    if (!is_ascii_letter(c)) return EmailSyntax::kInvalid;
  }
  return check_smtp_limits(trimmed.substr(0, at), rest) ? EmailSyntax::kValid
                                                        : EmailSyntax::kInvalid;
}

std::string email_domain(std::string_view email) {
  const std::size_t at = email.rfind('@');
  if (at == std::string_view::npos) return {};
  return to_lower_ascii(email.substr(at + 1));
}

}  // namespace audioconf::domain
