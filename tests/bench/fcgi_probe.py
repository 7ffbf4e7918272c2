#!/usr/bin/python3
"""Time from exec of a FastCGI handler to its first answer (scripts/bench).

  fcgi_probe.py ENV_FILE PROGRAM PATH [RUNS]

Binds a fresh unix socket and listens on it, starts PROGRAM with that socket as fd 0 (what
spawn-fcgi does) and the environment of ENV_FILE (NUL-separated, e.g. /proc/PID/environ of a
running worker), sends one FastCGI GET PATH at once (the kernel queues it until the handler
accepts), and stops the clock at the end of the answer. Prints one JSON line: the median, all runs,
and whether the answer had a Status or Content-Type header.
"""
import json
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time


def record(kind, request_id, content):
    return struct.pack("!BBHHBx", 1, kind, request_id, len(content), 0) + content


def pair(name, value):
    def length(n):
        return bytes([n]) if n < 128 else struct.pack("!I", n | 0x80000000)
    name, value = name.encode(), value.encode()
    return length(len(name)) + length(len(value)) + name + value


def fcgi_get(path):
    params = b"".join(pair(k, v) for k, v in {
        "REQUEST_METHOD": "GET", "DOCUMENT_URI": path, "REQUEST_URI": path, "QUERY_STRING": "",
        "SERVER_NAME": "localhost", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "localhost"}.items())
    return (record(1, 1, struct.pack("!HB5x", 1, 0)) + record(4, 1, params) + record(4, 1, b"")
            + record(5, 1, b""))


def read_answer(conn):
    stdout, buffer = b"", b""
    while True:
        chunk = conn.recv(65536)
        if not chunk:
            return stdout
        buffer += chunk
        while len(buffer) >= 8:
            _, kind, _, length, padding = struct.unpack("!BBHHB", buffer[:7])
            if len(buffer) < 8 + length + padding:
                break
            content, buffer = buffer[8:8 + length], buffer[8 + length + padding:]
            if kind == 6:
                stdout += content
            elif kind == 3:  # END_REQUEST
                return stdout


def probe(env, program, path, directory):
    sock_path = os.path.join(directory, "probe.sock")
    if os.path.exists(sock_path):
        os.unlink(sock_path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(sock_path)
    listener.listen(16)
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    start = time.monotonic()
    child = subprocess.Popen([program], stdin=listener.fileno(), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env=env, close_fds=True)
    client.connect(sock_path)
    client.sendall(fcgi_get(path))
    answer = read_answer(client)
    elapsed = (time.monotonic() - start) * 1000
    client.close()
    listener.close()
    child.terminate()
    try:
        child.wait(timeout=3)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
    head = answer[:400].lower()
    return elapsed, (b"status:" in head or b"content-type:" in head)


def main():
    env_file, program, path = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    with open(env_file, "rb") as f:
        env = dict(item.decode().split("=", 1) for item in f.read().split(b"\0") if b"=" in item)
    results = []
    with tempfile.TemporaryDirectory() as directory:
        for _ in range(runs):
            results.append(probe(env, program, path, directory))
    times = sorted(ms for ms, _ in results)
    print(json.dumps({"handler": os.path.basename(program), "path": path, "ms": times[len(times) // 2],
                      "runs_ms": [round(ms, 2) for ms, _ in results],
                      "ok": all(ok for _, ok in results)}))


if __name__ == "__main__":
    sys.exit(main())
