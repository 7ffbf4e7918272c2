// Caller numbers as the organizer's page shows them (SPEC §8): national form, the first 4 and
// the last 2 digits kept, the others replaced by "•", grouped by two.
#pragma once

#include <string>
#include <string_view>

namespace audioconf::moderation {

/// "0033612345678" → "06 12 •• •• 78"; "" when the number is hidden, empty or not a number
/// (the page then says "Numéro masqué").
[[nodiscard]] std::string mask_caller_number(std::string_view ovh_number);

}  // namespace audioconf::moderation
