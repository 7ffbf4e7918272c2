// The OVH emulator's control API (/_emulator/...): state, reset, seed, fault injection.
// The paths of seed and faults follow tests/ovh_emulator's README; `control` reaches any other.
'use strict';

const config = require('./config');

/** Calls the emulator's control API; returns the parsed JSON answer (or null when empty). */
async function control(method, path, body) {
  const response = await fetch(config.emulatorUrl + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`emulator ${method} ${path}: HTTP ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** {"rooms":[{serviceName, roomNumber, pin, expirationDate, ...}], "participants":..., "histories":...} */
function state() {
  return control('GET', '/_emulator/state');
}

/** Forgets every room, participant, history and fault. */
function reset() {
  return control('POST', '/_emulator/reset');
}

/** Adds rooms, participants or histories (see the emulator's README for the shape). */
function seed(data) {
  return control('POST', '/_emulator/seed', data);
}

/** Injects a fault, e.g. { method: 'POST', path: '.../rooms', status: 500, count: 1 } or a delay. */
function addFault(fault) {
  return control('POST', '/_emulator/faults', fault);
}

/** Removes every injected fault. */
function clearFaults() {
  return control('DELETE', '/_emulator/faults');
}

/** The room with this number, or undefined. */
async function room(roomNumber) {
  const current = await state();
  return (current.rooms || []).find((r) => String(r.roomNumber) === String(roomNumber));
}

module.exports = { control, state, reset, seed, addFault, clearFaults, room };
