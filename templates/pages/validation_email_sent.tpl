{{%AUTOESCAPE context="HTML"}}
{{! "/email-de-validation-envoye". Values: TOKEN_MINUTES; sections KNOWN_EMAIL {EMAIL} and NO_EMAIL: only an address the allow-list accepts, never arbitrary text from the query string. }}
{{>HEAD}}
{{>HEADER}}
<main id="contenu">
  <div class="fr-container fr-my-6w">
    {{>FLASHES}}
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-lg-8">
        <h1>Vérifiez votre boîte mail</h1>
        {{#KNOWN_EMAIL}}
        <p class="fr-text--lead">Nous avons envoyé un e-mail à <strong class="app-break-word">{{EMAIL}}</strong>.</p>
        {{/KNOWN_EMAIL}}
        {{#NO_EMAIL}}
        <p class="fr-text--lead">Nous vous avons envoyé un e-mail.</p>
        {{/NO_EMAIL}}
        <p>Cliquez sur le lien qu’il contient pour créer votre conférence téléphonique. Ce lien est valable {{TOKEN_MINUTES}} minutes.</p>
        <div class="fr-callout fr-mt-4w">
          <h2 class="fr-callout__title">Vous n’avez rien reçu ?</h2>
          <p class="fr-callout__text">L’e-mail peut mettre quelques minutes à arriver. Pensez à regarder dans vos courriers indésirables. Si l’adresse n’est pas la bonne, vous pouvez recommencer.</p>
          <a class="fr-btn fr-btn--secondary" href="/">Recommencer avec une autre adresse</a>
        </div>
      </div>
    </div>
  </div>
</main>
{{>FOOTER}}
