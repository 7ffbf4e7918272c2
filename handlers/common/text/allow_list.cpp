#include "common/text/allow_list.hpp"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <cstdint>
#include <utility>

#include "common/domain/email_address.hpp"

namespace audioconf::text {

namespace {

// Bounds for one match attempt. A real address is at most 254 bytes, so even a pattern that
// repeats a group once per character needs a few hundred backtracking frames and a few
// thousand steps; these stop catastrophic backtracking within milliseconds and fail closed
// (PCRE2's defaults, 10 million steps, would let one request burn ~0.15 s per pattern).
constexpr std::uint32_t kMatchLimit = 100'000;
constexpr std::uint32_t kDepthLimit = 5'000;
constexpr std::uint32_t kHeapLimitKib = 4'096;

struct CodeDeleter {
  void operator()(pcre2_code* code) const { pcre2_code_free(code); }
};
struct MatchContextDeleter {
  void operator()(pcre2_match_context* context) const { pcre2_match_context_free(context); }
};
struct MatchDataDeleter {
  void operator()(pcre2_match_data* data) const { pcre2_match_data_free(data); }
};
using CodePtr = std::unique_ptr<pcre2_code, CodeDeleter>;
using MatchContextPtr = std::unique_ptr<pcre2_match_context, MatchContextDeleter>;
using MatchDataPtr = std::unique_ptr<pcre2_match_data, MatchDataDeleter>;

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

std::string_view trim_view(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_entries(std::string_view list) {
  std::vector<std::string_view> entries;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(',', start);
    if (end == std::string_view::npos) end = list.size();
    const std::string_view entry = trim_view(list.substr(start, end - start));
    if (!entry.empty()) entries.push_back(entry);
    start = end + 1;
  }
  return entries;
}

std::string pcre2_message(int code) {
  PCRE2_UCHAR buffer[256];
  const int length = pcre2_get_error_message(code, buffer, sizeof buffer);
  if (length < 0) return "unknown PCRE2 error " + std::to_string(code);
  return std::string(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

}  // namespace

struct EmailAllowList::Compiled {
  std::vector<CodePtr> patterns;
  MatchContextPtr match_context;
};

EmailAllowList::EmailAllowList(std::shared_ptr<const Compiled> compiled)
    : compiled_(std::move(compiled)) {}

std::variant<EmailAllowList, std::vector<std::string>> EmailAllowList::compile(
    std::string_view comma_separated) {
  auto compiled = std::make_shared<Compiled>();
  std::vector<std::string> errors;

  const std::vector<std::string_view> entries = split_entries(comma_separated);
  if (entries.empty() && !trim_view(comma_separated).empty()) {
    errors.push_back("EMAIL_WHITELIST holds only empty entries; leave it empty to allow everyone");
    return errors;
  }

  std::size_t index = 0;
  for (const std::string_view entry : entries) {
    ++index;
    int error_code = 0;
    PCRE2_SIZE error_offset = 0;
    CodePtr code(pcre2_compile(reinterpret_cast<PCRE2_SPTR>(entry.data()), entry.size(),
                               PCRE2_CASELESS | PCRE2_ENDANCHORED | PCRE2_UTF, &error_code,
                               &error_offset, nullptr));
    if (!code) {
      errors.push_back("EMAIL_WHITELIST pattern " + std::to_string(index) + " \"" +
                       std::string(entry) + "\" does not compile: " + pcre2_message(error_code) +
                       " (at offset " + std::to_string(error_offset) + ")");
      continue;
    }
    compiled->patterns.push_back(std::move(code));
  }
  if (!errors.empty()) return errors;

  compiled->match_context.reset(pcre2_match_context_create(nullptr));
  if (!compiled->match_context) {
    errors.push_back("EMAIL_WHITELIST: out of memory creating the PCRE2 match context");
    return errors;
  }
  pcre2_set_match_limit(compiled->match_context.get(), kMatchLimit);
  pcre2_set_depth_limit(compiled->match_context.get(), kDepthLimit);
  pcre2_set_heap_limit(compiled->match_context.get(), kHeapLimitKib);
  return EmailAllowList(std::move(compiled));
}

bool EmailAllowList::allows(std::string_view email) const {
  if (compiled_->patterns.empty()) return true;
  if (email.size() > domain::kMaxEmailLength) return false;
  const std::string lowered = domain::to_lower_ascii(email);
  for (const CodePtr& code : compiled_->patterns) {
    // Per call, so concurrent callers never share match data.
    MatchDataPtr data(pcre2_match_data_create_from_pattern(code.get(), nullptr));
    if (!data) return false;
    const int rc = pcre2_match(code.get(), reinterpret_cast<PCRE2_SPTR>(lowered.data()),
                               lowered.size(), 0, 0, data.get(), compiled_->match_context.get());
    // rc > 0: matched. PCRE2_ERROR_NOMATCH: try the next pattern. Any other negative value
    // (a limit reached, invalid UTF-8) counts as a refusal by this pattern.
    if (rc > 0) return true;
  }
  return false;
}

bool EmailAllowList::allows_everyone() const { return compiled_->patterns.empty(); }

std::size_t EmailAllowList::pattern_count() const { return compiled_->patterns.size(); }

}  // namespace audioconf::text
