{{%AUTOESCAPE context="HTML"}}
{{!title: Page non trouvée}}
{{! nginx error page for HTTP 404: served on any URL, so every link and asset path is absolute. }}
{{>HEAD}}
{{>HEADER}}
<main id="contenu">
  <div class="fr-container fr-my-6w">
    <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--middle">
      <div class="fr-col-12 fr-col-md-7">
        <h1>Page non trouvée</h1>
        <p class="fr-text--sm fr-mb-3w">Erreur 404</p>
        <p class="fr-text--lead fr-mb-3w">La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.</p>
        <p class="fr-text--sm fr-mb-5w">Si vous avez tapé l’adresse web dans le navigateur, vérifiez qu’elle est correcte. La page n’est peut-être plus disponible.</p>
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li><a class="fr-btn" href="/">Page d’accueil</a></li>
          <li><a class="fr-btn fr-btn--secondary" href="/contact">Nous contacter</a></li>
        </ul>
      </div>
    </div>
  </div>
</main>
{{>FOOTER}}
