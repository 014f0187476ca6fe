#!/bin/sh
# The BRF (--braille): geometry and characters, liblouis's own
# back-translation giving back every word in order (tests/brf_check.py), a
# small guide cell for cell (tests/fixtures/braille-small.brf), and the
# errors and warnings of tables: no table for a language, a bad
# braille_table, a non-boolean braille:, a character spelled out.
. tests/lib.sh
EN=en-us-brf.dis,en-ueb-g2.ctb
ES=en-us-brf.dis,es-g1.ctb

if ! $PY -c 'import louis' 2>/dev/null; then
	skip "BRF back-translation" "python3-louis is missing (make deps)"
else
	for g in book/naltrexone-self-injury:$EN tests/guides/es-completa:$ES \
		 tests/guides/braille-varied:$EN; do
		dir=${g%%:*} tables=${g#*:} slug=$(basename "${g%%:*}")
		rm -rf "$T_TMP/o"
		if ! $MKGUIDE build -q --braille -o "$T_TMP/o" "$dir" >"$T_TMP/err" 2>&1; then
			not_ok "$slug: build --braille" "$(cat "$T_TMP/err")"
			continue
		fi
		check "$slug: BRF geometry, characters, every word back in order, disclaimer last" \
			$PY tests/brf_check.py "$T_TMP/o/$slug.brf" "$T_TMP/o/$slug.epub" "$tables"
	done
fi

# a small guide, cell for cell (reviewed by hand against BANA's formats)
rm -rf "$T_TMP/o"
$MKGUIDE build -q --braille -o "$T_TMP/o" tests/guides/braille-small >/dev/null 2>&1
check "braille-small: the BRF is the reviewed one" \
	cmp "$T_TMP/o/braille-small.brf" tests/fixtures/braille-small.brf

# braille: true in guide.yaml makes the BRF without --braille; without
# either there is none
rm -rf "$T_TMP/o"
$MKGUIDE build -q -o "$T_TMP/o" tests/guides/braille-varied tests/guides/minimal >/dev/null 2>&1
check "braille: true writes the BRF" test -s "$T_TMP/o/braille-varied.brf"
check "no BRF without --braille or braille: true" test ! -e "$T_TMP/o/minimal.brf"

# a language without a table: an error naming it and the tables; nothing written
cp -R tests/guides/minimal "$T_TMP/fr"
sed -i 's/^language: en/language: fr/' "$T_TMP/fr/guide.yaml"
rm -rf "$T_TMP/o"
$MKGUIDE build -q --braille -o "$T_TMP/o" "$T_TMP/fr" >"$T_TMP/err" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q "guide.yaml: error: no braille table for language 'fr': mkguide has en (en-ueb-g2.ctb) and es (es-g1.ctb)" "$T_TMP/err" &&
   grep -q "liblouis has .*fr-" "$T_TMP/err" && [ -z "$(ls "$T_TMP/o" 2>/dev/null)" ]; then
	ok "no table for 'fr': a clear error, nothing written"
else
	not_ok "no table for 'fr': a clear error, nothing written (exit $rc)" "$(cat "$T_TMP/err"; ls "$T_TMP/o")"
fi
# ... which braille_table: fixes
printf 'braille_table: fr-bfu-comp6.utb\n' >>"$T_TMP/fr/guide.yaml"
check "braille_table: names the table" $MKGUIDE build -q --braille -o "$T_TMP/o" "$T_TMP/fr"
printf 'braille_table: no-such.ctb\n' >"$T_TMP/bt"
sed -i '$d' "$T_TMP/fr/guide.yaml"
cat "$T_TMP/bt" >>"$T_TMP/fr/guide.yaml"
$MKGUIDE build -q --braille -o "$T_TMP/o2" "$T_TMP/fr" >"$T_TMP/err" 2>&1
line=$(grep -n braille_table "$T_TMP/fr/guide.yaml" | cut -d: -f1)
check "a bad braille_table: an error at its line and column" \
	grep -q "guide.yaml:$line:16: error: braille_table: liblouis has no table 'no-such.ctb'" "$T_TMP/err"

# braille: must be a boolean
cp -R tests/guides/minimal "$T_TMP/yes"
printf 'braille: sometimes\n' >>"$T_TMP/yes/guide.yaml"
$MKGUIDE check -q "$T_TMP/yes" >"$T_TMP/err" 2>&1
check "braille: sometimes is an error at file:line:col" \
	grep -q "yes/guide.yaml:6:10: error: 'braille' must be true or false" "$T_TMP/err"

# the degree sign in a Spanish guide: spelled out, warned of once
rm -rf "$T_TMP/o"
$MKGUIDE build --braille -o "$T_TMP/o" tests/guides/es-completa >"$T_TMP/err" 2>&1
n=$(grep -c "warning: braille: the table has no U+00B0: written as 'grados'" "$T_TMP/err")
check "es: the degree sign warned of once, at its first use" \
	grep -q "01-introduccion.md:11:1: warning: braille: the table has no U+00B0" "$T_TMP/err"
check "es: ... and once only ($n)" test "$n" = 1
check "es: spelled 'grados' in the BRF" grep -q "#EGRADOS\|#E GRADOS\|GRADOS" "$T_TMP/o/es-completa.brf"
done_testing
