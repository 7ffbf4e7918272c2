Bonjour,

Conférence annulée : votre conférence téléphonique a été annulée le {{CANCELED_AT}}.

Numéro : {{PHONE_HUMAN}}{{#CODE}}
Code d'accès : {{CODE_GROUPED}}{{/CODE}}

Ce code ne permet plus de rejoindre la conférence. L'annulation jointe (invitation.ics) retire la conférence de votre agenda.

Pour une nouvelle conférence, réservez-la sur {{SITE_URL}}

L'équipe {{APP_NAME}}
{{SITE_URL}}
