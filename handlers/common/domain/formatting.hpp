// Human-facing formats: phone numbers, access codes, tel: links, the landing page's stats sentence.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace audioconf::domain {

/// French number as people write it: "0033122334455" or "+33122334455" → "01 22 33 44 55".
/// Anything else (other countries, wrong length, non-digits) is returned unchanged.
[[nodiscard]] std::string phone_for_humans(std::string_view ovh_number);

/// E.164 for tel: links: "0033122334455" → "+33122334455" ("00" → "+"); "+33…" unchanged;
/// a French national "0122334455" → "+33122334455"; anything else returned unchanged.
[[nodiscard]] std::string phone_e164(std::string_view ovh_number);

/// Groups of three from the left: "123456789" → "123 456 789", "1234" → "123 4".
[[nodiscard]] std::string group_code(std::string_view digits);

/// One-tap dial-in: "tel:" + phone_e164(number) + ",," (pauses) + code + "%23" (the '#' that
/// ends the code, percent-encoded since '#' would start a fragment). Bytes other than digits
/// and '+' are percent-encoded so a strange value cannot change the URI's structure.
[[nodiscard]] std::string tel_uri_with_code(std::string_view ovh_number, std::string_view code);

/// "Actuellement, il y a N personne(s) dans M conférence(s) téléphonique(s)." with French
/// plurals (singular for 0 and 1): "1 personne", "2 personnes", "1 conférence téléphonique",
/// "2 conférences téléphoniques".
[[nodiscard]] std::string online_stats_sentence(std::int64_t participants,
                                                std::int64_t conferences);

/// Exactly `digits` ASCII digits, the first not '0' (a room number / access code).
[[nodiscard]] bool is_room_number(std::string_view s, int digits);

}  // namespace audioconf::domain
