#!/bin/sh
# tests/fuzz/run.sh SECONDS — runs the three fuzzers at once for SECONDS each:
# the reader and the pipeline, seeded with the bundled guide, the test guides
# and the regression inputs; the TrueType subsetter, seeded with small subsets
# of the installed fonts (made with fontTools when it is there).
# Exits non-zero if either found a crash, a leak or undefined behaviour (the
# input is left in build/fuzz/; copy it into tests/fuzz/regress/).
set -u
cd "$(dirname "$0")/../.."
secs=${1:-60}
status=0
run() {
	corpus=build/fuzz/corpus-$1
	mkdir -p "$corpus"
	cp tests/fuzz/regress/* "$corpus"/ 2>/dev/null
	for md in book/*/*.md tests/guides/*/*.md; do
		[ -f "$md" ] && cp "$md" "$corpus/$(echo "$md" | tr / _)"
	done
	ASAN_OPTIONS=detect_leaks=1 build/fuzz/fuzz_$1 -max_total_time="$secs" \
		-max_len=65536 -timeout=10 -rss_limit_mb=2048 -artifact_prefix=build/fuzz/ \
		-print_final_stats=1 "$corpus" >build/fuzz/$1.log 2>&1
}
run_ttf() {
	corpus=build/fuzz/corpus-ttf
	mkdir -p "$corpus"
	for f in /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
		 /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf; do
		[ -f "$f" ] && /usr/bin/python3 -m fontTools.subset "$f" --text="Hello é Å ﬁ ✓" \
			--output-file="$corpus/$(basename "$f")" >/dev/null 2>&1
	done
	ASAN_OPTIONS=detect_leaks=1 build/fuzz/fuzz_ttf -max_total_time="$secs" \
		-max_len=65536 -timeout=10 -rss_limit_mb=2048 -artifact_prefix=build/fuzz/ \
		-print_final_stats=1 "$corpus" >build/fuzz/ttf.log 2>&1
}
echo "fuzzing the reader, the whole pipeline and the font subsetter, $secs s each, in parallel"
run source & s=$!
run pipeline & p=$!
run_ttf & t=$!
wait $s || status=1
wait $p || status=1
wait $t || status=1
for f in source pipeline ttf; do
	echo "fuzz_$f:"
	grep -E '^(Done|stat::number_of_executed_units|stat::new_units_added)|ERROR|runtime error' build/fuzz/$f.log
done
[ $status -eq 0 ] && echo "no finding" || echo "FINDINGS: see build/fuzz/*.log and build/fuzz/crash-*"
exit $status
