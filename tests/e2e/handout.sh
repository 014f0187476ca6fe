#!/bin/sh
# tests/e2e/handout.sh — the PDF handouts measured as print guidance reads
# them (WCAG 2.x SC 1.4.8, health-literacy print guidance): for the bundled
# and the Spanish guide in every bundled style, body type of 12 pt (16 pt in
# large print) or more, lines of 80 characters at most, leading of 1.5 times
# the size, ragged right, no two hyphens in a row, no hyphen in headings;
# "align: justify" gives justified lines. tests/handout_check.py measures.
. tests/lib.sh

CHECK_PY=tests/handout_check.py

if ! command -v mutool >/dev/null 2>&1; then
	skip "handout measures" "mutool (mupdf-tools) not installed"
	done_testing
	exit
fi

# measured LABEL PDF ARGS...: the checker passes the PDF.
measured() {
	label=$1 f=$2
	shift 2
	if [ ! -s "$f" ]; then
		not_ok "$label: PDF written"
		return
	fi
	check "$label: measures as a readable handout" "$PY" "$CHECK_PY" "$f" "$@"
}

# refused LABEL PDF WHY ARGS...: the checker fails the PDF, saying WHY.
refused() {
	label=$1 f=$2 why=$3
	shift 3
	out=$("$PY" "$CHECK_PY" "$f" "$@" 2>&1)
	if [ $? -eq 1 ] && printf '%s\n' "$out" | grep -q -- "$why"; then
		ok "$label"
	else
		not_ok "$label" "$out"
	fi
}

# --- the bundled styles ---
for gdir in book/naltrexone-self-injury tests/guides/es-completa; do
	slug=$(basename "$gdir")
	for style in default letter large-print; do
		min=12
		[ "$style" = large-print ] && min=16
		out=$T_TMP/$slug-$style
		if ! err=$($MKGUIDE build -q --pdf --style "$style" -o "$out" "$gdir" 2>&1); then
			not_ok "$slug ($style): mkguide build --pdf" "$err"
			continue
		fi
		measured "$slug ($style)" "$out/$slug.pdf" --min-size "$min"
	done
done

# --- styles of a test's own: justified, and the old 10.5 pt handout ---
mkdir -p "$T_TMP/own/styles/justified" "$T_TMP/own/styles/small" "$T_TMP/own/book"
sed 's/^align: .*/align: justify/' styles/default/style.yaml >"$T_TMP/own/styles/justified/style.yaml"
grep -q '^align: justify' "$T_TMP/own/styles/justified/style.yaml" ||
	echo 'align: justify' >>"$T_TMP/own/styles/justified/style.yaml"
sed -e 's/^font_size: .*/font_size: 10.5/' -e 's/^leading: .*/leading: 14.5/' \
    -e 's/^margin_inner: .*/margin_inner: 64/' -e 's/^margin_outer: .*/margin_outer: 64/' \
    -e 's/^align: .*/align: justify/' \
	styles/default/style.yaml >"$T_TMP/own/styles/small/style.yaml"
cp styles/default/style.css "$T_TMP/own/styles/justified/"
cp styles/default/style.css "$T_TMP/own/styles/small/"
cp -R book/naltrexone-self-injury "$T_TMP/own/book/"
for style in justified small; do
	(cd "$T_TMP/own" && "$OLDPWD/$MKGUIDE" build -q --pdf --style "$style" \
		-o "out-$style" book/naltrexone-self-injury) >"$T_TMP/own.err" 2>&1 ||
		not_ok "build with the test's style '$style'" "$(cat "$T_TMP/own.err")"
done
J=$T_TMP/own/out-justified/naltrexone-self-injury.pdf
S=$T_TMP/own/out-small/naltrexone-self-injury.pdf
measured "align: justify" "$J" --justified
refused "align: justify is not ragged right" "$J" "not ragged"
refused "a ragged handout is not justified" "$T_TMP/naltrexone-self-injury-default/naltrexone-self-injury.pdf" \
	"justified: only" --justified
refused "10.5 pt type is too small" "$S" "body text 10.5 pt (less than 12 pt)"
refused "110 characters a line are too many" "$S" "characters (more than 80)"
refused "leading of 1.38 is too tight" "$S" "less than 1.5 x 10.5 pt"
refused "12 pt is not large print" "$T_TMP/naltrexone-self-injury-default/naltrexone-self-injury.pdf" \
	"less than 16 pt" --min-size 16

# --- hyphens the text itself ends lines on (hard line breaks) ---
# The checker must see two lines in a row on a hyphen, and a heading ending
# on one, wherever they come from.
cp -R tests/guides/minimal "$T_TMP/own/book/hyphens"
cat >>"$T_TMP/own/book/hyphens/one.md" <<'EOF'

## Before and after-

Words that end on their own hyphen, each on its line: pre-\
and post-\
operative care, with short- and long-term plans for every patient.
EOF
if $MKGUIDE build -q --pdf -o "$T_TMP/hy" "$T_TMP/own/book/hyphens" >"$T_TMP/hy.err" 2>&1; then
	refused "two lines in a row on a hyphen are found" "$T_TMP/hy/hyphens.pdf" \
		"two lines in a row end on a hyphen"
	refused "a heading on a hyphen is found" "$T_TMP/hy/hyphens.pdf" \
		"a heading line ends on a hyphen"
else
	not_ok "build the guide with hyphens" "$(cat "$T_TMP/hy.err")"
fi

done_testing
