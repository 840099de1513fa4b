"""Crash check: kill -9 the server while 48 clients check in as 16 citizens; every check-in the
server acknowledged (303) must be in the SQLite file afterwards.

    python3 scripts/crash-check.py BIN DATA_DIR [SECONDS]

DATA_DIR holds a database made by `kanssa seed-scale --citizens 2000` (citizen-0, -125, … -1875
@scale.test). It is written to: use a copy. A kill of the process tests that nothing is
acknowledged before its commit; it does not test the disk's own flushing (a power cut would)."""
import http.client, os, re, signal, subprocess, sys, threading, time, sqlite3, urllib.parse
BIN = sys.argv[1]; DATA = sys.argv[2]; SECONDS = float(sys.argv[3]) if len(sys.argv) > 3 else 4
PORT = 8097
env = dict(os.environ, KANSSA_SECRET="benchmark-secret-benchmark-secret-0123456789", KANSSA_DATA_DIR=DATA, LOG_LEVEL="warning")
server = subprocess.Popen([BIN, "serve", "--port", str(PORT)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(100):
    try:
        c = http.client.HTTPConnection("127.0.0.1", PORT); c.request("GET", "/healthz"); c.getresponse().read(); break
    except Exception: time.sleep(0.3)

def cookies(resp, jar):
    for k, v in resp.getheaders():
        if k.lower() == "set-cookie":
            name, val = v.split(";")[0].split("=", 1); jar[name] = val
def header(jar): return "; ".join(f"{k}={v}" for k, v in jar.items())
def token(body): return re.search(r'name="_csrf" value="([^"]*)"', body).group(1)

people = []
for i in range(16):
    jar = {}; c = http.client.HTTPConnection("127.0.0.1", PORT)
    c.request("GET", "/sign-in"); r = c.getresponse(); b = r.read().decode(); cookies(r, jar)
    form = urllib.parse.urlencode({"_csrf": token(b), "login": f"citizen-{i*125}@scale.test", "password": "scale-benchmark-2026"})
    c.request("POST", "/sign-in", form, {"Cookie": header(jar), "Content-Type": "application/x-www-form-urlencoded"}); r = c.getresponse(); r.read(); cookies(r, jar)
    c.request("GET", "/me", headers={"Cookie": header(jar)}); r = c.getresponse(); b = r.read().decode(); cookies(r, jar)
    people.append((header(jar), token(b)))

acked = [0]; lock = threading.Lock(); stop = [False]
start = time.time()
def work(n):
    cookie, tok = people[n % 16]
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    while not stop[0]:
        try:
            c.request("POST", "/plan/check-ins", f"_csrf={tok}&rating-home={n % 10 + 1}", {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
            r = c.getresponse(); r.read()
            if r.status == 303:
                with lock: acked[0] += 1
        except Exception:
            return
threads = [threading.Thread(target=work, args=(n,)) for n in range(48)]
for t in threads: t.start()
time.sleep(SECONDS)
server.send_signal(signal.SIGKILL); server.wait(); stop[0] = True
for t in threads: t.join()
db = sqlite3.connect(f"{DATA}/kanssa.sqlite")
stored = db.execute("SELECT COUNT(*) FROM check_ins WHERE created_at >= ?", (start - 1,)).fetchone()[0]
lost = max(0, acked[0] - stored)
print(f"acknowledged {acked[0]}, stored {stored}, lost {lost}")
sys.exit(1 if lost else 0)
