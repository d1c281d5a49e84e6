#!/bin/sh
# The engine benchmark at small sizes (bench_engine --smoke): it builds, every
# row's stacks reach CREATE_COMPLETE then DELETE_COMPLETE, and the tables are
# printed. No figure is checked: speed belongs to tests/bench/run-bench.sh.
# shellcheck source=tests/lib/tap.sh
. "${top_srcdir:-.}/tests/lib/tap.sh"

bench="${top_builddir:-.}/tests/bench/bench_engine"
# $work comes from tap.sh
# shellcheck disable=SC2154
run_prog timeout 60 "$bench" --smoke --dir "$work"
check "every row created and deleted its stacks" rc_is 0
check "the flat row" out_has '^| 10 flat  *|  *10 |'
check "the chain row" out_has '^| 10 chain  *|  *10 |'
check "the group row, or n/a while the type cannot be created" \
    out_has '^| 3 group  *| \(  *3 |\|n/a\)'
check "the concurrent stacks row" out_has '^| 3 stacks of 3, flat  *|  *9 |'
check "the engine table: cold start and RSS" out_has '^| RSS idle (MiB)  *|  *[0-9]'
check "the store files are removed" sh -c "[ -z \"\$(ls -A '$work' | grep bench-engine)\" ]"
tap_done
