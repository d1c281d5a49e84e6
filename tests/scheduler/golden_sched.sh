#!/bin/sh
# Run every golden scheduler case (TAP on stdout).
exec "${top_builddir:-.}/tests/scheduler/golden_sched" "${top_srcdir:-.}/tests/scheduler"
