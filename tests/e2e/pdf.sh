#!/bin/sh
# tests/e2e/pdf.sh — the PDF product read back with poppler, qpdf, mupdf and
# pikepdf: clean files, embedded subset fonts, text and structure tree that
# hold the source's words in order, outline, page numbers, links, tags, and
# byte-identical rebuilds. Every style, the bundled and the Spanish guide.
. tests/lib.sh

have_pikepdf() { "$PY" -c 'import pikepdf, yaml' >/dev/null 2>&1; }
have_fonttools() { "$PY" -c 'import pikepdf, fontTools' >/dev/null 2>&1; }
CHECK_PY=tests/pdf_struct_check.py

# pdf_checks LABEL FILE WORDS [GUIDE_DIR]: everything a PDF must pass.
pdf_checks() {
	label=$1 f=$2 words=$3 gdir=${4:-}
	if [ ! -s "$f" ]; then
		not_ok "$label: PDF written"
		return
	fi
	if have qpdf; then
		out=$(qpdf --check "$f" 2>&1)
		if [ $? -eq 0 ] && echo "$out" | grep -q 'No syntax or stream encoding errors' &&
		   ! echo "$out" | grep -qi 'warning'; then
			ok "$label: qpdf --check clean"
		else
			not_ok "$label: qpdf --check clean" "$out"
		fi
		case $(echo "$out" | sed -n 's/^PDF Version: //p') in
		1.7) ok "$label: PDF 1.7 header" ;;
		*) not_ok "$label: PDF 1.7 header" "$out" ;;
		esac
	else
		skip "$label: qpdf --check clean" "qpdf not installed"
	fi
	silent "$label: pdftotext silent" pdftotext -enc UTF-8 "$f" "$T_TMP/text.txt"
	silent "$label: pdffonts silent" pdffonts "$f"
	if have pdffonts; then
		bad=$(pdffonts "$f" 2>/dev/null | awk 'NR > 2 && !($(NF-4) == "yes" && $(NF-3) == "yes" && $(NF-2) == "yes")')
		n=$(pdffonts "$f" 2>/dev/null | awk 'NR > 2' | wc -l)
		if [ -z "$bad" ] && [ "$n" -gt 0 ]; then
			ok "$label: $n fonts embedded, subset, with ToUnicode"
		else
			not_ok "$label: fonts embedded, subset, with ToUnicode" "$bad"
		fi
	fi
	silent "$label: pdfinfo silent" pdfinfo "$f"
	if have pdfinfo; then
		info=$(pdfinfo "$f" 2>&1)
		echo "$info" | grep -q '^Tagged: *yes' && ok "$label: Tagged: yes" ||
			not_ok "$label: Tagged: yes" "$info"
		echo "$info" | grep -Eq '^Title: *[^ ]' && ok "$label: has a Title" ||
			not_ok "$label: has a Title" "$info"
		echo "$info" | grep -q '^Metadata Stream: *yes' && ok "$label: XMP metadata" ||
			not_ok "$label: XMP metadata" "$info"
		if have xmllint; then
			pdfinfo -meta "$f" >"$T_TMP/xmp.xml" 2>&1
			if xmllint --noout "$T_TMP/xmp.xml" 2>/dev/null &&
			   grep -q '<pdfuaid:part>1</pdfuaid:part>' "$T_TMP/xmp.xml" &&
			   grep -q '<dc:title>' "$T_TMP/xmp.xml"; then
				ok "$label: XMP well-formed, dc:title, pdfuaid:part 1"
			else
				not_ok "$label: XMP well-formed, dc:title, pdfuaid:part 1" "$(head -5 "$T_TMP/xmp.xml")"
			fi
		else
			skip "$label: XMP well-formed" "xmllint not installed"
		fi
	fi
	silent "$label: pdfinfo -struct-text silent" pdfinfo -struct-text "$f"
	if have mutool; then
		# this mupdf build says "ICC support is not available" for any file
		err=$(mutool draw -q -F txt -o "$T_TMP/mu.txt" "$f" 2>&1 |
			grep -v 'ICC support is not available')
		[ -z "$err" ] && ok "$label: mutool draw silent" ||
			not_ok "$label: mutool draw silent" "$err"
	else
		skip "$label: mutool draw silent" "mutool not installed"
	fi
	if ! have_pikepdf; then
		skip "$label: structure tree" "python3-pikepdf not installed"
		return
	fi
	if have pdftotext; then
		check "$label: extracted text holds every word in order" \
			"$PY" "$CHECK_PY" --text-words "$T_TMP/text.txt" --words "$words"
	fi
	check "$label: structure tree reads every word in order, tags complete" \
		"$PY" "$CHECK_PY" "$f" --words "$words"
	if have_fonttools; then
		check "$label: font programs read back, every drawn glyph kept" \
			"$PY" "$CHECK_PY" --fonts "$f"
	else
		skip "$label: font programs read back" "python3-fonttools not installed"
	fi
	if [ -n "$gdir" ]; then
		if have pdftotext; then
			check "$label: outline, page numbers, contents links" \
				"$PY" "$CHECK_PY" --product "$f" "$gdir"
		else
			skip "$label: outline, page numbers, contents links" "no pdftotext"
		fi
	fi
}

