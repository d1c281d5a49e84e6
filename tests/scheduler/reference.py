#!/usr/bin/python3
"""Reference answers for the golden scheduler cases, computed apart from
heat-ha's C code so that the runner checks one against the other.

    reference.py CASEDIR...        write CASEDIR/expected.json
    reference.py gen-random N SEED print a template of N resources whose
                                   dependencies form a random DAG

The graph follows Heat's rules (heat/engine/rsrc_defn.py dependencies) for
the subset the cases use: depends_on / DependsOn, get_resource, get_attr,
Ref and Fn::GetAtt anywhere in a resource's properties or metadata; a
resource whose condition is false is left out, and so are edges to it
(Heat allows dependencies on conditionally defined resources). Conditions:
booleans, equals / Fn::Equals of literals and parameter defaults, not, and,
or, and condition names inside them.

Orders: one worker runs the smallest ready node by name (Kahn's algorithm
with a min-heap); create waits for dependencies, delete for dependents. A
`fail` file names a node whose step fails, a `cancel` file one whose step
cancels the run (the step itself completes); the run stops starting nodes.
"""
import heapq
import json
import os
import random
import sys

import yaml


def cond_value(expr, conds, params, seen=()):
    if isinstance(expr, bool):
        return expr
    if isinstance(expr, str):
        if expr in seen:
            raise ValueError("condition loop")
        return cond_value(conds[expr], conds, params, seen + (expr,))
    (fn, arg), = expr.items()
    if fn in ("equals", "Fn::Equals"):
        a, b = (value(x, params) for x in arg)
        return a == b
    if fn in ("not", "Fn::Not"):
        a = arg[0] if isinstance(arg, list) else arg
        return not cond_value(a, conds, params, seen)
    if fn in ("and", "Fn::And"):
        return all(cond_value(a, conds, params, seen) for a in arg)
    if fn in ("or", "Fn::Or"):
        return any(cond_value(a, conds, params, seen) for a in arg)
    raise ValueError("unsupported condition %r" % (expr,))


def value(x, params):
    if isinstance(x, dict) and len(x) == 1:
        (fn, arg), = x.items()
        if fn in ("get_param", "Ref"):
            return params[arg].get("default", params[arg].get("Default"))
    return x


def refs(node, names, out):
    """Resource names node refers to."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "get_resource" and isinstance(v, str):
                out.add(v)
            elif k in ("get_attr", "Fn::GetAtt") and isinstance(v, list) and v:
                out.add(v[0])
            elif k == "Ref" and isinstance(v, str) and v in names:
                out.add(v)
            refs(v, names, out)
    elif isinstance(node, list):
        for v in node:
            refs(v, names, out)


def graph_of(tmpl):
    res = tmpl.get("resources", tmpl.get("Resources")) or {}
    conds = tmpl.get("conditions", tmpl.get("Conditions")) or {}
    params = tmpl.get("parameters", tmpl.get("Parameters")) or {}
    enabled = {}
    for name, r in res.items():
        c = r.get("condition", r.get("Condition"))
        if c is None or cond_value(c, conds, params):
            enabled[name] = r
    graph = {}
    for name, r in enabled.items():
        deps = set()
        d = r.get("depends_on", r.get("DependsOn"))
        if isinstance(d, str):
            deps.add(d)
        elif isinstance(d, list):
            deps.update(d)
        for key in ("properties", "Properties", "metadata", "Metadata"):
            refs(r.get(key), set(res), deps)
        graph[name] = sorted(x for x in deps if x in enabled)
    return graph


def run(graph, reverse, fail=None, cancel=None):
    after = {n: [] for n in graph}
    wait = {}
    for n, deps in graph.items():
        for d in deps:
            if reverse:
                after[n].append(d)
            else:
                after[d].append(n)
    for n in graph:
        wait[n] = len(graph[n]) if not reverse else sum(n in graph[m] for m in graph)
    ready = [n for n in graph if wait[n] == 0]
    heapq.heapify(ready)
    order, completed, failed = [], [], []
    outcome = "COMPLETE"
    while ready:
        n = heapq.heappop(ready)
        order.append(n)
        if n == fail:
            failed.append(n)
            outcome = "FAILED"
            break
        completed.append(n)
        if n == cancel:
            outcome = "CANCELLED"
            break
        for m in after[n]:
            wait[m] -= 1
            if wait[m] == 0:
                heapq.heappush(ready, m)
    done = set(completed) | set(failed)
    return {"outcome": outcome, "order": order, "completed": sorted(completed),
            "failed": sorted(failed),
            "not_started": sorted(n for n in graph if n not in done)}


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().strip() or None
    except FileNotFoundError:
        return None


def write_case(casedir):
    with open(os.path.join(casedir, "template.yaml"), encoding="utf-8") as f:
        tmpl = yaml.safe_load(f)
    graph = graph_of(tmpl)
    exp = {"graph": graph,
           "create_order": run(graph, False)["order"],
           "delete_order": run(graph, True)["order"]}
    fail = read(os.path.join(casedir, "fail"))
    cancel = read(os.path.join(casedir, "cancel"))
    if fail or cancel:
        exp["create"] = run(graph, False, fail, cancel)
        exp["delete"] = run(graph, True, fail, cancel)
    with open(os.path.join(casedir, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(exp, f, indent=1, sort_keys=True)
        f.write("\n")


def gen_random(n, seed):
    rnd = random.Random(seed)
    names = ["n%03d" % i for i in range(n)]
    rnd.shuffle(names)  # name order is not dependency order
    print("heat_template_version: 2018-08-31")
    print("description: %d resources, a random DAG (reference.py gen-random %d %d)"
          % (n, n, seed))
    print("resources:")
    for i, name in enumerate(names):
        deps = sorted({names[rnd.randrange(i)] for _ in range(rnd.randrange(4))}) if i else []
        kind = rnd.randrange(3)
        if not deps or kind == 0:
            print("  %s:\n    type: OS::Heat::None" % name)
            if deps:
                print("    depends_on: [%s]" % ", ".join(deps))
        else:
            items = ", ".join(("{get_resource: %s}" if kind == 1 or j % 2 else
                               "{get_attr: [%s, value]}") % d for j, d in enumerate(deps))
            print("  %s:\n    type: OS::Heat::Value\n    properties:\n"
                  "      value: {list_join: [',', [%s]]}" % (name, items))


def main(argv):
    if len(argv) == 4 and argv[1] == "gen-random":
        gen_random(int(argv[2]), int(argv[3]))
        return 0
    for casedir in argv[1:]:
        write_case(casedir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
