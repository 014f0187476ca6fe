#!/bin/sh
# tests/run.sh — runs every test and adds up the counts: the unit test
# binaries (release and sanitizer builds), then every tests/e2e/*.sh against
# ./mkguide and again against ./mkguide-asan. Last line: "N passed, N failed".
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

for build in rel asan; do
	for t in build/$build/tests/test_*; do
		[ -x "$t" ] || continue
		echo "# $t"
		"$t" >"$log" 2>&1
		rc=$?
		grep -v '^ok - ' "$log"
		tally "$t" $rc
	done
done

for bin in ./mkguide ./mkguide-asan; do
	[ -x "$bin" ] || continue
	for t in tests/e2e/*.sh; do
		[ -f "$t" ] || continue
		echo "# $t ($bin)"
		MKGUIDE=$bin sh "$t" >"$log" 2>&1
		rc=$?
		grep -v '^ok - ' "$log"
		tally "$t" $rc
	done
done
rm -f "$log"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
