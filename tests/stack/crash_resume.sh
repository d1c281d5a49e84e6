#!/bin/sh
# Crash-resume (invariant 1): an engine is killed (-9) at random points of
# the create, update, delete and rollback of one stack of 208 resources in
# 15 stacks (tests/stack/crash_child.c: flat resources, a ResourceGroup of
# template resources of the files map, template resources, an
# OS::Heat::Stack); after each kill a fresh engine with a newer term
# resumes every stack left in progress, and the store must show the tree
# as the same action leaves it without a crash.
#
# Five scenarios, each first run once without a kill (its outcome, the
# tree's shape, is what every killed run must reach; its time bounds the
# kill delays):
#   create           a create                        CREATE_COMPLETE
#   update           an update of the created stack: in place, replaced,
#                    added and removed resources, nested stacks updated,
#                    one added and one removed, a group member removed
#                    and one added                    UPDATE_COMPLETE
#   delete           a delete of the created stack    DELETE_COMPLETE
#   rollback-update  an update that fails after the rest and rolls back
#                    through the nested stacks        ROLLBACK_COMPLETE
#   rollback-create  a create that fails in the middle (nested stacks
#                    half created) and rolls back     ROLLBACK_COMPLETE
# After a kill: crash_child resume URL check (the checks of crash_child.c:
# nothing in progress, no orphan stack, one row per resource and only the
# template's, no physical id twice, nothing created twice or leaked,
# events that agree with the stored state), then its shape compared to the
# scenario's (rollback-create: the live tree only, its events depend on
# where the failure caught the work). A run killed before it acknowledged
# its action may also have left the store as it was (nothing, or the
# created tree).
#
# The kills run in CRASH_LANES (default 2) concurrent lanes, each on its
# own store, round-robin over the scenarios (seed CRASH_SEED + lane,
# CRASH_SEED defaulting to the time), until the lanes' share of
# CRASH_KILLS kills (default 50) landed in an action, that is the resume
# found the root stack IN_PROGRESS, or 1.5 x the share + 2 runs were made;
# fewer landed kills in all fail the test. Every fourth round kills DELAY
# after the child starts (so also inside the action's first transaction),
# the others DELAY after it acknowledged the action, DELAY drawn
# uniformly from [0, 0.85 T], T the scenario's time from its
# acknowledgement to its end; in the rollback scenarios two kills in three
# fall DELAY after the child saw its rollback begin, from [0, 0.85 (T -
# R)], R when the rollback began, the third from the acknowledgement,
# from [0, R]. With HH_VALGRIND set (the valgrind pass of
# tools/run-tests.sh) CRASH_KILLS defaults to 4 and every resume and its
# checks run under it (the killed children and the runs without a kill
# run natively). Each child is bounded by its own 120 s, each resume by
# timeout(1), each wait by a count. The summary says where the kills
# landed: in which action of the root stack the resume found it.
#
# With HH_TEST_DB_URL set (make check-mariadb) every run's store is a
# database of its own on that MySQL server (tests/lib/test_db.sh), made
# from the created one by a copy where the scenario needs it, and
# CRASH_KILLS defaults to 10.
# shellcheck source=tests/lib/tap.sh
. "${top_srcdir:-.}/tests/lib/tap.sh"
# shellcheck source=tests/stack/crash_lib.sh
. "${top_srcdir:-.}/tests/stack/crash_lib.sh"
# shellcheck source=tests/lib/test_db.sh
. "${top_srcdir:-.}/tests/lib/test_db.sh"

child="${top_builddir:-.}/tests/stack/crash_child"
vg=${HH_VALGRIND:-}
if [ -n "$vg" ]; then
    kills=${CRASH_KILLS:-4}
elif [ -n "${HH_TEST_DB_URL:-}" ]; then
    kills=${CRASH_KILLS:-10}
else
    kills=${CRASH_KILLS:-50}
fi
scenarios="create update rollback-update delete rollback-create"
start=$(date +%s)

# args SCENARIO: the child's action; mode SCENARIO: strict or loose;
# fresh SCENARIO: true when it starts from an empty store.
args() {
    case $1 in
    create) echo create ;;
    update) echo update ;;
    delete) echo delete ;;
    rollback-update) echo update-fail ;;
    rollback-create) echo create-fail ;;
    esac
}
loose() { [ "$1" = rollback-create ] && echo loose; }
fresh() { [ "$1" = create ] || [ "$1" = rollback-create ]; }

# setup SCENARIO [DB]: the store the scenario starts from, its URL in
# $surl: DB (default heat.db) of $dbdir, or a new database on
# HH_TEST_DB_URL's server (the one before it, DB's, dropped); the created
# store ($created, set once the create was calibrated) copied into it
# unless the scenario starts from an empty store.
setup() {
    sdb=${2:-heat.db}
    if [ -n "${HH_TEST_DB_URL:-}" ]; then
        eval "sprev=\${surl_$(echo "$sdb" | tr -c 'a-z0-9\n' _):-}"
        [ -z "$sprev" ] || [ "$sprev" = "${created:-}" ] || test_db_drop "$sprev"
        surl=$(test_db_url crash "") || return 1
        eval "surl_$(echo "$sdb" | tr -c 'a-z0-9\n' _)=\$surl"
    else
        surl="sqlite:///$dbdir/$sdb"
        test_db_drop "$surl"
    fi
    if ! fresh "$1"; then
        test_db_copy "$created" "$surl"
    fi
}

