{{%AUTOESCAPE context="HTML"}}
{{! Flash messages as DSFR alerts, in #messages (always present: the landing form's email field refers to it with aria-describedby, so an error about the address is read with the field). Sections: FLASH {KIND, MESSAGE, section CONTACT}. SUPPORT_EMAIL is template-global. }}
<div id="messages" class="app-messages">
{{#FLASH}}
<div class="fr-alert fr-alert--{{KIND}} fr-alert--sm fr-mb-4w">
  <p>{{MESSAGE}}</p>
  {{#CONTACT}}
  <p class="fr-mt-2w"><a class="fr-btn fr-btn--secondary fr-btn--sm fr-icon-mail-line fr-btn--icon-left" href="mailto:{{SUPPORT_EMAIL}}">Nous contacter</a></p>
  {{/CONTACT}}
</div>
{{/FLASH}}
</div>
