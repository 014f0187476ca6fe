#!/bin/sh
# DAISY Ace (DESIGN.md §4): the accessibility checker e-reader distributors
# use finds no violation in the EPUB of the bundled guide, of the Spanish guide
# that uses every feature, of the large-print style, of the read-aloud EPUBs
# of the first two and of the unit test's hand-built guide. Skipped when Ace or
# Chromium is missing (tests/ace-install.sh installs both).
. tests/lib.sh
BOOK=book/naltrexone-self-injury
ES=tests/guides/es-completa
: "${PUPPETEER_EXECUTABLE_PATH:=/usr/bin/chromium}"
export PUPPETEER_EXECUTABLE_PATH

if ! command -v ace-puppeteer >/dev/null 2>&1; then
	skip "DAISY Ace" "ace-puppeteer missing (tests/ace-install.sh)"
	done_testing
	exit
fi
if [ ! -x "$PUPPETEER_EXECUTABLE_PATH" ]; then
	skip "DAISY Ace" "no Chromium at $PUPPETEER_EXECUTABLE_PATH"
	done_testing
	exit
fi

# Violations in Ace's report.json: every failed assertion, one per line.
violations() { # report.json
	$PY - "$1" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))
n = 0
for doc in r.get("assertions", []):
    for a in doc.get("assertions", []):
        if a["earl:result"]["earl:outcome"] != "pass":
            n += 1
            print("%s: %s (%s) %s" % (doc["earl:testSubject"]["url"], a["earl:test"]["dct:title"],
                  a["earl:test"].get("earl:impact"), a["earl:result"].get("html", "")[:200]))
if r["earl:result"]["earl:outcome"] != "pass":
    print("outcome: %s" % r["earl:result"]["earl:outcome"])
    n += 1
sys.exit(1 if n else 0)
PYEOF
}

ace_check() { # name epub
	rm -rf "$T_TMP/ace-$1"
	if ! timeout 600 ace-puppeteer -s -o "$T_TMP/ace-$1" "$2" >"$T_TMP/ace-$1.log" 2>&1 ||
	   [ ! -f "$T_TMP/ace-$1/report.json" ]; then
		not_ok "Ace runs on $1" "$(tail -n 20 "$T_TMP/ace-$1.log")"
		return
	fi
	if out=$(violations "$T_TMP/ace-$1/report.json"); then
		ok "Ace: 0 violations in $1"
	else
		not_ok "Ace: 0 violations in $1" "$out"
	fi
}

if $MKGUIDE build -q --epub -o "$T_TMP/out" $BOOK $ES 2>"$T_TMP/b.err" &&
   $MKGUIDE build -q --epub --style large-print -o "$T_TMP/lp" $BOOK 2>>"$T_TMP/b.err"; then
	ok "build the EPUBs for Ace"
else
	not_ok "build the EPUBs for Ace" "$(cat "$T_TMP/b.err")"
fi
ace_check naltrexone-self-injury "$T_TMP/out/naltrexone-self-injury.epub"
ace_check es-completa "$T_TMP/out/es-completa.epub"
ace_check large-print "$T_TMP/lp/naltrexone-self-injury.epub"

# the read-aloud EPUBs (docs/audio.md): spans, overlays, auditory metadata
if $MKGUIDE build -q --epub --audio -o "$T_TMP/audio" $BOOK $ES 2>"$T_TMP/au.err"; then
	ace_check naltrexone-self-injury-audio "$T_TMP/audio/naltrexone-self-injury-audio.epub"
	ace_check es-completa-audio "$T_TMP/audio/es-completa-audio.epub"
else
	not_ok "build the read-aloud EPUBs for Ace" "$(cat "$T_TMP/au.err")"
fi

# the unit test's hand-built guide: every node type, images, a cover, notes
UNIT=build/rel/tests/epub/test_xhtml
if [ -x "$UNIT" ]; then
	MG_TEST_EPUB_OUT=$T_TMP/unit.epub "$UNIT" >/dev/null 2>&1
	ace_check hand-built "$T_TMP/unit.epub"
else
	skip "Ace on the hand-built guide" "$UNIT not built (make unit-tests)"
fi
done_testing
