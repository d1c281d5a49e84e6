#!/bin/sh
# Crash-resume of updates (invariant 1): an engine is killed (-9) at a
# random point of the update of a stack of 202 resources, which replaces
# some resources, updates others in place, removes and adds some; or of
# an update that fails late and rolls back (the kill falls in the update
# or in the rollback). A fresh engine with a newer term resumes it; the
# store must then show the stack UPDATE_COMPLETE (ROLLBACK_COMPLETE) with
# one row per resource of the template, every physical resource created
# once, deleted at most once, and none leaked (tests/stack/crash_child.c
# check ... update|rollback).
#
# CRASH_UPDATE_RUNS update kills (default 5) and CRASH_ROLLBACK_RUNS kills
# of an update that rolls back (default 4), seed CRASH_SEED (default: the
# time). Every fourth run is killed DELAY after the child starts, the
# others DELAY after it acknowledged the update; DELAY is drawn from [0,
# CRASH_MAX_DELAY] s (default: 0.9 of the time an uninterrupted update,
# or update and rollback, takes, measured first). Each run starts from a
# copy of the created stack's database.
# shellcheck source=tests/lib/tap.sh
. "${top_srcdir:-.}/tests/lib/tap.sh"
# shellcheck source=tests/stack/crash_lib.sh
. "${top_srcdir:-.}/tests/stack/crash_lib.sh"

child="${top_builddir:-.}/tests/stack/crash_child"
runs=${CRASH_UPDATE_RUNS:-5}
rb_runs=${CRASH_ROLLBACK_RUNS:-4}

# calibrate NAME WHAT: create NAME, keep its database as $dbdir/NAME.db,
# update it without a kill and check it; $max_delay from the update's time.
calibrate() {
    rm -f "$dbdir"/heat.db*
    check "$1: created" timeout 60 "$child" create "$url" "$1"
    cp "$dbdir/heat.db" "$dbdir/$1.db"
    t0=$(date +%s%N)
    check "$1: calibration: the update completes" timeout 60 "$child" update "$url" "$1"
    t1=$(date +%s%N)
    check "$1: calibration: the store checks pass" "$child" check "$url" "$1" "$2"
    max_delay=${CRASH_MAX_DELAY:-$(elapsed "$t0" "$t1" 0.9)}
}

# resume_and_check NAME WHAT: a fresh engine resumes, then the checks; an
# update never acknowledged may also have left the stack as created.
# (called through check)
# shellcheck disable=SC2317
resume_and_check() {
    timeout 120 "$child" resume "$url" >"$work/resume.out" || return 1
    if ! grep -q '^updating' "$work/child.out" &&
        "$child" check "$url" "$1" create 2>/dev/null; then
        return 0
    fi
    timeout 60 "$child" check "$url" "$1" "$2"
}

# kills NAME WHAT COUNT SEED
kills() {
    i=0
    for d in $(delays "$3" "$4" "$max_delay"); do
        i=$((i + 1))
        rm -f "$dbdir"/heat.db*
        cp "$dbdir/$1.db" "$dbdir/heat.db"
        run_killed update "$url" "$d" "$([ $((i % 4)) = 0 ] && echo 0 || echo 1)" "$1"
        check "$2 $i, $how: resumed" resume_and_check "$1" "$2"
        found=$(head -1 "$work/resume.out")
        echo "# $2 $i found: $found"
        case $found in *_IN_PROGRESS*) midway=$((midway + 1)) ;; esac
    done
}

calibrate crash-upd update
echo "# seed $seed, $runs update kills, delays 0..$max_delay s"
kills crash-upd update "$runs" "$seed"
calibrate crash-rb rollback
echo "# $rb_runs rollback kills, delays 0..$max_delay s"
kills crash-rb rollback "$rb_runs" $((seed + 1))
echo "# $killed of $((runs + rb_runs)) children killed, $midway resumed from IN_PROGRESS," \
    "$(($(date +%s) - start)) s"
tap_done
