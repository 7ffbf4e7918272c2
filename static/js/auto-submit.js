// Submits at once every form marked data-auto-submit (the "Créer ma conférence" page), so that
// agents clicking the link from their email see no extra step. Mail-security scanners that only
// fetch the page (GET) create nothing. Without JavaScript the form's button stays available.
(function () {
  'use strict';

  var WAITING_LABEL = 'Création de la conférence en cours…';
  var forms = document.querySelectorAll('form[data-auto-submit]');

  function setBusy(form, busy) {
    var buttons = form.querySelectorAll('button[type="submit"]');
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      if (!button.hasAttribute('data-label')) {
        button.setAttribute('data-label', button.textContent);
      }
      button.disabled = busy;
      button.textContent = busy ? WAITING_LABEL : button.getAttribute('data-label');
    }
  }

  for (var i = 0; i < forms.length; i++) {
    setBusy(forms[i], true);
    forms[i].submit();
  }

  // Coming back with the browser's back button restores this page from its cache without
  // running the script again: give the button back instead of leaving it disabled.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) {
      return;
    }
    for (var j = 0; j < forms.length; j++) {
      setBusy(forms[j], false);
    }
  });
})();
