// HTTP client for integration tests: one Browser = one cookie jar. Never follows redirects (tests
// assert on each 30x), sends `Origin: <base>` on POSTs like a browser submitting our own forms.
'use strict';

const config = require('./config');

const DEFAULT_TIMEOUT_MS = 15000;

function parseSetCookie(line) {
  const [pair, ...attributes] = line.split(';');
  const equals = pair.indexOf('=');
  if (equals <= 0) return null;
  const cookie = {
    name: pair.slice(0, equals).trim(),
    value: pair.slice(equals + 1).trim(),
    attributes: {},
  };
  for (const attribute of attributes) {
    const [key, ...rest] = attribute.split('=');
    cookie.attributes[key.trim().toLowerCase()] = rest.length ? rest.join('=').trim() : true;
  }
  return cookie;
}

function isExpired(cookie) {
  const maxAge = cookie.attributes['max-age'];
  if (maxAge !== undefined && Number(maxAge) <= 0) return true;
  const expires = cookie.attributes.expires;
  return typeof expires === 'string' && Date.parse(expires) <= Date.now();
}

class Browser {
  /**
   * @param {object} [options]
   * @param {string} [options.baseUrl] site origin (default: the stack under test)
   * @param {Object<string,string>} [options.headers] headers sent with every request
   */
  constructor({ baseUrl = config.baseUrl, headers = {} } = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.origin = new URL(this.baseUrl).origin;
    this.defaultHeaders = headers;
    /** @type {Map<string, {name:string,value:string,attributes:object}>} */
    this.cookies = new Map();
  }

  cookieHeader() {
    return [...this.cookies.values()].map((c) => `${c.name}=${c.value}`).join('; ');
  }

  cookie(name) {
    const found = this.cookies.get(name);
    return found ? found.value : undefined;
  }

  clearCookies() {
    this.cookies.clear();
  }

  /**
   * Sends one request. `path` is relative to the base URL (or absolute).
   * options: headers, body (string/Buffer), form (object or URLSearchParams: urlencoded body),
   * origin (POST only: a string to send instead of the base origin, null to send none),
   * timeoutMs.
   * Returns { status, headers, text, location, setCookies, url, json() }.
   */
  async request(method, path, options = {}) {
    const url = /^https?:\/\//.test(path) ? path : this.baseUrl + path;
    const headers = { ...this.defaultHeaders, ...(options.headers || {}) };
    let body = options.body;
    if (options.form !== undefined) {
      body = new URLSearchParams(options.form).toString();
      headers['content-type'] = headers['content-type'] || 'application/x-www-form-urlencoded';
    }
    if (method === 'POST' && !('origin' in lowerKeys(headers))) {
      const origin = options.origin === undefined ? this.origin : options.origin;
      if (origin !== null) headers.origin = origin;
    }
    const jar = this.cookieHeader();
    if (jar && !('cookie' in lowerKeys(headers))) headers.cookie = jar;

    const response = await fetch(url, {
      method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs || DEFAULT_TIMEOUT_MS),
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const cookie = parseSetCookie(line);
      if (!cookie) continue;
      if (isExpired(cookie)) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie);
    }
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      location: response.headers.get('location'),
      setCookies,
      url,
      json: () => JSON.parse(text),
    };
  }

  get(path, options) {
    return this.request('GET', path, options);
  }

  /** POSTs `form` urlencoded. */
  post(path, form, options = {}) {
    return this.request('POST', path, { ...options, form });
  }

  /** GETs the Location of a 30x response (relative locations resolve against its URL). */
  follow(response, options) {
    if (!response.location) throw new Error(`no Location header (status ${response.status})`);
    return this.get(new URL(response.location, response.url).toString(), options);
  }
}

function lowerKeys(headers) {
  const out = {};
  for (const key of Object.keys(headers)) out[key.toLowerCase()] = headers[key];
  return out;
}

/** A fresh browser (empty cookie jar) on the stack under test. */
function newBrowser(options) {
  return new Browser(options);
}

module.exports = { Browser, newBrowser, parseSetCookie };
