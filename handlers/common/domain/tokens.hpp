// Shape checks for the secrets and ids that arrive in URLs, before any database lookup.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace audioconf::domain {

/// Accepts our login tokens (base64url without padding, [A-Za-z0-9_-], 43..128 characters) and
/// the original service's (standard base64 of 256 bytes: 342 characters of [A-Za-z0-9+/], the
/// last one canonical — A, Q, g or w —, then "=="; 344 in all, as Node's toString('base64')
/// writes them). Rejects anything else (length, alphabet, misplaced padding).
[[nodiscard]] bool looks_like_login_token(std::string_view token);

/// A UUID in canonical 8-4-4-4-12 hex form (any case) → lower-cased; anything else → nullopt.
[[nodiscard]] std::optional<std::string> canonical_uuid(std::string_view text);

}  // namespace audioconf::domain
