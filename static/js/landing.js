// Landing page: sends the browser's time zone with the booking form, so that a conference
// booked "for the day" ends at midnight where the agent is. Without JavaScript the fields stay
// empty and the server uses its own time zone. It also marks the email field invalid when the
// page comes back with an error alert.
(function () {
  'use strict';

  var offsetField = document.getElementById('userTimezoneOffset');
  if (offsetField) {
    offsetField.value = String(new Date().getTimezoneOffset());
  }

  var zoneField = document.getElementById('userTimeZone');
  if (zoneField && window.Intl && typeof Intl.DateTimeFormat === 'function') {
    try {
      zoneField.value = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    } catch (e) {
      zoneField.value = '';
    }
  }

  // A refusal comes back as an error alert in #messages (which the email field's
  // aria-describedby already points to): mark the field invalid too, DSFR style.
  var email = document.getElementById('email');
  var messages = document.getElementById('messages');
  if (email && messages && messages.querySelector('.fr-alert--error')) {
    email.setAttribute('aria-invalid', 'true');
    email.classList.add('fr-input--error');
    if (email.parentNode && email.parentNode.classList) {
      email.parentNode.classList.add('fr-input-group--error');
    }
  }
})();
