#!/bin/sh
# Run every golden template case (TAP on stdout).
exec "${top_builddir:-.}/tests/templates/golden" \
    "${top_srcdir:-.}/tests/templates/valid" "${top_srcdir:-.}/tests/templates/invalid"
