{{%AUTOESCAPE context="HTML"}}
{{! GET "/conferences/{id}/participants". Values: CONFERENCE_ID, VALIDITY, COUNT, AGE. Sections: LOCKED / UNLOCKED; HAS_AGE; STALE; SLOWED; EMPTY; ROWS; PARTICIPANT {PARTICIPANT_ID, NUMBER, ARRIVAL, TALKING, MIC, MIC_ON / MIC_OFF, CONFERENCE_ID}. Script (optional): /static/js/participants.js refreshes from participants.json while the tab is visible and sends the actions without reloading. }}
{{>HEAD}}
{{>HEADER}}
<main id="contenu">
  <div class="fr-container fr-my-6w" id="participants-app" data-conference="{{CONFERENCE_ID}}">
    {{>FLASHES}}
    <h1>Participants de la conférence</h1>
    <p>{{VALIDITY}}</p>
    <p id="participants-message" class="fr-text--bold" role="status" aria-live="polite"></p>
    {{#LOCKED}}<p class="fr-badge fr-badge--warning" id="lock-state">Conférence verrouillée : personne ne peut plus la rejoindre</p>{{/LOCKED}}
    {{#UNLOCKED}}<p class="fr-badge fr-badge--info" id="lock-state">Conférence ouverte</p>{{/UNLOCKED}}
    <p id="participants-age" class="fr-text--sm">{{#HAS_AGE}}Liste mise à jour {{AGE}}.{{/HAS_AGE}}{{#STALE}} L’opérateur téléphonique n’a pas répondu : ces informations peuvent être anciennes.{{/STALE}}{{#SLOWED}} Actualisation ralentie : le nombre d’appels à l’opérateur téléphonique est limité, la liste sera mise à jour dès que possible.{{/SLOWED}}</p>
    <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
      <li><form method="get" action="/conferences/{{CONFERENCE_ID:url_query_escape}}/participants"><button class="fr-btn fr-btn--secondary" type="submit">Actualiser</button></form></li>
      <li><form method="post" action="/conferences/{{CONFERENCE_ID:url_query_escape}}/couper-tous-les-micros" data-action><button class="fr-btn fr-btn--secondary" type="submit">Couper tous les micros</button></form></li>
      {{#UNLOCKED}}<li><form method="post" action="/conferences/{{CONFERENCE_ID:url_query_escape}}/verrouiller" data-action><button class="fr-btn fr-btn--secondary" type="submit">Verrouiller la conférence</button></form></li>{{/UNLOCKED}}
      {{#LOCKED}}<li><form method="post" action="/conferences/{{CONFERENCE_ID:url_query_escape}}/deverrouiller" data-action><button class="fr-btn fr-btn--secondary" type="submit">Déverrouiller la conférence</button></form></li>{{/LOCKED}}
      <li><form method="post" action="/conferences/{{CONFERENCE_ID:url_query_escape}}/prolonger"><button class="fr-btn fr-btn--secondary" type="submit">Prolonger d’une heure</button></form></li>
      <li><form method="post" action="/conferences/{{CONFERENCE_ID:url_query_escape}}/terminer"><button class="fr-btn fr-btn--secondary fr-icon-close-circle-line fr-btn--icon-left" type="submit">Terminer la conférence pour tous</button></form></li>
    </ul>
    <div id="participants-list">
    {{#EMPTY}}<p id="participants-empty">Personne n’est en ligne pour le moment.</p>{{/EMPTY}}
    {{#ROWS}}
    <div class="fr-table fr-table--no-caption">
      <table>
        <caption>Personnes en ligne ({{COUNT}})</caption>
        <thead>
          <tr><th scope="col">Numéro</th><th scope="col">Arrivée</th><th scope="col">Parle</th><th scope="col">Micro</th><th scope="col">Actions</th></tr>
        </thead>
        <tbody>
          {{#PARTICIPANT}}
          <tr data-participant="{{PARTICIPANT_ID}}">
            <td>{{NUMBER}}</td>
            <td>{{ARRIVAL}}</td>
            <td>{{TALKING}}</td>
            <td>{{MIC}}</td>
            <td>
              <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
                {{#MIC_ON}}<li><form method="post" action="/conferences/{{CONFERENCE_ID:url_query_escape}}/participants/{{PARTICIPANT_ID}}/couper-micro" data-action><button class="fr-btn fr-btn--tertiary" type="submit">Couper le micro<span class="fr-sr-only"> de {{NUMBER}}</span></button></form></li>{{/MIC_ON}}
                {{#MIC_OFF}}<li><form method="post" action="/conferences/{{CONFERENCE_ID:url_query_escape}}/participants/{{PARTICIPANT_ID}}/activer-micro" data-action><button class="fr-btn fr-btn--tertiary" type="submit">Activer le micro<span class="fr-sr-only"> de {{NUMBER}}</span></button></form></li>{{/MIC_OFF}}
                <li><form method="post" action="/conferences/{{CONFERENCE_ID:url_query_escape}}/participants/{{PARTICIPANT_ID}}/exclure" data-action><button class="fr-btn fr-btn--tertiary" type="submit">Exclure<span class="fr-sr-only"> {{NUMBER}}</span></button></form></li>
              </ul>
            </td>
          </tr>
          {{/PARTICIPANT}}
        </tbody>
      </table>
    </div>
    {{/ROWS}}
    </div>
    <p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/conferences/{{CONFERENCE_ID:url_query_escape}}">Revenir à la conférence</a></p>
  </div>
</main>
{{>FOOTER}}
