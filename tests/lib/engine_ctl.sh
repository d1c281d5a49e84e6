# engine_ctl.sh: drive heat-engine processes from TAP scripts. Source it
# after tap.sh and daemon.sh (it uses $work, $pids and $wait_scale):
#   ctl SOCKET JSON          send one request line to an engine's control
#                            socket, print the reply line
#   field SOCKET JSON KEY    one field of the reply
#   alive PID / dead PID     is the process there
#   forget PID               stopped: never signal it again (out of $pids)
#   reap PID                 its exit status into $work/rc once it exited
#                            ("running" when it has not; never waits on it)
# Needs python3 (the socket client).
# shellcheck shell=sh

ctl() {
    python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(5 * int(sys.argv[3]))
s.connect(sys.argv[1])
s.sendall(sys.argv[2].encode() + b"\n")
print(s.makefile().readline().strip())
' "$1" "$2" "${wait_scale:-1}"
}
field() {
    ctl "$1" "$2" | python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$3"
}
alive() { kill -0 "$1" 2>/dev/null; }
dead() { ! kill -0 "$1" 2>/dev/null; }
forget() { pids=$(echo " $pids " | sed "s/ $1 / /"); }
reap() {
    # shellcheck disable=SC2154 # $work is tap.sh's
    if dead "$1"; then
        wait "$1"
        echo $? >"$work/rc"
        forget "$1"
    else
        echo running >"$work/rc"
    fi
}
