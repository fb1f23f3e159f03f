#!/usr/bin/env python3
"""Writes a log of concatenated `curl -si` exchanges, as a sync job's loop makes it.

  python3 bench/exchange_log.py OUT MIB

Each exchange is a few hundred bytes: a 200 (a small JSON list), a 401 (invalid_token), a
429 (Hike's Minute form body) or a 500, in a fixed pseudo-random mix (seed 7), with a Date
that advances one second every few exchanges, an X-Request-Id and a Content-Length, and a
newline after each body (`curl -si URL; echo`), so `grep -c '^HTTP/'` counts the exchanges.
The file is cut at an exchange boundary at or just past MIB mebibytes.
"""
import random
import sys
from email.utils import formatdate

out, mib = sys.argv[1], int(sys.argv[2])
limit = mib << 20
random.seed(7)
bodies = {
    200: ("application/json", b'{"totalCount": 2, "items": [{"id": 101, "title": "Trail mix"}, '
                              b'{"id": 102, "title": "Water bottle"}], "next": null}'),
    401: ("application/json", b'{"error": "invalid_token"}'),
    429: ("application/x-www-form-urlencoded",
          b"oauth_problem=rate limit exceeded&oauth_problem_advice=please wait before retrying the Hike api"),
    500: ("application/json", b'{"errors": "Internal Server Error"}'),
}
reasons = {200: "OK", 401: "Unauthorized", 429: "Too Many Requests", 500: "Internal Server Error"}
codes = [200, 401, 429, 500]
t = 1795000000
written = 0
n = 0
with open(out, "wb", buffering=1 << 20) as f:
    while written < limit:
        code = random.choice(codes)
        ctype, body = bodies[code]
        n += 1
        if n % 3 == 0:
            t += 1
        head = [f"HTTP/1.1 {code} {reasons[code]}", "Server: nginx/1.22.1",
                f"Date: {formatdate(t, usegmt=True)}", f"Content-Type: {ctype}",
                f"Content-Length: {len(body)}", f"X-Request-Id: req-{n:09d}"]
        if code == 429:
            head.append("X-Rate-Limit-Problem: Minute")
        if code == 401:
            head.append('WWW-Authenticate: Bearer error="invalid_token"')
        block = ("\r\n".join(head) + "\r\n\r\n").encode() + body + b"\n"
        f.write(block)
        written += len(block)
print(n, "exchanges,", written, "bytes")
