{{%AUTOESCAPE context="HTML"}}
{{! Email with the booking link. Values: LINK, EXPIRY_TEXT, SUMMARY, APP_NAME, SITE_URL. }}
<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Confirmez la réservation de votre conférence audio</title>
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
            <h1>Confirmez la réservation de votre conférence</h1>
            <p>Bonjour,</p>
            <p>Vous avez demandé à réserver une conférence téléphonique sur {{APP_NAME}} : {{SUMMARY}}.</p>
            <p>Cliquez sur ce bouton pour créer la conférence et obtenir le numéro et le code d’accès :</p>
            <p><a class="button" href="{{LINK}}">Créer ma conférence</a></p>
            <p class="small">Ce lien est valable jusqu’au {{EXPIRY_TEXT}}. S’il ne fonctionne pas, copiez cette adresse dans votre navigateur :<br><span class="link">{{LINK}}</span></p>
            <p class="small">Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : aucune conférence ne sera créée.</p>
            <p>L’équipe {{APP_NAME}}<br><a href="{{SITE_URL}}">{{SITE_URL}}</a></p>
          </td>
        </tr>
      </table>
    </td>
  </tr>
</table>
</body>
</html>
