{{%AUTOESCAPE context="HTML"}}
{{! DSFR header: the State block and the service name. Values: APP_NAME (template-global). }}
<header class="fr-header">
  <div class="fr-header__body">
    <div class="fr-container">
      <div class="fr-header__body-row">
        <div class="fr-header__brand fr-enlarge-link">
          <div class="fr-header__brand-top">
            <div class="fr-header__logo">
              <p class="fr-logo">République<br>Française</p>
            </div>
          </div>
          <div class="fr-header__service">
            <a href="/" title="Accueil - {{APP_NAME}}">
              <p class="fr-header__service-title">{{APP_NAME}}</p>
            </a>
            <p class="fr-header__service-tagline">Réserver une conférence téléphonique</p>
          </div>
        </div>
      </div>
    </div>
  </div>
</header>
