#!/bin/sh
# Run heat-ha's whole test suite from a clean checkout and end with
# "N passed, N failed".
#
#   1. install the Debian packages the build and tests need
#   2. build with ASan+UBSan and fatal warnings; make check (unit tests,
#      golden template cases, generated-file and man-page checks)
#   3. the store, engine and API tests again on a private MariaDB server
#      (make check-mariadb: tests/lib/mariadb.sh; SKIP when not installed)
#   4. the cluster labs (tests/lab/failover.sh and tests/lab/pacemaker.sh;
#      root and network namespaces, else skipped) with the sanitizer build's
#      programs; then the distributed test (tests/dist/dist.sh: Galera,
#      HAProxy, RabbitMQ, 3 engines and 2 APIs; its table of figures among
#      the # lines)
#   5. build without sanitizers; make check again with every test program
#      under valgrind (memcheck, leaks are errors; the scripts that start
#      daemons run them under $HH_VALGRIND)
#   6. build the libFuzzer targets with clang and run each for
#      FUZZ_SECONDS (default 60) on its seed corpus
#
# Environment: BUILD_ROOT (default ./_build), FUZZ_SECONDS, SKIP_VALGRIND=1,
# SKIP_MARIADB=1, SKIP_LAB=1, SKIP_DIST=1, SKIP_FUZZ=1.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
root=${BUILD_ROOT:-$top/_build}
fuzz_seconds=${FUZZ_SECONDS:-60}
passed=0
failed=0
skipped=0

count_suite() { # $1 = output of make check
    p=$(printf '%s\n' "$1" | sed -n 's/^# PASS: *//p' | tail -1)
    f=$(printf '%s\n' "$1" | sed -n 's/^# \(FAIL\|ERROR\|XPASS\): *//p' | awk '{s+=$1} END {print s+0}')
    s=$(printf '%s\n' "$1" | sed -n 's/^# SKIP: *//p' | tail -1)
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    skipped=$((skipped + ${s:-0}))
    [ -n "$p" ] || failed=$((failed + 1)) # no summary: the build or harness broke
}

step() { printf '\n=== %s\n' "$*"; }

count_tap() { # $1 = a TAP script's output, $2 = its exit status
    printf '%s\n' "$1" | grep -E '^(not ok|1\.\.|#)' || true
    p=$(printf '%s\n' "$1" | grep -c '^ok ')
    f=$(printf '%s\n' "$1" | grep -c '^not ok')
    passed=$((passed + p))
    failed=$((failed + f))
    if printf '%s\n' "$1" | grep -q '^1\.\.0 # SKIP'; then
        skipped=$((skipped + 1))
    elif [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
        failed=$((failed + 1)) # the script broke before its checks
    fi
}

step "install dependencies"
if ! "$top/tools/install-deps.sh"; then
    echo "dependency installation failed"
    echo "0 passed, 1 failed"
    exit 1
fi

step "sanitizer build (asan, ubsan, fatal warnings) and make check"
if "$top/tools/build.sh" "$root/asan" --with-sanitizers=asan,ubsan --enable-fatal-warnings; then
    out=$(cd "$root/asan" && make -j"$(nproc)" check 2>&1)
    printf '%s\n' "$out" | grep -E '^(PASS|FAIL|ERROR|XPASS|SKIP|# )' | grep -v '^PASS' || true
    count_suite "$out"
    printf '%s\n' "$out" | grep -q '^# FAIL: *0$' ||
        find "$root/asan/tests" -name '*.log' -exec grep -l -E '^not ok|ERROR' {} + 2>/dev/null |
        while read -r log; do echo "--- $log"; grep -E -B2 -A8 '^not ok|ERROR|Sanitizer' "$log" | head -60; done
else
    failed=$((failed + 1))
fi

if [ "${SKIP_MARIADB:-0}" != 1 ]; then
    step "MariaDB: the store, engine and API tests on a private server (make check-mariadb)"
    out=$(cd "$root/asan" 2>/dev/null && make -j"$(nproc)" check-mariadb 2>&1)
    printf '%s\n' "$out" | grep -E '^(PASS|FAIL|ERROR|XPASS|SKIP|# |MariaDB)' | grep -v '^PASS' || true
    if printf '%s\n' "$out" | grep -q '^SKIP: MariaDB'; then
        skipped=$((skipped + 1))
    else
        count_suite "$out"
        printf '%s\n' "$out" | grep -q '^# FAIL: *0$' ||
            find "$root/asan/tests" -name '*.log' -newer "$root/asan/Makefile" \
                -exec grep -l -E '^not ok|ERROR' {} + 2>/dev/null |
            while read -r log; do echo "--- $log"; grep -E -B2 -A8 '^not ok|ERROR|Sanitizer' "$log" | head -60; done
    fi
fi

if [ "${SKIP_LAB:-0}" != 1 ]; then
    step "cluster labs: heat-ha-agent failover in 3 corosync nodes, the pcs recipe in 3 Pacemaker nodes (make lab-check)"
    out=$(cd "$root/asan" 2>/dev/null && make lab-check 2>&1)
    count_tap "$out" $?
fi

if [ "${SKIP_DIST:-0}" != 1 ]; then
    step "distributed: Galera x3 behind HAProxy, RabbitMQ, 3 engines, 2 APIs (make dist-check)"
    out=$(cd "$root/asan" 2>/dev/null && make dist-check 2>&1)
    count_tap "$out" $?
fi

if [ "${SKIP_VALGRIND:-0}" != 1 ]; then
    step "valgrind build and make check under memcheck"
    if "$top/tools/build.sh" "$root/valgrind" CFLAGS="-O1 -g"; then
        vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --track-origins=no"
        # HH_VALGRIND: the scripts that start daemons run them under it
        out=$(cd "$root/valgrind" && HH_VALGRIND="$vg" make -j"$(nproc)" check LOG_COMPILER="$vg" 2>&1)
        printf '%s\n' "$out" | grep -E '^(FAIL|ERROR|XPASS|# )' || true
        count_suite "$out"
    else
        failed=$((failed + 1))
    fi
fi

if [ "${SKIP_FUZZ:-0}" != 1 ]; then
    step "libFuzzer targets, ${fuzz_seconds}s each"
    if "$top/tools/build.sh" "$root/fuzz" CC=clang --enable-fuzzers; then
        for f in "$root"/fuzz/tests/fuzz/fuzz_*; do
            [ -x "$f" ] || continue
            name=$(basename "$f")
            corpus="$top/tests/fuzz/corpus/${name#fuzz_}"
            work="$root/fuzz/corpus-${name#fuzz_}"
            mkdir -p "$work"
            if "$f" -max_total_time="$fuzz_seconds" -timeout=10 -rss_limit_mb=2048 \
                "$work" "$corpus" >"$root/fuzz/$name.log" 2>&1; then
                echo "PASS: $name ($(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$root/fuzz/$name.log") runs)"
                passed=$((passed + 1))
            else
                echo "FAIL: $name"; tail -40 "$root/fuzz/$name.log"
                failed=$((failed + 1))
            fi
        done
    else
        failed=$((failed + 1))
    fi
fi

printf '\n%d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
[ "$failed" -eq 0 ]
