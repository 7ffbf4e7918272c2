{{%AUTOESCAPE context="HTML"}}
{{! "/stats". Values: CHART_JSON (chart data, read by /static/js/stats.js), COUNT. Sections: EMPTY; POINT {DATE, PARTICIPANTS, ACTIVE, BOOKED_VALUE {BOOKED}, BOOKED_MISSING}, oldest first. }}
{{>HEAD}}
{{>HEADER}}
<main id="contenu">
  <div class="fr-container fr-my-6w">
    {{>FLASHES}}
    <h1>Statistiques</h1>
    <p>Utilisation du service au fil du temps : personnes en ligne, conférences actives et conférences réservées (un relevé par minute, {{COUNT}} derniers relevés).</p>
    {{#EMPTY}}
    <p>Aucun relevé pour le moment.</p>
    {{/EMPTY}}
    <div id="stats-charts" class="stats-charts" data-points="{{CHART_JSON}}" hidden>
      <h2 class="fr-h4">Participants en ligne</h2>
      <canvas id="chart-participants" role="img" aria-label="Graphique des participants en ligne (les valeurs sont dans le tableau ci-dessous)"></canvas>
      <h2 class="fr-h4">Conférences actives</h2>
      <canvas id="chart-active" role="img" aria-label="Graphique des conférences actives (les valeurs sont dans le tableau ci-dessous)"></canvas>
      <h2 class="fr-h4">Conférences réservées</h2>
      <canvas id="chart-booked" role="img" aria-label="Graphique des conférences réservées (les valeurs sont dans le tableau ci-dessous)"></canvas>
    </div>
    <div class="fr-table">
      <div class="fr-table__wrapper">
        <div class="fr-table__container">
          <div class="fr-table__content">
            <table id="stats-table">
              <caption>Relevés d’utilisation, du plus ancien au plus récent</caption>
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
                  <th scope="row">{{DATE}}</th>
                  <td>{{PARTICIPANTS}}</td>
                  <td>{{ACTIVE}}</td>
                  <td>{{#BOOKED_VALUE}}{{BOOKED}}{{/BOOKED_VALUE}}{{#BOOKED_MISSING}}<span aria-hidden="true">–</span><span class="fr-sr-only">non disponible</span>{{/BOOKED_MISSING}}</td>
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
