// Sentences that describe a booking (its length or its day, its validity), shared by pages and
// emails.
#pragma once

#include <optional>
#include <string>

#include "common/domain/calendar.hpp"

namespace audioconf::booking {

/// "Conférence de 2 heures" or "Conférence pour la journée du jeudi 26 novembre 2026".
[[nodiscard]] std::string booking_summary(const std::optional<int>& duration_minutes,
                                          const std::optional<domain::CivilDate>& day);
/// "Cette conférence est active pendant 2 heures, elle expirera le jeudi 26 novembre 2026 à
/// 14h05 (heure de Paris)." or "Cette conférence est active toute la journée du jeudi 26
/// novembre 2026, jusqu'à 23h59 (heure de Paris)."
[[nodiscard]] std::string validity_sentence(const std::optional<int>& duration_minutes,
                                            const std::optional<domain::CivilDate>& day,
                                            const domain::LocalDateTime& expires_local,
                                            const std::string& zone_label);

}  // namespace audioconf::booking
