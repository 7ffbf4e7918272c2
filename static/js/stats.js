// /stats: draws the three line charts from the JSON in #stats-charts's data-points attribute
// (no inline script: CSP). Without JavaScript, or if Chart.js is missing, the table remains.
(function () {
  'use strict';

  var holder = document.getElementById('stats-charts');
  if (!holder || typeof window.Chart !== 'function') {
    return;
  }
  var data;
  try {
    data = JSON.parse(holder.getAttribute('data-points') || '{}');
  } catch (e) {
    return;
  }
  if (!data.labels || data.labels.length === 0) {
    return;
  }
  holder.hidden = false;

  function draw(canvasId, label, values, color) {
    var canvas = document.getElementById(canvasId);
    if (!canvas) {
      return;
    }
    new window.Chart(canvas, {
      type: 'line',
      data: {
        labels: data.labels,
        datasets: [{
          label: label,
          data: values,
          borderColor: color,
          backgroundColor: color,
          borderWidth: 2,
          pointRadius: 0,
          spanGaps: false, // null (no value) is drawn as a gap
          tension: 0
        }]
      },
      options: {
        animation: false,
        responsive: true,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { ticks: { maxTicksLimit: 12, autoSkip: true } },
          y: { beginAtZero: true, ticks: { precision: 0 } }
        },
        plugins: { legend: { display: false } }
      }
    });
  }

  draw('chart-participants', 'Participants en ligne', data.participants, '#000091');
  draw('chart-active', 'Conférences actives', data.active, '#18753c');
  draw('chart-booked', 'Conférences réservées', data.booked, '#b34000');
})();
