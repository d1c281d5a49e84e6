#!/bin/sh
# ocf-man.sh: an OCF agent's manual from its meta-data.
# Usage: ocf-man.sh AGENT XSL DATE [FRAGMENT] >PAGE
# AGENT's meta-data goes through XSL (ocf-man.xsl); the mdoc FRAGMENT (a
# page's own sections), when given, replaces the line '.\" @extra@'.
set -eu
agent=$1 xsl=$2 date=$3 fragment=${4:-/dev/null}
meta=$(OCF_FUNCTIONS_DIR=/nonexistent "$agent" meta-data)
printf '%s\n' "$meta" |
    xsltproc --nonet --novalid --stringparam date "$date" --stringparam binary "$(basename "$agent")" "$xsl" - |
    awk -v fragment="$fragment" '
        $0 == ".\\\" @extra@" {
            while ((getline line < fragment) > 0)
                print line
            next
        }
        { print }'
