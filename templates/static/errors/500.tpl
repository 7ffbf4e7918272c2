{{%AUTOESCAPE context="HTML"}}
{{!title: Erreur inattendue}}
{{! nginx error page for HTTP 500: served on any URL, so every link and asset path is absolute. }}
{{>HEAD}}
{{>HEADER}}
<main id="contenu">
  <div class="fr-container fr-my-6w">
    <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--middle">
      <div class="fr-col-12 fr-col-md-7">
        <h1>Erreur inattendue</h1>
        <p class="fr-text--sm fr-mb-3w">Erreur 500</p>
        <p class="fr-text--lead fr-mb-3w">Désolé, le service rencontre un problème, nous travaillons pour le résoudre le plus rapidement possible.</p>
        <p class="fr-text--sm fr-mb-5w">Essayez de rafraîchir la page ou réessayez plus tard.</p>
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li><a class="fr-btn" href="/">Page d’accueil</a></li>
          <li><a class="fr-btn fr-btn--secondary" href="/contact">Nous contacter</a></li>
        </ul>
      </div>
    </div>
  </div>
</main>
{{>FOOTER}}
