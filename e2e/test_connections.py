"""The server as a patient or careless client meets it, over raw sockets: connections that stop
sending are closed, while everyone else is served."""
import os
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


def is_closed(sock, wait):
    """Whether the server has closed the connection (after answering or not) within `wait` s."""
    sock.settimeout(wait)
    try:
        while True:
            data = sock.recv(65536)
            if not data:
                return True
    except (socket.timeout, TimeoutError):
        return False
    except ConnectionResetError:
        return True


def counted(base_url, status):
    """How many POST /sign-in answers /metrics has counted with this status."""
    with urllib.request.urlopen(base_url + "/metrics", timeout=5) as response:
        text = response.read().decode()
    prefix = 'kanssa_http_requests_total{method="POST",route="/sign-in",status="%d"} ' % status
    return sum(int(float(line[len(prefix):])) for line in text.splitlines() if line.startswith(prefix))


def test_clients_that_stop_sending_are_closed_while_others_are_served(base_url, address):
    refused_before, failed_before = counted(base_url, 400), counted(base_url, 500)
    half_heads = [connect(address, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ") for _ in range(60)]
    half_bodies = [
        connect(address, b"POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                         b"Content-Length: 1000\r\n\r\nlogin=someone")
        for _ in range(20)
    ]
    started = time.monotonic()
    # Others are served meanwhile.
    for _ in range(5):
        with urllib.request.urlopen(base_url + "/healthz", timeout=5) as response:
            assert response.status == 200
    deadline = started + TIMEOUT + 8
    for sock in half_heads + half_bodies:
        assert is_closed(sock, max(0.5, deadline - time.monotonic())), "a stalled connection was still open"
        sock.close()
    assert time.monotonic() - started >= TIMEOUT - 1, "closed before the client had its time"
    with urllib.request.urlopen(base_url + "/healthz", timeout=5) as response:
        assert response.status == 200
    # A body cut short is the client's doing: counted as 400, never as the server's 500.
    assert counted(base_url, 500) == failed_before
    assert counted(base_url, 400) - refused_before == len(half_bodies)
