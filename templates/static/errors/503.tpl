{{%AUTOESCAPE context="HTML"}}
{{!title: Service momentanément indisponible}}
{{! nginx error page for HTTP 503, its answer past a worker pool's capacity (SPEC §8 "Overload",
    with Retry-After): served on any URL, so every link and asset path is absolute. }}
{{>HEAD}}
{{>HEADER}}
<main id="contenu">
  <div class="fr-container fr-my-6w">
    <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--middle">
      <div class="fr-col-12 fr-col-md-7">
        <h1>Service momentanément indisponible</h1>
        <p class="fr-text--sm fr-mb-3w">Erreur 503</p>
        <p class="fr-text--lead fr-mb-3w">Le service est très demandé en ce moment.</p>
        <p class="fr-text--sm fr-mb-5w">Réessayez dans une minute : le lien que vous avez suivi reste valable, rien n’a été enregistré.</p>
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li><a class="fr-btn" href="/">Page d’accueil</a></li>
          <li><a class="fr-btn fr-btn--secondary" href="/contact">Nous contacter</a></li>
        </ul>
      </div>
    </div>
  </div>
</main>
{{>FOOTER}}
