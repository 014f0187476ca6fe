#!/bin/sh
# The build's threads under ThreadSanitizer (./mkguide-tsan, `make
# SANITIZE=thread`): a catalogue built by two or three workers, each guide's
# EPUB beside its PDF (and read-aloud EPUB), shares the font library and the hyphenation
# dictionaries without a data race, also when a guide of the run fails; the
# EPUBs of guides without a cover draw theirs (fontconfig, FreeType) meanwhile.
# Runs once, in the ./mkguide pass.
. tests/lib.sh
case "$MKGUIDE" in *asan*) echo "0 passed, 0 failed, 0 skipped"; exit 0 ;; esac
TSAN=./mkguide-tsan
if [ ! -x "$TSAN" ]; then
	not_ok "ThreadSanitizer build" "build it with: make SANITIZE=thread"
	done_testing
	exit
fi
mkdir -p "$T_TMP/cat/book"
for i in 1 2 3; do
	cp -R book/naltrexone-self-injury "$T_TMP/cat/book/guide-$i"
done
cp -R tests/guides/es-completa tests/guides/minimal "$T_TMP/cat/book/"
cp -R styles "$T_TMP/cat/"
supp=$(pwd)/tests/tsan.supp
bin=$(pwd)/$TSAN
# three guides or more: the whole dictionary, shared; one guide: its own
# patterns; with two and three workers; one PDF alone
# and the read-aloud EPUBs: parts spoken and encoded by the audio threads
for run in "-j 2" "-j 3" "-j 2 --braille" "-j 3 --braille book/guide-1 book/es-completa" "-j 2 book/guide-1" "-j 2 --pdf book/guide-1" "-j 2 --style large-print book/guide-2 book/es-completa" "-j 2 --audio book/es-completa book/minimal"; do
	rm -rf "$T_TMP/cat/out"
	# shellcheck disable=SC2086
	(cd "$T_TMP/cat" && TSAN_OPTIONS="suppressions=$supp halt_on_error=1 exitcode=66" \
		"$bin" build -q $run -o out) >"$T_TMP/tsan.out" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && ! grep -q "ThreadSanitizer" "$T_TMP/tsan.out" &&
	   [ -n "$(ls "$T_TMP/cat/out" 2>/dev/null)" ]; then
		ok "no data race: mkguide build $run"
	else
		not_ok "no data race: mkguide build $run (exit $rc)" "$(head -40 "$T_TMP/tsan.out")"
	fi
done
# a bad guide among good ones: the pool gives up on it, still no race
cp -R tests/bad/multi-error "$T_TMP/cat/bad"
rm -rf "$T_TMP/cat/out"
(cd "$T_TMP/cat" && TSAN_OPTIONS="suppressions=$supp halt_on_error=1 exitcode=66" \
	"$bin" build -q -j 3 -o out book/guide-1 bad book/guide-3) >"$T_TMP/tsan.out" 2>&1
rc=$?
if [ $rc -eq 1 ] && ! grep -q "ThreadSanitizer" "$T_TMP/tsan.out"; then
	ok "no data race with a bad guide in the run"
else
	not_ok "no data race with a bad guide in the run (exit $rc)" "$(head -40 "$T_TMP/tsan.out")"
fi
done_testing
