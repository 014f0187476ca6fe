#!/bin/sh
# The catalogue (issue 20, docs/catalog.md): catalog.xml, an OPDS 1.2
# acquisition feed, and index.html, a download page, written beside the
# products by build and by `mkguide index`. Checked against a RELAX NG
# schema written from the OPDS 1.2 and Atom rules (tests/schema), against
# the EPUBs themselves (tests/catalog_check.py), for links that all lead to
# files, escaping, all-or-nothing writing, the same bytes from build and
# index, and with axe-core in chromium at a phone's and a desktop's width.
. tests/lib.sh

K=$T_TMP/k
mkdir -p "$K/book"
cp -R book/naltrexone-self-injury tests/guides/es-completa tests/guides/es-facil "$K/book/"

# a guide whose title and summary hold markup characters and quotes
E=$K/book/escape
cp -R tests/guides/minimal "$E"
TITLE="A <b>bold</b> & \"quoted\" 'guide'"
SUMMARY="Fish & chips <script>alert('x')</script> \"done\" & <i>dusted</i>."
sed -i '/^title:/d' "$E/guide.yaml"
cat >>"$E/guide.yaml" <<EOF
title: '$(printf '%s' "$TITLE" | sed "s/'/''/g")'
description: '$(printf '%s' "$SUMMARY" | sed "s/'/''/g")'
publisher: "Example Community Clinic"
date: 2025-06-01
review:
  reviewer: "Dr. Example"
  reviewed: 2025-09-30
  next_review: 2027-09-30
braille: true
audio: true
EOF

