{{%AUTOESCAPE context="HTML"}}
{{! "/stats". Sections: POINT {DATE, PARTICIPANTS, ACTIVE, BOOKED}, oldest first. }}
{{>HEAD}}
{{>HEADER}}
<main id="contenu">
  <div class="fr-container fr-my-6w">
    {{>FLASHES}}
    <h1>Statistiques</h1>
    <p>Utilisation du service au fil du temps : personnes en ligne, conférences actives et conférences réservées.</p>
    <div class="fr-table">
      <div class="fr-table__wrapper">
        <div class="fr-table__container">
          <div class="fr-table__content">
            <table>
              <caption>Relevés d’utilisation</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Participants en ligne</th>
                  <th scope="col">Conférences actives</th>
                  <th scope="col">Conférences réservées</th>
                </tr>
              </thead>
              <tbody>
                {{#POINT}}
                <tr>
                  <td>{{DATE}}</td>
                  <td>{{PARTICIPANTS}}</td>
                  <td>{{ACTIVE}}</td>
                  <td>{{BOOKED}}</td>
                </tr>
                {{/POINT}}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  </div>
</main>
{{>FOOTER}}
