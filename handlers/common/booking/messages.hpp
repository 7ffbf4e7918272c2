// The French messages of the booking flow, in one place so handlers and tests agree.
#pragma once

namespace audioconf::booking::messages {

inline constexpr const char* kInvalidEmail =
    "Email invalide. Avez-vous bien tapé votre email ? Vous pouvez réessayer.";
// The mail relay refused the address (5xx to RCPT TO) although it passed our checks.
inline constexpr const char* kEmailRefusedByRelay =
    "Cette adresse email a été refusée par notre serveur d'envoi. Avez-vous bien tapé votre "
    "email ? Vous pouvez réessayer.";
inline constexpr const char* kEmailNotAllowed =
    "Cet email ne correspond pas à une agence de l'État. Si vous appartenez à un service de "
    "l'État mais que votre email n'est pas reconnu par le service, contactez-nous pour que nous "
    "le rajoutions !";
inline constexpr const char* kMissingDuration =
    "Choisissez la durée de la conférence parmi celles proposées.";
inline constexpr const char* kMissingDay =
    "Choisissez le jour de la conférence parmi ceux proposés.";
inline constexpr const char* kBadTimezone =
    "Le fuseau horaire de votre navigateur n'a pas pu être lu. Vous pouvez réessayer.";
inline constexpr const char* kDayOver =
    "La journée choisie est déjà terminée dans votre fuseau horaire. Choisissez un autre jour.";
inline constexpr const char* kInternalError =
    "Une erreur interne s'est produite. Vous pouvez réessayer dans quelques minutes.";
inline constexpr const char* kTooManyLinks =
    "Vous avez demandé beaucoup de liens de réservation en peu de temps. Merci de réessayer dans "
    "une heure, ou d'utiliser un lien déjà reçu par email.";
inline constexpr const char* kTooManyConferences =
    "Vous avez créé beaucoup de conférences en peu de temps. Merci de réessayer plus tard.";
inline constexpr const char* kLinkExpired =
    "Ce lien de confirmation ne marche plus, il a expiré. Entrez votre email ci-dessous pour "
    "recevoir un nouveau lien.";
inline constexpr const char* kLinkAlreadyUsed =
    "Votre conférence a déjà été créée avec ce lien. Retrouvez son numéro et son code dans "
    "l'email de confirmation que vous avez reçu.";
inline constexpr const char* kLinkInProgress =
    "La création de votre conférence est déjà en cours : vous allez recevoir l'email de "
    "confirmation. Si rien n'arrive d'ici une minute, réessayez avec le même lien.";
inline constexpr const char* kOvhFailed =
    "La conférence n'a pas pu être créée. Vous pouvez réessayer.";
inline constexpr const char* kConfirmationEmailFailed =
    "Votre conférence est réservée, mais l'email de confirmation n'a pas pu être envoyé. Notez "
    "dès maintenant le numéro et le code ci-dessous : ils ne vous seront pas renvoyés.";
inline constexpr const char* kConferenceExpired =
    "La conférence a expiré. Vous pouvez recréer une conférence.";
inline constexpr const char* kCancelFailed =
    "La conférence n'a pas pu être annulée pour le moment. Vous pouvez réessayer dans quelques "
    "minutes.";

// Sign in with ProConnect (shown on the landing page; also as fixed notices, see
// web::notice_for_code).
inline constexpr const char* kSignInBadCallback =
    "Cette réponse de ProConnect ne correspond à aucune connexion en cours dans ce navigateur. "
    "Aucune conférence n’a été créée : recommencez depuis cette page.";
inline constexpr const char* kSignedOutUnchecked =
    "Vous êtes déconnecté de ce service. La réponse de ProConnect n’a pas pu être vérifiée : "
    "fermez votre navigateur si vous êtes sur un poste partagé.";

// After a cancellation (or an end) and an extension, the organizer's email (booking::Notice).
inline constexpr const char* kCancelNoticeSent =
    "Un email de confirmation de l'annulation vous a été envoyé, avec l'annulation pour votre "
    "agenda.";
inline constexpr const char* kCancelNoticeFailed =
    "L'email de confirmation de l'annulation n'a pas pu être envoyé ; la conférence est bien "
    "annulée.";
inline constexpr const char* kExtendNoticeSent =
    "L'invitation mise à jour vous a été envoyée par email.";
inline constexpr const char* kExtendNoticeFailed =
    "L'email avec l'invitation mise à jour n'a pas pu être envoyé ; la prolongation est bien "
    "enregistrée.";

}  // namespace audioconf::booking::messages