# a guide with a cover of the size an e-reader shelf wants (1600 x 2400),
# and one whose cover is a JPEG
C=$K/book/big-cover
cp -R tests/guides/minimal "$C"
$PY - "$C/cover.png" <<'PYEOF'
import struct, sys, zlib
w, h = 1600, 2400
red = bytes(x * 255 // w for x in range(w))
rows = []
for y in range(h):
    row = bytearray(3 * w)
    row[0::3] = red
    row[1::3] = bytes([y * 255 // h]) * w
    row[2::3] = b"\x60" * w
    rows.append(b"\0" + bytes(row))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + \
      chunk(b"IDAT", zlib.compress(b"".join(rows), 6)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PYEOF
echo "cover: cover.png" >>"$C/guide.yaml"
sed -i 's/^title: .*/title: "A Guide with a Large Cover"/' "$C/guide.yaml"
J=$K/book/jpeg-cover
cp -R tests/guides/minimal "$J"
cp tests/guides/es-completa/img/icono.jpg "$J/cover.jpg"
echo "cover: cover.jpg" >>"$J/guide.yaml"
sed -i 's/^title: .*/title: "A Guide with a JPEG Cover"/' "$J/guide.yaml"
# a slug with a space and an accent: one link, %-escaped, in both files
cp -R tests/guides/minimal "$K/book/mi guía"
sed -i 's/^title: .*/title: "Mi guía"/; s/^language: .*/language: es/' "$K/book/mi guía/guide.yaml"
cp -R styles "$K/"

(cd "$K" && "$OLDPWD/$MKGUIDE" build -j 2 -o all book/*) >/dev/null 2>"$K/build.err"
rc=$?
A=$K/all
if [ $rc -eq 0 ] && [ -s "$A/catalog.xml" ] && [ -s "$A/index.html" ] &&
   grep -qx "catalogue: all/catalog.xml, all/index.html" "$K/build.err"; then
	ok "build writes catalog.xml and index.html beside the products"
else
	not_ok "build writes catalog.xml and index.html beside the products (rc=$rc)" "$(cat "$K/build.err")"
fi
if [ -s "$A/big-cover-cover.png" ] && [ -s "$A/big-cover-thumb.png" ] &&
   [ -s "$A/es-completa-cover.png" ] && [ -s "$A/jpeg-cover-cover.jpg" ] &&
   [ ! -e "$A/jpeg-cover-thumb.png" ] && [ ! -e "$A/minimal-cover.png" ]; then
	ok "covers copied out beside their EPUBs, thumbnails made of PNG covers"
else
	not_ok "covers copied out beside their EPUBs, thumbnails made of PNG covers" "$(ls "$A")"
fi
[ -z "$(ls -A "$A" | grep '^\.')" ] && ok "no temporary files left" || not_ok "no temporary files left" "$(ls -A "$A")"

# ---- the feed: a schema written from the specifications' rules ----
S=tests/schema/opds-acquisition.rnc
if command -v jing >/dev/null 2>&1; then
	check "catalog.xml is valid by $S (jing)" jing -c "$S" "$A/catalog.xml"
	# negative controls: the schema must refuse what the rules forbid
	$PY - "$A/catalog.xml" "$K" <<'PYEOF'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
d = sys.argv[2]
first_id = re.search(r"<entry[^>]*>\s*<id>[^<]*</id>", s).group(0)
cases = {
    "no-entry-id": s.replace(first_id, re.sub(r"<id>[^<]*</id>", "", first_id), 1),
    "no-acquisition": re.sub(r'<link rel="http://opds-spec.org/acquisition"[^>]*/>', "", s),
    "untyped-acquisition": s.replace(' type="application/pdf"', "", 1),
    "date-not-rfc3339": re.sub(r"<updated>(\d{4}-\d\d-\d\d)T[^<]*</updated>", r"<updated>\1</updated>", s, 1),
    "html-summary": s.replace('<summary type="text">', '<summary type="html">', 1),
    "no-feed-title": re.sub(r"<title>[^<]*</title>", "", s, 1),
}
for name, text in cases.items():
    open(f"{d}/bad-{name}.xml", "w", encoding="utf-8").write(text)
PYEOF
	for bad in no-entry-id no-acquisition untyped-acquisition date-not-rfc3339 html-summary no-feed-title; do
		if jing -c "$S" "$K/bad-$bad.xml" >/dev/null 2>&1; then
			not_ok "the schema refuses a feed with $bad"
		else
			ok "the schema refuses a feed with $bad"
		fi
	done
else
	skip "catalog.xml is valid by $S" "jing is not installed (Debian package jing)"
fi

# ---- the feed and the page against the rules and the EPUBs ----
check "catalog.xml: OPDS 1.2 and Atom rules; each entry as its EPUB says" $PY tests/catalog_check.py feed "$A"
check "index.html: language sections, an article per guide with its links and sizes" $PY tests/catalog_check.py page "$A" en
check "every link of catalog.xml and index.html leads to a file in the folder" $PY tests/catalog_check.py links "$A"
check "a title and summary with <, & and quotes come out escaped in both" $PY tests/catalog_check.py text "$A" "$TITLE" "$SUMMARY"
if grep -q '<span class="vh">: A &lt;b&gt;bold&lt;/b&gt; &amp; "quoted" '"'"'guide'"'"'</span>' "$A/index.html" &&
   grep -q '<title>A &lt;b&gt;bold&lt;/b&gt; &amp; "quoted" '"'"'guide'"'"'</title>' "$A/catalog.xml"; then
	ok "escaped as text in both files, byte for byte"
else
	not_ok "escaped as text in both files, byte for byte" "$(grep -n 'bold' "$A/index.html" "$A/catalog.xml")"
fi
# the read-aloud EPUB is the guide's second EPUB link, not an entry of its own
n=$(grep -c '<entry' "$A/catalog.xml")
guides=$(ls "$K/book" | wc -l)
if [ "$n" -eq "$guides" ] && grep -q 'href="escape-audio.epub" title="EPUB read aloud (synthetic voice)"' "$A/catalog.xml" &&
   grep -q 'type="application/x-brf" href="escape.brf"' "$A/catalog.xml"; then
	ok "$guides guides, $n entries: braille and read-aloud files are links of their guide's entry"
else
	not_ok "$guides guides, $n entries: braille and read-aloud files are links of their guide's entry"
fi

# ---- the same bytes from build, from index, and from gathered parts ----
G=$K/gathered
mkdir -p "$G"
for f in "$A"/*.epub "$A"/*.pdf "$A"/*.brf; do cp "$f" "$G/"; done
$MKGUIDE index "$G" 2>"$K/index.err"
rc=$?
same=1
for f in catalog.xml index.html big-cover-cover.png big-cover-thumb.png es-completa-thumb.png jpeg-cover-cover.jpg; do
	cmp -s "$A/$f" "$G/$f" || same=0
done
[ $rc -eq 0 ] && [ $same -eq 1 ] && ok "index over the products gives build's catalogue, byte for byte" ||
	not_ok "index over the products gives build's catalogue, byte for byte (rc=$rc)" "$(cat "$K/index.err"; ls "$G")"
mkdir -p "$K/p1/book" "$K/p2/book"
cp -R "$K/book/es-completa" "$K/book/escape" "$K/p1/book/"
for g in "$K"/book/*; do [ -e "$K/p1/book/$(basename "$g")" ] || cp -R "$g" "$K/p2/book/"; done
cp -R styles "$K/p1/"
cp -R styles "$K/p2/"
(cd "$K/p1" && "$OLDPWD/$MKGUIDE" build -q -o out book/*) 2>/dev/null
(cd "$K/p2" && "$OLDPWD/$MKGUIDE" build -q -o out book/*) 2>/dev/null
mkdir -p "$K/merged"
for f in "$K"/p1/out/*.*pub "$K"/p1/out/*.pdf "$K"/p1/out/*.brf "$K"/p2/out/*.epub "$K"/p2/out/*.pdf; do
	[ -e "$f" ] && cp "$f" "$K/merged/"
done
$MKGUIDE index -q "$K/merged" 2>"$K/merge.err"
if cmp -s "$A/catalog.xml" "$K/merged/catalog.xml" && cmp -s "$A/index.html" "$K/merged/index.html"; then
	ok "two parts built apart and gathered: index gives one build's catalogue"
else
	not_ok "two parts built apart and gathered: index gives one build's catalogue" "$(cat "$K/merge.err"; diff "$A/catalog.xml" "$K/merged/catalog.xml" | head)"
fi
# an unchanged catalogue is left as it was
i0=$(ls -i "$G/catalog.xml" | awk '{print $1}')
$MKGUIDE index -q "$G" 2>/dev/null
[ "$(ls -i "$G/catalog.xml" | awk '{print $1}')" = "$i0" ] && ok "an unchanged catalogue is the same file" ||
	not_ok "an unchanged catalogue is the same file"

# ---- --base-url: every link absolute under it ----
BASE=https://clinic.example.org/guides/
cp -R "$G" "$K/web"
$MKGUIDE index --base-url "$BASE" "$K/web" 2>"$K/web.err"
rc=$?
check "--base-url: every link starts with it and leads to a file" $PY tests/catalog_check.py links "$K/web" "$BASE"
check "--base-url: the feed's rules hold, its id the UUID v5 of the URL" $PY tests/catalog_check.py feed "$K/web" "$BASE"
if [ $rc -eq 0 ] && grep -q "href=\"${BASE}catalog.xml\"" "$K/web/index.html" &&
   ! grep -q 'href="[a-z-]*\.\(epub\|pdf\)"' "$K/web/index.html"; then
	ok "--base-url: the page's links are absolute, and the page shows the feed's address"
else
	not_ok "--base-url: the page's links are absolute" "$(cat "$K/web.err")"
fi
if command -v jing >/dev/null 2>&1; then
	check "--base-url: catalog.xml is valid by $S" jing -c "$S" "$K/web/catalog.xml"
fi
for url in "ftp://clinic.example.org/" "https://clinic.example.org/my guides/"; do
	cp "$K/web/catalog.xml" "$K/web.before"
	$MKGUIDE index --base-url "$url" "$K/web" >/dev/null 2>"$K/url.err"
	rc=$?
	if [ $rc -eq 2 ] && cmp -s "$K/web.before" "$K/web/catalog.xml"; then
		ok "--base-url '$url' is a usage error, nothing written"
	else
		not_ok "--base-url '$url' is a usage error, nothing written (rc=$rc)" "$(cat "$K/url.err")"
	fi
done

# ---- an EPUB that cannot be read: an error, and the older catalogue stays ----
B=$K/broken
cp -R "$G" "$B"
cp "$B/catalog.xml" "$K/catalog.before"
cp "$B/index.html" "$K/index.before"
printf 'PK\003\004 not really a zip' >"$B/zz-broken.epub"
rm -f "$B/es-facil.pdf"
$MKGUIDE index "$B" 2>"$K/broken.err"
rc=$?
if [ $rc -eq 1 ] && grep -q "^$B/zz-broken.epub: error: " "$K/broken.err" &&
   cmp -s "$K/catalog.before" "$B/catalog.xml" && cmp -s "$K/index.before" "$B/index.html" &&
   [ -z "$(ls -A "$B" | grep '^\.')" ]; then
	ok "an unreadable EPUB: 'DIR/x.epub: error:', exit 1, the older catalogue stays whole"
else
	not_ok "an unreadable EPUB: 'DIR/x.epub: error:', exit 1, the older catalogue stays whole (rc=$rc)" "$(cat "$K/broken.err")"
fi
mkdir -p "$K/b2"
cp "$A/es-facil.epub" "$K/b2/"
$PY - "$K/b2/noopf.epub" <<'PYEOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("mimetype", "application/epub+zip")
    z.writestr("META-INF/container.xml",
               '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles/></container>')
PYEOF
cp "$A/big-cover.epub" "$K/b2/truncated.epub"
truncate -s 2000 "$K/b2/truncated.epub"
$PY - "$A/big-cover.epub" "$K/b2/nocover.epub" <<'PYEOF'
import sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
with zipfile.ZipFile(sys.argv[2], "w") as out:
    for i in src.infolist():
        if not i.filename.endswith(".png"):
            out.writestr(i, src.read(i.filename))
PYEOF
$MKGUIDE index "$K/b2" 2>"$K/b2.err"
rc=$?
if [ $rc -eq 1 ] && grep -q "truncated.epub: error: " "$K/b2.err" &&
   grep -q "noopf.epub: error: META-INF/container.xml names no package document" "$K/b2.err" &&
   grep -q "nocover.epub: error: its cover image 'EPUB/images/.*' is not in the zip" "$K/b2.err" &&
   [ ! -e "$K/b2/catalog.xml" ] && [ ! -e "$K/b2/index.html" ]; then
	ok "every unreadable EPUB is reported, and no catalogue is written"
else
	not_ok "every unreadable EPUB is reported, and no catalogue is written (rc=$rc)" "$(cat "$K/b2.err")"
fi

# a cover cut short: a warning, no picture, the rest of the catalogue written
mkdir -p "$K/badcover"
$PY - "$A/big-cover.epub" "$K/badcover/big-cover.epub" <<'PYEOF'
import sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
with zipfile.ZipFile(sys.argv[2], "w") as out:
    for i in src.infolist():
        data = src.read(i.filename)
        out.writestr(i, data[:len(data) // 3] if i.filename.endswith(".png") else data)
PYEOF
$MKGUIDE index "$K/badcover" 2>"$K/badcover.err"
rc=$?
if [ $rc -eq 0 ] && grep -q "^$K/badcover/big-cover.epub: warning: its cover image cannot be shown" "$K/badcover.err" &&
   [ -s "$K/badcover/catalog.xml" ] && ! grep -q 'opds-spec.org/image' "$K/badcover/catalog.xml" &&
   ! grep -q '<img' "$K/badcover/index.html" && [ ! -e "$K/badcover/big-cover-cover.png" ]; then
	ok "a cover that cannot be decoded: a warning, and no picture"
else
	not_ok "a cover that cannot be decoded: a warning, and no picture (rc=$rc)" "$(cat "$K/badcover.err")"
fi

# ---- a build with nothing to list writes no catalogue of its own ----
$MKGUIDE build -q --pdf -o "$K/pdf-only" tests/guides/minimal 2>/dev/null
$MKGUIDE build -q -o "$K/failed" tests/bad/multi-error 2>/dev/null
if [ -s "$K/pdf-only/minimal.pdf" ] && [ "$(ls "$K/pdf-only")" = minimal.pdf ] &&
   [ -z "$(ls -A "$K/failed")" ]; then
	ok "build --pdf, and a build whose guides all fail, write no catalogue"
else
	not_ok "build --pdf, and a build whose guides all fail, write no catalogue" "$(ls "$K/pdf-only" "$K/failed")"
fi

# ---- an empty folder: a valid feed with no entries, dated without the clock ----
mkdir -p "$K/empty"
SOURCE_DATE_EPOCH=1700000000 $MKGUIDE index -q "$K/empty" 2>"$K/empty.err"
if grep -q '<updated>2023-11-14T22:13:20Z</updated>' "$K/empty/catalog.xml" &&
   ! grep -q '<entry' "$K/empty/catalog.xml" && grep -q '<html lang="en">' "$K/empty/index.html"; then
	ok "an empty folder: no entries, dated by SOURCE_DATE_EPOCH"
else
	not_ok "an empty folder: no entries, dated by SOURCE_DATE_EPOCH" "$(cat "$K/empty.err" "$K/empty/catalog.xml")"
fi
if command -v jing >/dev/null 2>&1; then
	check "an empty catalog.xml is valid by $S" jing -c "$S" "$K/empty/catalog.xml"
fi

# ---- a catalogue of Spanish guides only: a page in Spanish ----
mkdir -p "$K/es"
cp "$A/es-completa.epub" "$A/es-completa.pdf" "$A/es-facil.epub" "$K/es/"
$MKGUIDE index -q "$K/es" 2>/dev/null
check "Spanish guides only: index.html is in Spanish" $PY tests/catalog_check.py page "$K/es" es
if grep -q '<h1>Guías de salud</h1>' "$K/es/index.html" &&
   grep -q 'Libro electrónico EPUB, 12 KB' "$K/es/index.html"; then
	ok "Spanish guides only: title and link texts in Spanish"
else
	not_ok "Spanish guides only: title and link texts in Spanish" "$(grep -E '<h1|<a ' "$K/es/index.html")"
fi

# ---- axe-core in Debian's chromium, at 375 px and 1280 px ----
if ! command -v node >/dev/null 2>&1 || [ ! -x /usr/bin/chromium ]; then
	skip "axe-core finds no WCAG 2.2 A/AA violation in index.html" "node or /usr/bin/chromium missing (tests/ace-install.sh)"
else
	SHOTS=${MKGUIDE_SCREENSHOTS:-$T_TMP/screenshots}
	node tests/e2e/axe-page.js "$A/index.html" "$SHOTS" >"$K/axe.out" 2>&1
	rc=$?
	case $rc in
	0) ok "axe-core finds no WCAG 2.2 A/AA violation in index.html at 375 and 1280 px" ;;
	3) skip "axe-core finds no WCAG 2.2 A/AA violation in index.html" "$(grep '^missing' "$K/axe.out") (tests/ace-install.sh)" ;;
	*) not_ok "axe-core finds no WCAG 2.2 A/AA violation in index.html (rc=$rc)" "$(cat "$K/axe.out")" ;;
	esac
	grep '^screenshot: ' "$K/axe.out" | sed 's/^/# /'
	[ -z "${MKGUIDE_SCREENSHOTS:-}" ] && echo "# (removed when the test ends: set MKGUIDE_SCREENSHOTS=DIR to keep them)"
fi

done_testing
