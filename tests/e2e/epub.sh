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

# who reviewed the guide, when, and where to ask: on the title page (in the
# guide's language) and, for the contact, in the package's metadata
# front_has SLUG NAME TEXT...: the title page holds every TEXT
front_has() {
	slug=$1 name=$2
	shift 2
	unzip -p "$T_TMP/a/$slug.epub" EPUB/titlepage.xhtml >"$T_TMP/front.xhtml" 2>/dev/null
	for want in "$@"; do
		if ! grep -qF "$want" "$T_TMP/front.xhtml"; then
			not_ok "$slug: title page shows $name" "no '$want' in titlepage.xhtml"
			return
		fi
	done
	ok "$slug: title page shows $name"
}
front_has naltrexone-self-injury "reviewer, review dates and contact" \
	'<p>Medically reviewed by Dr. Alex Moreno, psychiatrist (example)</p>' \
	'Last reviewed: <time datetime="2026-11-20">2026-11-20</time>' \
	'Next review: <time datetime="2028-11-20">2028-11-20</time>' \
	'<div class="contact"><p>Questions about this guide?</p><p>Example Community Clinic<br/>Phone: 555-0100<br/>questions@example.org<br/>https://www.example.org/self-injury</p></div>'
front_has es-completa "reviewer, review dates and contact in Spanish" \
	'<p>Revisión médica de Dra. Lucía Ordóñez</p>' \
	'Última revisión: <time datetime="2026-03-01">2026-03-01</time>' \
	'Próxima revisión: <time datetime="2030-01-01">2030-01-01</time>' \
	'<p>¿Preguntas sobre esta guía?</p><p>Clínica Señorío de Güemes, consulta de dermatología<br/>Teléfono: 555-0123<br/>consultas@example.org</p>'
for g in 'naltrexone-self-injury:Example Community Clinic; Phone: 555-0100; questions@example.org; https://www.example.org/self-injury' \
	 'es-completa:Clínica Señorío de Güemes, consulta de dermatología; Teléfono: 555-0123; consultas@example.org'; do
	slug=${g%%:*}
	want="<meta property=\"schema:contactPoint\">${g#*:}</meta>"
	if unzip -p "$T_TMP/a/$slug.epub" EPUB/package.opf 2>/dev/null | grep -qF "$want"; then
		ok "$slug: the package names the contact (schema:contactPoint)"
	else
		not_ok "$slug: the package names the contact (schema:contactPoint)" "no '$want'"
	fi
done

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
		check "--style $style: text left, lines 1.5 apart, paragraphs 1.5 lines apart, the reader's size" \
			$INSPECT css "$T_TMP/s-$style/naltrexone-self-injury.epub"
	else
		not_ok "--style $style ships $css" "$(cat "$T_TMP/build.err")"
	fi
done
# negative control: the check fails a justified stylesheet with its own size
{ cat styles/default/style.css; echo 'body { font-size: 12pt; line-height: 1.2; text-align: justify; }'; } >"$T_TMP/bad.css"
"$PY" -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w").write(sys.argv[2], "EPUB/style.css")' \
	"$T_TMP/bad-css.epub" "$T_TMP/bad.css"
out=$($INSPECT css "$T_TMP/bad-css.epub")
if [ $? -eq 1 ] && echo "$out" | grep -q justified && echo "$out" | grep -q 'font size' &&
   echo "$out" | grep -q 'line-height 1.2'; then
	ok "the stylesheet check fails a justified, fixed-size, tight stylesheet"
else
	not_ok "the stylesheet check fails a justified, fixed-size, tight stylesheet" "$out"
fi
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
