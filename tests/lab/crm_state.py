#!/usr/bin/python3
"""The Pacemaker lab's view of a cluster: crm_mon -1 -X on stdin, one line
per fact on stdout:

    node NAME online|offline
    dc NAME
    res ID ROLE NODE [failed]      one line per running instance

ID is the primitive's id without a clone's ":N" suffix; ROLE is Pacemaker's
(Started, Promoted, Unpromoted, ...; older names Master/Slave are mapped to
Promoted/Unpromoted). Instances that run nowhere are left out. Bad or empty
input prints nothing and exits 1.
"""
import sys
import xml.etree.ElementTree as ET

ROLES = {"Master": "Promoted", "Slave": "Unpromoted"}


def main():
    try:
        root = ET.fromstring(sys.stdin.read())
    except ET.ParseError:
        return 1
    for n in root.iter("node"):
        if n.get("online") is not None and n.get("name"):
            print(f"node {n.get('name')} {'online' if n.get('online') == 'true' else 'offline'}")
    dc = root.find("./summary/current_dc")
    if dc is not None and dc.get("present") == "true":
        print(f"dc {dc.get('name')}")
    resources = root.find("resources")
    for r in resources.iter("resource") if resources is not None else []:
        rid = r.get("id", "").split(":")[0]
        role = ROLES.get(r.get("role"), r.get("role"))
        failed = " failed" if r.get("failed") == "true" else ""
        for where in r.findall("node"):
            print(f"res {rid} {role} {where.get('name')}{failed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
