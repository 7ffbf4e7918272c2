// Email address rules (SPEC §2 /valider-email, §7): trimming, length cap, the original syntax
// check.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace audioconf::domain {

/// Longest address we accept (RFC 5321 path limit), checked before any pattern.
inline constexpr std::size_t kMaxEmailLength = 254;

enum class EmailSyntax { kValid, kEmpty, kTooLong, kInvalid };

/// Removes ASCII whitespace (space, \t, \n, \v, \f, \r) at both ends.
[[nodiscard]] std::string trim(std::string_view s);

/// Lower-cases A-Z only; other bytes (including UTF-8) are left untouched.
[[nodiscard]] std::string to_lower_ascii(std::string_view s);

/// Checks an already trimmed address: empty → kEmpty, more than kMaxEmailLength bytes →
/// kTooLong (before any matching), then exactly the original service's pattern
/// ^([a-zA-Z0-9_\-\.']+)@([a-zA-Z0-9_\-\.]+)\.([a-zA-Z]{2,5})$ (JavaScript semantics: '$' is
/// the very end). Hand-written and linear: std::regex recurses per character and can overflow
/// the stack.
[[nodiscard]] EmailSyntax check_email_syntax(std::string_view trimmed);

/// The part after the last '@', lower-cased; empty when there is no '@'.
[[nodiscard]] std::string email_domain(std::string_view email);

}  // namespace audioconf::domain
