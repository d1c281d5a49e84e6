#!/usr/bin/env python3
"""Sample the role of every lab engine, and read the samples back.

  sample_roles.py sample OUT SECONDS SOCK...
      Until OUT.stop exists or SECONDS have passed: ask each engine's control
      socket {"op": "status"} in turn (0.2 s timeout each) and append one line
      per round to OUT: "<epoch seconds> <role>:<term>@<seconds>..." with each
      role active, standby or down (no answer) and the time its answer came.
      About one round per 10 ms.
  sample_roles.py roles SOCK...
      One round, printed as "<role>..." (for the shell's waits).
  sample_roles.py analyze OUT EVENTS
      EVENTS holds "<epoch seconds> <name> <old leader index or 0>" lines.
      Prints "double <n> <first time>", then the overlaps found, then per
      event "event <name> <seconds to the first round with one active engine
      other than the old leader, or -> <rounds>".

Two engines were active at one instant when one engine answered active with
term T at times a1 < a2 and another answered active at a time between them:
an engine leaves the active role only by a demotion and regains it only by a
promotion, which takes a new term, so the first was active throughout
[a1, a2]. The queries of one round are sequential, so two "active" answers
in one round alone prove nothing (a hand-over may fall between them).
"""
import json
import os
import socket
import sys
import time


def status(path):
    """(role, term) of the engine at path; ("down", 0) when it does not answer."""
    try:
        s = socket.socket(socket.AF_UNIX)
        s.settimeout(0.2)
        s.connect(path)
        s.sendall(b'{"op": "status"}\n')
        line = s.makefile().readline()
        s.close()
        st = json.loads(line)
        r = st.get("role")
        return (r, int(st.get("term", 0))) if r in ("active", "standby") else ("down", 0)
    except (OSError, ValueError):
        return ("down", 0)


def role(path):
    return status(path)[0]


def sample(out, seconds, socks):
    end = time.time() + seconds
    with open(out, "a", encoding="ascii") as f:
        while time.time() < end and not os.path.exists(out + ".stop"):
            t0 = time.time()
            answers = []
            for p in socks:
                r, term = status(p)
                answers.append("%s:%d@%.4f" % (r, term, time.time()))
            f.write("%.4f %s\n" % (t0, " ".join(answers)))
            f.flush()
            time.sleep(0.01)


def analyze(out, events_path):
    rounds = []  # (round start, [role...])
    seen = []  # per engine: [(answer time, role, term)...]
    with open(out, encoding="ascii") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            roles = []
            for k, a in enumerate(parts[1:]):
                r, rest = a.split(":")
                term, t = rest.split("@")
                roles.append(r)
                while len(seen) <= k:
                    seen.append([])
                seen[k].append((float(t), r, int(term)))
            rounds.append((float(parts[0]), roles))
    # spans during which an engine surely was active: first to last answer
    # "active" with one term
    spans = []
    for k, answers in enumerate(seen):
        first = {}
        last = {}
        for t, r, term in answers:
            if r == "active":
                first.setdefault(term, t)
                last[term] = t
        for term, t1 in first.items():
            spans.append((k, term, t1, last[term]))
    doubles = []
    for k, term, t1, t2 in spans:
        for j, answers in enumerate(seen):
            if j == k:
                continue
            for t, r, other in answers:
                if r == "active" and t1 < t < t2:
                    doubles.append((t, k + 1, term, j + 1, other))
    doubles.sort()
    print("double %d %s" % (len(doubles), "%.3f" % doubles[0][0] if doubles else "-"))
    for t, a, ta, b, tb in doubles[:5]:
        print("overlap %.4f: n%d active with term %d throughout, n%d active with term %d"
              % (t, a, ta, b, tb))
    events = []
    with open(events_path, encoding="ascii") as f:
        for line in f:
            t, name, old = line.split()
            events.append((float(t), name, int(old)))
    for i, (t0, name, old) in enumerate(events):
        t1 = events[i + 1][0] if i + 1 < len(events) else float("inf")
        took = "-"
        for t, r in rounds:
            if t < t0 or t >= t1:
                continue
            act = [k + 1 for k, x in enumerate(r) if x == "active"]
            if len(act) == 1 and act[0] != old:
                took = "%.3f" % (t - t0)
                break
        n = sum(1 for t, _ in rounds if t0 <= t < t1)
        print("event %s %s %d" % (name, took, n))


def main():
    cmd = sys.argv[1]
    if cmd == "sample":
        sample(sys.argv[2], float(sys.argv[3]), sys.argv[4:])
    elif cmd == "roles":
        print(" ".join(role(p) for p in sys.argv[2:]))
    elif cmd == "analyze":
        analyze(sys.argv[2], sys.argv[3])
    else:
        sys.exit("usage: sample_roles.py sample|roles|analyze ...")


if __name__ == "__main__":
    main()
