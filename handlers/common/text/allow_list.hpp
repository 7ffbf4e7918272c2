// EMAIL_WHITELIST: which addresses may book, as configured regular expressions (PCRE2, bounded).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace audioconf::text {

class EmailAllowList {
 public:
  /// Compiles EMAIL_WHITELIST: comma-separated PCRE2 patterns, each trimmed of ASCII
  /// whitespace; empty entries are ignored (they never allow everyone). An empty or
  /// whitespace-only value allows everyone. Each pattern may match starting anywhere but must
  /// reach the END of the address (PCRE2_ENDANCHORED, as if it ended with '$'; the original
  /// matched anywhere, so "x@beta.gouv.fr.evil.example" passed), case-insensitively.
  /// Returns one error per pattern that does not compile (naming it, with PCRE2's reason), or a
  /// single error when the value holds only empty entries (",,": most likely a mistake, and
  /// neither "allow everyone" nor "allow nobody" is a safe guess).
  [[nodiscard]] static std::variant<EmailAllowList, std::vector<std::string>> compile(
      std::string_view comma_separated);

  /// True when the address (as typed; lower-cased here) is allowed. Addresses longer than
  /// 254 bytes, invalid UTF-8 and matches that hit PCRE2's match/depth/heap limits are refused:
  /// a hostile pattern or input costs bounded time and fails closed.
  [[nodiscard]] bool allows(std::string_view email) const;

  /// True when no pattern is configured.
  [[nodiscard]] bool allows_everyone() const;

  /// Number of compiled patterns (0 when allows_everyone()).
  [[nodiscard]] std::size_t pattern_count() const;

 private:
  struct Compiled;  // PCRE2 handles, kept out of this header
  explicit EmailAllowList(std::shared_ptr<const Compiled> compiled);

  // Shared and immutable: copies are cheap and concurrent allows() calls are safe.
  std::shared_ptr<const Compiled> compiled_;
};

}  // namespace audioconf::text
