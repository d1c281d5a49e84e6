#!/bin/sh
# Every man page passes mandoc's linter with no warning (TAP): man/ and the
# OCF agents' pages generated in the build (ocf/local.mk).
dir="${top_srcdir:-.}/man"
n=0
status=0
for page in "$dir"/*.[1-8] "${top_builddir:-.}"/ocf/*.7; do
    [ -f "$page" ] || continue
    n=$((n + 1))
    if out=$(mandoc -T lint -W warning "$page" 2>&1) && [ -z "$out" ]; then
        echo "ok $n - mandoc lint $(basename "$page")"
    else
        echo "not ok $n - mandoc lint $(basename "$page")"
        printf '%s\n' "$out" | sed 's/^/# /'
        status=1
    fi
done
echo "1..$n"
exit $status