# --- the writer on a hand-made layout (tests/unit/test_pdf.c) ---
sample=""
for b in build/rel/tests/pdf/test_pdf build/asan/tests/pdf/test_pdf; do
	[ -x "$b" ] && { sample=$b; break; }
done
if [ -n "$sample" ]; then
	"$sample" "$T_TMP/sample.pdf" 2>/dev/null
	"$sample" --words "$T_TMP/sample.words"
	pdf_checks "sample" "$T_TMP/sample.pdf" "$T_TMP/sample.words"
	if have_pikepdf && have qpdf; then
		# negative control: the checker fails a PDF whose tree is gone
		qpdf --empty --pages "$T_TMP/sample.pdf" -- "$T_TMP/untagged.pdf" 2>/dev/null
		if "$PY" "$CHECK_PY" "$T_TMP/untagged.pdf" >/dev/null 2>&1; then
			not_ok "structure check fails an untagged PDF"
		else
			ok "structure check fails an untagged PDF"
		fi
	fi
	if have_fonttools; then
		# negative control: the font check fails a subset missing an outline
		if ! "$PY" "$CHECK_PY" --drop-glyph "$T_TMP/sample.pdf" "$T_TMP/dropped.pdf" ||
		   "$PY" "$CHECK_PY" --fonts "$T_TMP/dropped.pdf" >/dev/null 2>&1; then
			not_ok "font check fails a subset missing an outline"
		else
			ok "font check fails a subset missing an outline"
		fi
	fi
else
	skip "sample PDF" "build the unit tests first (make unit-tests)"
fi

# --- a font libharu cannot read (a character map of format 12 only) ---
# Fonts are read when first drawn with: the error names the style and the
# file, and no product is published.
if have_fonttools; then
	mkdir -p "$T_TMP/bf/.fonts" "$T_TMP/bf/styles/brokenmap" "$T_TMP/bf/book"
	"$PY" - "$T_TMP/bf/.fonts/BrokenmapSerif.ttf" <<'PYEOF'
