{{%AUTOESCAPE context="HTML"}}
{{!title: Mentions légales}}
{{! Static page served by nginx at /mentions-legales: legal notice, terms of use, personal data, accessibility. }}
{{>HEAD}}
{{>HEADER}}
<main id="contenu">
  <div class="fr-container fr-my-6w">
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-lg-9">
        <h1>Mentions légales</h1>
        <nav class="fr-summary fr-mb-6w" aria-labelledby="sommaire-titre">
          <p class="fr-summary__title" id="sommaire-titre">Sommaire</p>
          <ol class="fr-summary__list">
            <li><a class="fr-summary__link" href="#editeur">Éditeur du site</a></li>
            <li><a class="fr-summary__link" href="#conditions-generales">Conditions générales d’utilisation</a></li>
            <li><a class="fr-summary__link" href="#donnees-personnelles">Données personnelles</a></li>
            <li><a class="fr-summary__link" href="#cookies">Cookies</a></li>
            <li><a class="fr-summary__link" href="#accessibilite">Accessibilité</a></li>
          </ol>
        </nav>

        <h2 id="editeur">Éditeur du site</h2>
        <p>{{APP_NAME}} est un service public numérique de l’État, édité par la Direction interministérielle du numérique (DINUM), 20 avenue de Ségur, 75007 Paris.</p>
        <p>Directeur de la publication : le directeur interministériel du numérique.</p>
        <p>Pour toute question sur le service, écrivez à <a href="mailto:{{SUPPORT_EMAIL}}">{{SUPPORT_EMAIL}}</a>.</p>

        <h2 id="conditions-generales">Conditions générales d’utilisation</h2>
        <h3>Objet du service</h3>
        <p>{{APP_NAME}} permet aux agents de l’État de réserver, par eux-mêmes, une conférence téléphonique : un numéro de téléphone et un code d’accès que les participants composent pour se retrouver sur la même ligne.</p>
        <h3>Qui peut utiliser le service</h3>
        <p>Le service est réservé aux agents publics disposant d’une adresse e-mail professionnelle reconnue par le service. Les participants invités à une conférence n’ont besoin que d’un téléphone.</p>
        <h3>Engagements de l’utilisateur</h3>
        <p>L’utilisateur s’engage à utiliser le service dans le cadre de ses missions, à ne partager le numéro et le code d’accès qu’avec les participants de sa réunion, et à ne pas tenter de perturber le fonctionnement du service.</p>
        <h3>Disponibilité</h3>
        <p>L’éditeur s’efforce d’assurer la disponibilité du service, sans obligation de résultat. Le service peut être interrompu pour maintenance ou en cas d’incident. Une conférence peut être annulée à tout moment par la personne qui l’a réservée.</p>
        <h3>Coût</h3>
        <p>Le service est gratuit. Les appels vers le numéro de la conférence ne sont pas surtaxés : ils sont facturés par l’opérateur de chaque participant au prix d’un appel normal.</p>

        <h2 id="donnees-personnelles">Données personnelles</h2>
        <p>Pour fonctionner, le service traite l’adresse e-mail de la personne qui réserve une conférence. Cette adresse sert uniquement à envoyer le lien de réservation et les informations de la conférence, et, le cas échéant, un questionnaire de satisfaction.</p>
        <ul>
          <li>Les adresses e-mail sont supprimées des conférences deux jours après leur expiration ; seul le domaine de l’adresse (par exemple ministere.gouv.fr) est conservé à des fins statistiques.</li>
          <li>Le code d’accès d’une conférence n’est jamais conservé en clair par le service.</li>
          <li>Les liens de réservation expirent au bout de quelques heures et sont ensuite supprimés.</li>
        </ul>
        <p>Conformément au règlement général sur la protection des données (RGPD), vous disposez d’un droit d’accès, de rectification et d’effacement de vos données. Pour l’exercer, écrivez à <a href="mailto:{{SUPPORT_EMAIL}}">{{SUPPORT_EMAIL}}</a>. Vous pouvez aussi adresser une réclamation à la Commission nationale de l’informatique et des libertés (CNIL).</p>

        <h2 id="cookies">Cookies</h2>
        <p>Le service ne dépose aucun cookie de mesure d’audience ni de publicité. Un cookie de session, strictement nécessaire, est déposé uniquement pour afficher un message après une action (par exemple une erreur de saisie) ; il expire après 30 minutes d’inactivité.</p>

        <h2 id="accessibilite">Accessibilité</h2>
        <p>L’éditeur s’engage à rendre ce service accessible, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.</p>
        <h3>État de conformité</h3>
        <p>{{APP_NAME}} est <strong>non conforme</strong> au référentiel général d’amélioration de l’accessibilité (RGAA) : aucun audit de conformité n’a encore été réalisé.</p>
        <h3>Ce qui a été vérifié</h3>
        <p>Les vérifications suivantes sont faites à chaque modification du service, sur toutes les pages et tous les messages (dont les e-mails pour la validité du code) ; elles ne remplacent pas un audit.</p>
        <ul>
          <li>Vérifications automatiques : validité du code HTML avec le validateur Nu HTML Checker (aucune erreur) ; règles WCAG 2 niveaux A et AA et bonnes pratiques de l’outil axe-core (aucune anomalie), en thème clair et en thème sombre, sur ordinateur et sur un écran de téléphone de 360 pixels de large.</li>
          <li>Vérifications automatisées complémentaires : langue de la page déclarée, un seul titre principal par page, titres de page explicites, lien d’évitement vers le contenu en premier élément atteint au clavier, focus visible, message d’erreur du formulaire relié au champ de l’adresse e-mail, code d’accès restitué chiffre par chiffre aux lecteurs d’écran, formulaire de réservation utilisable au clavier seul, pages lisibles sans défilement horizontal sur un écran de 360 pixels de large.</li>
          <li>Vérification manuelle : relecture visuelle des captures d’écran de chaque page (ordinateur et téléphone, thèmes clair et sombre).</li>
        </ul>
        <h3>Signaler un défaut d’accessibilité</h3>
        <p>Si vous n’arrivez pas à accéder à un contenu ou à un service, écrivez-nous à <a href="mailto:{{SUPPORT_EMAIL}}">{{SUPPORT_EMAIL}}</a> pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.</p>
        <h3>Voies de recours</h3>
        <p>Si vous avez signalé un défaut d’accessibilité sans obtenir de réponse satisfaisante, vous pouvez saisir le Défenseur des droits (formulaire en ligne, délégué territorial, ou courrier gratuit à l’adresse : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07).</p>
      </div>
    </div>
  </div>
</main>
{{>FOOTER}}
