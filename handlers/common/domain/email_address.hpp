// Email address rules (SPEC §2 /valider-email, §7): trimming, length cap, the original syntax
// check narrowed to what SMTP relays accept (RFC 5321).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace audioconf::domain {

/// Longest address we accept (RFC 5321 path limit), checked before any pattern.
inline constexpr std::size_t kMaxEmailLength = 254;
/// RFC 5321 §4.5.3.1.1 and §4.5.3.1.2: longest local part and longest domain label.
inline constexpr std::size_t kMaxLocalPartLength = 64;
inline constexpr std::size_t kMaxDomainLabelLength = 63;

enum class EmailSyntax { kValid, kEmpty, kTooLong, kInvalid };

/// Removes ASCII whitespace (space, \t, \n, \v, \f, \r) at both ends.
[[nodiscard]] std::string trim(std::string_view s);

/// Lower-cases A-Z only; other bytes (including UTF-8) are left untouched.
[[nodiscard]] std::string to_lower_ascii(std::string_view s);

/// Checks an already trimmed address: empty → kEmpty, more than kMaxEmailLength bytes →
/// kTooLong (before any matching), then the original service's pattern
/// ^([a-zA-Z0-9_\-\.']+)@([a-zA-Z0-9_\-\.]+)\.([a-zA-Z]{2,5})$ (JavaScript semantics: '$' is
/// the very end), and RFC 5321's limits, which the pattern let through and mail relays refuse
/// (501 on RCPT TO, after the token was stored): a local part of at most kMaxLocalPartLength
/// bytes that is a dot-string (no leading, trailing or doubled dot), domain labels of 1 to
/// kMaxDomainLabelLength bytes, none starting or ending with '-'. Anything else → kInvalid.
/// Hand-written and linear: std::regex recurses per character and can overflow the stack.
[[nodiscard]] EmailSyntax check_email_syntax(std::string_view trimmed);

/// The part after the last '@', lower-cased; empty when there is no '@'.
[[nodiscard]] std::string email_domain(std::string_view email);

}  // namespace audioconf::domain
