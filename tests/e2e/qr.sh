#!/bin/sh
# tests/e2e/qr.sh — the handouts' QR codes under --base-url, read back as a
# phone would: the title page and the last page rendered at 200 dpi
# (pdftoppm) and decoded (zbarimg) to the EPUB's link; the link printed
# beneath; a tagged Figure with alt text; clean, reproducible files; none
# without --base-url.
. tests/lib.sh

have_pikepdf() { "$PY" -c 'import pikepdf, yaml' >/dev/null 2>&1; }
BASE=https://clinic.example.org/guides
BOOK=book/naltrexone-self-injury
WANT=$BASE/naltrexone-self-injury.epub
QR_PY=tests/qr_check.py

for tool in pdftoppm zbarimg pdftotext pdfinfo qpdf; do
	if ! have $tool; then
		skip "QR codes" "$tool not installed"
		done_testing
		exit
	fi
done

# pages FILE: its page count
pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }
# page_no FILE PAGE: PAGE as a number ("last" for the last page)
page_no() { if [ "$2" = last ]; then pages "$1"; else echo "$2"; fi; }
# decode FILE PAGE: what zbarimg reads off the page at 200 dpi, one code a line
decode() {
	n=$(page_no "$1" "$2")
	rm -f "$T_TMP/scan.png"
	pdftoppm -r 200 -png -f "$n" -l "$n" -singlefile "$1" "$T_TMP/scan" 2>/dev/null
	zbarimg --raw -q "$T_TMP/scan.png" 2>/dev/null
}
# decodes LABEL FILE PAGE URL: the page holds one QR code, reading URL
decodes() {
	got=$(decode "$2" "$3")
	if [ "$got" = "$4" ]; then
		ok "$1"
	else
		not_ok "$1" "$(printf 'want %s\ngot  %s' "$4" "$got")"
	fi
}
# printed LABEL FILE PAGE TEXT: pdftotext's text of the page holds TEXT,
# perhaps broken over lines
printed() {
	n=$(page_no "$2" "$3")
	pdftotext -enc UTF-8 -f "$n" -l "$n" "$2" - 2>/dev/null | tr -d '\n' >"$T_TMP/page.txt"
	if grep -qF "$4" "$T_TMP/page.txt"; then
		ok "$1"
	else
		not_ok "$1" "$(cat "$T_TMP/page.txt")"
	fi
}
# build LABEL OUT ARGS...: mkguide build -q --pdf ARGS into OUT
build() {
	label=$1 out=$2
	shift 2
	if err=$($MKGUIDE build -q --pdf -o "$out" "$@" 2>&1); then
		ok "$label: mkguide build --pdf $*"
	else
		not_ok "$label: mkguide build --pdf $*" "$err"
	fi
}
# clean LABEL FILE: qpdf, poppler and mupdf read it without a word
clean() {
	out=$(qpdf --check "$2" 2>&1)
	if [ $? -eq 0 ] && echo "$out" | grep -q 'No syntax or stream encoding errors' &&
	   ! echo "$out" | grep -qi 'warning'; then
		ok "$1: qpdf --check clean"
	else
		not_ok "$1: qpdf --check clean" "$out"
	fi
	silent "$1: pdftotext silent" pdftotext "$2" "$T_TMP/all.txt"
	silent "$1: pdffonts silent" pdffonts "$2"
	silent "$1: pdfinfo silent" pdfinfo "$2"
	silent "$1: pdfinfo -struct-text silent" pdfinfo -struct-text "$2"
	if have mutool; then
		err=$(mutool draw -q -F txt -o "$T_TMP/mu.txt" "$2" 2>&1 |
			grep -v 'ICC support is not available')
		[ -z "$err" ] && ok "$1: mutool draw silent" ||
			not_ok "$1: mutool draw silent" "$err"
	else
		skip "$1: mutool draw silent" "mutool not installed"
	fi
}
# tagged LABEL FILE URL ALT: a Figure on the first and on the last page,
# 2 cm at least, whose /Alt is ALT, URL; nothing painted outside marked
# content; the code's squares painted inside the Figure's
tagged() {
	label=$1 f=$2 url=$3 alt=$4
	last=$(pages "$f")
	"$PY" "$QR_PY" figures "$f" >"$T_TMP/figs" 2>"$T_TMP/figs.err"
	grep -F "	$alt, $url" "$T_TMP/figs" >"$T_TMP/qrfigs"
	if [ "$(cut -f1 "$T_TMP/qrfigs" | sort -n | tr '\n' ' ')" = "1 $last " ] &&
	   awk -F'\t' '$2 < 56.69 || $3 < 56.69 { bad = 1 } END { exit bad }' "$T_TMP/qrfigs"; then
		ok "$label: a Figure of 2 cm or more on pages 1 and $last, /Alt names the link"
	else
		not_ok "$label: a Figure of 2 cm or more on pages 1 and $last, /Alt names the link" \
			"$(cat "$T_TMP/figs" "$T_TMP/figs.err")"
	fi
	check "$label: nothing painted outside marked content" "$PY" "$QR_PY" untagged "$f"
	if [ "$("$PY" "$QR_PY" paths "$f" 1)" = 1 ] &&
	   [ "$("$PY" "$QR_PY" paths "$f" "$last")" = 1 ]; then
		ok "$label: the code is one fill inside its Figure, on both pages"
	else
		not_ok "$label: the code is one fill inside its Figure, on both pages"
	fi
}

# --- the bundled guide in every handout style ---
if have_pikepdf; then
	"$PY" tests/pdf_struct_check.py --source-words "$BOOK" >"$T_TMP/words"
