#!/bin/sh
# tests/fuzz/run.sh SECONDS — runs both fuzzers for SECONDS each, seeded with
# the bundled guide, the test guides and the regression inputs. Exits non-zero
# if either found a crash (the input is left in build/fuzz/).
set -u
cd "$(dirname "$0")/../.."
secs=${1:-60}
status=0
for f in source pipeline; do
	corpus=build/fuzz/corpus-$f
	mkdir -p "$corpus"
	cp tests/fuzz/regress/* "$corpus"/ 2>/dev/null
	for md in book/*/*.md tests/guides/*/*.md; do
		[ -f "$md" ] && cp "$md" "$corpus/$(echo "$md" | tr / _)"
	done
	echo "fuzz_$f: $secs s"
	ASAN_OPTIONS=detect_leaks=1 build/fuzz/fuzz_$f -max_total_time="$secs" \
		-max_len=65536 -timeout=10 -rss_limit_mb=2048 -artifact_prefix=build/fuzz/ \
		-print_final_stats=1 "$corpus" 2>build/fuzz/$f.log || status=1
	tail -n 12 build/fuzz/$f.log
done
exit $status
