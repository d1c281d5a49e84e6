#!/bin/sh
# Crash-resume (invariant 1): an engine is killed (-9) at a random point of
# the create, or of the delete, of a stack of 202 resources; a fresh engine
# with a newer term resumes it; the store must then show the stack as the
# action would have left it without the crash: every resource once, with
# its own physical id, each transition reported once and only after what
# it depends on (tests/stack/crash_child.c check).
#
# CRASH_RUNS create kills (default 64), CRASH_FAIL_RUNS kills of a create
# that fails (default 12: the stack must end CREATE_FAILED with Heat's
# reasons, nothing started after the failure, nothing left in progress)
# and CRASH_DELETE_RUNS delete kills (default 12), with seed CRASH_SEED (default: the time). Every fifth run
# is killed DELAY after the child starts (so also before the action is
# acknowledged, inside its first transaction), the others DELAY after the
# child acknowledged the action (so in the middle of the resources' work);
# DELAY is drawn uniformly from [0, CRASH_MAX_DELAY] s (default: 0.45 of
# the time an uninterrupted create takes, measured first). Each child is
# bounded by timeout(1), each wait by a count. The summary line says how
# many runs a kill caught with the action IN_PROGRESS.
# shellcheck source=tests/lib/tap.sh
. "${top_srcdir:-.}/tests/lib/tap.sh"
# shellcheck source=tests/stack/crash_lib.sh
. "${top_srcdir:-.}/tests/stack/crash_lib.sh"

child="${top_builddir:-.}/tests/stack/crash_child"
runs=${CRASH_RUNS:-64}
fail_runs=${CRASH_FAIL_RUNS:-12}
delete_runs=${CRASH_DELETE_RUNS:-12}
total=$((runs + fail_runs + delete_runs))

# calibration: one create without a kill
t0=$(date +%s%N)
check "calibration: a create of 202 resources completes" timeout 60 "$child" create "$url" crash
check "calibration: the store checks pass" "$child" check "$url" crash create
t1=$(date +%s%N)
max_delay=${CRASH_MAX_DELAY:-$(elapsed "$t0" "$t1" 0.45)}

echo "# seed $seed, $runs create, $fail_runs failing create and $delete_runs delete kills," \
    "delays 0..$max_delay s"
delays=$(delays "$total" "$seed" "$max_delay")

# resume_and_check URL WHAT [NAME]: a fresh engine resumes, then the
# checks. (called through check)
# shellcheck disable=SC2317
resume_and_check() {
    name=${3:-crash}
    timeout 120 "$child" resume "$1" >"$work/resume.out" || return 1
    if [ "$2" = create ] && ! grep -q '^created ' "$work/child.out"; then
        # never acknowledged: either nothing was stored, or it completes
        "$child" check "$1" "$name" absent && return 0
    fi
    if [ "$2" = delete ] && ! grep -q '^deleting' "$work/child.out"; then
        # never acknowledged: either the stack is as it was, or it is deleted
        "$child" check "$1" "$name" create 2>/dev/null && return 0
    fi
    timeout 60 "$child" check "$1" "$name" "$2"
}

i=0
for d in $delays; do
    i=$((i + 1))
    rm -f "$dbdir"/heat.db*
    url="sqlite:///$dbdir/heat.db"
    from_ack=$([ $((i % 5)) = 0 ] && echo 0 || echo 1)
    if [ "$i" -le "$runs" ]; then
        run_killed create "$url" "$d" "$from_ack"
        check "create $i, $how: resumed to CREATE_COMPLETE" resume_and_check "$url" create
        found=$(head -1 "$work/resume.out")
        echo "# create $i found: $found"
        case $found in *_IN_PROGRESS*) midway=$((midway + 1)) ;; esac
    elif [ "$i" -le $((runs + fail_runs)) ]; then
        run_killed create "$url" "$d" "$from_ack" crash-fail
        check "failing create $i, $how: resumed to CREATE_FAILED" \
            resume_and_check "$url" create crash-fail
        found=$(head -1 "$work/resume.out")
        echo "# failing create $i found: $found"
        case $found in *_IN_PROGRESS*) midway=$((midway + 1)) ;; esac
    else
        check "delete $i: stack created" timeout 60 "$child" create "$url" crash
        run_killed delete "$url" "$d" "$from_ack"
        check "delete $i, $how: resumed to DELETE_COMPLETE" resume_and_check "$url" delete
        found=$(head -1 "$work/resume.out")
        echo "# delete $i found: $found"
        case $found in *_IN_PROGRESS*) midway=$((midway + 1)) ;; esac
    fi
done
echo "# $killed of $total children killed, $midway resumed from IN_PROGRESS, $(($(date +%s) - start)) s"
tap_done
