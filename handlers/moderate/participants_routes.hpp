// GET /conferences/{id}/participants (page), .../participants.json (the page's script) and the
// moderation POSTs: the moderation service's outcomes as pages, JSON and redirects.
#pragma once

#include "common/civil/zone.hpp"
#include "common/config.hpp"
#include "common/moderation/service.hpp"
#include "common/web/app.hpp"

namespace audioconf::moderate {

class ParticipantsRoutes {
 public:
  ParticipantsRoutes(moderation::ModerationService& service, const civil::Zone& server_zone,
                     const Config& config)
      : service_(service), server_zone_(server_zone), config_(config) {}

  [[nodiscard]] web::Response page(web::Context& ctx);
  [[nodiscard]] web::Response json(web::Context& ctx);
  /// POST .../participants/{participantId}/{couper-micro|activer-micro|exclure}.
  [[nodiscard]] web::Response participant_action(web::Context& ctx, moderation::RoomAction action);
  [[nodiscard]] web::Response mute_all(web::Context& ctx);
  [[nodiscard]] web::Response lock(web::Context& ctx, bool locked);
  /// POST .../prolonger: one hour more.
  [[nodiscard]] web::Response extend(web::Context& ctx);
  /// POST .../terminer: lock, exclude everyone, cancel.
  [[nodiscard]] web::Response end(web::Context& ctx);
  /// GET .../invitation.ics: the conference as a calendar event (RFC 5545).
  [[nodiscard]] web::Response invitation(web::Context& ctx);

 private:
  [[nodiscard]] web::Response answer(web::Context& ctx, const moderation::ActionResult& result);
  [[nodiscard]] web::Response unavailable(web::Context& ctx, const moderation::RoomState& state,
                                          bool as_json);

  moderation::ModerationService& service_;
  const civil::Zone& server_zone_;
  const Config& config_;
};

/// "il y a 12 s", "il y a 3 min" (the age of the data on the page).
[[nodiscard]] std::string french_age(std::chrono::seconds age);

}  // namespace audioconf::moderate