import sys
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable
t = TTFont("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
sub = CmapSubtable.newSubtable(12)
sub.platformID, sub.platEncID, sub.language = 3, 10, 0
sub.cmap = dict(t["cmap"].getBestCmap())
t["cmap"].tables = [sub]
for rec in t["name"].names:
    if rec.nameID in (1, 4, 16):
        rec.string = "Brokenmap Serif"
    elif rec.nameID == 6:
        rec.string = "BrokenmapSerif"
t.save(sys.argv[1])
PYEOF
	sed 's/^body_font: .*/body_font: Brokenmap Serif/' styles/default/style.yaml >"$T_TMP/bf/styles/brokenmap/style.yaml"
	cp styles/default/style.css "$T_TMP/bf/styles/brokenmap/"
	cp -R tests/guides/minimal "$T_TMP/bf/book/"
	(cd "$T_TMP/bf" && HOME="$T_TMP/bf" "$OLDPWD/$MKGUIDE" build -q --style brokenmap -o out) 2>"$T_TMP/bf.err"
	rc=$?
	if [ $rc -eq 1 ] && grep -q "styles/brokenmap/style.yaml: error: cannot load font '.*BrokenmapSerif.ttf'" "$T_TMP/bf.err" &&
	   [ -z "$(ls "$T_TMP/bf/out" 2>/dev/null)" ]; then
		ok "a font libharu cannot read is an error naming the style and the file"
	else
		not_ok "a font libharu cannot read is an error naming the style and the file (rc=$rc)" "$(cat "$T_TMP/bf.err")"
	fi
else
	skip "a font libharu cannot read" "python3-fonttools not installed"
fi

# --- real guides, every style ---
for gdir in book/naltrexone-self-injury tests/guides/es-completa; do
	if [ ! -f "$gdir/guide.yaml" ]; then
		skip "$gdir" "no such guide"
		continue
	fi
	slug=$(basename "$gdir")
	if have_pikepdf; then
		"$PY" "$CHECK_PY" --source-words "$gdir" >"$T_TMP/$slug.words"
	fi
	for style in default letter large-print; do
		out=$T_TMP/$slug-$style
		label="$slug ($style)"
		if ! err=$($MKGUIDE build -q --pdf --style "$style" -o "$out" "$gdir" 2>&1); then
			not_ok "$label: mkguide build --pdf" "$err"
			continue
		fi
		ok "$label: mkguide build --pdf"
		pdf_checks "$label" "$out/$slug.pdf" "$T_TMP/$slug.words" "$gdir"
	done
	# same inputs, same bytes, a second apart
	$MKGUIDE build -q --pdf -o "$T_TMP/first" "$gdir" >/dev/null 2>&1
	sleep 1
	$MKGUIDE build -q --pdf -o "$T_TMP/again" "$gdir" >/dev/null 2>&1
	if [ -s "$T_TMP/first/$slug.pdf" ] &&
	   cmp -s "$T_TMP/again/$slug.pdf" "$T_TMP/first/$slug.pdf"; then
		ok "$slug: rebuilds are byte-identical"
	else
		not_ok "$slug: rebuilds are byte-identical"
	fi
done

# --- who reviewed it, when, and where to ask: the first and the last page ---
# page_has LABEL PDF PAGE TEXT...: pdftotext's text of PAGE ("last" for the
# last page) holds every TEXT, each on a line of its own
page_has() {
	label=$1 f=$2 page=$3
	shift 3
	[ "$page" = last ] && page=$(pdfinfo "$f" 2>/dev/null | sed -n 's/^Pages: *//p')
	pdftotext -enc UTF-8 -f "$page" -l "$page" "$f" "$T_TMP/page.txt" 2>/dev/null
	for want in "$@"; do
		if ! grep -qxF "$want" "$T_TMP/page.txt"; then
			not_ok "$label" "$(printf 'no line %s on page %s:\n%s' "$want" "$page" "$(cat "$T_TMP/page.txt")")"
			return
		fi
	done
	ok "$label"
}
if have pdftotext && have pdfinfo; then
	$MKGUIDE build -q --pdf -o "$T_TMP/contact" book/naltrexone-self-injury tests/guides/es-completa 2>/dev/null
	f=$T_TMP/contact/naltrexone-self-injury.pdf
	page_has "bundled guide: the title page shows the review and the contact" "$f" 1 \
		"Medically reviewed by Dr. Alex Moreno, psychiatrist (example)" \
		"Last reviewed: 2026-11-20" "Next review: 2028-11-20" \
		"Questions about this guide?" "Example Community Clinic" "Phone: 555-0100" \
		"questions@example.org" "https://www.example.org/self-injury"
	page_has "bundled guide: the last page shows the disclaimer and the contact" "$f" last \
		"Disclaimer" "Questions about this guide?" "Example Community Clinic" \
		"Phone: 555-0100" "questions@example.org" "https://www.example.org/self-injury"
	f=$T_TMP/contact/es-completa.pdf
	page_has "es-completa: the title page shows the review and the contact, in Spanish" "$f" 1 \
		"Revisión médica de Dra. Lucía Ordóñez" \
		"Última revisión: 2026-03-01" "Próxima revisión: 2030-01-01" \
		"¿Preguntas sobre esta guía?" "Clínica Señorío de Güemes, consulta de dermatología" \
		"Teléfono: 555-0123" "consultas@example.org"
	page_has "es-completa: the last page shows the disclaimer and the contact, in Spanish" "$f" last \
		"Aviso" "¿Preguntas sobre esta guía?" "Clínica Señorío de Güemes, consulta de dermatología" \
		"Teléfono: 555-0123" "consultas@example.org"
	# a guide without a contact prints no question
	$MKGUIDE build -q --pdf -o "$T_TMP/nocontact" tests/guides/minimal 2>/dev/null
	if [ -s "$T_TMP/nocontact/minimal.pdf" ] && pdftotext "$T_TMP/nocontact/minimal.pdf" - 2>/dev/null |
	   grep -q "Disclaimer" && ! pdftotext "$T_TMP/nocontact/minimal.pdf" - | grep -q "Questions about"; then
		ok "a guide without a contact prints no contact block"
	else
		not_ok "a guide without a contact prints no contact block"
	fi
else
	skip "contact and review on the first and last page" "pdftotext or pdfinfo not installed"
fi

done_testing
