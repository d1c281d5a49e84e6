#!/bin/sh
# Crash-resume of nested stacks (invariant 1): an engine is killed (-9) at
# a random point of the create, or of the delete, of a tree of 25 stacks
# and 204 resources (a ResourceGroup of template resources, a template
# resource, an OS::Heat::Stack: tests/stack/crash_nested.c); a fresh engine
# with a newer term resumes every stack left in progress; the store must
# then show the tree as the action would have left it: every stack and
# resource complete, each child created once (no stack that no resource
# names), each transition reported once; after a delete, every stack
# deleted.
#
# CRASH_NESTED_RUNS create kills (default 10) and CRASH_NESTED_DELETE_RUNS
# delete kills (default 4), seed CRASH_SEED (default: the time). Every
# fifth run is killed DELAY after the child starts, the others DELAY after
# it acknowledged the action; DELAY is drawn from [0, CRASH_MAX_DELAY] s
# (default: 0.9 of the time an uninterrupted create takes, measured
# first).
# shellcheck source=tests/lib/tap.sh
. "${top_srcdir:-.}/tests/lib/tap.sh"
# shellcheck source=tests/stack/crash_lib.sh
. "${top_srcdir:-.}/tests/stack/crash_lib.sh"

child="${top_builddir:-.}/tests/stack/crash_nested"
runs=${CRASH_NESTED_RUNS:-10}
delete_runs=${CRASH_NESTED_DELETE_RUNS:-4}
total=$((runs + delete_runs))

t0=$(date +%s%N)
check "calibration: the tree is created" timeout 60 "$child" create "$url" nest
t1=$(date +%s%N)
check "calibration: the store checks pass" "$child" check "$url" nest create
check "calibration: the tree is deleted" timeout 60 "$child" delete "$url" nest
check "calibration: every stack deleted" "$child" check "$url" nest delete
max_delay=${CRASH_MAX_DELAY:-$(elapsed "$t0" "$t1" 0.9)}
echo "# seed $seed, $runs create and $delete_runs delete kills, delays 0..$max_delay s"

# resume_and_check WHAT: a fresh engine resumes, then the checks; an action
# never acknowledged may also have left nothing (create) or the tree as it
# was (delete). (called through check)
# shellcheck disable=SC2317
resume_and_check() {
    timeout 120 "$child" resume "$url" >"$work/resume.out" || return 1
    if [ "$1" = create ] && ! grep -q '^created ' "$work/child.out"; then
        "$child" check "$url" nest absent && return 0
    fi
    if [ "$1" = delete ] && ! grep -q '^deleting' "$work/child.out" &&
        "$child" check "$url" nest create 2>/dev/null; then
        return 0
    fi
    timeout 60 "$child" check "$url" nest "$1"
}

i=0
for d in $(delays "$total" "$seed" "$max_delay"); do
    i=$((i + 1))
    rm -f "$dbdir"/heat.db*
    from_ack=$([ $((i % 5)) = 0 ] && echo 0 || echo 1)
    if [ "$i" -le "$runs" ]; then
        what=create
    else
        what=delete
        check "delete $i: tree created" timeout 60 "$child" create "$url" nest
    fi
    run_killed "$what" "$url" "$d" "$from_ack" nest
    check "$what $i, $how: resumed" resume_and_check "$what"
    found=$(head -1 "$work/resume.out")
    echo "# $what $i found: $found"
    case $found in *_IN_PROGRESS*) midway=$((midway + 1)) ;; esac
done
echo "# $killed of $total children killed, $midway resumed from IN_PROGRESS," \
    "$(($(date +%s) - start)) s"
tap_done
