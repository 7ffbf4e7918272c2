{{%AUTOESCAPE context="HTML"}}
{{! GET "/conferences/{id}/annuler". Values: PHONE_HUMAN, VALIDITY, CONFERENCE_ID. Script (optional): /static/js/conference.js keeps the code fragment on the way back. }}
{{>HEAD}}
{{>HEADER}}
<main id="contenu">
  <div class="fr-container fr-my-6w">
    {{>FLASHES}}
    <h1>Annuler la conférence</h1>
    <p class="fr-text--lead">Voulez-vous vraiment annuler la conférence au numéro <strong>{{PHONE_HUMAN}}</strong> ?</p>
    <p>{{VALIDITY}}</p>
    <p>Une fois annulée, plus personne ne pourra la rejoindre, même les participants déjà connectés. Cette action est définitive.</p>
    <form method="post" action="/conferences/{{CONFERENCE_ID:url_query_escape}}/annuler">
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li><button class="fr-btn" type="submit">Oui, annuler la conférence</button></li>
        <li><a class="fr-btn fr-btn--secondary" href="/conferences/{{CONFERENCE_ID:url_query_escape}}" data-keep-code>Non, revenir à la conférence</a></li>
      </ul>
    </form>
  </div>
</main>
{{>FOOTER}}
