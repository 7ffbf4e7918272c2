Bonjour,

Vous avez demandé à réserver une conférence téléphonique sur {{APP_NAME}} : {{SUMMARY}}.

Pour créer la conférence et obtenir le numéro et le code d'accès, ouvrez ce lien :
{{LINK}}

Ce lien est valable jusqu'au {{EXPIRY_TEXT}}.

Si vous n'êtes pas à l'origine de cette demande, ignorez cet e-mail : aucune conférence ne sera créée.

L'équipe {{APP_NAME}}
{{SITE_URL}}
