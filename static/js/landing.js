// Landing page: sends the browser's time zone with the booking form, so that a conference
// booked "for the day" ends at midnight where the agent is. Without JavaScript the fields stay
// empty and the server uses its own time zone.
// (An address refused by the server comes back marked invalid by the page itself.)
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
})();
