{{%AUTOESCAPE context="HTML"}}
{{! Error page produced by handlers (render_error). Values: STATUS, TITLE, MESSAGE. }}
{{>HEAD}}
{{>HEADER}}
<main id="contenu">
  <div class="fr-container fr-my-6w">
    {{>FLASHES}}
    <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--middle">
      <div class="fr-col-12 fr-col-md-7">
        <h1>{{TITLE}}</h1>
        <p class="fr-text--sm fr-mb-3w">Erreur {{STATUS}}</p>
        <p class="fr-text--lead fr-mb-3w">{{MESSAGE}}</p>
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li><a class="fr-btn" href="/">Page d’accueil</a></li>
          <li><a class="fr-btn fr-btn--secondary" href="/contact">Nous contacter</a></li>
        </ul>
      </div>
    </div>
  </div>
</main>
{{>FOOTER}}
