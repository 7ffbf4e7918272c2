{{%AUTOESCAPE context="HTML"}}
{{!title: Contact}}
{{! Static page served by nginx at /contact. }}
{{>HEAD}}
{{>HEADER}}
<main id="contenu">
  <div class="fr-container fr-my-6w">
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-lg-8">
        <h1>Contact</h1>
        <p class="fr-text--lead">Une question, un problème avec une conférence, une adresse e-mail refusée ? L’équipe {{APP_NAME}} vous répond par e-mail.</p>
        <p><a class="fr-btn fr-icon-mail-line fr-btn--icon-left" href="mailto:{{SUPPORT_EMAIL}}">Écrire à {{SUPPORT_EMAIL}}</a></p>
        <p>Pour nous aider à vous répondre vite, indiquez l’adresse e-mail utilisée pour la réservation et, si besoin, le numéro de la conférence. N’envoyez jamais le code d’accès.</p>
        <p>Avant d’écrire, consultez les <a href="/questions-frequentes">questions fréquentes</a> : la réponse s’y trouve peut-être.</p>
      </div>
    </div>
  </div>
</main>
{{>FOOTER}}
