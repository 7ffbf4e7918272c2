{{%AUTOESCAPE context="HTML"}}
{{! "/conferences/{id}". Values: PHONE_HUMAN, PHONE_E164, VALIDITY, CONFERENCE_ID. Sections: EMAIL_FAILED; POLL {POLL_URL}. Script: /static/js/conference.js reads the 9-digit code from the URL fragment. }}
{{>HEAD}}
{{>HEADER}}
<main id="contenu">
  <div class="fr-container fr-my-6w">
    {{>FLASHES}}
    <h1>Votre conférence est réservée</h1>
    {{#EMAIL_FAILED}}
    <div class="fr-alert fr-alert--warning fr-mb-4w">
      <h2 class="fr-alert__title">L’e-mail de confirmation n’a pas pu être envoyé</h2>
      <p>Notez dès maintenant le numéro et le code d’accès ci-dessous : vous ne les recevrez pas par e-mail et nous ne pourrons pas vous les redonner.</p>
    </div>
    {{/EMAIL_FAILED}}
    <div class="fr-grid-row fr-grid-row--gutters">
      <div class="fr-col-12 fr-col-md-6">
        <div class="app-conference-box">
          <h2 class="fr-h4">Numéro à appeler</h2>
          <p class="app-phone"><a id="phone-link" class="fr-link fr-icon-phone-line fr-link--icon-left" href="tel:{{PHONE_E164}}" data-phone="{{PHONE_E164}}">{{PHONE_HUMAN}}</a></p>
          <h2 class="fr-h4">Code d’accès</h2>
          <p id="access-code-block" class="app-code" hidden><span id="access-code"></span></p>
          <p id="access-code-missing">Le code d’accès figure dans l’e-mail de confirmation que vous avez reçu. Ouvrez le lien de cet e-mail pour l’afficher ici.</p>
          <p class="fr-text--sm">Pour rejoindre la conférence, appelez le numéro puis tapez le code d’accès suivi de la touche #.</p>
        </div>
      </div>
      <div class="fr-col-12 fr-col-md-6">
        <p>{{VALIDITY}}</p>
        <p>Partagez le numéro et le code d’accès avec les participants : jusqu’à 50 personnes peuvent rejoindre la conférence, depuis n’importe quel téléphone, au prix d’un appel normal.</p>
        {{#POLL}}
        <p><a class="fr-link" href="{{POLL_URL}}" rel="noopener">Donnez-nous votre avis sur le service</a></p>
        {{/POLL}}
        <p><a class="fr-btn fr-btn--secondary" href="/conferences/{{CONFERENCE_ID:url_query_escape}}/participants">Gérer les participants</a></p>
        <p><a class="fr-link fr-icon-calendar-line fr-link--icon-left" href="/conferences/{{CONFERENCE_ID:url_query_escape}}/invitation.ics" download>Ajouter à mon agenda<span class="fr-sr-only"> (fichier .ics)</span></a></p>
        <p><a class="fr-btn fr-btn--secondary" href="/conferences/{{CONFERENCE_ID:url_query_escape}}/annuler" data-keep-code>Annuler la conférence</a></p>
      </div>
    </div>
  </div>
</main>
{{>FOOTER}}
