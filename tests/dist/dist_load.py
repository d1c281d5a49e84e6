#!/usr/bin/env python3
"""dist_load.py: the distributed test's workload, through heat-api.

  dist_load.py create URLS PREFIX N TEMPLATE OUT [DEADLINE]
      N concurrent stack creates PREFIX-0 .. PREFIX-(N-1), round robin over
      URLS (comma-separated .../v1/<tenant> bases). A request that fails
      (no answer, or 5xx) is counted and sent again to the next API until
      DEADLINE seconds (default 90) have passed; a retry answered 409
      (StackExists) means an earlier attempt was acknowledged by the engine
      after all. OUT: JSON {"acked": [names], "failed_requests": n,
      "answers": {code: n}, "unacked": [names]}.
  dist_load.py wait URL PREFIX N TIMEOUT
      until every PREFIX-i is CREATE_COMPLETE, listed once (exit 0), or
      TIMEOUT seconds passed (exit 1); prints "complete C failed F missing M
      duplicates D" at the end (D: names listed more than once, each such
      name counts as not complete), and when not all are complete, a line
      for each name that is not: its status for every stack of that name
      listed, or "missing".
Every loop is bounded; only the standard library is used.
"""
import json
import sys
import threading
import time
import urllib.error
import urllib.request


def call(method, url, body=None, timeout=30):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json",
                                          "X-Auth-Token": "x"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except (urllib.error.URLError, OSError):
        return 0, b""


def create(urls, prefix, n, template, out, deadline):
    tmpl = json.load(open(template)) if template.endswith(".json") else open(template).read()
    end = time.monotonic() + deadline
    lock = threading.Lock()
    res = {"acked": [], "unacked": [], "failed_requests": 0, "answers": {}}

    def one(i):
        name = "%s-%d" % (prefix, i)
        k = i
        tried = False
        while time.monotonic() < end:
            code, _ = call("POST", urls[k % len(urls)] + "/stacks",
                           {"stack_name": name, "template": tmpl}, timeout=60)
            with lock:
                res["answers"][str(code)] = res["answers"].get(str(code), 0) + 1
            if code == 201 or (code == 409 and tried):
                with lock:
                    res["acked"].append(name)
                return
            if code != 0 and code < 500:
                break
            with lock:
                res["failed_requests"] += 1
            tried = True
            k += 1
            time.sleep(0.5)
        with lock:
            res["unacked"].append(name)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    json.dump(res, open(out, "w"))
    return 0


def wait(url, prefix, n, timeout):
    end = time.monotonic() + timeout
    names = {"%s-%d" % (prefix, i) for i in range(n)}
    states = {}  # name: the status of each stack of that name listed
    while True:
        code, body = call("GET", url + "/stacks", timeout=10)
        if code == 200:
            states = {}
            for s in json.loads(body)["stacks"]:
                if s["stack_name"] in names:
                    states.setdefault(s["stack_name"], []).append(s["stack_status"])
            if all(states.get(x) == ["CREATE_COMPLETE"] for x in names):
                break
        if time.monotonic() > end:
            break
        time.sleep(0.5)
    done = sum(1 for x in names if states.get(x) == ["CREATE_COMPLETE"])
    failed = sum(1 for x in names if any(v.endswith("FAILED") for v in states.get(x, [])))
    twice = sorted(x for x in states if len(states[x]) > 1)
    print("complete %d failed %d missing %d duplicates %d"
          % (done, failed, len(names - set(states)), len(twice)))
    if done != len(names):
        if code != 200:
            print("the last list answered %s" % (code or "nothing"))
        for x in sorted(names, key=lambda x: int(x.rsplit("-", 1)[1])):
            if states.get(x) != ["CREATE_COMPLETE"]:
                print("%s %s%s" % (x, " ".join(states.get(x, ["missing"])),
                                   " (listed %d times)" % len(states[x]) if x in twice else ""))
    return 0 if done == len(names) else 1


def main(argv):
    if len(argv) >= 6 and argv[0] == "create":
        return create(argv[1].split(","), argv[2], int(argv[3]), argv[4], argv[5],
                      float(argv[6]) if len(argv) > 6 else 90)
    if len(argv) == 5 and argv[0] == "wait":
        return wait(argv[1], argv[2], int(argv[3]), float(argv[4]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
