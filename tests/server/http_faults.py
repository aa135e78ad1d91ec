#!/usr/bin/env python3
"""The real fieldbook-server under the connection faults a phone network makes.

Usage: http_faults.py FIELDBOOK_SERVER

Starts the binary on a temporary SQLite data directory (idle timeout 2 s) and, over raw
sockets, checks what a rep's phone and a hostile client can do to it:
- clients that hang up before their reply (after the request, mid-body, with a reset),
  many at once, while other clients go on: the server stays up and answers;
- every reply reaches the connection that asked for it (each request names itself in its
  path, and its 404 answer repeats the path);
- pipelined requests are answered in order;
- slow clients (headers trickling in, or nothing at all) are closed after the idle timeout;
- a body announced larger than 8 MiB is refused with 413 before it is sent;
- oversized headers get a 4xx, not a crash.
Exits non-zero with a reason on the first failure; prints "N passed, 0 failed" at the end.
"""
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

BIN = sys.argv[1]
TMP = tempfile.mkdtemp(prefix="fieldbook-http-faults.")
# X-Fieldbook-Schema: the newest the server names in /v1/health, set by main().
HEADERS = ""
passed = 0
server = None


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    if server is not None:
        server.kill()
        server.wait()
        with open(os.path.join(TMP, "server.err"), errors="replace") as f:
            sys.stderr.write("--- server stderr (tail)\n" + "".join(f.readlines()[-30:]))
    shutil.rmtree(TMP, ignore_errors=True)
    print("%d passed, 1 failed" % passed)
    sys.exit(1)


def ok(what):
    global passed
    passed += 1
    print("ok: " + what)


