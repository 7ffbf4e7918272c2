{{%AUTOESCAPE context="HTML"}}
{{! DSFR header: the State block and the service name. Values: APP_NAME (template-global); template-global section SIGNED_IN_AGENT {AGENT_NAME}: the agent signed in with ProConnect and the "Se déconnecter" button (a POST form). }}
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
        {{#SIGNED_IN_AGENT}}
        <div class="fr-header__tools">
          <div class="fr-header__tools-links">
            <ul class="fr-btns-group">
              <li><p class="fr-btn fr-icon-account-circle-line app-agent-name">{{AGENT_NAME}}</p></li>
              <li>
                <form method="post" action="/deconnexion">
                  <button class="fr-btn fr-icon-logout-box-r-line" type="submit">Se déconnecter</button>
                </form>
              </li>
            </ul>
          </div>
        </div>
        {{/SIGNED_IN_AGENT}}
      </div>
    </div>
  </div>
</header>
