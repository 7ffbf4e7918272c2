Bonjour,

Vous avez récemment utilisé {{APP_NAME}} pour une conférence téléphonique. Votre avis nous aide à améliorer le service : pourriez-vous répondre à quelques questions ? Cela prend moins de deux minutes.

{{SURVEY_URL}}

Merci,
L'équipe {{APP_NAME}}
{{SITE_URL}}