def start():
    global server
    data = os.path.join(TMP, "data")
    subprocess.run([BIN, "admin", "--data", data, "add-team", "north"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([BIN, "admin", "--data", data, "add-user", "li.na", "--name", "Li", "--role", "rep",
                    "--team", "north", "--password", "secret123"], check=True, stdout=subprocess.DEVNULL)
    out = open(os.path.join(TMP, "server.out"), "w")
    err = open(os.path.join(TMP, "server.err"), "w")
    server = subprocess.Popen([BIN, "--data", data, "--port", "0", "--idle-timeout", "2"], stdout=out, stderr=err)
    for _ in range(200):
        with open(os.path.join(TMP, "server.out")) as f:
            m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", f.read())
        if m:
            return int(m.group(1))
        if server.poll() is not None:
            fail("the server exited at start")
        time.sleep(0.05)
    fail("the server did not start")


def alive(what):
    if server.poll() is not None:
        fail("the server died (exit %s) after %s" % (server.returncode, what))


def connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def read_response(s, buffered=b""):
    """One HTTP/1.1 response from s: (status, headers, body, rest of the buffer)."""
    data = buffered
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        if not chunk:
            raise ConnectionError("closed before a response")
        data += chunk
    head, data = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while True:
            while b"\r\n" not in data:
                data += s.recv(65536)
            size_line, data = data.split(b"\r\n", 1)
            size = int(size_line.split(b";")[0], 16)
            while len(data) < size + 2:
                data += s.recv(65536)
            body, data = body + data[:size], data[size + 2:]
            if size == 0:
                break
        return status, headers, body, data
    length = int(headers.get("content-length", "0"))
    while len(data) < length:
        chunk = s.recv(65536)
        if not chunk:
            raise ConnectionError("closed mid-body")
        data += chunk
    return status, headers, data[:length], data[length:]


def request(port, method, path, body=b"", extra=""):
    s = connect(port)
    try:
        s.sendall(("%s %s HTTP/1.1\r\nHost: x\r\n%sContent-Length: %d\r\n%s\r\n" %
                   (method, path, HEADERS, len(body), extra)).encode() + body)
        return read_response(s)[:3]
    finally:
        s.close()


def sign_in_body(device):
    return json.dumps({"login": "li.na", "password": "secret123", "device_id": device,
                       "device_name": "test"}).encode()


def push_body(device):
    return json.dumps({"device_id": device, "changes": []}).encode()


def main():
    global HEADERS
    port = start()
    status, _, body = request(port, "GET", "/v1/health")
    if status != 200:
        fail("health answered %d" % status)
    HEADERS = ("Content-Type: application/json\r\nX-Fieldbook-Protocol: 2\r\nX-Fieldbook-Schema: %d\r\n" %
               max(json.loads(body)["schema"]))
    device = "0190a000-0000-7000-8000-0000000000d1"
    status, _, body = request(port, "POST", "/v1/auth/sign-in", sign_in_body(device))
    if status != 200:
        fail("sign-in answered %d %s" % (status, body))
    token = json.loads(body)["token"]
    auth = "Authorization: Bearer %s\r\n" % token

    # 1. Hang-ups in every phase, many at once, while well-behaved clients go on and check
    #    that each answer is theirs.
    errors = []

    def hang_up(kind, n):
        try:
            s = connect(port)
            if kind == "after-request":  # a killed phone, Cancel, a client timeout
                b = sign_in_body("0190a000-0000-7000-8000-%012x" % (0xe000 + n))
                s.sendall(("POST /v1/auth/sign-in HTTP/1.1\r\nHost: x\r\n%sContent-Length: %d\r\n\r\n" %
                           (HEADERS, len(b))).encode() + b)
            elif kind == "after-push":
                b = push_body(device)
                s.sendall(("POST /v1/sync/push HTTP/1.1\r\nHost: x\r\n%s%sContent-Length: %d\r\n\r\n" %
                           (HEADERS, auth, len(b))).encode() + b)
            elif kind == "mid-body":
                s.sendall(("POST /v1/sync/pull HTTP/1.1\r\nHost: x\r\n%s%sContent-Length: 5000\r\n\r\n{\"dev" %
                           (HEADERS, auth)).encode())
            elif kind == "mid-headers":
                s.sendall(b"POST /v1/sync/pull HTTP/1.1\r\nHost: x\r\nContent-Ty")
            if kind == "reset" or n % 2:
                # RST instead of FIN
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            s.close()
        except OSError as e:
            errors.append("hang-up client: %s" % e)

    def honest(n):
        try:
            for i in range(5):
                path = "/v1/mine-%d-%d" % (n, i)
                status, _, body = request(port, "GET", path)
                message = json.loads(body).get("message", "")
                if status != 404 or path not in message:
                    errors.append("client %d asked for %s and got %d %s" % (n, path, status, message))
        except (OSError, ValueError) as e:
            errors.append("honest client %d: %s" % (n, e))

    threads = []
    kinds = ["after-request", "after-push", "mid-body", "mid-headers", "reset"]
    for n in range(100):
        threads.append(threading.Thread(target=hang_up, args=(kinds[n % len(kinds)], n)))
        if n % 4 == 0:
            threads.append(threading.Thread(target=honest, args=(n,)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    time.sleep(1.0)  # let the server finish the abandoned requests
    alive("100 clients hung up early")
    if errors:
        fail("; ".join(errors[:5]))
    status, _, _ = request(port, "GET", "/v1/health")
    if status != 200:
        fail("health answered %d after the hang-ups" % status)
    ok("100 early hang-ups (after the request, mid-body, mid-headers, reset): the server stays up")
    ok("every reply reached the client that asked for it (125 requests alongside the hang-ups)")

    # 2. Pipelining: three requests in one write, answered in order.
    s = connect(port)
    s.sendall(b"".join(("GET %s HTTP/1.1\r\nHost: x\r\n\r\n" % p).encode()
                       for p in ["/v1/first", "/v1/health", "/v1/third"]))
    buffered = b""
    answers = []
    for _ in range(3):
        status, _, body, buffered = read_response(s, buffered)
        answers.append((status, body))
    s.close()
    if not (answers[0][0] == 404 and b"/v1/first" in answers[0][1] and answers[1][0] == 200 and
            answers[2][0] == 404 and b"/v1/third" in answers[2][1]):
        fail("pipelined requests answered out of order: %s" % answers)
    ok("pipelined requests are answered in order")

    # 3. Slow clients: trickling headers and silent connections are closed after the idle
    #    timeout (2 s here), and the server keeps answering meanwhile.
    slow = []
    for n in range(50):
        s = connect(port)
        if n % 2:
            s.sendall(b"POST /v1/sync/pull HTTP/1.1\r\nHost: x\r\n")
        slow.append(s)
    status, _, _ = request(port, "GET", "/v1/health")
    if status != 200:
        fail("health answered %d beside 50 slow clients" % status)
    deadline = time.time() + 8
    closed = 0
    for s in slow:
        s.settimeout(max(0.1, deadline - time.time()))
        try:
            data = s.recv(65536)
            # Closed (b"") or answered with an error and then closed: both end the connection.
            if data == b"" or data.startswith(b"HTTP/1.1 4") or data.startswith(b"HTTP/1.1 5"):
                closed += 1
        except socket.timeout:
            pass
        except ConnectionResetError:
            closed += 1
        s.close()
    if closed != len(slow):
        fail("%d of %d slow connections were still open 8 s after an idle timeout of 2 s" %
             (len(slow) - closed, len(slow)))
    alive("slow clients")
    ok("50 slow or silent connections are closed after the idle timeout")

    # 4. A 50 MB body is refused before it is sent.
    s = connect(port)
    started = time.time()
    s.sendall(("POST /v1/sync/push HTTP/1.1\r\nHost: x\r\n%s%sContent-Length: %d\r\n\r\n" %
               (HEADERS, auth, 50 * 1024 * 1024)).encode())
    status, _, body, _ = read_response(s)
    s.close()
    if status != 413 or json.loads(body).get("error") != "too_large":
        fail("a 50 MB announced body got %d %s" % (status, body))
    if time.time() - started > 1.5:
        fail("the 413 for a 50 MB body took %.1f s: the body was waited for" % (time.time() - started))
    ok("a 50 MB body is refused with 413 before it is sent")

    # 5. A chunked body over the limit is refused too (sent up to the limit, no further).
    s = connect(port)
    s.sendall(("POST /v1/sync/push HTTP/1.1\r\nHost: x\r\n%s%sTransfer-Encoding: chunked\r\n\r\n" %
               (HEADERS, auth)).encode())
    chunk = b"x" * (1024 * 1024)
    status = None
    try:
        for _ in range(10):
            s.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        s.sendall(b"0\r\n\r\n")
        status, _, body, _ = read_response(s)
    except (ConnectionError, OSError):
        status = "closed"
    s.close()
    if status not in (413, "closed"):
        fail("a 10 MiB chunked body got %s" % status)
    alive("a chunked body over the limit")
    ok("a chunked body over 8 MiB is refused (%s)" % status)

    # 6. Oversized headers.
    s = connect(port)
    s.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100000 + b"\r\n\r\n")
    try:
        status, _, _, _ = read_response(s)
    except (ConnectionError, OSError):
        status = "closed"
    s.close()
    if status != "closed" and not (400 <= status < 500):
        fail("100 kB of headers got %s" % status)
    alive("oversized headers")
    ok("100 kB of headers are refused (%s)" % status)

    # 7. Still whole: a sign-in, a push and a pull on one kept-alive connection.
    s = connect(port)
    b = push_body(device)
    s.sendall(("POST /v1/sync/push HTTP/1.1\r\nHost: x\r\n%s%sContent-Length: %d\r\n\r\n" %
               (HEADERS, auth, len(b))).encode() + b)
    status1, _, _, rest = read_response(s)
    b = json.dumps({"device_id": device, "cursor": "", "limit": 10}).encode()
    s.sendall(("POST /v1/sync/pull HTTP/1.1\r\nHost: x\r\n%s%sContent-Length: %d\r\n\r\n" %
               (HEADERS, auth, len(b))).encode() + b)
    status2, _, body2, _ = read_response(s, rest)
    s.close()
    if status1 != 200 or status2 != 200 or "records" not in json.loads(body2):
        fail("push/pull on one connection answered %s/%s" % (status1, status2))
    ok("push and pull on one kept-alive connection")

    server.terminate()
    server.wait(timeout=10)
    shutil.rmtree(TMP, ignore_errors=True)
    print("%d passed, 0 failed" % passed)


if __name__ == "__main__":
    try:
        main()
    except SystemExit:
        raise
    except BaseException as e:  # anything unexpected is a failure with the server's log
        fail("%s: %s" % (type(e).__name__, e))
