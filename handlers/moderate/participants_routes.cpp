#include "moderate/participants_routes.hpp"

#include <ctemplate/template.h>
#include <jansson.h>

#include <cstdio>

#include "common/calendar/ics.hpp"
#include "common/domain/calendar.hpp"
#include "common/json.hpp"
#include "common/ovh/dates.hpp"
#include "common/web/booking_answers.hpp"

namespace audioconf::moderate {
namespace {

using moderation::ActionOutcome;
using moderation::RoomAction;

constexpr const char* kHiddenNumber = "Numéro masqué";
constexpr const char* kAdopted =
    "La gestion des participants est indisponible pour cette conférence : elle a été réservée "
    "avec l’ancienne version du service.";
constexpr const char* kOvhFailed =
    "L’opérateur téléphonique n’a pas répondu ou a refusé l’action : rien n’a été modifié. "
    "Réessayez dans quelques instants.";
constexpr const char* kGone = "Cette personne n’est plus en ligne.";

bool wants_json(const web::Context& ctx) {
  const auto accept = ctx.request.header("accept");
  return accept && accept->find("application/json") != std::string::npos;
}

/// OVH's participant ids are longs: digits only, no sign, at most 18 of them.
std::optional<std::int64_t> participant_id_of(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string arrival_text(const std::string& arrival, const civil::Zone& zone) {
  const std::optional<TimePoint> at = ovh::parse_rfc3339(arrival);
  if (!at) return "";
  const domain::LocalDateTime local = zone.local(*at);
  char text[16];
  std::snprintf(text, sizeof text, "%dh%02d", local.hour, local.minute);
  return text;
}

std::string success_message(const moderation::ActionResult& result) {
  switch (result.action) {
    case RoomAction::kMute:
      return "Le micro a été coupé.";
    case RoomAction::kUnmute:
      return "Le micro a été activé.";
    case RoomAction::kKick:
      return "La personne a été exclue de la conférence.";
    case RoomAction::kMuteAll:
      if (result.total == 0) return "Personne n’est en ligne : aucun micro à couper.";
      return std::to_string(result.done) + " sur " + std::to_string(result.total) +
             (result.total > 1 ? " micros coupés." : " micro coupé.");
    case RoomAction::kLock:
      return "La conférence est verrouillée : plus personne ne peut la rejoindre.";
    case RoomAction::kUnlock:
      return "La conférence est déverrouillée : les participants peuvent de nouveau la rejoindre.";
    case RoomAction::kExtend:
      return "La conférence est prolongée d’une heure.";
    case RoomAction::kEnd:
      if (result.total == 0) return "La conférence est terminée.";
      return "La conférence est terminée : " + std::to_string(result.done) + " sur " +
             std::to_string(result.total) +
             (result.total > 1 ? " participants ont été déconnectés."
                               : " participant a été déconnecté.");
  }
  return "";
}

}  // namespace

std::string french_age(std::chrono::seconds age) {
  const auto seconds = std::max<std::int64_t>(0, age.count());
  if (seconds < 60) return "il y a " + std::to_string(seconds) + " s";
  if (seconds < 3600) return "il y a " + std::to_string(seconds / 60) + " min";
  return "il y a " + std::to_string(seconds / 3600) + " h";
}

web::Response ParticipantsRoutes::unavailable(web::Context& ctx, const moderation::RoomState& state,
                                              bool as_json) {
  if (as_json) {
    const bool adopted = state.access == moderation::Access::kAdopted;
    const std::string message =
        adopted ? kAdopted : "Cette conférence n’existe pas, est terminée ou a été annulée.";
    web::Response response = web::Response::json(
        adopted ? 409 : 404,
        json::dump(json::JsonPtr(json_pack("{s:s}", "message", message.c_str())).get()));
    return response;
  }
  if (state.access == moderation::Access::kAdopted) {
    return ctx.error_page(409, "Gestion des participants indisponible", kAdopted);
  }
  return web::inactive_conference(ctx, state.lookup);
}

web::Response ParticipantsRoutes::page(web::Context& ctx) {
  const moderation::RoomState state = service_.room(ctx.params.at("id"));
  if (state.access != moderation::Access::kOpen) return unavailable(ctx, state, false);
  const ConferenceView& view = *state.lookup.view;
  std::optional<civil::Zone> own_zone =
      view.time_zone ? civil::Zone::find(*view.time_zone) : std::nullopt;
  const civil::Zone& zone = own_zone ? *own_zone : server_zone_;

  ctemplate::TemplateDictionary dict("participants");
  dict.SetValue("CONFERENCE_ID", view.id);
  dict.SetValue("VALIDITY", state.lookup.validity);
  dict.SetIntValue("COUNT", static_cast<long>(state.participants.size()));
  dict.ShowSection(state.locked ? "LOCKED" : "UNLOCKED");
  if (state.taken_at) {
    dict.SetValue("AGE",
                  french_age(std::chrono::floor<std::chrono::seconds>(ctx.now - *state.taken_at)));
    dict.ShowSection("HAS_AGE");
  }
  if (state.refresh_failed) dict.ShowSection("STALE");
  if (state.refresh_slowed) dict.ShowSection("SLOWED");
  if (state.participants.empty()) dict.ShowSection("EMPTY");
  for (const SnapshotEntry& e : state.participants) {
    ctemplate::TemplateDictionary* row = dict.AddSectionDictionary("PARTICIPANT");
    row->SetValue("PARTICIPANT_ID", std::to_string(e.id));
    row->SetValue("NUMBER", e.fetched_at == 0         ? "Détails à venir"
                            : e.masked_number.empty() ? kHiddenNumber
                                                      : e.masked_number);
    row->SetValue("ARRIVAL", arrival_text(e.arrival, zone));
    row->SetValue("TALKING", e.talking ? "Parle" : "—");
    row->SetValue("MIC", e.speak ? "Activé" : "Coupé");
    row->ShowSection(e.speak ? "MIC_ON" : "MIC_OFF");
    if (!state.participants.empty()) row->SetValue("CONFERENCE_ID", view.id);
  }
  if (!state.participants.empty()) dict.ShowSection("ROWS");
  web::Response response = ctx.page("participants", dict, "Participants de la conférence",
                                    {"/static/js/participants.js"});
  return response;
}

namespace {

json::JsonPtr state_json(const moderation::RoomState& state, TimePoint now,
                         const civil::Zone& zone) {
  json::JsonPtr object(json_object());
  json_t* list = json_array();
  for (const SnapshotEntry& e : state.participants) {
    const std::string number = e.fetched_at == 0         ? "Détails à venir"
                               : e.masked_number.empty() ? kHiddenNumber
                                                         : e.masked_number;
    json_array_append_new(
        list, json_pack("{s:I, s:s, s:s, s:b, s:b}", "id", static_cast<json_int_t>(e.id), "number",
                        number.c_str(), "arrival", arrival_text(e.arrival, zone).c_str(), "talking",
                        e.talking, "speak", e.speak));
  }
  json_object_set_new(object.get(), "participants", list);
  json_object_set_new(object.get(), "locked", json_boolean(state.locked));
  json_object_set_new(object.get(), "stale", json_boolean(state.refresh_failed));
  json_object_set_new(object.get(), "slowed", json_boolean(state.refresh_slowed));
  if (state.taken_at) {
    const auto age = std::chrono::floor<std::chrono::seconds>(now - *state.taken_at);
    json_object_set_new(object.get(), "ageSeconds", json_integer(age.count()));
    json_object_set_new(object.get(), "age", json_string(french_age(age).c_str()));
  } else {
    json_object_set_new(object.get(), "ageSeconds", json_null());
  }
  return object;
}

}  // namespace

// Every answer gets "Cache-Control: no-store" from dispatch (app.cpp): the JSON included.
web::Response ParticipantsRoutes::json(web::Context& ctx) {
  const moderation::RoomState state = service_.room(ctx.params.at("id"));
  if (state.access != moderation::Access::kOpen) return unavailable(ctx, state, true);
  std::optional<civil::Zone> own_zone = state.lookup.view->time_zone
                                            ? civil::Zone::find(*state.lookup.view->time_zone)
                                            : std::nullopt;
  web::Response response = web::Response::json(
      200, json::dump(state_json(state, ctx.now, own_zone ? *own_zone : server_zone_).get()));
  return response;
}

web::Response ParticipantsRoutes::answer(web::Context& ctx,
                                         const moderation::ActionResult& result) {
  const bool as_json = wants_json(ctx);
  if (result.outcome == ActionOutcome::kNotActive || result.outcome == ActionOutcome::kAdopted) {
    return unavailable(ctx, result.state, as_json);
  }
  std::string level = "info";
  std::string message;
  switch (result.outcome) {
    case ActionOutcome::kDone:
      message = success_message(result);
      break;
    case ActionOutcome::kPartial:
      level = "warning";
      message = success_message(result) + " Les autres n’ont pas pu l’être : réessayez.";
      break;
    case ActionOutcome::kParticipantGone:
      level = "warning";
      message = kGone;
      break;
    case ActionOutcome::kOvhFailed:
      level = "error";
      if (result.action == RoomAction::kEnd) {
        message =
            "La conférence n’a pas pu être terminée : l’opérateur téléphonique n’a pas "
            "répondu. Réessayez dans quelques instants.";
        break;
      }
      message = result.action == RoomAction::kMuteAll && result.total > 0
                    ? success_message(result) + " " + kOvhFailed
                    : kOvhFailed;
      break;
    case ActionOutcome::kTooLong:
      level = "error";
      message =
          "La conférence ne peut pas être prolongée davantage : sa durée dépasserait la "
          "durée maximale autorisée. Rien n’a été modifié.";
      break;
    case ActionOutcome::kStoreFailed:
      level = "error";
      message =
          "La prolongation n’a pas pu être enregistrée : rien n’a été modifié. Réessayez "
          "dans quelques instants.";
      break;
    case ActionOutcome::kNotActive:
    case ActionOutcome::kAdopted:
      break;
  }
  if (result.action == RoomAction::kExtend && result.outcome == ActionOutcome::kDone) {
    message += " " + result.state.lookup.validity;
  }
  if (result.action == RoomAction::kEnd && result.outcome == ActionOutcome::kDone) {
    // The conference is over: back to the landing page, as after a cancellation.
    if (as_json) {
      web::Response response = web::Response::json(
          200, json::dump(json::JsonPtr(json_pack("{s:b, s:s, s:s, s:s}", "ok", 1, "message",
                                                  message.c_str(), "level", level.c_str(),
                                                  "location", "/"))
                              .get()));
      return response;
    }
    return ctx.flash_redirect({level, message, false}, "/");
  }
  const std::string& id = result.state.lookup.view->id;
  if (as_json) {
    std::optional<civil::Zone> own_zone =
        result.state.lookup.view->time_zone
            ? civil::Zone::find(*result.state.lookup.view->time_zone)
            : std::nullopt;
    json::JsonPtr object = state_json(result.state, ctx.now, own_zone ? *own_zone : server_zone_);
    json_object_set_new(object.get(), "message", json_string(message.c_str()));
    json_object_set_new(object.get(), "level", json_string(level.c_str()));
    // 200 whatever the outcome: "ok" and the message say it (the script shows the message).
    json_object_set_new(object.get(), "ok", json_boolean(result.outcome == ActionOutcome::kDone));
    web::Response response = web::Response::json(200, json::dump(object.get()));
    return response;
  }
  return ctx.flash_redirect({level, message, false}, "/conferences/" + id + "/participants");
}

web::Response ParticipantsRoutes::participant_action(web::Context& ctx, RoomAction action) {
  const std::optional<std::int64_t> participant = participant_id_of(ctx.params.at("participantId"));
  if (!participant) {
    return ctx.error_page(404, "Participant introuvable",
                          "Cette personne n’existe pas dans cette conférence.");
  }
  return answer(ctx, service_.act(ctx.params.at("id"), *participant, action));
}

web::Response ParticipantsRoutes::mute_all(web::Context& ctx) {
  return answer(ctx, service_.mute_all(ctx.params.at("id")));
}

web::Response ParticipantsRoutes::lock(web::Context& ctx, bool locked) {
  return answer(ctx, service_.set_locked(ctx.params.at("id"), locked));
}

web::Response ParticipantsRoutes::extend(web::Context& ctx) {
  return answer(ctx, service_.extend(ctx.params.at("id")));
}

web::Response ParticipantsRoutes::end(web::Context& ctx) {
  return answer(ctx, service_.end(ctx.params.at("id"), false));
}

web::Response ParticipantsRoutes::invitation(web::Context& ctx) {
  const moderation::InvitationData data = service_.invitation(ctx.params.at("id"));
  if (data.access == moderation::Access::kAdopted) {
    return ctx.error_page(409, "Invitation indisponible",
                          "L’invitation pour l’agenda est indisponible pour cette conférence : "
                          "elle a été réservée avec l’ancienne version du service.");
  }
  if (data.access != moderation::Access::kOpen) return web::inactive_conference(ctx, data.lookup);
  const ConferenceView& view = *data.lookup.view;
  std::optional<civil::Zone> own_zone =
      view.time_zone ? civil::Zone::find(*view.time_zone) : std::nullopt;
  const civil::Zone& zone = own_zone ? *own_zone : server_zone_;

  calendar::Invitation inv;
  std::string host = config_.hostname_with_protocol;
  if (const auto scheme = host.find("://"); scheme != std::string::npos) host.erase(0, scheme + 3);
  host = host.substr(0, host.find_first_of(":/"));
  inv.uid = view.id + "@" + host;
  inv.sequence = data.sequence;
  inv.stamp = ctx.now;
  inv.end = view.expires_at;
  // The validity's start: the booked duration before the end, or the day's midnight.
  inv.start = view.expires_at - std::chrono::hours{24};
  const auto minutes =
      view.duration_minutes ? participant_id_of(*view.duration_minutes) : std::nullopt;
  const auto day =
      view.conference_day ? domain::parse_iso_date(*view.conference_day) : std::nullopt;
  if (minutes) {
    inv.start = view.expires_at - std::chrono::minutes{*minutes};
  } else if (day) {
    inv.start = TimePoint(zone.day_end(domain::add_days(*day, -1))) + std::chrono::seconds{1};
  }
  inv.app_name = config_.app_name;
  inv.sender_email = config_.mail_sender_email;
  inv.phone_number = view.phone_number;
  inv.code = std::to_string(data.room_number);
  inv.conference_url = config_.hostname_with_protocol + "/conferences/" + view.id;
  web::Response response;
  response.status = 200;
  response.body = calendar::render_ics(inv);
  response.add_header("Content-Type", "text/calendar; charset=utf-8");
  response.add_header("Content-Disposition", "attachment; filename=\"conference.ics\"");
  return response;
}

}  // namespace audioconf::moderate
