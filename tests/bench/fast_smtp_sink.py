#!/usr/bin/python3
"""Fast SMTP sink for scripts/bench: accepts every message, keeps nothing but a count.

  fast_smtp_sink.py --port N [--ready-file F]

Plain asyncio (no aiosmtpd, no MIME parsing, no disk) so the sink is never the bottleneck of a
benchmark. Speaks just enough SMTP for libcurl: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
The extra command XCOUNT answers "250 <messages accepted so far>" (the bench checks that the mails
it caused really arrived). Stops on SIGTERM or SIGINT.
"""
import argparse
import asyncio
import signal
import sys

COUNT = 0


class Session(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        self.buffer = b""
        self.in_data = False
        transport.write(b"220 bench-sink ESMTP\r\n")

    def data_received(self, data):
        global COUNT
        self.buffer += data
        replies = []
        while True:
            if self.in_data:
                # The message ends with CRLF.CRLF; the data itself is dropped.
                end = self.buffer.find(b"\r\n.\r\n")
                if end < 0:
                    # Keep only a tail long enough to hold a terminator split across reads.
                    self.buffer = self.buffer[-4:]
                    break
                self.buffer = self.buffer[end + 5:]
                self.in_data = False
                COUNT += 1
                replies.append(b"250 OK queued\r\n")
                continue
            end = self.buffer.find(b"\r\n")
            if end < 0:
                break
            line = self.buffer[:end]
            self.buffer = self.buffer[end + 2:]
            verb = line[:4].upper()
            if verb == b"EHLO":
                replies.append(b"250-bench-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 10485760\r\n")
            elif verb == b"DATA":
                self.in_data = True
                replies.append(b"354 End data with <CR><LF>.<CR><LF>\r\n")
            elif verb == b"QUIT":
                replies.append(b"221 Bye\r\n")
                self.transport.write(b"".join(replies))
                self.transport.close()
                return
            elif verb == b"XCOU":
                replies.append(b"250 %d\r\n" % COUNT)
            else:  # HELO, MAIL, RCPT, RSET, NOOP
                replies.append(b"250 OK\r\n")
        if replies:
            self.transport.write(b"".join(replies))


async def serve(args):
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Session, host="127.0.0.1", port=args.port, backlog=512)
    if args.ready_file:
        with open(args.ready_file, "w") as out:
            out.write(str(server.sockets[0].getsockname()[1]))
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--ready-file")
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