# has FILE PATTERN...: FILE has a line matching every PATTERN (grep);
# has_no FILE PATTERN: none matching. (called through check)
# shellcheck disable=SC2317
has() {
    f=$1
    shift
    for p in "$@"; do
        grep -q -- "$p" "$f" || { echo "no \"$p\" in $f" && return 1; }
    done
}
# shellcheck disable=SC2317
has_no() { ! grep -- "$2" "$1"; }

# store_checks SCENARIO: the checks, the shape kept as the scenario's.
# shellcheck disable=SC2317,SC2046
store_checks() { "$child" check "$surl" $(loose "$1") >"$dbdir/shape.$1"; }

# shape_is FILE SHAPE...: FILE is one of the shapes. (called through check)
# shellcheck disable=SC2317
shape_is() {
    f=$1
    shift
    for s in "$@"; do
        cmp -s "$f" "$s" && return 0
    done
    echo "shape differs from $1:"
    diff "$1" "$f" | head -20
    return 1
}

# calibrate SCENARIO: run it without a kill; its shape, and its times
# (times_<scenario>: "T R", T from its acknowledgement to its end, R to
# the start of its rollback or 0).
calibrate() {
    setup "$1"
    timeout 120 "$child" "$(args "$1")" "$surl" >"$work/child.out" 2>"$work/child.err"
    check "$1: completes without a kill" [ $? = 0 ]
    check "$1: the store checks pass" store_checks "$1"
    eval "times_$(echo "$1" | tr - _)=\"$(awk '/^ran / { t = $2 } /^rollback / { r = $2 }
        END { printf "%.3f %.3f", t, r }' "$work/child.out")\""
}

calibrate create
if [ -n "${HH_TEST_DB_URL:-}" ]; then
    created=$surl
else
    created="sqlite:///$dbdir/created.db"
    cp "$dbdir/heat.db" "$dbdir/created.db"
fi
# shellcheck disable=SC2016 # awk's fields
check "create: 200 resources or more in nested stacks" \
    awk '/^tree:/ { ok = $2 >= 200 && $6 >= 10 } END { exit !ok }' "$dbdir/shape.create"
check "create: the root CREATE_COMPLETE" grep -q '^crash live CREATE_COMPLETE' "$dbdir/shape.create"
calibrate update
check "update: the root UPDATE_COMPLETE, two stacks removed, one added" \
    has "$dbdir/shape.update" "^crash live UPDATE_COMPLETE" " 2 deleted stacks" \
    "^crash/grp/1 deleted" "^crash/gone deleted" "^crash/grp/10 live" "^crash/fresh live"
calibrate delete
check "delete: every stack deleted" \
    has "$dbdir/shape.delete" "^tree: 0 live resources in 0 live stacks, 15 deleted stacks"
check "delete: every stack DELETE_COMPLETE" has_no "$dbdir/shape.delete" "^[^ ]* deleted [^D]"
calibrate rollback-update
check "rollback-update: UPDATE_FAILED, then ROLLBACK_COMPLETE" \
    has "$dbdir/shape.rollback-update" "^crash live ROLLBACK_COMPLETE" "own UPDATE_FAILED"
calibrate rollback-create
check "rollback-create: CREATE_FAILED, then ROLLBACK_COMPLETE with nothing left" \
    has "$dbdir/shape.rollback-create" "^tree: 0 live resources in 1 live stacks" \
    "^crash live ROLLBACK_COMPLETE" "own CREATE_FAILED"
printf 'absent\n' >"$dbdir/shape.absent"
# shellcheck disable=SC2154 # set by calibrate's eval
echo "# seed $seed, $kills kills to land; times, rollbacks (s): create $times_create," \
    "update $times_update, rollback-update $times_rollback_update, delete $times_delete," \
    "rollback-create $times_rollback_create"

