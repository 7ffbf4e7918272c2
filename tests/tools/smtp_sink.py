#!/usr/bin/python3
"""SMTP sink for the mailer tests (run with Debian's /usr/bin/python3, which has aiosmtpd).

Listens on 127.0.0.1 (port 0 = any free port), prints the bound port on stdout, then stores
each accepted message as NNNN.eml (raw bytes) and NNNN.json (envelope, client port and the
message as parsed by Python's own email package, an independent MIME decoder).
Optional --auth USER:PASSWORD requires SMTP AUTH (PLAIN/LOGIN, allowed without TLS: loopback
test only). Refusals on demand, for the tests of refused addresses: a recipient (RCPT TO) or a
sender (MAIL FROM) whose local part starts with "refuse-NNN" (NNN: an SMTP code, e.g.
refuse-550.agent@example.gouv.fr) gets the reply NNN, as a relay refusing a mailbox would.
Stops on SIGTERM or SIGINT.
"""
import argparse
import asyncio
import email
import email.policy
import json
import logging
import os
import signal
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


REPLIES = {
    "4": "Requested action not taken: try again later",
    "5": "5.1.1 Requested action not taken: mailbox unavailable",
}


def refusal(address):
    """The reply for an address asking to be refused ("refuse-NNN..."), else None."""
    local = address.split("@", 1)[0]
    if local.startswith("refuse-") and local[7:10].isdigit() and local[7] in REPLIES:
        return f"{local[7:10]} {REPLIES[local[7]]}"
    return None


class Store:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        refused = refusal(address)
        if refused:
            return refused
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        refused = refusal(address)
        if refused:
            return refused
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.directory, f"{self.count:04d}")
        raw = envelope.original_content or b""
        message = email.message_from_bytes(raw, policy=email.policy.default)
        text = message.get_body(("plain",))
        html = message.get_body(("html",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "client_port": session.peer[1] if session.peer else None,
            "ehlo": session.host_name,
            "headers": {
                name: str(message[name])
                for name in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version")
                if message[name] is not None
            },
            "content_type": message.get_content_type(),
            "text": text.get_content() if text is not None else None,
            "html": html.get_content() if html is not None else None,
            "defects": [repr(d) for d in message.defects]
            + [repr(d) for part in message.walk() for d in part.defects],
        }
        # Write to temporary names, then rename, so a reader never sees half a file.
        for suffix, data in ((".eml", raw), (".json", json.dumps(record).encode())):
            with open(base + suffix + ".tmp", "wb") as out:
                out.write(data)
            os.replace(base + suffix + ".tmp", base + suffix)
        return "250 Message accepted"


def make_authenticator(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == user.encode()
            and auth_data.password == password.encode()
        )
        # handled=False: aiosmtpd then sends the 235 / 535 reply itself.
        return AuthResult(success=ok, handled=False)

    return authenticate


async def serve(args):
    os.makedirs(args.dir, exist_ok=True)
    handler = Store(args.dir)
    options = {"hostname": "sink.test"}
    if args.auth:
        user, _, password = args.auth.partition(":")
        options.update(
            authenticator=make_authenticator(user, password),
            auth_required=True,
            auth_require_tls=False,
        )
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, loop=loop, **options), host="127.0.0.1", port=args.port
    )
    print(server.sockets[0].getsockname()[1], flush=True)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.close()
    await server.wait_closed()


def main():
    # Plain AUTH without TLS is deliberate here (loopback test sink): silence its warnings.
    warnings.simplefilter("ignore")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True, help="where to store the messages")
    parser.add_argument("--port", type=int, default=0, help="0 = any free port")
    parser.add_argument("--auth", help="USER:PASSWORD to require SMTP AUTH")
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
