#!/bin/sh
# Configure and build heat-ha out of tree.
# Usage: tools/build.sh BUILD_DIR [configure options...]
# Regenerates the build system when configure is missing or older than its inputs.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$1
shift
if [ ! -x "$top/configure" ] || [ -n "$(find "$top/configure.ac" -newer "$top/configure")" ]; then
    (cd "$top" && autoreconf -fi >/dev/null 2>&1)
fi
mkdir -p "$dir"
cd "$dir"
if [ ! -f Makefile ]; then
    "$top/configure" "$@" >configure.out 2>&1 || { cat configure.out >&2; exit 1; }
fi
make -j"$(nproc)" >make.out 2>&1 || { tail -50 make.out >&2; exit 1; }
