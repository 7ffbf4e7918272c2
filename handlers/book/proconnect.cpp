#include "book/proconnect.hpp"

#include "common/booking/messages.hpp"
#include "common/crypto/hash.hpp"
#include "common/crypto/tokens.hpp"
#include "common/json.hpp"
#include "common/log.hpp"
#include "common/web/booking_answers.hpp"

namespace audioconf::book {
namespace {

namespace msg = booking::messages;

constexpr std::size_t kRandomBytes = 32;  // state, nonce, PKCE verifier: 43 characters each

constexpr const char* kProviderDown =
    "ProConnect ne répond pas pour le moment. Merci de réessayer dans quelques minutes, ou "
    "d’utiliser le lien envoyé par e-mail.";
constexpr const char* kAccessDenied =
    "La connexion avec ProConnect a été annulée. Aucune conférence n’a été créée.";
constexpr const char* kLoginRequired =
    "Vous n’êtes pas connecté à ProConnect. Cliquez sur « S’identifier avec ProConnect » pour "
    "vous connecter.";
constexpr const char* kExpiredCallback =
    "La connexion avec ProConnect a pris trop de temps et a expiré. Aucune conférence n’a été "
    "créée : recommencez depuis cette page.";
constexpr const char* kSignInFailed =
    "La connexion avec ProConnect a échoué. Aucune conférence n’a été créée : recommencez "
    "depuis cette page.";
constexpr const char* kNoEmail =
    "ProConnect n’a pas transmis votre adresse e-mail. Aucune conférence n’a été créée.";
constexpr const char* kSignedOut = "Vous êtes déconnecté.";
constexpr const char* kNotSignedIn = "Vous n’étiez pas connecté.";

std::string request_json(const booking::LinkRequest& request) {
  json::JsonPtr root(json_object());
  auto set = [&](const char* key, const std::optional<std::string>& value) {
    if (value && value->size() <= 100) {
      json_object_set_new(root.get(), key, json_stringn(value->data(), value->size()));
    }
  };
  set("durationInMinutes", request.duration_minutes);
  set("day", request.day);
  set("userTimezoneOffset", request.timezone_offset);
  set("userTimeZone", request.time_zone);
  return json::dump(root.get());
}

booking::LinkRequest request_from_json(const std::string& text) {
  booking::LinkRequest request;
  json::JsonPtr root = json::parse(text);
  auto get = [&](const char* key) -> std::optional<std::string> {
    const json_t* value = json_object_get(root.get(), key);
    if (!json_is_string(value)) return std::nullopt;
    return std::string(json_string_value(value));
  };
  request.duration_minutes = get("durationInMinutes");
  request.day = get("day");
  request.timezone_offset = get("userTimezoneOffset");
  request.time_zone = get("userTimeZone");
  return request;
}

web::Flash refusal_flash(booking::LinkOutcome outcome) {
  switch (outcome) {
    case booking::LinkOutcome::kMissingDuration:
      return {"error", msg::kMissingDuration, false};
    case booking::LinkOutcome::kMissingDay:
      return {"error", msg::kMissingDay, false};
    case booking::LinkOutcome::kBadTimezone:
      return {"error", msg::kBadTimezone, false};
    case booking::LinkOutcome::kInvalidEmail:
      return {"error", msg::kInvalidEmail, false};
    case booking::LinkOutcome::kNotAllowed:
      return {"error", msg::kEmailNotAllowed, true};
    case booking::LinkOutcome::kDayOver:
      return {"error", msg::kDayOver, false};
    default:
      return {"error", msg::kInternalError, false};
  }
}

}  // namespace

ProConnectSignIn::Booked ProConnectSignIn::book(web::Context& ctx,
                                                const booking::LinkRequest& request) {
  booking::SignedInBooking booked = service_.create_signed_in(request);
  if (booked.refused) return {ctx.flash_redirect(refusal_flash(*booked.refused), "/"), false};
  const booking::CreateResult& result = booked.created;
  switch (result.outcome) {
    case booking::CreateOutcome::kCreatedMailFailed:
      ctx.session.add_flash(web::flash_for(result.outcome));
      [[fallthrough]];
    case booking::CreateOutcome::kCreated:
      // The code travels in the fragment only: never sent back to a server, never logged.
      return {web::Response::redirect(ctx.request.method == "POST" ? 303 : 302,
                                      "/conferences/" + result.conference_id + "#" + result.code),
              true};
    default:
      return {ctx.flash_redirect(web::flash_for(result.outcome), "/"), true};
  }
}

web::Response ProConnectSignIn::start(web::Context& ctx) {
  const web::Request& req = ctx.request;
  booking::LinkRequest request{"", req.form_value("durationInMinutes"), req.form_value("day"),
                               req.form_value("userTimezoneOffset"),
                               req.form_value("userTimeZone")};
  if (auto agent = ctx.session.agent(web::kSignedInMaxAge)) {
    request.email = agent->email;
    return book(ctx, request).response;
  }
  if (auto refused = service_.check_choices_only(request)) {
    return ctx.flash_redirect(refusal_flash(*refused), "/");
  }
  std::string state = crypto::random_token(random_, kRandomBytes);
  std::string nonce = crypto::random_token(random_, kRandomBytes);
  std::string verifier = crypto::random_token(random_, kRandomBytes);
  std::string location;
  try {
    location = client_.authorization_url(state, nonce, oidc::pkce_challenge(verifier));
  } catch (const oidc::ProviderUnavailable& error) {
    log::warning(std::string("ProConnect unavailable at sign-in: ") + error.what());
    return ctx.flash_redirect({"error", kProviderDown, false}, "/");
  }
  ctx.session.set_round_trip(true);
  OidcState row;
  row.state_hash = crypto::sha256_hex(state);
  row.session_hash = ctx.session.bind_id_hash();
  row.purpose = OidcPurpose::kLogin;
  row.nonce = nonce;
  row.code_verifier = verifier;
  row.request_json = request_json(request);
  row.created_at = ctx.now;
  row.expires_at = ctx.now + kRoundTripMaxAge;
  states_.insert(row);
  web::Response response = web::Response::redirect(303, location);
  response.add_header("Referrer-Policy", "no-referrer");
  return response;
}

web::Response ProConnectSignIn::callback(web::Context& ctx) {
  const web::Request& req = ctx.request;
  std::string state = req.query_value("state").value_or("");
  // Only a state issued to this very session counts (login CSRF: proconnect.md §2, weakness 1).
  // A visitor without a session has no round trip: nothing to look up, no row written.
  if (state.empty() || state.size() > 200 || !ctx.session.is_live()) {
    return web::notice_redirect(ctx, {"error", msg::kSignInBadCallback, false},
                                "connexion-invalide");
  }
  std::string session_hash = ctx.session.bind_id_hash();
  OidcTaken taken =
      states_.take(crypto::sha256_hex(state), session_hash, OidcPurpose::kLogin, ctx.now);
  ctx.session.set_round_trip(false);
  if (taken.outcome == OidcTake::kExpired) {
    return ctx.flash_redirect({"error", kExpiredCallback, false}, "/");
  }
  if (taken.outcome != OidcTake::kTaken) {
    log::warning("ProConnect callback with an unknown, used or foreign state");
    return ctx.flash_redirect({"error", msg::kSignInBadCallback, false}, "/");
  }
  std::optional<std::string> error = req.query_value("error");
  if (error) {
    log::info(
        "ProConnect callback error: " +
        std::string(*error == "access_denied" || *error == "login_required" ? *error : "other"));
    if (*error == "access_denied") return ctx.flash_redirect({"info", kAccessDenied, false}, "/");
    if (*error == "login_required") {
      return ctx.flash_redirect({"info", kLoginRequired, false}, "/");
    }
    return ctx.flash_redirect({"error", kSignInFailed, false}, "/");
  }
  std::string code = req.query_value("code").value_or("");
  if (code.empty() || code.size() > 2000) {
    return ctx.flash_redirect({"error", kSignInFailed, false}, "/");
  }
  try {
    if (!client_.callback_issuer_ok(req.query_value("iss"))) {
      log::warning("ProConnect callback with another issuer");
      return ctx.flash_redirect({"error", msg::kSignInBadCallback, false}, "/");
    }
  } catch (const oidc::ProviderUnavailable&) {
    return ctx.flash_redirect({"error", kProviderDown, false}, "/");
  }
  oidc::SignInResult result = client_.finish(code, taken.state->nonce, taken.state->code_verifier);
  if (auto* failure = std::get_if<oidc::SignInFailure>(&result)) {
    log::warning(std::string("ProConnect sign-in failed: ") + oidc::to_string(*failure));
    switch (*failure) {
      case oidc::SignInFailure::kProviderUnavailable:
        return ctx.flash_redirect({"error", kProviderDown, false}, "/");
      case oidc::SignInFailure::kNoEmail:
        return ctx.flash_redirect({"error", kNoEmail, false}, "/");
      default:
        return ctx.flash_redirect({"error", kSignInFailed, false}, "/");
    }
  }
  oidc::AgentIdentity& identity = std::get<oidc::AgentIdentity>(result);
  booking::LinkRequest request = request_from_json(taken.state->request_json);
  request.email = identity.email;
  Booked booked = book(ctx, request);
  if (booked.address_accepted) {
    // Signed in (an address refused by the allow-list is not): the session now holds more, so
    // it gets a new id, and the old one stops working at once.
    ctx.session.renew_id();
    ctx.session.set_agent(
        {identity.sub, identity.email, identity.given_name, identity.usual_name, identity.id_token,
         std::chrono::duration_cast<std::chrono::seconds>(ctx.now.time_since_epoch()).count()});
    log::info("signed in with ProConnect: " + crypto::hashed_email(secret_, identity.email));
  }
  return std::move(booked.response);
}

web::Response ProConnectSignIn::logout(web::Context& ctx) {
  std::optional<web::SignedInAgent> agent = ctx.session.agent(web::kSignedInMaxAge);
  if (!agent) return ctx.flash_redirect({"info", kNotSignedIn, false}, "/");
  // Our session ends first, whatever the provider does; the next id carries the logout state.
  ctx.session.clear_agent();
  ctx.session.renew_id();
  std::string state = crypto::random_token(random_, kRandomBytes);
  std::string location;
  try {
    location = client_.end_session_url(agent->id_token, state);
  } catch (const oidc::ProviderUnavailable& error) {
    log::warning(std::string("ProConnect unavailable at sign-out: ") + error.what());
    return ctx.flash_redirect({"info", msg::kSignedOutUnchecked, false}, "/");
  }
  ctx.session.set_round_trip(true);
  OidcState row;
  row.state_hash = crypto::sha256_hex(state);
  row.session_hash = ctx.session.bind_id_hash();
  row.purpose = OidcPurpose::kLogout;
  row.created_at = ctx.now;
  row.expires_at = ctx.now + kRoundTripMaxAge;
  states_.insert(row);
  web::Response response = web::Response::redirect(303, location);
  response.add_header("Referrer-Policy", "no-referrer");
  return response;
}

web::Response ProConnectSignIn::logout_return(web::Context& ctx) {
  std::string state = ctx.request.query_value("state").value_or("");
  if (state.empty() || state.size() > 200 || !ctx.session.is_live()) {
    return web::notice_redirect(ctx, {"info", msg::kSignedOutUnchecked, false},
                                "deconnexion-non-verifiee");
  }
  OidcTaken taken = states_.take(crypto::sha256_hex(state), ctx.session.bind_id_hash(),
                                 OidcPurpose::kLogout, ctx.now);
  ctx.session.set_round_trip(false);
  ctx.session.clear_agent();
  if (taken.outcome != OidcTake::kTaken) {
    log::warning("ProConnect logout return with an unknown, used, foreign or expired state");
    return ctx.flash_redirect({"info", msg::kSignedOutUnchecked, false}, "/");
  }
  return ctx.flash_redirect({"success", kSignedOut, false}, "/");
}

}  // namespace audioconf::book
