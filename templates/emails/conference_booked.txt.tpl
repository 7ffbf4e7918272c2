Bonjour,

Votre conférence téléphonique est réservée. Voici les informations à transmettre aux participants.

Numéro à appeler : {{PHONE_HUMAN}}
Code d'accès : {{CODE_GROUPED}}

Pour rejoindre la conférence, appelez le numéro puis tapez le code d'accès suivi de la touche #.
Depuis un téléphone mobile, ce lien appelle et compose le code automatiquement : {{PHONE_TEL_WITH_CODE}}

Jusqu'à 50 personnes peuvent rejoindre la conférence, depuis n'importe quel téléphone, au prix d'un appel normal.

{{VALIDITY}}

L'invitation jointe (invitation.ics) ajoute la conférence à votre agenda.

Pour annuler la conférence, utilisez le bouton « Annuler la conférence » de la page de la conférence.{{#MANAGE}}
Page de la conférence : {{CONFERENCE_URL}}{{/MANAGE}}
{{#POLL}}
Votre avis nous aide à améliorer le service : {{POLL_URL}}
{{/POLL}}
L'équipe {{APP_NAME}}
{{SITE_URL}}
