Bonjour,

Votre conférence téléphonique est prolongée.

{{VALIDITY}}

Le numéro et le code d'accès ne changent pas.
Numéro à appeler : {{PHONE_HUMAN}}
Code d'accès : {{CODE_GROUPED}}
Depuis un téléphone mobile, ce lien appelle et compose le code automatiquement : {{PHONE_TEL_WITH_CODE}}

L'invitation jointe (invitation.ics) met à jour la conférence dans votre agenda.

Pour annuler la conférence, utilisez le bouton « Annuler la conférence » de la page de la conférence.{{#MANAGE}}
Page de la conférence : {{CONFERENCE_URL}}{{/MANAGE}}
{{#POLL}}
Votre avis nous aide à améliorer le service : {{POLL_URL}}
{{/POLL}}
L'équipe {{APP_NAME}}
{{SITE_URL}}
