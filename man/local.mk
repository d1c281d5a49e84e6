# man/: a page for every program and for heat.conf (generated, see conf/).
dist_man_MANS += man/heat.1
TESTS += tests/man_lint.sh
EXTRA_DIST += tests/man_lint.sh
