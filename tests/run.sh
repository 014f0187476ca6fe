#!/bin/sh
# tests/run.sh — runs every test and adds up the counts: the unit test
# binaries of the release and sanitizer builds (build/*/tests/<stage>/),
# then every tests/e2e/*.sh against ./mkguide and again against
# ./mkguide-asan. Last line: "N passed, N failed".
#
# A binary that should be there and is not is a failure, not a skip: so
# is a run that found no unit test or no end-to-end script at all.
cd "$(dirname "$0")/.." || exit 2

passed=0 failed=0 skipped=0
log=$(mktemp)
tally() {
	# the last "N passed, N failed[, N skipped]" line of the output in $log
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "not ok - $1 (crashed or printed no summary)"
		failed=$((failed + 1))
		return
	fi
	p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
	s=$(echo "$line" | sed -nE 's/.*, ([0-9]+) skipped.*/\1/p')
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + ${s:-0}))
	[ "$2" -ne 0 ] && [ "$f" -eq 0 ] && { echo "not ok - $1 exited $2"; failed=$((failed + 1)); }
}
missing() {
	echo "not ok - $1 is missing (run 'make test', which builds it)"
	failed=$((failed + 1))
}

# Every unit test source must have its binary in both builds.
sources=$(find tests/unit -name 'test_*.c' | sort)
[ -n "$sources" ] || missing "tests/unit/*/test_*.c"
for build in rel asan; do
	for src in $sources; do
		t=build/$build/tests/${src#tests/unit/}
		t=${t%.c}
		if [ ! -x "$t" ]; then
			missing "$t"
			continue
		fi
		echo "# $t"
		"$t" >"$log" 2>&1
		rc=$?
		grep -v '^ok - ' "$log"
		tally "$t" $rc
	done
done

scripts=$(ls tests/e2e/*.sh 2>/dev/null)
[ -n "$scripts" ] || missing "tests/e2e/*.sh"
for bin in ./mkguide ./mkguide-asan; do
	if [ ! -x "$bin" ]; then
		missing "$bin"
		continue
	fi
	for t in $scripts; do
		echo "# $t ($bin)"
		MKGUIDE=$bin sh "$t" >"$log" 2>&1
		rc=$?
		grep -v '^ok - ' "$log"
		tally "$t" $rc
	done
done
rm -f "$log"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
