#!/bin/sh
# The EPUB's cover (issue 20, docs/epub.md): calibre's ebook-meta, which
# finds a cover the way e-reader shelves do, takes from the EPUB of a guide
# without `cover:` (the bundled guide, a Spanish guide, the minimal guide)
# a 1600 x 2400 PNG that is the package's cover-image item, named for
# EPUB 2 readers too; the read-aloud EPUB carries the same bytes; a guide
# with its own cover keeps it: the user's file, byte for byte. epubcheck
# and Ace check these EPUBs in epub.sh, audio.sh and ace.sh.
. tests/lib.sh
BOOK=book/naltrexone-self-injury
ES=tests/guides/es-completa	# its own cover: img/portada.png
FACIL=tests/guides/es-facil
MIN=tests/guides/minimal

if ! command -v ebook-meta >/dev/null 2>&1; then
	skip "covers through calibre's ebook-meta" "ebook-meta missing (Debian calibre)"
	done_testing
	exit
fi

# calibre writes its settings and caches under HOME: all kept in the test's
# folder, as is its temporary work
mkdir -p "$T_TMP/home/tmp"
ebook_cover() { # epub out.png
	HOME=$T_TMP/home XDG_CONFIG_HOME=$T_TMP/home/.config \
	XDG_CACHE_HOME=$T_TMP/home/.cache CALIBRE_CONFIG_DIRECTORY=$T_TMP/home/calibre \
	CALIBRE_CACHE_DIRECTORY=$T_TMP/home/calibre-cache CALIBRE_TEMP_DIR=$T_TMP/home/tmp \
	TMPDIR=$T_TMP/home QT_QPA_PLATFORM=offscreen \
		ebook-meta --get-cover="$2" "$1" >"$T_TMP/ebook-meta.log" 2>&1 && [ -s "$2" ]
}

# The package's cover-image item into out.png, after checking that it is
# the only one and that the EPUB 2 <meta name="cover"> names it.
cover_item() { # epub out.png
	$PY - "$1" "$2" <<'PYEOF'
import posixpath, sys, zipfile
import xml.etree.ElementTree as ET
OPF = "{http://www.idpf.org/2007/opf}"
z = zipfile.ZipFile(sys.argv[1])
root = ET.fromstring(z.read("META-INF/container.xml"))
opf_path = root.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile").get("full-path")
opf = ET.fromstring(z.read(opf_path))
items = [i for i in opf.iter(OPF + "item") if "cover-image" in (i.get("properties") or "").split()]
if len(items) != 1:
    sys.exit("%d items with properties cover-image" % len(items))
metas = [m.get("content") for m in opf.iter(OPF + "meta") if m.get("name") == "cover"]
if metas != [items[0].get("id")]:
    sys.exit("<meta name=\"cover\"> names %s, not %s" % (metas, items[0].get("id")))
href = posixpath.normpath(posixpath.join(posixpath.dirname(opf_path), items[0].get("href")))
open(sys.argv[2], "wb").write(z.read(href))
PYEOF
}

# "W H" of a PNG, from its IHDR; nothing if it is not a PNG.
png_size() {
	$PY -c 'import struct, sys
d = open(sys.argv[1], "rb").read(33)
if d[:8] == b"\x89PNG\r\n\x1a\n" and d[12:16] == b"IHDR":
    print("%d %d" % struct.unpack(">II", d[16:24]))' "$1"
}

if $MKGUIDE build -q --epub -o "$T_TMP/a" $BOOK $ES $FACIL 2>"$T_TMP/a.err" &&
   $MKGUIDE build -q --epub --audio -o "$T_TMP/au" $MIN 2>>"$T_TMP/a.err"; then
	ok "build the EPUBs (and the minimal guide's read-aloud EPUB)"
else
	not_ok "build the EPUBs (and the minimal guide's read-aloud EPUB)" "$(cat "$T_TMP/a.err")"
fi

# drawn covers: what calibre finds is the package's item, 1600 x 2400
for f in a/naltrexone-self-injury a/es-facil au/minimal au/minimal-audio; do
	name=${f#*/}.epub
	epub=$T_TMP/$f.epub
	if ! ebook_cover "$epub" "$T_TMP/got.png"; then
		not_ok "$name: ebook-meta finds a cover" "$(cat "$T_TMP/ebook-meta.log")"
		continue
	fi
	ok "$name: ebook-meta finds a cover"
	size=$(png_size "$T_TMP/got.png")
	if [ "$size" = "1600 2400" ]; then
		ok "$name: the cover is a 1600 x 2400 PNG"
	else
		not_ok "$name: the cover is a 1600 x 2400 PNG" "got '$size' ($(file -b "$T_TMP/got.png" 2>/dev/null))"
	fi
	if out=$(cover_item "$epub" "$T_TMP/item.png" 2>&1) && cmp -s "$T_TMP/got.png" "$T_TMP/item.png"; then
		ok "$name: it is the cover-image item, named by <meta name=\"cover\"> too"
	else
		not_ok "$name: it is the cover-image item, named by <meta name=\"cover\"> too" "$out"
	fi
	cp "$T_TMP/got.png" "$T_TMP/$(basename "$f").png"
done
check "the read-aloud EPUB has the EPUB's cover" cmp "$T_TMP/minimal.png" "$T_TMP/minimal-audio.png"
if cmp -s "$T_TMP/naltrexone-self-injury.png" "$T_TMP/es-facil.png"; then
	not_ok "each guide draws its own cover" "the bundled and the Spanish guide's covers are the same"
else
	ok "each guide draws its own cover"
fi

# a guide's own cover stays its own
if ebook_cover "$T_TMP/a/es-completa.epub" "$T_TMP/own.png"; then
	check "es-completa.epub: the cover is the guide's own file" cmp "$T_TMP/own.png" $ES/img/portada.png
	if unzip -l "$T_TMP/a/es-completa.epub" | grep -q 'EPUB/cover\.png'; then
		not_ok "es-completa.epub: no cover is drawn" "EPUB/cover.png is in the zip"
	else
		ok "es-completa.epub: no cover is drawn"
	fi
else
	not_ok "es-completa.epub: ebook-meta finds a cover" "$(cat "$T_TMP/ebook-meta.log")"
fi

done_testing
