// MIME builder: turns a MailMessage into the RFC 5322 text handed to the SMTP relay.
#pragma once

#include <string>

#include "common/ports/clock.hpp"
#include "common/ports/mailer.hpp"
#include "common/ports/random.hpp"

namespace audioconf::mail {

/// The complete message with CRLF line ends, ready for SMTP DATA:
/// - From: "name" <address>; the name as RFC 2047 UTF-8 encoded-words when it is not plain
///   ASCII (e.g. "CoucouCollègues"); To: the single address;
/// - Subject: plain when short printable ASCII, otherwise UTF-8 B encoded-words folded so that
///   no header line exceeds 76 characters;
/// - Date (RFC 5322, UTC "+0000") from `date`; Message-ID <random@sender-domain>; MIME-Version;
/// - multipart/alternative (random boundary) with text/plain then text/html, both UTF-8
///   quoted-printable; a text-only message when html_body is empty;
/// - with attachments: multipart/mixed (another random boundary) holding that part first, then
///   each file as base64 in lines of 76 characters, with its Content-Type (plus name=) and
///   Content-Disposition: attachment; filename=. A filename or content type that is not plain
///   printable ASCII without '"' or '\\' throws MailError("invalid header field: attachment ...").
/// Bodies may use LF or CRLF; every line end becomes CRLF. A line starting with "." is encoded
/// as "=2E", so no body can end the SMTP DATA early even before curl's dot-stuffing.
/// Header injection is impossible: any control character (CR, LF, NUL, ...) in from_name,
/// from_address, to_address or subject, or an address that is not exactly one plain ASCII
/// address (no ',', '<', '>', '"', ';', spaces, ...; one '@'), throws
/// MailError("invalid header field: <member>"), naming the member, never the value.
[[nodiscard]] std::string build_mime(const MailMessage& message, TimePoint date,
                                     RandomSource& random);

/// RFC 5322 date-time in UTC, e.g. "Thu, 26 Nov 2026 09:05:03 +0000".
[[nodiscard]] std::string rfc5322_date(TimePoint date);

}  // namespace audioconf::mail
