// Percent-encoding, form/query parsing and Cookie header parsing: strict where input decides
// behaviour.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace audioconf::web {

/// True when the bytes are well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates
/// (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequences. NUL is valid UTF-8.
[[nodiscard]] bool is_valid_utf8(std::string_view bytes);

/// Strict percent-decoding: "%zz", a lone "%" or "%4" give nullopt; the decoded bytes must be
/// valid UTF-8, else nullopt. With plus_is_space, '+' decodes to ' ' (form bodies and query
/// strings); "%2B" is always '+'. NUL ("%00") is not refused here: parse_urlencoded does it.
[[nodiscard]] std::optional<std::string> percent_decode(std::string_view encoded,
                                                        bool plus_is_space);

struct ParseLimits {
  std::size_t max_fields = 64;
  std::size_t max_key_bytes = 128;     // decoded
  std::size_t max_value_bytes = 8192;  // decoded
};

/// Decoded (key, value) pairs in input order; repeated keys are kept.
using Fields = std::vector<std::pair<std::string, std::string>>;

/// Parses an application/x-www-form-urlencoded body or a query string (without the '?').
/// "a=1&b=&c" gives a="1", b="", c=""; empty pairs ("&&") and pairs with an empty key ("=x")
/// are skipped. nullopt when malformed (bad escape, invalid UTF-8, a NUL byte or any other C0
/// control byte except TAB, CR and LF, which are kept so a caller can refuse them per field)
/// or when a limit is exceeded (more than max_fields pairs, a key or value too long).
[[nodiscard]] std::optional<Fields> parse_urlencoded(std::string_view input,
                                                     const ParseLimits& limits = {});

/// First value of `key`, if any (keys compare exactly, case-sensitively).
[[nodiscard]] std::optional<std::string> first_value(const Fields& fields, std::string_view key);

inline constexpr std::size_t kMaxCookies = 32;

/// Parses a Cookie header "a=1; b=2" into pairs, leniently: pairs without '=' or with an empty
/// name are skipped, spaces/tabs around names and values trimmed, one pair of surrounding
/// double quotes stripped from a value; only the first kMaxCookies pairs are kept. Values are
/// NOT percent-decoded.
[[nodiscard]] Fields parse_cookie_header(std::string_view header);

/// Percent-encodes for a query-string value: RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~)
/// are kept, every other byte becomes %XX with upper-case hex (so ' ' is "%20", '+' is "%2B").
[[nodiscard]] std::string percent_encode(std::string_view raw);

}  // namespace audioconf::web
