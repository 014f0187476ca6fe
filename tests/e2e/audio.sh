#!/bin/sh
# The read-aloud EPUB (docs/audio.md): `build --audio` of the bundled guide
# and of the Spanish guide that uses every feature passes epubcheck with no
# error and no warning; tests/audio_check.py finds every word inside an
# element an overlay points at, in reading order, the durations adding up,
# the clips inside their MP3s and apart, and speech (not silence) in every
# MP3; rebuilds (and -j 1 against -j 2) are the same bytes; the other
# products are the bytes of a build without --audio; audio: true asks for
# it; --audio --pdf is a usage error; a language without a voice an error.
. tests/lib.sh
BOOK=book/naltrexone-self-injury
ES=tests/guides/es-completa

if ! command -v mpg123 >/dev/null 2>&1; then
	skip "read-aloud EPUB" "mpg123 missing (tests/deps.sh)"
	done_testing
	exit
fi

if $MKGUIDE build -q --audio -o "$T_TMP/a" $BOOK $ES 2>"$T_TMP/a.err"; then
	ok "build --audio of the bundled and the Spanish guide"
else
	not_ok "build --audio of the bundled and the Spanish guide" "$(cat "$T_TMP/a.err")"
fi
[ -n "$(not_readability "$T_TMP/a.err")" ] &&
	not_ok "build --audio prints no diagnostics but readability's" "$(cat "$T_TMP/a.err")"

for g in naltrexone-self-injury es-completa; do
	check "$g-audio.epub: overlays cover every word in order, clips fit, speech" \
		$PY tests/audio_check.py "$T_TMP/a/$g-audio.epub"
	if have_epubcheck; then
		out=$(epubcheck "$T_TMP/a/$g-audio.epub" 2>&1)
		if echo "$out" | grep -q "Messages: 0 fatals / 0 errors / 0 warnings"; then
			ok "epubcheck: $g-audio.epub has no error and no warning"
		else
			not_ok "epubcheck: $g-audio.epub has no error and no warning" "$(echo "$out" | grep -E 'ERROR|WARNING|Messages')"
		fi
	else
		skip "epubcheck $g-audio.epub" "epubcheck or java missing"
	fi
done

# same bytes: again, and with one job (parts spoken in another order)
$MKGUIDE build -q --audio -o "$T_TMP/b" $BOOK $ES 2>/dev/null
$MKGUIDE build -q --audio -j 1 -o "$T_TMP/c" $ES 2>/dev/null
check "a rebuild of the read-aloud EPUBs is the same bytes" \
	cmp "$T_TMP/a/naltrexone-self-injury-audio.epub" "$T_TMP/b/naltrexone-self-injury-audio.epub"
check "-j 1 gives the same read-aloud EPUB as -j 2" \
	cmp "$T_TMP/a/es-completa-audio.epub" "$T_TMP/c/es-completa-audio.epub"

# --audio adds a product and changes none of the others
$MKGUIDE build -q -o "$T_TMP/plain" $BOOK $ES 2>/dev/null
same=0
for f in naltrexone-self-injury.epub naltrexone-self-injury.pdf es-completa.epub es-completa.pdf; do
	cmp -s "$T_TMP/plain/$f" "$T_TMP/a/$f" || { same=1; echo "    $f differs"; }
done
[ $same = 0 ] && ok "the EPUB and PDF are the same bytes with and without --audio" ||
	not_ok "the EPUB and PDF are the same bytes with and without --audio"
[ ! -e "$T_TMP/plain/naltrexone-self-injury-audio.epub" ] &&
	ok "no read-aloud EPUB without --audio" || not_ok "no read-aloud EPUB without --audio"

# audio: true in guide.yaml
cp -r tests/guides/minimal "$T_TMP/yes"
echo "audio: true" >>"$T_TMP/yes/guide.yaml"
$MKGUIDE build -q -o "$T_TMP/y" "$T_TMP/yes" 2>/dev/null
check "audio: true in guide.yaml writes <slug>-audio.epub" test -s "$T_TMP/y/yes-audio.epub"
[ -s "$T_TMP/y/yes-audio.epub" ] && check "the minimal guide's read-aloud EPUB" \
	$PY tests/audio_check.py "$T_TMP/y/yes-audio.epub"

# --audio with --pdf alone: usage error
$MKGUIDE build --audio --pdf -o "$T_TMP/u" $BOOK >/dev/null 2>"$T_TMP/u.err"
rc=$?
[ $rc = 2 ] && grep -q -- "--audio" "$T_TMP/u.err" && ok "--audio --pdf exits 2" ||
	not_ok "--audio --pdf exits 2" "exit $rc: $(cat "$T_TMP/u.err")"

# a language eSpeak NG has no voice for
cp -r tests/guides/minimal "$T_TMP/tlh"
sed -i 's/^language:.*/language: tlh/' "$T_TMP/tlh/guide.yaml"
$MKGUIDE build -q --audio -o "$T_TMP/t" "$T_TMP/tlh" 2>"$T_TMP/t.err"
rc=$?
[ $rc = 1 ] && grep -q "eSpeak NG has no voice for language 'tlh'" "$T_TMP/t.err" &&
	[ ! -e "$T_TMP/t/tlh.epub" ] && ok "a language without a voice is an error naming it, and nothing is written" ||
	not_ok "a language without a voice is an error naming it" "exit $rc: $(cat "$T_TMP/t.err")"
done_testing
