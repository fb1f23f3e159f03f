#!/usr/bin/env python3
"""Writes a log of winston JSON records (`format.json()`), as a Node sync job that logs each
Hike call with axios makes it.

  python3 bench/winston_log.py OUT MIB

Each call is one record a line, in the shapes of tests/fixtures/applog/winston-axios.log: a
200 (`Hike call ok` with method, status and url), a 401 (its OAuth error body), a 429 (Hike's
form body) or a 422 (field errors), in a fixed pseudo-random mix (seed 7); one record in four
is an info line with no status (`Synced 2 products in 503ms`). The timestamp advances 350 ms a
record, so Hike's minute window holds about 170 calls. `grep -c '"status"'` counts the calls.
The file is cut at a line boundary at or just past MIB mebibytes.
"""
import json
import random
import sys

out, mib = sys.argv[1], int(sys.argv[2])
limit = mib << 20
random.seed(7)
paths = ["/api/v1/products", "/api/v1/sales/get_all", "/api/v1/customers/get_all",
         "/api/v1/stock/update"]
bodies = {
    401: {"error": "invalid_token", "error_description": "The access token expired"},
    429: "oauth_problem=rate limit exceeded&oauth_problem_advice=please wait before retrying the Hike api",
    422: {"errors": {"price": ["must be greater than 0"], "title": ["can't be blank"]}},
}
ms = 1_796_400_000_000  # 2026-12-04T...
written = 0
n = 0


def stamp(ms):
    secs, milli = divmod(ms, 1000)
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(secs)) + f".{milli:03d}Z"


with open(out, "w", buffering=1 << 20) as f:
    while written < limit:
        n += 1
        ms += 350
        r = random.random()
        path = random.choice(paths)
        if r < 0.25:
            rec = {"level": "info", "message": f"Synced {random.randint(1, 500)} products in "
                   f"{random.randint(20, 900)}ms", "timestamp": stamp(ms)}
        elif r < 0.70:
            rec = {"level": "info", "message": "Hike call ok", "method": "GET", "status": 200,
                   "timestamp": stamp(ms), "url": path}
        else:
            code = random.choice([401, 429, 422])
            rec = {"data": bodies[code], "level": "error", "message": "Hike call failed",
                   "method": "POST" if code == 422 else "GET", "status": code,
                   "timestamp": stamp(ms), "url": path}
        line = json.dumps(rec, separators=(",", ":")) + "\n"
        f.write(line)
        written += len(line.encode())
print(n, "records,", written, "bytes")