# lane L TARGET: runs (round-robin over the scenarios, from the
# (2 x L)th) until TARGET kills landed in an action, or 1.5 x TARGET + 2
# runs; on its own store (lane<L>.db) and files ($work/lane<L>.*). Its
# results go to $work/lane<L>.tap as "ok|not ok<TAB>description<TAB>file
# of diagnostics", its counts to $work/lane<L>.counts (shell assignments).
lane() {
    ln=$1
    target=$2
    out=$work/lane$ln
    db=lane$ln.db
    : >"$out.tap"
    in_create=0 in_update=0 in_delete=0 in_rollback=0 idle=0 ended=0 landed=0 i=0
    for d in $(delays $((target + target / 2 + 2)) $((seed + ln)) 1); do
        [ "$landed" -lt "$target" ] || break
        # shellcheck disable=SC2086 # the list's words
        set -- $scenarios
        shift $(((i + 2 * ln) % 5))
        s=$1
        round=$((i / 5))
        i=$((i + 1))
        what="$s $ln.$i"
        # where the kill falls: from the start; from the acknowledgement
        # (0.85 T), for a rollback scenario once in three before the
        # rollback (R); from the start of the rollback (0.85 (T - R))
        mark=ack
        span=t
        if [ $((round % 4)) = 3 ]; then
            mark=
        elif [ "${s%-*}" = rollback ] && [ $((round % 3)) != 2 ]; then
            mark=rollback
            span=t-r
        elif [ "${s%-*}" = rollback ]; then
            span=r/0.85
        fi
        d=$(eval "echo $d \$times_$(echo "$s" | tr - _)" |
            awk '{ t = $2; r = $3; printf "%.3f", $1 * 0.85 * ('"$span"') }')
        setup "$s" "$db"
        lurl=$surl
        run_killed "$out" "$d" "$mark" "$(args "$s")" "$lurl"
        ended=$((ended + 1 - killed))
        # shellcheck disable=SC2046,SC2086 # $vg is a command line
        timeout 300 $vg "$child" resume "$lurl" check $(loose "$s") \
            >"$out.resume" 2>"$out.err"
        rc=$?
        found=$(head -1 "$out.resume")
        sed 1d "$out.resume" >"$out.shape"
        if acked "$out"; then
            alt=$dbdir/shape.$s
        elif fresh "$s"; then
            alt=$dbdir/shape.absent
        else
            alt=$dbdir/shape.create
        fi
        if [ "$rc" = 0 ]; then
            printf 'ok\t%s\t\n' "$what, $how, found $found: resumed, the checks pass" >>"$out.tap"
        else
            cp "$out.err" "$out.fail$i"
            printf 'not ok\t%s\t%s\n' "$what, $how, found $found: resumed, the checks pass" \
                "$out.fail$i" >>"$out.tap"
        fi
        if shape_is "$out.shape" "$dbdir/shape.$s" "$alt" >"$out.diff$i"; then
            printf 'ok\t%s\t\n' "$what: the tree as without the crash" >>"$out.tap"
        else
            printf 'not ok\t%s\t%s\n' "$what: the tree as without the crash" "$out.diff$i" \
                >>"$out.tap"
        fi
        case $found in
        CREATE_IN_PROGRESS*) in_create=$((in_create + 1)) ;;
        UPDATE_IN_PROGRESS*) in_update=$((in_update + 1)) ;;
        DELETE_IN_PROGRESS*) in_delete=$((in_delete + 1)) ;;
        ROLLBACK_IN_PROGRESS*) in_rollback=$((in_rollback + 1)) ;;
        *) [ "$killed" = 1 ] && idle=$((idle + 1)) ;;
        esac
        case $found in *_IN_PROGRESS*) landed=$((landed + 1)) ;; esac
    done
    echo "in_create=$in_create in_update=$in_update in_delete=$in_delete" \
        "in_rollback=$in_rollback idle=$idle ended=$ended landed=$landed runs=$i" >"$out.counts"
}

# failed FILE: a lane's failure, its diagnostics. (called through check)
# shellcheck disable=SC2317
failed() {
    cat "$1"
    return 1
}

lanes=${CRASH_LANES:-2}
l=0
while [ "$l" -lt "$lanes" ]; do
    lane "$l" $(((kills + lanes - 1 - l) / lanes)) &
    l=$((l + 1))
done
wait
tab=$(printf '\t')
t_create=0 t_update=0 t_delete=0 t_rollback=0 t_idle=0 t_ended=0 t_landed=0 t_runs=0
l=0
while [ "$l" -lt "$lanes" ]; do
    while IFS=$tab read -r status desc diag; do
        if [ "$status" = ok ]; then
            check "$desc" true
        else
            check "$desc" failed "$diag"
        fi
    done <"$work/lane$l.tap"
    in_create=0 in_update=0 in_delete=0 in_rollback=0 idle=0 ended=0 landed=0 runs=0
    [ -f "$work/lane$l.counts" ] && . "$work/lane$l.counts"
    t_create=$((t_create + in_create)) t_update=$((t_update + in_update))
    t_delete=$((t_delete + in_delete)) t_rollback=$((t_rollback + in_rollback))
    t_idle=$((t_idle + idle)) t_ended=$((t_ended + ended))
    t_landed=$((t_landed + landed)) t_runs=$((t_runs + runs))
    l=$((l + 1))
done
echo "# $t_runs runs in $lanes lanes; kills landed in: create $t_create, update $t_update," \
    "delete $t_delete, rollback $t_rollback; $t_idle before the action's start or after its" \
    "end; $t_ended children ended before their kill; $(($(date +%s) - start)) s"
check "$kills kills or more landed in an action ($t_landed of $t_runs runs)" \
    [ "$t_landed" -ge "$kills" ]
tap_done