fi
for style in default letter large-print; do
	out=$T_TMP/$style
	label="bundled guide ($style)"
	build "$label" "$out" --style "$style" --base-url "$BASE" "$BOOK"
	f=$out/naltrexone-self-injury.pdf
	[ -s "$f" ] || continue
	decodes "$label: the title page's code reads the EPUB's link" "$f" 1 "$WANT"
	decodes "$label: the last page's code reads the EPUB's link" "$f" last "$WANT"
	printed "$label: the link is printed on the title page" "$f" 1 "$WANT"
	printed "$label: the link is printed on the last page" "$f" last "$WANT"
	printed "$label: the title page says what the code is" "$f" 1 \
		"Scan to get this guide as an e-book"
	n=$(pdftotext -f 2 -l 2 "$f" - 2>/dev/null | head -n 1)
	if [ "$n" = Contents ]; then
		ok "$label: the title page is one page (page 2 is the contents)"
	else
		not_ok "$label: the title page is one page (page 2 is the contents)" "page 2 starts: $n"
	fi
	plain=$T_TMP/$style-plain
	$MKGUIDE build -q --pdf --style "$style" -o "$plain" "$BOOK" 2>/dev/null
	if [ "$(pages "$f")" = "$(pages "$plain/naltrexone-self-injury.pdf")" ]; then
		ok "$label: as many pages as without the code"
	else
		not_ok "$label: as many pages as without the code"
	fi
	clean "$label" "$f"
	tagged "$label" "$f" "$WANT" "QR code: link to the e-book of this guide"
	if have_pikepdf; then
		check "$label: structure tree reads every word in order, tags complete" \
			"$PY" tests/pdf_struct_check.py "$f" --words "$T_TMP/words"
		check "$label: outline, page numbers, contents links" \
			"$PY" tests/pdf_struct_check.py --product "$f" "$BOOK"
	else
		skip "$label: structure tree" "python3-pikepdf not installed"
	fi
done

# --- no code without --base-url (the negative control) ---
f=$T_TMP/default-plain/naltrexone-self-injury.pdf
if [ -s "$f" ] && [ -z "$(decode "$f" 1)" ] && [ -z "$(decode "$f" last)" ]; then
	ok "without --base-url, no code on the title page or the last page"
else
	not_ok "without --base-url, no code on the title page or the last page"
fi
if [ -s "$f" ] && ! pdftotext "$f" - 2>/dev/null | grep -q "Scan to get"; then
	ok "without --base-url, no line about a code"
else
	not_ok "without --base-url, no line about a code"
fi

# --- same bytes, build after build ---
build "rebuild" "$T_TMP/again" --base-url "$BASE" "$BOOK"
if cmp -s "$T_TMP/again/naltrexone-self-injury.pdf" "$T_TMP/default/naltrexone-self-injury.pdf"; then
	ok "rebuilds with --base-url are byte-identical"
else
	not_ok "rebuilds with --base-url are byte-identical"
fi

# --- a base URL ending in a slash makes the same link ---
build "trailing slash" "$T_TMP/slash" --base-url "$BASE/" "$BOOK"
decodes "a base URL ending in '/' gives the same link" \
	"$T_TMP/slash/naltrexone-self-injury.pdf" 1 "$WANT"

# --- a slug with a space and an accent is %-escaped ---
mkdir -p "$T_TMP/esc"
cp -R tests/guides/minimal "$T_TMP/esc/Guía de prueba"
build "escaped slug" "$T_TMP/esc-out" --base-url "$BASE" "$T_TMP/esc/Guía de prueba"
f="$T_TMP/esc-out/Guía de prueba.pdf"
esc=$BASE/Gu%C3%ADa%20de%20prueba.epub
decodes "a slug with a space and an accent: the title page's code is %-escaped" "$f" 1 "$esc"
decodes "a slug with a space and an accent: the last page's code is %-escaped" "$f" last "$esc"
printed "a slug with a space and an accent: the escaped link is printed" "$f" 1 "$esc"

# --- a Spanish guide with a cover, in large print: the fullest title page ---
build "es-completa (large-print)" "$T_TMP/es" --style large-print --base-url "$BASE" tests/guides/es-completa
f=$T_TMP/es/es-completa.pdf
decodes "es-completa (large-print): the title page's code" "$f" 1 "$BASE/es-completa.epub"
decodes "es-completa (large-print): the last page's code" "$f" last "$BASE/es-completa.epub"
printed "es-completa (large-print): the title page says what the code is, in Spanish" "$f" 1 \
	"Escanee para obtener esta guía como libro electrónico"
n=$(pdftotext -f 2 -l 2 "$f" - 2>/dev/null | head -n 1)
if [ "$n" = "Índice" ]; then
	ok "es-completa (large-print): the title page is one page"
else
	not_ok "es-completa (large-print): the title page is one page" "page 2 starts: $n"
fi
clean "es-completa (large-print)" "$f"
tagged "es-completa (large-print)" "$f" "$BASE/es-completa.epub" \
	"Código QR: enlace al libro electrónico de esta guía"

# --- the checker finds untagged painting (its negative control) ---
"$PY" - "$T_TMP/untagged.pdf" <<'PYEOF'
import sys
content = b"0 0 10 10 re f\n"
objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream"]
out = bytearray(b"%PDF-1.7\n")
offsets = []
for i, o in enumerate(objs, 1):
    offsets.append(len(out))
    out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for off in offsets:
    out += b"%010d 00000 n \n" % off
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
open(sys.argv[1], "wb").write(out)
PYEOF
if "$PY" "$QR_PY" untagged "$T_TMP/untagged.pdf" >/dev/null 2>&1; then
	not_ok "the untagged check fails a fill outside marked content"
else
	ok "the untagged check fails a fill outside marked content"
fi

done_testing
