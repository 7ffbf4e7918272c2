{{%AUTOESCAPE context="HTML"}}
{{! DSFR footer, display-settings dialog, scripts and document end. Sections: SCRIPT {SRC}. APP_NAME, VERSION and the STATS_PAGE section (the /stats link, only when the page exists) are template-global. }}
<footer class="fr-footer" id="pied-de-page">
  <div class="fr-container">
    <div class="fr-footer__body">
      <div class="fr-footer__brand fr-enlarge-link">
        <a href="/" title="Retour à l’accueil du site - {{APP_NAME}}">
          <p class="fr-logo">République<br>Française</p>
        </a>
      </div>
      <div class="fr-footer__content">
        <p class="fr-footer__content-desc">{{APP_NAME}} permet aux agents de l’État de réserver en quelques clics une conférence téléphonique, accessible depuis n’importe quel téléphone.</p>
        <ul class="fr-footer__content-list">
          <li class="fr-footer__content-item"><a class="fr-footer__content-link" href="https://www.info.gouv.fr" rel="noopener external">info.gouv.fr</a></li>
          <li class="fr-footer__content-item"><a class="fr-footer__content-link" href="https://www.service-public.gouv.fr" rel="noopener external">service-public.gouv.fr</a></li>
          <li class="fr-footer__content-item"><a class="fr-footer__content-link" href="https://www.legifrance.gouv.fr" rel="noopener external">legifrance.gouv.fr</a></li>
          <li class="fr-footer__content-item"><a class="fr-footer__content-link" href="https://www.data.gouv.fr" rel="noopener external">data.gouv.fr</a></li>
        </ul>
      </div>
    </div>
    <div class="fr-footer__bottom">
      <ul class="fr-footer__bottom-list">
        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/mentions-legales">Mentions légales</a></li>
        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/mentions-legales#donnees-personnelles">Données personnelles</a></li>
        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/mentions-legales#accessibilite">Accessibilité : non conforme</a></li>
        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/contact">Contact</a></li>
        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/questions-frequentes">Questions fréquentes</a></li>
        {{#STATS_PAGE}}<li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/stats">Statistiques</a></li>{{/STATS_PAGE}}
        <li class="fr-footer__bottom-item app-js-only"><button type="button" class="fr-footer__bottom-link fr-icon-theme-fill fr-btn--icon-left" aria-controls="fr-theme-modal" data-fr-opened="false">Paramètres d’affichage</button></li>
      </ul>
      <div class="fr-footer__bottom-copy">
        <p>Version {{VERSION}}. Sauf mention explicite de propriété intellectuelle détenue par des tiers, les contenus de ce site sont proposés sous <a href="https://github.com/etalab/licence-ouverte/blob/master/LO.md" rel="noopener external">licence etalab-2.0</a>.</p>
      </div>
    </div>
  </div>
</footer>
<dialog id="fr-theme-modal" class="fr-modal" aria-labelledby="fr-theme-modal-title">
  <div class="fr-container fr-container--fluid fr-container-md">
    <div class="fr-grid-row fr-grid-row--center">
      <div class="fr-col-12 fr-col-md-6 fr-col-lg-4">
        <div class="fr-modal__body">
          <div class="fr-modal__header">
            <button type="button" class="fr-btn--close fr-btn" aria-controls="fr-theme-modal" title="Fermer">Fermer</button>
          </div>
          <div class="fr-modal__content">
            <h2 id="fr-theme-modal-title" class="fr-modal__title">Paramètres d’affichage</h2>
            <div id="fr-display" class="fr-display">
              <fieldset class="fr-fieldset" id="display-fieldset">
                <legend class="fr-fieldset__legend--regular fr-fieldset__legend" id="display-fieldset-legend">Choisissez un thème pour personnaliser l’apparence du site.</legend>
                <div class="fr-fieldset__element">
                  <div class="fr-radio-group fr-radio-rich">
                    <input value="light" type="radio" id="fr-radios-theme-light" name="fr-radios-theme">
                    <label class="fr-label" for="fr-radios-theme-light">Thème clair</label>
                    <div class="fr-radio-rich__pictogram">
                      <svg aria-hidden="true" class="fr-artwork" viewBox="0 0 80 80" width="80" height="80">
                        <use class="fr-artwork-decorative" href="/dsfr/artwork/pictograms/environment/sun.svg#artwork-decorative"></use>
                        <use class="fr-artwork-minor" href="/dsfr/artwork/pictograms/environment/sun.svg#artwork-minor"></use>
                        <use class="fr-artwork-major" href="/dsfr/artwork/pictograms/environment/sun.svg#artwork-major"></use>
                      </svg>
                    </div>
                  </div>
                </div>
                <div class="fr-fieldset__element">
                  <div class="fr-radio-group fr-radio-rich">
                    <input value="dark" type="radio" id="fr-radios-theme-dark" name="fr-radios-theme">
                    <label class="fr-label" for="fr-radios-theme-dark">Thème sombre</label>
                    <div class="fr-radio-rich__pictogram">
                      <svg aria-hidden="true" class="fr-artwork" viewBox="0 0 80 80" width="80" height="80">
                        <use class="fr-artwork-decorative" href="/dsfr/artwork/pictograms/environment/moon.svg#artwork-decorative"></use>
                        <use class="fr-artwork-minor" href="/dsfr/artwork/pictograms/environment/moon.svg#artwork-minor"></use>
                        <use class="fr-artwork-major" href="/dsfr/artwork/pictograms/environment/moon.svg#artwork-major"></use>
                      </svg>
                    </div>
                  </div>
                </div>
                <div class="fr-fieldset__element">
                  <div class="fr-radio-group fr-radio-rich">
                    <input value="system" type="radio" id="fr-radios-theme-system" name="fr-radios-theme">
                    <label class="fr-label" for="fr-radios-theme-system">Système <span class="fr-hint-text">Utilise les paramètres système</span></label>
                    <div class="fr-radio-rich__pictogram">
                      <svg aria-hidden="true" class="fr-artwork" viewBox="0 0 80 80" width="80" height="80">
                        <use class="fr-artwork-decorative" href="/dsfr/artwork/pictograms/system/system.svg#artwork-decorative"></use>
                        <use class="fr-artwork-minor" href="/dsfr/artwork/pictograms/system/system.svg#artwork-minor"></use>
                        <use class="fr-artwork-major" href="/dsfr/artwork/pictograms/system/system.svg#artwork-major"></use>
                      </svg>
                    </div>
                  </div>
                </div>
              </fieldset>
            </div>
          </div>
        </div>
      </div>
    </div>
  </div>
</dialog>
{{#SCRIPT}}
<script src="{{SRC}}?v={{VERSION}}" defer></script>
{{/SCRIPT}}
<script type="module" src="/dsfr/dsfr.module.min.js"></script>
<script nomodule src="/dsfr/dsfr.nomodule.min.js" defer></script>
</body>
</html>
