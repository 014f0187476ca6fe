#!/bin/sh
# The release build under valgrind (issue 6): building the bundled guide and
# the Spanish test guide reports no memory error and no leak.
. tests/lib.sh
case "$MKGUIDE" in *asan*) echo "0 passed, 0 failed, 0 skipped"; exit 0 ;; esac
if ! command -v valgrind >/dev/null 2>&1; then
	skip "valgrind" "valgrind is not installed"
	done_testing
	exit
fi
for g in book/naltrexone-self-injury tests/guides/es-completa; do
	valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect \
		$MKGUIDE build -q -j 2 -o "$T_TMP/out" "$g" >"$T_TMP/vg.out" 2>"$T_TMP/vg.err"
	rc=$?
	[ $rc -eq 0 ] && ok "valgrind: $g" || not_ok "valgrind: $g (exit $rc)" "$(head -30 "$T_TMP/vg.err")"
done
done_testing
