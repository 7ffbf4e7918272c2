{{%AUTOESCAPE context="HTML"}}
{{! Flash messages as DSFR alerts. Sections: FLASH {KIND, MESSAGE, section CONTACT}. SUPPORT_EMAIL is template-global. }}
{{#FLASH}}
<div class="fr-alert fr-alert--{{KIND}} fr-alert--sm fr-mb-4w">
  <p>{{MESSAGE}}</p>
  {{#CONTACT}}
  <p class="fr-mt-2w"><a class="fr-btn fr-btn--secondary fr-btn--sm fr-icon-mail-line fr-btn--icon-left" href="mailto:{{SUPPORT_EMAIL}}">Nous contacter</a></p>
  {{/CONTACT}}
</div>
{{/FLASH}}
