{{%AUTOESCAPE context="HTML"}}
{{!title: Questions fréquentes}}
{{! Static page served by nginx at /questions-frequentes. }}
{{>HEAD}}
{{>HEADER}}
<main id="contenu">
  <div class="fr-container fr-my-6w">
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-lg-9">
        <h1>Questions fréquentes</h1>

        <h2>Qui peut utiliser {{APP_NAME}} ?</h2>
        <p>Les agents de l’État et des administrations, avec leur adresse e-mail professionnelle. Si votre adresse est refusée alors que vous êtes agent public, <a href="/contact">contactez-nous</a> : nous pourrons ajouter votre administration. Les participants, eux, n’ont besoin d’aucun compte : un téléphone suffit.</p>

        <h2>Comment rejoindre une conférence ?</h2>
        <p>Appelez le numéro de la conférence depuis n’importe quel téléphone, fixe ou mobile, puis tapez le code d’accès à 9 chiffres suivi de la touche #. Depuis un smartphone, le lien « appeler » de l’e-mail de confirmation compose le numéro et le code pour vous.</p>

        <h2>Combien de personnes peuvent participer ?</h2>
        <p>Jusqu’à 50 participants en même temps, la personne qui a réservé comprise.</p>

        <h2>Combien coûte un appel ?</h2>
        <p>Le numéro n’est pas surtaxé : chaque participant paie le prix d’un appel normal vers un numéro fixe en France, selon son forfait (souvent inclus dans les forfaits). La réservation de la conférence est gratuite.</p>

        <h2>J’ai perdu le code d’accès, que faire ?</h2>
        <p>Le code figure dans l’e-mail de confirmation reçu après la réservation. Pour des raisons de sécurité, nous ne conservons pas les codes et ne pouvons pas vous le redonner. Si vous ne retrouvez pas cet e-mail, <a href="/">réservez une nouvelle conférence</a> : c’est immédiat.</p>

        <h2>Comment annuler une conférence ?</h2>
        <p>Ouvrez la page de la conférence, depuis le lien de l’e-mail de confirmation ou la page affichée après la réservation, puis choisissez « Annuler la conférence » et confirmez. Une fois annulée, plus personne ne peut rejoindre la conférence.</p>

        <h2>Combien de temps dure une conférence ?</h2>
        <p>Vous choisissez la durée (ou le jour) au moment de la réservation. La conférence est active dès sa création et jusqu’à son expiration, indiquée dans l’e-mail de confirmation.</p>

        <h2>Je n’ai pas reçu l’e-mail de réservation</h2>
        <p>L’e-mail peut mettre quelques minutes à arriver. Vérifiez vos courriers indésirables, puis <a href="/">recommencez</a> si besoin. Le lien reçu est valable pendant une durée limitée.</p>
      </div>
    </div>
  </div>
</main>
{{>FOOTER}}
