{{%AUTOESCAPE context="HTML"}}
{{! Email sent when the conference is cancelled or ended. Values: PHONE_HUMAN, CANCELED_AT, SITE_URL, APP_NAME. Section: CODE {CODE_GROUPED} (absent for a conference booked with the original service). }}
<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Conférence annulée</title>
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
            <h1>Conférence annulée</h1>
            <p>Bonjour,</p>
            <p>Votre conférence téléphonique a été annulée le {{CANCELED_AT}}.</p>
            <div class="details">
              <p class="label">Numéro</p>
              <p class="value">{{PHONE_HUMAN}}</p>
              {{#CODE}}
              <p class="label">Code d’accès</p>
              <p class="value">{{CODE_GROUPED}}</p>
              {{/CODE}}
            </div>
            <p>Ce code ne permet plus de rejoindre la conférence. L’annulation jointe (invitation.ics) retire la conférence de votre agenda.</p>
            <p>Pour une nouvelle conférence, réservez-la sur <a href="{{SITE_URL}}">{{SITE_URL}}</a>.</p>
            <p>L’équipe {{APP_NAME}}<br><a href="{{SITE_URL}}">{{SITE_URL}}</a></p>
          </td>
        </tr>
      </table>
    </td>
  </tr>
</table>
</body>
</html>
