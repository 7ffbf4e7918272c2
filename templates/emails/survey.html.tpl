{{%AUTOESCAPE context="HTML"}}
{{! Survey email sent the day after a conference. Values: SURVEY_URL, APP_NAME, SITE_URL. }}
<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Votre avis sur votre conférence téléphonique</title>
<style>
  table { border-collapse: collapse; border-spacing: 0; }
  td { padding: 0; }
  body { margin: 0; padding: 0; background: #f6f6f6; color: #161616; font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; }
  .wrapper { width: 100%; background: #f6f6f6; padding: 24px 0; }
  .card { width: 100%; max-width: 600px; margin: 0 auto; background: #ffffff; border-top: 4px solid #000091; }
  .content { padding: 24px 32px; }
  h1 { font-size: 22px; margin: 0 0 16px; }
  .button { display: inline-block; background: #000091; color: #ffffff !important; text-decoration: none; padding: 12px 24px; font-weight: bold; }
  .small { font-size: 14px; color: #3a3a3a; }
  .link { word-break: break-all; }
</style>
</head>
<body>
<table class="wrapper" role="presentation">
  <tr>
    <td>
      <table class="card" role="presentation">
        <tr>
          <td class="content">
            <h1>Votre avis nous intéresse</h1>
            <p>Bonjour,</p>
            <p>Vous avez récemment utilisé {{APP_NAME}} pour une conférence téléphonique. Votre avis nous aide à améliorer le service : pourriez-vous répondre à quelques questions ? Cela prend moins de deux minutes.</p>
            <p><a class="button" href="{{SURVEY_URL}}">Donner mon avis</a></p>
            <p class="small">Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :<br><span class="link">{{SURVEY_URL}}</span></p>
            <p>Merci,<br>L’équipe {{APP_NAME}}<br><a href="{{SITE_URL}}">{{SITE_URL}}</a></p>
          </td>
        </tr>
      </table>
    </td>
  </tr>
</table>
</body>
</html>
