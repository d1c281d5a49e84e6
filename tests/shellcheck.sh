#!/bin/sh
# Every shell script of the project passes shellcheck (TAP).
top="${top_srcdir:-.}"
n=0
status=0
for f in "$top"/tools/*.sh "$top"/conf/*.sh "$top"/.ci/run "$top"/tests/*.sh "$top"/tests/*/*.sh; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    name=${f#"$top"/}
    # from the top, where the scripts' "shellcheck source=" paths start
    if out=$(cd "$top" && shellcheck -x "$name" 2>&1); then
        echo "ok $n - shellcheck $name"
    else
        echo "not ok $n - shellcheck $name"
        printf '%s\n' "$out" | sed 's/^/# /'
        status=1
    fi
done
echo "1..$n"
exit $status
