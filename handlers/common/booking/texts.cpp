#include "common/booking/texts.hpp"

#include "common/domain/booking_choices.hpp"

namespace audioconf::booking {

std::string booking_summary(const std::optional<int>& duration_minutes,
                            const std::optional<domain::CivilDate>& day) {
  if (day) return "Conférence pour la journée du " + domain::french_long_date(*day);
  if (duration_minutes) return "Conférence de " + domain::duration_label(*duration_minutes);
  return "Conférence téléphonique";
}

std::string validity_sentence(const std::optional<int>& duration_minutes,
                              const std::optional<domain::CivilDate>& day,
                              const domain::LocalDateTime& expires_local,
                              const std::string& zone_label) {
  if (day) {
    return "Cette conférence est active toute la journée du " + domain::french_long_date(*day) +
           " (" + zone_label + ").";
  }
  std::string sentence = "Cette conférence est active";
  if (duration_minutes) sentence += " pendant " + domain::duration_label(*duration_minutes);
  return sentence + ", elle expirera le " + domain::french_date_time(expires_local) + " (" +
         zone_label + ").";
}

}  // namespace audioconf::booking
