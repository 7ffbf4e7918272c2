// Sign in with ProConnect (SPEC §8): POST /connexion/proconnect (carries the form's choices; a
// signed-in agent books at once, anyone else goes to the provider), GET
// /connexion/proconnect/retour (the redirect URI: checks the state bound to this session, the
// callback's iss, the code, the tokens; then books through the booking service and lands on the
// conference page), POST /deconnexion and GET /deconnexion/retour (RP-initiated logout).
#pragma once

#include <chrono>

#include "common/booking/service.hpp"
#include "common/oidc/client.hpp"
#include "common/ports/oidc_states.hpp"
#include "common/web/app.hpp"

namespace audioconf::book {

/// How long a round trip to the provider may take.
inline constexpr std::chrono::minutes kRoundTripMaxAge{10};

class ProConnectSignIn {
 public:
  /// `secret`: keys the email hash written to the logs (SECRET).
  ProConnectSignIn(booking::BookingService& service, oidc::OidcClient& client, OidcStates& states,
                   RandomSource& random, std::string secret)
      : service_(service),
        client_(client),
        states_(states),
        random_(random),
        secret_(std::move(secret)) {}

  [[nodiscard]] web::Response start(web::Context& ctx);
  [[nodiscard]] web::Response callback(web::Context& ctx);
  [[nodiscard]] web::Response logout(web::Context& ctx);
  [[nodiscard]] web::Response logout_return(web::Context& ctx);

 private:
  struct Booked {
    web::Response response;
    bool address_accepted = false;  ///< the address passed the checks (allow-list)
  };
  [[nodiscard]] Booked book(web::Context& ctx, const booking::LinkRequest& request);

  booking::BookingService& service_;
  oidc::OidcClient& client_;
  OidcStates& states_;
  RandomSource& random_;
  std::string secret_;
};

}  // namespace audioconf::book
