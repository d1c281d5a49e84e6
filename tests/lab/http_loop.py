#!/usr/bin/python3
"""Bounded HTTP client loop for the Pacemaker lab.

    http_loop.py URL SECONDS INTERVAL OUT

GETs URL every INTERVAL seconds for SECONDS seconds, each on a new
connection with a 5 s timeout, and appends one line per request to OUT:
"START END RESULT", the times in epoch seconds, RESULT the HTTP status or
the error's class name. A request is good when RESULT is 2xx. Stops by
itself; at most SECONDS / INTERVAL requests.
"""
import sys
import time
import urllib.error
import urllib.request


def main():
    url, seconds, interval, out = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
    end = time.time() + seconds
    with open(out, "a", buffering=1) as f:
        while time.time() < end:
            t = time.time()
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    r.read()
                    result = str(r.status)
            except urllib.error.HTTPError as e:
                result = str(e.code)
            except Exception as e:  # every failure is counted, whatever it is
                result = type(e).__name__
            f.write(f"{t:.3f} {time.time():.3f} {result}\n")
            time.sleep(max(0.0, interval - (time.time() - t)))


if __name__ == "__main__":
    main()
