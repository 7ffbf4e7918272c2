{{%AUTOESCAPE context="HTML"}}
{{!title: Service indisponible}}
{{! nginx error page for HTTP 502: served on any URL, so every link and asset path is absolute. }}
{{>HEAD}}
{{>HEADER}}
<main id="contenu">
  <div class="fr-container fr-my-6w">
    <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--middle">
      <div class="fr-col-12 fr-col-md-7">
        <h1>Service indisponible</h1>
        <p class="fr-text--sm fr-mb-3w">Erreur 502</p>
        <p class="fr-text--lead fr-mb-3w">Désolé, le service ne répond pas pour le moment.</p>
        <p class="fr-text--sm fr-mb-5w">Réessayez dans quelques minutes.</p>
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li><a class="fr-btn" href="/">Page d’accueil</a></li>
          <li><a class="fr-btn fr-btn--secondary" href="/contact">Nous contacter</a></li>
        </ul>
      </div>
    </div>
  </div>
</main>
{{>FOOTER}}
