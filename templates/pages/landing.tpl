{{%AUTOESCAPE context="HTML"}}
{{! Landing page "/". Values: FORM_ACTION (where the form posts by default), EMAIL_VALUE, EMAIL_DESCRIBED_BY (ids of what describes the field). Sections: EMAIL_INVALID (the address was refused) and EMAIL_ERROR {MESSAGE}; ANNOUNCEMENT {HTML, printed raw: ops' markup}; DAY_MODE {OPTIONS} and DURATION_MODE {OPTIONS}, the <option>s rendered by fragments/select_options.tpl (escaped there, printed raw here); STATS_LINE {TEXT}; EMAIL_METHOD (AUTH_METHODS has email: the address field and its button); PROCONNECT (AUTH_METHODS has proconnect: the ProConnect button, a second submit button of the same form, so the chosen duration or day and the zone go with it) and, inside it, SIGNED_OUT or SIGNED_IN {NAME}. Script: /static/js/landing.js }}
{{>HEAD}}
{{>HEADER}}
<main id="contenu">
  <div class="fr-container fr-my-6w">
    {{>FLASHES}}
    {{#ANNOUNCEMENT}}
    <div class="fr-callout fr-mb-4w">
      <div class="fr-callout__text">{{HTML:none}}</div>
    </div>
    {{/ANNOUNCEMENT}}
    <div class="fr-grid-row fr-grid-row--gutters">
      <div class="fr-col-12 fr-col-lg-7">
        <h1>Réserver une conférence téléphonique</h1>
        <p class="fr-text--lead">Recevez en quelques minutes un numéro de téléphone et un code d’accès à partager avec les participants de votre réunion.</p>
        <form method="post" action="{{FORM_ACTION}}" class="app-booking-form">
          {{#EMAIL_METHOD}}
          <div class="fr-input-group{{#EMAIL_INVALID}} fr-input-group--error{{/EMAIL_INVALID}}">
            <label class="fr-label" for="email">Votre adresse e-mail professionnelle
              <span class="fr-hint-text">Le lien de réservation vous sera envoyé à cette adresse. Format attendu : prenom.nom@ministere.gouv.fr</span>
            </label>
            <input class="fr-input{{#EMAIL_INVALID}} fr-input--error{{/EMAIL_INVALID}}" type="email" id="email" name="email" required {{#EMAIL_INVALID}}aria-invalid="true" {{/EMAIL_INVALID}}aria-describedby="{{EMAIL_DESCRIBED_BY}}" autocomplete="email" spellcheck="false" maxlength="254" value="{{EMAIL_VALUE}}">
            {{#EMAIL_ERROR}}
            <p id="email-error" class="fr-error-text">{{MESSAGE}}</p>
            {{/EMAIL_ERROR}}
          </div>
          {{/EMAIL_METHOD}}
          {{#DAY_MODE}}
          <div class="fr-select-group">
            <label class="fr-label" for="day">Jour de la conférence
              <span class="fr-hint-text">La conférence sera active toute la journée choisie.</span>
            </label>
            <select class="fr-select" id="day" name="day">
              {{OPTIONS:none}}
            </select>
          </div>
          {{/DAY_MODE}}
          {{#DURATION_MODE}}
          <div class="fr-select-group">
            <label class="fr-label" for="durationInMinutes">Durée de la conférence
              <span class="fr-hint-text">La conférence sera active dès sa création, pendant la durée choisie.</span>
            </label>
            <select class="fr-select" id="durationInMinutes" name="durationInMinutes">
              {{OPTIONS:none}}
            </select>
          </div>
          {{/DURATION_MODE}}
          <input type="hidden" name="userTimezoneOffset" id="userTimezoneOffset" value="">
          <input type="hidden" name="userTimeZone" id="userTimeZone" value="">
          {{#EMAIL_METHOD}}
          <button class="fr-btn" type="submit">Recevoir le lien de réservation</button>
          {{/EMAIL_METHOD}}
          {{#PROCONNECT}}
          {{#SIGNED_IN}}
          <p class="fr-mt-4w">Vous êtes connecté avec ProConnect en tant que {{NAME}}.</p>
          <button class="fr-btn" type="submit" formaction="/connexion/proconnect" formnovalidate>Créer ma conférence</button>
          {{/SIGNED_IN}}
          {{#SIGNED_OUT}}
          <div class="fr-connect-group fr-mt-4w app-proconnect">
            {{#EMAIL_METHOD}}<p>Ou, sans attendre d’e-mail :</p>{{/EMAIL_METHOD}}
            <button class="fr-connect" type="submit" formaction="/connexion/proconnect" formnovalidate>
              <span class="fr-connect__login">S’identifier avec</span>
              <span class="fr-connect__brand">ProConnect</span>
            </button>
            <p>
              <a href="https://www.proconnect.gouv.fr/" target="_blank" rel="noopener" title="Qu’est-ce que ProConnect ? - nouvelle fenêtre">Qu’est-ce que ProConnect ?</a>
            </p>
          </div>
          {{/SIGNED_OUT}}
          {{/PROCONNECT}}
        </form>
        {{#STATS_LINE}}
        <p class="fr-mt-4w fr-text--sm">{{TEXT}}</p>
        {{/STATS_LINE}}
      </div>
    </div>

    <section class="fr-mt-8w" aria-labelledby="comment-ca-marche">
      <h2 id="comment-ca-marche">Comment ça marche ?</h2>
      <ol class="fr-grid-row fr-grid-row--gutters app-steps">
        <li class="fr-col-12 fr-col-md-4">
          <h3 class="fr-h5">Indiquez votre adresse e-mail</h3>
          <p>Saisissez votre adresse e-mail professionnelle et choisissez la durée ou le jour de votre conférence.</p>
        </li>
        <li class="fr-col-12 fr-col-md-4">
          <h3 class="fr-h5">Cliquez sur le lien reçu</h3>
          <p>Vous recevez un e-mail avec un lien de confirmation. Cliquez dessus pour créer la conférence.</p>
        </li>
        <li class="fr-col-12 fr-col-md-4">
          <h3 class="fr-h5">Partagez le numéro et le code</h3>
          <p>Vous obtenez un numéro de téléphone et un code d’accès. Envoyez-les aux participants : ils n’ont plus qu’à appeler.</p>
        </li>
      </ol>
    </section>

    <section class="fr-mt-6w" aria-labelledby="avantages">
      <h2 id="avantages">Les avantages</h2>
      <ul class="fr-grid-row fr-grid-row--gutters app-advantages">
        <li class="fr-col-12 fr-col-sm-6 fr-col-md-3">
          <h3 class="fr-h6">Pas besoin d’internet</h3>
          <p>Une simple ligne téléphonique suffit, même avec une mauvaise connexion.</p>
        </li>
        <li class="fr-col-12 fr-col-sm-6 fr-col-md-3">
          <h3 class="fr-h6">N’importe quel téléphone</h3>
          <p>Fixe ou mobile, aucune application à installer.</p>
        </li>
        <li class="fr-col-12 fr-col-sm-6 fr-col-md-3">
          <h3 class="fr-h6">Numéro non surtaxé</h3>
          <p>L’appel coûte le prix d’un appel normal vers un fixe en France.</p>
        </li>
        <li class="fr-col-12 fr-col-sm-6 fr-col-md-3">
          <h3 class="fr-h6">Jusqu’à 50 participants</h3>
          <p>Réunissez jusqu’à 50 personnes sur la même conférence.</p>
        </li>
      </ul>
    </section>
  </div>
</main>
{{>FOOTER}}
