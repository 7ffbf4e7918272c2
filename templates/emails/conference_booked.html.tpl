{{%AUTOESCAPE context="HTML"}}
{{! Email with the booked conference. Values: PHONE_HUMAN, PHONE_TEL_WITH_CODE (a "tel:" URI), CODE_GROUPED, VALIDITY, SITE_URL, APP_NAME. Sections: POLL {POLL_URL}; MANAGE {CONFERENCE_URL: the conference page, with its #code fragment}. }}
<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Votre conférence téléphonique est réservée</title>
<style>
  table { border-collapse: collapse; border-spacing: 0; }
  td { padding: 0; }
  body { margin: 0; padding: 0; background: #f6f6f6; color: #161616; font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; }
  .wrapper { width: 100%; background: #f6f6f6; padding: 24px 0; }
  .card { width: 100%; max-width: 600px; margin: 0 auto; background: #ffffff; border-top: 4px solid #000091; }
  .content { padding: 24px 32px; }
  h1 { font-size: 22px; margin: 0 0 16px; }
  .details { background: #f5f5fe; padding: 16px 24px; margin: 16px 0; }
  .label { font-size: 14px; color: #3a3a3a; margin: 0; }
  .value { font-size: 24px; font-weight: bold; margin: 0 0 12px; letter-spacing: 1px; }
  .small { font-size: 14px; color: #3a3a3a; }
</style>
</head>
<body>
<table class="wrapper" role="presentation">
  <tr>
    <td>
      <table class="card" role="presentation">
        <tr>
          <td class="content">
            <h1>Votre conférence téléphonique est réservée</h1>
            <p>Bonjour,</p>
            <p>Voici les informations à transmettre aux participants. Jusqu’à 50 personnes peuvent rejoindre la conférence, depuis n’importe quel téléphone, au prix d’un appel normal.</p>
            <div class="details">
              <p class="label">Numéro à appeler</p>
              <p class="value">{{PHONE_HUMAN}}</p>
              <p class="label">Code d’accès</p>
              <p class="value">{{CODE_GROUPED}}</p>
              <p><a href="{{PHONE_TEL_WITH_CODE:x-tel-uri}}">Appeler directement depuis un téléphone mobile (le code est composé automatiquement)</a></p>
            </div>
            <p>Pour rejoindre la conférence, appelez le numéro puis tapez le code d’accès suivi de la touche #.</p>
            <p>{{VALIDITY}}</p>
            <p>L’invitation jointe (invitation.ics) ajoute la conférence à votre agenda.</p>
            <p class="small">Pour annuler la conférence, utilisez le bouton « Annuler la conférence » de la page de la conférence{{#MANAGE}} : <a href="{{CONFERENCE_URL}}">voir ou annuler la conférence</a>{{/MANAGE}}.</p>
            {{#POLL}}
            <p>Votre avis nous aide à améliorer le service : <a href="{{POLL_URL}}">répondre au questionnaire</a>.</p>
            {{/POLL}}
            <p>L’équipe {{APP_NAME}}<br><a href="{{SITE_URL}}">{{SITE_URL}}</a></p>
          </td>
        </tr>
      </table>
    </td>
  </tr>
</table>
</body>
</html>
