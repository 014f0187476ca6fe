#!/bin/sh
# The EPUB (issue 3, DESIGN.md §4, §7): the bundled guide and the Spanish guide
# that uses every feature pass epubcheck with no error and no warning; mimetype
# first and stored; lang everywhere; NCX uid = OPF identifier; links land;
# the bundled article's words all there, in order, ending with the disclaimer;
# two builds a second apart are byte-identical; the style's CSS is shipped.
. tests/lib.sh
INSPECT="$PY tests/epub_inspect.py"
BOOK=book/naltrexone-self-injury
ES=tests/guides/es-completa

build() { # out-dir guide... ; quiet, epub only
	out=$1
	shift
	$MKGUIDE build -q --epub -o "$out" "$@" 2>"$T_TMP/build.err"
}

if build "$T_TMP/a" $BOOK $ES; then
	ok "build --epub of the bundled and the Spanish guide"
else
	not_ok "build --epub of the bundled and the Spanish guide" "$(cat "$T_TMP/build.err")"
fi
# none but the readability warnings of the bundled guide (grade 14 to 21)
[ -n "$(not_readability "$T_TMP/build.err")" ] && not_ok "build --epub prints no diagnostics but readability's" "$(cat "$T_TMP/build.err")"

# epubcheck runs in the background (a JVM start each), checked at the end
EC_N=0
EC_NAMES=""
run_epubcheck() { # name file
	if ! have_epubcheck; then
		skip "epubcheck $1" "epubcheck or java missing"
		return
	fi
	EC_N=$((EC_N + 1))
	echo "$1" >"$T_TMP/ec-$EC_N.name"
	(epubcheck "$2" >"$T_TMP/ec-$EC_N.out" 2>&1; echo $? >"$T_TMP/ec-$EC_N.rc") &
	EC_NAMES="$EC_NAMES $EC_N"
}
epubcheck_results() {
	wait
	for n in $EC_NAMES; do
		name=$(cat "$T_TMP/ec-$n.name")
		rc=$(cat "$T_TMP/ec-$n.rc" 2>/dev/null || echo "?")
		if [ "$rc" = 0 ] && grep -q 'Messages: 0 fatals / 0 errors / 0 warnings' "$T_TMP/ec-$n.out"; then
			ok "epubcheck $name: 0 fatals, 0 errors, 0 warnings"
		else
			not_ok "epubcheck $name: 0 fatals, 0 errors, 0 warnings (rc=$rc)" "$(grep -E 'ERROR|WARNING|FATAL|Messages' "$T_TMP/ec-$n.out")"
		fi
	done
}

for g in naltrexone-self-injury:en es-completa:es; do
	slug=${g%:*}
	lang=${g#*:}
	f=$T_TMP/a/$slug.epub
	if [ ! -s "$f" ]; then
		not_ok "$slug.epub written"
		continue
	fi
	run_epubcheck "$slug" "$f"
	check "$slug: mimetype first, stored, no extra field; no duplicate entries" $INSPECT layout "$f"
	check "$slug: lang and xml:lang = $lang on the package and every document" $INSPECT lang "$f" "$lang"
	check "$slug: NCX dtb:uid is the OPF unique identifier" $INSPECT uid "$f"
	check "$slug: every internal link lands on a file and an id" $INSPECT links "$f"
	check "$slug: the disclaimer is the last document, as back matter" $INSPECT last "$f"
done

check "bundled guide: the article's words, all and in order, ending with the disclaimer" \
	$INSPECT words "$T_TMP/a/naltrexone-self-injury.epub" tests/fixtures/naltrexone-article.txt

# the Spanish guide's back matter is localised
if unzip -p "$T_TMP/a/es-completa.epub" EPUB/faq.xhtml 2>/dev/null | grep -q '<h1[^>]*>Preguntas frecuentes</h1>' &&
   unzip -p "$T_TMP/a/es-completa.epub" EPUB/disclaimer.xhtml 2>/dev/null | grep -q '<h1[^>]*>Aviso</h1>' &&
   unzip -p "$T_TMP/a/es-completa.epub" EPUB/nav.xhtml 2>/dev/null | grep -q '>Índice</h1>'; then
	ok "es-completa: FAQ, disclaimer and contents headings in Spanish"
else
	not_ok "es-completa: FAQ, disclaimer and contents headings in Spanish"
fi

# same sources, same bytes, whatever the clock says
sleep 1
if build "$T_TMP/b" $BOOK $ES; then
	for slug in naltrexone-self-injury es-completa; do
		check "$slug: two builds a second apart are byte-identical" \
			cmp "$T_TMP/a/$slug.epub" "$T_TMP/b/$slug.epub"
	done
else
	not_ok "second build" "$(cat "$T_TMP/build.err")"
fi

# the style's stylesheet is the EPUB's: the one its style.yaml borrows with
# "stylesheet: NAME" (if any), then its own style.css (if any)
for style in default letter large-print; do
	from=$(sed -n 's/^stylesheet: *//p' "styles/$style/style.yaml")
	css="${from:+styles/$from/style.css }"
	[ -f "styles/$style/style.css" ] && css="${css}styles/$style/style.css"
	if [ -n "$from" ] && [ -f "styles/$style/style.css" ]; then
		{ cat "styles/$from/style.css"; echo; cat "styles/$style/style.css"; } >"$T_TMP/want.css"
	else
		cat $css >"$T_TMP/want.css"
	fi
	if build "$T_TMP/s-$style" --style "$style" $BOOK &&
	   unzip -p "$T_TMP/s-$style/naltrexone-self-injury.epub" EPUB/style.css >"$T_TMP/css" &&
	   cmp -s "$T_TMP/css" "$T_TMP/want.css"; then
		ok "--style $style ships $css"
	else
		not_ok "--style $style ships $css" "$(cat "$T_TMP/build.err")"
	fi
done
run_epubcheck "large-print" "$T_TMP/s-large-print/naltrexone-self-injury.epub"
if grep -Eq '(display|position)[[:space:]]*:[[:space:]]*(flex|grid|inline-flex|inline-grid|absolute|fixed)|float[[:space:]]*:' styles/*/style.css; then
	not_ok "stylesheets use no flex, grid, float or absolute positioning"
else
	ok "stylesheets use no flex, grid, float or absolute positioning"
fi

# the unit test's hand-built guide: every node type, images, a cover
UNIT=build/rel/tests/epub/test_xhtml
if [ -x "$UNIT" ]; then
	MG_TEST_EPUB_OUT=$T_TMP/unit.epub MG_TEST_RTL_OUT=$T_TMP/rtl.epub "$UNIT" >"$T_TMP/unit.out" 2>&1
	if [ -s "$T_TMP/unit.epub" ] && [ -s "$T_TMP/rtl.epub" ]; then
		run_epubcheck "hand-built guide with every node type" "$T_TMP/unit.epub"
		run_epubcheck "hand-built right-to-left (Arabic) guide" "$T_TMP/rtl.epub"
	else
		not_ok "hand-built guides written" "$(cat "$T_TMP/unit.out")"
	fi
else
	skip "epubcheck hand-built guide" "$UNIT not built (make unit-tests)"
fi

epubcheck_results
done_testing
