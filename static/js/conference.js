// Conference page: the access code is never sent to the server; it travels in the URL fragment
// (/conferences/<id>#123456789). This script shows it grouped by three, makes the phone link
// dial it automatically (tel:+33...,,CODE#), and keeps the fragment on links marked
// data-keep-code (cancel page and back). Without JavaScript, or without a valid fragment, the
// page explains that the code is in the confirmation email.
(function () {
  'use strict';

  var CODE_PATTERN = /^#(\d{9})$/;
  var PHONE_PATTERN = /^\+?\d{4,20}$/;

  function spokenDigits(group) {
    return group.split('').join(' ');
  }

  function showCode(code) {
    var block = document.getElementById('access-code-block');
    var target = document.getElementById('access-code');
    var missing = document.getElementById('access-code-missing');
    if (!block || !target) {
      return;
    }
    var groups = [code.slice(0, 3), code.slice(3, 6), code.slice(6, 9)];

    // Seen: "123 456 789". Heard: digit by digit, with a pause between groups.
    var visible = document.createElement('span');
    visible.setAttribute('aria-hidden', 'true');
    visible.textContent = groups.join(' ');
    var spoken = document.createElement('span');
    spoken.className = 'fr-sr-only';
    spoken.textContent = groups.map(spokenDigits).join(', ');
    target.textContent = '';
    target.appendChild(visible);
    target.appendChild(spoken);

    block.hidden = false;
    if (missing) {
      missing.hidden = true;
    }
  }

  function dialWithCode(code) {
    var link = document.getElementById('phone-link');
    if (!link) {
      return;
    }
    var phone = link.getAttribute('data-phone') || '';
    if (PHONE_PATTERN.test(phone)) {
      // ",," waits before dialling the code; "%23" is the "#" key that ends it.
      link.setAttribute('href', 'tel:' + phone + ',,' + code + '%23');
    }
  }

  function keepCodeOnLinks(code) {
    var links = document.querySelectorAll('a[data-keep-code]');
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute('href') || '';
      links[i].setAttribute('href', href.split('#')[0] + '#' + code);
    }
  }

  function apply() {
    var match = CODE_PATTERN.exec(window.location.hash);
    if (!match) {
      return;
    }
    showCode(match[1]);
    dialWithCode(match[1]);
    keepCodeOnLinks(match[1]);
  }

  apply();
  window.addEventListener('hashchange', apply);
})();
