// MailDev 3 REST API (under /api/): read the mails the stack sent, wait for one, clear them.
'use strict';

const config = require('./config');

async function call(method, path) {
  const response = await fetch(config.maildevUrl + path, {
    method,
    signal: AbortSignal.timeout(10000),
  });
  if (!response.ok) throw new Error(`MailDev ${method} ${path}: HTTP ${response.status}`);
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** Every mail MailDev holds: objects with id, subject, from[], to[], text, html, date... */
async function listEmails() {
  return call('GET', '/api/email');
}

/** The mails whose recipients include `address` (case-insensitive). */
async function emailsTo(address) {
  const wanted = address.toLowerCase();
  const all = await listEmails();
  return all.filter((mail) => (mail.to || []).some((to) => (to.address || '').toLowerCase() === wanted));
}

/**
 * Waits for a mail to `address`, optionally whose subject matches `subject` (string: contains;
 * RegExp: test) and that is not in `exclude` (ids). Resolves with the mail; rejects on timeout.
 */
async function waitForEmail(address, { timeoutMs = 10000, subject, exclude = [] } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await emailsTo(address)).find((mail) => {
      if (exclude.includes(mail.id)) return false;
      if (subject === undefined) return true;
      return subject instanceof RegExp ? subject.test(mail.subject) : mail.subject.includes(subject);
    });
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`no email to ${address}${subject ? ` matching ${subject}` : ''} within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Deletes every mail. */
async function deleteAllEmails() {
  await call('DELETE', '/api/email/all');
}

/** The raw RFC 5322 source of a mail (headers included). */
async function emailSource(id) {
  const response = await fetch(`${config.maildevUrl}/api/email/${encodeURIComponent(id)}/source`, {
    signal: AbortSignal.timeout(10000),
  });
  if (!response.ok) throw new Error(`MailDev source ${id}: HTTP ${response.status}`);
  return response.text();
}

/**
 * The attachment of `mail` named `fileName` as MailDev parsed it (what a mail reader sees):
 * { fileName, contentType, disposition, content } with the content decoded as UTF-8. Throws
 * when absent.
 */
async function attachmentOf(mail, fileName) {
  const found = (mail.attachments || []).find((attachment) => attachment.filename === fileName);
  if (!found) {
    const names = (mail.attachments || []).map((attachment) => attachment.filename);
    throw new Error(`no attachment ${fileName} in "${mail.subject}" (attachments: ${JSON.stringify(names)})`);
  }
  const url = `${config.maildevUrl}/api/email/${encodeURIComponent(mail.id)}/attachment/${encodeURIComponent(found.generatedFileName)}`;
  const response = await fetch(url, { signal: AbortSignal.timeout(10000) });
  if (!response.ok) throw new Error(`MailDev attachment ${fileName}: HTTP ${response.status}`);
  return {
    fileName: found.filename,
    contentType: found.contentType,
    disposition: found.contentDisposition,
    content: await response.text(),
  };
}

/** Every http(s) link found in a mail's text and HTML parts. */
function linksIn(mail) {
  const found = new Set();
  for (const part of [mail.text || '', mail.html || '']) {
    for (const match of part.matchAll(/https?:\/\/[^\s"'<>]+/g)) found.add(match[0].replace(/&amp;/g, '&'));
  }
  return [...found];
}

module.exports = { listEmails, emailsTo, waitForEmail, deleteAllEmails, emailSource, attachmentOf, linksIn };
