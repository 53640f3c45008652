"""Limits as an attacker on the school's network meets them (docs/security.md, "Measured").

Start a server first, e.g. `./target/debug/samraad --db mem:// --addr 127.0.0.1:3993`, then
`ulimit -n 4096; python3 docs/bench/limits.py 3993 150`: guessing from one address for the
given seconds at 32 at once after 30 typos, /healthz with 600 idle and slowloris sockets
open, and how many of those the header-read timeout has closed after 11 s.
"""
import socket, time, threading, urllib.request, sys, concurrent.futures as cf
DURATION = int(sys.argv[2]); port = int(sys.argv[1]); base = f"http://127.0.0.1:{port}"
def status(path):
    try:
        return urllib.request.urlopen(base + path, timeout=30).status
    except urllib.error.HTTPError as e:
        return e.code
    except Exception as e:
        return str(type(e).__name__)
# 1. guessing: 30 free typos, then 20 s of guesses at concurrency 32 from one address
for i in range(30): status(f"/m/ZZZZ{i%10}Z".replace("0","2").replace("1","3"))
done = []; stop = time.time() + DURATION
def guess(n):
    while time.time() < stop:
        done.append(status("/m/ABCDEF"))
with cf.ThreadPoolExecutor(32) as ex: list(ex.map(guess, range(32)))
from collections import Counter
print(f"guessing for {DURATION} s at concurrency 32 after 30 typos:", Counter(done), f"= {len(done)/DURATION:.1f} lookups/s")
# 2. 300 idle + 300 slowloris connections, then /healthz
socks = []
for i in range(300):
    s = socket.create_connection(("127.0.0.1", port)); socks.append(s)
for i in range(300):
    s = socket.create_connection(("127.0.0.1", port)); s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n"); socks.append(s)
t = time.time(); st = status("/healthz"); print(f"/healthz with 600 idle/slow sockets open: {st} in {1000*(time.time()-t):.0f} ms")
time.sleep(11)
closed = 0
for s in socks:
    s.settimeout(0.2)
    try:
        if s.recv(1) == b"": closed += 1
    except (ConnectionResetError, BrokenPipeError): closed += 1
    except socket.timeout: pass
print(f"after 11 s: {closed} of {len(socks)} idle/slow sockets closed by the server")
