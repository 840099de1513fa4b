"""The server as a patient, careless or hostile client meets it, over raw sockets: connections
that stop sending are closed while everyone else is served, and heads too long to read get an
answer with the usual headers rather than a dropped connection."""
import os
import re
import socket
import time
import urllib.request
from urllib.parse import urlparse

import pytest

TIMEOUT = float(os.environ.get("KANSSA_CLIENT_TIMEOUT_SECONDS", "10"))


@pytest.fixture(scope="module")
def address(base_url):
    url = urlparse(base_url)
    return url.hostname, url.port or 80


def connect(address, first_bytes):
    sock = socket.create_connection(address, timeout=5)
    sock.sendall(first_bytes)
    return sock


def read_until_closed(sock, wait):
    """What the server sent before closing the connection, or None if it is still open after `wait` s."""
    sock.settimeout(wait)
    received = b""
    try:
        while True:
            data = sock.recv(65536)
            if not data:
                return received
            received += data
    except (socket.timeout, TimeoutError):
        return None
    except ConnectionResetError:
        return received


def refused(base_url):
    """/metrics' count of requests refused before the application saw them, by reason."""
    with urllib.request.urlopen(base_url + "/metrics", timeout=5) as response:
        text = response.read().decode()
    return {m.group(1): int(float(m.group(2))) for m in re.finditer(r'kanssa_http_refused_total\{reason="([^"]+)"\} (\S+)', text)}


def test_clients_that_stop_sending_are_closed_while_others_are_served(base_url, address):
    before = refused(base_url)
    half_heads = [connect(address, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ") for _ in range(60)]
    half_bodies = [
        connect(address, b"POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                         b"Content-Length: 1000\r\n\r\nlogin=someone")
        for _ in range(20)
    ]
    started = time.monotonic()
    for _ in range(5):
        with urllib.request.urlopen(base_url + "/healthz", timeout=5) as response:
            assert response.status == 200
    deadline = started + TIMEOUT + 8
    for sock in half_heads:
        assert read_until_closed(sock, max(0.5, deadline - time.monotonic())) == b"", "a stalled head was not closed"
        sock.close()
    for sock in half_bodies:
        answer = read_until_closed(sock, max(0.5, deadline - time.monotonic()))
        assert answer is not None, "a stalled body was not closed"
        assert answer.startswith(b"HTTP/1.1 408 "), answer[:60]
        sock.close()
    assert time.monotonic() - started >= TIMEOUT - 1, "closed before the client had its time"
    with urllib.request.urlopen(base_url + "/healthz", timeout=5) as response:
        assert response.status == 200
    after = refused(base_url)
    assert after.get("head-timeout", 0) - before.get("head-timeout", 0) == len(half_heads)
    assert after.get("body-timeout", 0) - before.get("body-timeout", 0) == len(half_bodies)


@pytest.mark.parametrize("request_bytes,status", [
    (b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 200_000 + b"\r\n\r\n", 431),
    (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-Many-%d: %s\r\n" % (i, b"c" * 100) for i in range(400)) + b"\r\n", 431),
])
def test_heads_too_long_get_a_page_with_the_usual_headers(address, request_bytes, status):
    sock = socket.create_connection(address, timeout=5)
    try:
        sock.sendall(request_bytes)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server may answer and close before reading everything
    answer = read_until_closed(sock, 5) or b""
    sock.close()
    head, _, page = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 %d " % status), head[:80]
    for header in [b"Content-Security-Policy:", b"X-Content-Type-Options: nosniff", b"X-Frame-Options: DENY",
                   b"cache-control: no-store", b"connection: close"]:
        assert header.lower() in head.lower(), header
    assert b"<html lang=" in page and b"Go to the home page" in page
