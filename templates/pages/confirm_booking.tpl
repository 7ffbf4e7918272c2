{{%AUTOESCAPE context="HTML"}}
{{! GET "/creer-conf?token=": the form that creates the conference. Values: TOKEN, SUMMARY. Script: /static/js/auto-submit.js submits it at once. }}
{{>HEAD}}
{{>HEADER}}
<main id="contenu">
  <div class="fr-container fr-my-6w">
    {{>FLASHES}}
    <h1>Créer ma conférence</h1>
    <p class="fr-text--lead">{{SUMMARY}}</p>
    <form method="post" action="/creer-conf" id="confirm-booking-form" data-auto-submit>
      <input type="hidden" name="token" value="{{TOKEN}}">
      <button class="fr-btn" type="submit">Créer ma conférence</button>
    </form>
  </div>
</main>
{{>FOOTER}}
