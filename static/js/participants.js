// Participants page: while the tab is visible, reads /conferences/<id>/participants.json every
// few seconds and redraws the list; the action forms are sent with fetch (Accept:
// application/json) and answered with the refreshed list and a message, without a reload.
// Without JavaScript the page works the same with its forms and its "Actualiser" button.
(function () {
  'use strict';

  var REFRESH_MS = 5000;
  var app = document.getElementById('participants-app');
  if (!app || !window.fetch) {
    return;
  }
  var id = app.getAttribute('data-conference');
  var base = '/conferences/' + encodeURIComponent(id);
  var timer = null;
  var busy = false;

  function text(tag, value) {
    var cell = document.createElement(tag);
    cell.textContent = value;
    return cell;
  }

  function actionForm(path, label, hidden) {
    var item = document.createElement('li');
    var form = document.createElement('form');
    form.method = 'post';
    form.action = base + path;
    form.setAttribute('data-action', '');
    var button = document.createElement('button');
    button.className = 'fr-btn fr-btn--tertiary';
    button.type = 'submit';
    button.textContent = label;
    var extra = document.createElement('span');
    extra.className = 'fr-sr-only';
    extra.textContent = hidden;
    button.appendChild(extra);
    form.appendChild(button);
    item.appendChild(form);
    return item;
  }

  function render(data) {
    var list = document.getElementById('participants-list');
    var age = document.getElementById('participants-age');
    if (age) {
      var sentence = data.age ? 'Liste mise à jour ' + data.age + '.' : '';
      if (data.stale) {
        sentence += ' L’opérateur téléphonique n’a pas répondu : ces informations peuvent être anciennes.';
      }
      if (data.slowed) {
        sentence += ' Actualisation ralentie : le nombre d’appels à l’opérateur téléphonique est limité, la liste sera mise à jour dès que possible.';
      }
      age.textContent = sentence;
    }
    var lock = document.getElementById('lock-state');
    if (lock) {
      lock.textContent = data.locked
        ? 'Conférence verrouillée : personne ne peut plus la rejoindre'
        : 'Conférence ouverte';
    }
    if (!list) {
      return;
    }
    list.textContent = '';
    if (!data.participants.length) {
      list.appendChild(text('p', 'Personne n’est en ligne pour le moment.'));
      return;
    }
    var wrapper = document.createElement('div');
    wrapper.className = 'fr-table fr-table--no-caption';
    var table = document.createElement('table');
    table.appendChild(text('caption', 'Personnes en ligne (' + data.participants.length + ')'));
    var head = document.createElement('thead');
    var headRow = document.createElement('tr');
    ['Numéro', 'Arrivée', 'Parle', 'Micro', 'Actions'].forEach(function (label) {
      var th = text('th', label);
      th.scope = 'col';
      headRow.appendChild(th);
    });
    head.appendChild(headRow);
    table.appendChild(head);
    var body = document.createElement('tbody');
    data.participants.forEach(function (p) {
      var row = document.createElement('tr');
      row.setAttribute('data-participant', String(p.id));
      row.appendChild(text('td', p.number));
      row.appendChild(text('td', p.arrival));
      row.appendChild(text('td', p.talking ? 'Parle' : '—'));
      row.appendChild(text('td', p.speak ? 'Activé' : 'Coupé'));
      var actions = document.createElement('td');
      var group = document.createElement('ul');
      group.className = 'fr-btns-group fr-btns-group--inline fr-btns-group--sm';
      var path = '/participants/' + p.id;
      group.appendChild(p.speak
        ? actionForm(path + '/couper-micro', 'Couper le micro', ' de ' + p.number)
        : actionForm(path + '/activer-micro', 'Activer le micro', ' de ' + p.number));
      group.appendChild(actionForm(path + '/exclure', 'Exclure', ' ' + p.number));
      actions.appendChild(group);
      row.appendChild(actions);
      body.appendChild(row);
    });
    table.appendChild(body);
    wrapper.appendChild(table);
    list.appendChild(wrapper);
  }

  function say(message) {
    var status = document.getElementById('participants-message');
    if (status) {
      status.textContent = message;
    }
  }

  function refresh() {
    if (busy || document.hidden) {
      return;
    }
    busy = true;
    fetch(base + '/participants.json', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('status ' + response.status);
        }
        return response.json();
      })
      .then(render)
      .catch(function () {
        say('La liste n’a pas pu être mise à jour. Utilisez le bouton « Actualiser ».');
      })
      .then(function () {
        busy = false;
      });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute('data-action')) {
      return;
    }
    event.preventDefault();
    var button = form.querySelector('button');
    if (button) {
      button.disabled = true;
    }
    fetch(form.action, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      credentials: 'same-origin',
      body: ''
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (data) {
        if (button) {
          button.disabled = false;
        }
        if (data.participants) {
          render(data);
        }
        say(data.message || '');
        if (/verrouiller$/.test(form.action) && typeof data.locked === 'boolean' && button) {
          // The lock button turns into its opposite.
          form.action = base + (data.locked ? '/deverrouiller' : '/verrouiller');
          button.textContent = data.locked ? 'Déverrouiller la conférence' : 'Verrouiller la conférence';
        }
      })
      .catch(function () {
        form.submit();
      });
  });

  document.addEventListener('visibilitychange', function () {
    if (!document.hidden) {
      refresh();
    }
  });
  timer = window.setInterval(refresh, REFRESH_MS);
  void timer;
})();
