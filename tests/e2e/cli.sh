#!/bin/sh
# The command line and the build (DESIGN.md §3): verbs, exit codes, options,
# output folder, atomic products, progress lines, several guides in one run.
. tests/lib.sh
BOOK=book/naltrexone-self-injury

# usage errors exit 2
for args in "frob" "" "build --frob" "build -j 0" "build -j x" "build --epub --pdf" "check --pdf" "build --style ../x" "build -o"; do
	# shellcheck disable=SC2086
	$MKGUIDE $args >"$T_TMP/u.out" 2>"$T_TMP/u.err"
	rc=$?
	if [ $rc -eq 2 ] && grep -q '^mkguide: error: ' "$T_TMP/u.err" && grep -q '^usage:' "$T_TMP/u.err"; then
		ok "usage error exits 2: mkguide $args"
	else
		not_ok "usage error exits 2: mkguide $args (rc=$rc)" "$(cat "$T_TMP/u.err")"
	fi
done

$MKGUIDE --help >"$T_TMP/h" 2>&1 && grep -q -- '--style NAME' "$T_TMP/h" && grep -q '^  XDG_CACHE_HOME ' "$T_TMP/h" && ok "--help" || not_ok "--help"
$MKGUIDE --version | grep -Eq '^mkguide [0-9]+\.[0-9]+\.[0-9]+$' && ok "--version" || not_ok "--version"

# check: the bundled guide is clean
if $MKGUIDE check $BOOK >"$T_TMP/c.out" 2>"$T_TMP/c.err" && ! grep -Eq 'error:|warning:' "$T_TMP/c.err"; then
	ok "check on the bundled guide is clean"
else
	not_ok "check on the bundled guide is clean" "$(cat "$T_TMP/c.err")"
fi

# build writes both products, reports each with its size and time
OUT=$T_TMP/out
if $MKGUIDE build -o "$OUT" $BOOK 2>"$T_TMP/b.err"; then
	ok "build exits 0"
else
	not_ok "build exits 0" "$(cat "$T_TMP/b.err")"
fi
for ext in epub pdf; do
	f=$OUT/naltrexone-self-injury.$ext
	[ -s "$f" ] && ok "build writes $ext" || not_ok "build writes $ext"
	grep -Eq "^wrote $f \([0-9.]+ KB, [0-9.]+ ms\)$" "$T_TMP/b.err" && ok "progress line for $ext" || not_ok "progress line for $ext" "$(cat "$T_TMP/b.err")"
done
grep -Eq '^built 1 guide: 2 products written, 0 with errors, [0-9.]+ ms$' "$T_TMP/b.err" && ok "summary line" || not_ok "summary line" "$(cat "$T_TMP/b.err")"
[ -z "$(ls -A "$OUT" | grep '^\.')" ] && ok "no temporary files left" || not_ok "no temporary files left" "$(ls -A "$OUT")"

# a rebuild of an unchanged guide keeps its products: the same files (same
# inodes), with the new modification time a rewrite would give them
ino() { ls -i "$1" | awk '{print $1}'; }
E=$OUT/naltrexone-self-injury.epub P=$OUT/naltrexone-self-injury.pdf
e0=$(ino "$E") p0=$(ino "$P")
touch -d 2020-01-01 "$E" "$P"
$MKGUIDE build -o "$OUT" $BOOK 2>"$T_TMP/b2.err"
if grep -Eq "^unchanged $E \([0-9.]+ KB, [0-9.]+ ms\)$" "$T_TMP/b2.err" &&
   grep -Eq "^unchanged $P \([0-9.]+ KB, [0-9.]+ ms\)$" "$T_TMP/b2.err" &&
   grep -Eq '^built 1 guide: 0 products written, 2 unchanged, 0 with errors, [0-9.]+ ms$' "$T_TMP/b2.err"; then
	ok "a rebuild says its products are unchanged"
else
	not_ok "a rebuild says its products are unchanged" "$(cat "$T_TMP/b2.err")"
fi
[ "$(ino "$E")" = "$e0" ] && [ "$(ino "$P")" = "$p0" ] && ok "unchanged products are the same files" || not_ok "unchanged products are the same files"
[ -n "$(find "$E" "$P" -newermt 2021-01-01 | sed -n 2p)" ] && ok "unchanged products get a new modification time" || not_ok "unchanged products get a new modification time" "$(ls -l --time-style=full-iso "$OUT")"
[ -z "$(ls -A "$OUT" | grep '^\.')" ] && ok "a rebuild leaves no temporary files" || not_ok "a rebuild leaves no temporary files" "$(ls -A "$OUT")"
# ... and a changed source replaces them
cp -R $BOOK "$T_TMP/changed"
$MKGUIDE build -q -o "$T_TMP/chg" "$T_TMP/changed"
c0=$(cksum <"$T_TMP/chg/changed.pdf") i0=$(ino "$T_TMP/chg/changed.pdf")
md=$(ls "$T_TMP/changed"/*.md | head -n 1)
printf '\nOne more sentence for the rebuild.\n' >>"$md"
$MKGUIDE build -o "$T_TMP/chg" "$T_TMP/changed" 2>"$T_TMP/b3.err"
if grep -q "^wrote $T_TMP/chg/changed.epub " "$T_TMP/b3.err" && grep -q "^wrote $T_TMP/chg/changed.pdf " "$T_TMP/b3.err" &&
   [ "$(cksum <"$T_TMP/chg/changed.pdf")" != "$c0" ] && [ "$(ino "$T_TMP/chg/changed.pdf")" != "$i0" ]; then
	ok "a changed guide's products are rewritten"
else
	not_ok "a changed guide's products are rewritten" "$(cat "$T_TMP/b3.err")"
fi

# -q prints nothing on success; --epub / --pdf write one product
rm -rf "$OUT"
$MKGUIDE build -q --epub -o "$OUT" $BOOK 2>"$T_TMP/q.err"
[ -s "$OUT/naltrexone-self-injury.epub" ] && [ ! -e "$OUT/naltrexone-self-injury.pdf" ] && ok "--epub writes only the EPUB" || not_ok "--epub writes only the EPUB"
[ ! -s "$T_TMP/q.err" ] && ok "-q is quiet" || not_ok "-q is quiet" "$(cat "$T_TMP/q.err")"
rm -rf "$OUT"
$MKGUIDE build -q --pdf -o "$OUT" $BOOK
[ -s "$OUT/naltrexone-self-injury.pdf" ] && [ ! -e "$OUT/naltrexone-self-injury.epub" ] && ok "--pdf writes only the PDF" || not_ok "--pdf writes only the PDF"

# no GUIDE_DIR: every guide under ./book, default output ./out
mkdir -p "$T_TMP/proj/book"
cp -R $BOOK "$T_TMP/proj/book/"
cp -R tests/guides/minimal "$T_TMP/proj/book/" 2>/dev/null
cp -R styles "$T_TMP/proj/"
n=$(ls "$T_TMP/proj/book" | wc -l)
(cd "$T_TMP/proj" && $OLDPWD/$MKGUIDE build -q -j 2) 2>"$T_TMP/all.err"
got=$(ls "$T_TMP/proj/out" 2>/dev/null | wc -l)
[ "$got" -eq $((n * 2)) ] && ok "no GUIDE_DIR builds all $n guides of ./book into ./out" || not_ok "no GUIDE_DIR builds every guide into ./out ($got files)" "$(cat "$T_TMP/all.err")"

# a guide that turns bad keeps its older good products; other guides still build
G=$T_TMP/proj/book/naltrexone-self-injury
before=$(cksum <"$T_TMP/proj/out/naltrexone-self-injury.pdf" 2>/dev/null)
echo "titel: typo" >>"$G/guide.yaml"
(cd "$T_TMP/proj" && $OLDPWD/$MKGUIDE build -q) 2>"$T_TMP/bad.err"
rc=$?
[ $rc -eq 1 ] && ok "a guide with errors exits 1" || not_ok "a guide with errors exits 1 (rc=$rc)"
grep -q "guide.yaml:[0-9]*:[0-9]*: error: " "$T_TMP/bad.err" && ok "error names file:line:col" || not_ok "error names file:line:col" "$(cat "$T_TMP/bad.err")"
after=$(cksum <"$T_TMP/proj/out/naltrexone-self-injury.pdf" 2>/dev/null)
[ -s "$T_TMP/proj/out/naltrexone-self-injury.pdf" ] && [ "$before" = "$after" ] && ok "older good product stays" || not_ok "older good product stays"
if [ -d "$T_TMP/proj/book/minimal" ]; then
	rm -f "$T_TMP/proj/out/minimal.pdf"
	(cd "$T_TMP/proj" && $OLDPWD/$MKGUIDE build -q) 2>/dev/null
	[ -s "$T_TMP/proj/out/minimal.pdf" ] && ok "other guides of the run still build" || not_ok "other guides of the run still build"
else
	skip "other guides of the run still build" "tests/guides/minimal missing"
fi

# The pool: a catalogue of good and bad guides gives the same products and
# the same summary whatever the number of jobs; a bad guide's messages come
# together, before the summary; no guide is left half-published.
mkdir -p "$T_TMP/pool/book"
for i in 1 2 3 4; do
	cp -R $BOOK "$T_TMP/pool/book/g$i"
done
cp -R tests/guides/es-completa tests/guides/minimal "$T_TMP/pool/book/"
cp -R tests/bad/multi-error "$T_TMP/pool/book/bad1"
cp -R tests/bad/bad-link "$T_TMP/pool/book/bad2"
cp -R styles "$T_TMP/pool/"
for j in 1 2 3 8; do
	(cd "$T_TMP/pool" && $OLDPWD/$MKGUIDE build -j $j -o "out$j") >/dev/null 2>"$T_TMP/pool$j.err"
	rc=$?
	files=$(ls "$T_TMP/pool/out$j" | wc -l)
	hidden=$(ls -A "$T_TMP/pool/out$j" | grep -c '^\.')
	if [ $rc -eq 1 ] && [ "$files" -eq 12 ] && [ "$hidden" -eq 0 ] &&
	   [ ! -e "$T_TMP/pool/out$j/bad1.pdf" ] && [ ! -e "$T_TMP/pool/out$j/bad2.epub" ] &&
	   grep -Eq '^built 8 guides: 12 products written, 2 with errors, [0-9.]+ ms$' "$T_TMP/pool$j.err"; then
		ok "-j $j: 6 good guides published, 2 bad ones not"
	else
		not_ok "-j $j: 6 good guides published, 2 bad ones not (rc=$rc, $files files, $hidden hidden)" "$(cat "$T_TMP/pool$j.err")"
	fi
	if [ $j -gt 1 ]; then
		same=1
		for f in "$T_TMP/pool/out1"/*; do
			cmp -s "$f" "$T_TMP/pool/out$j/$(basename "$f")" || same=0
		done
		[ $same -eq 1 ] && ok "-j $j: the same bytes as -j 1" || not_ok "-j $j: the same bytes as -j 1"
	fi
done
# each bad guide's errors are consecutive lines; the summary comes last
$PY - "$T_TMP/pool3.err" <<'PYEOF' && ok "a guide's messages come together" || not_ok "a guide's messages come together" "$(cat "$T_TMP/pool3.err")"
import sys
lines = open(sys.argv[1]).read().splitlines()
assert lines[-1].startswith("built 8 guides"), lines[-1]
for bad in ("bad1/", "bad2/"):
    at = [i for i, l in enumerate(lines) if bad in l]
    assert at and at == list(range(at[0], at[0] + len(at))), (bad, at)
PYEOF

# an output folder that cannot be written is an error, not a crash
touch "$T_TMP/file"
$MKGUIDE build -q -o "$T_TMP/file/out" $BOOK 2>"$T_TMP/o.err"
rc=$?
[ $rc -eq 1 ] && grep -q "error: cannot write the output folder" "$T_TMP/o.err" && ok "unwritable output folder exits 1" || not_ok "unwritable output folder exits 1 (rc=$rc)" "$(cat "$T_TMP/o.err")"

# same sources, same bytes
$MKGUIDE build -q -o "$T_TMP/r1" $BOOK
sleep 1
$MKGUIDE build -q -o "$T_TMP/r2" $BOOK
for ext in epub pdf; do
	cmp -s "$T_TMP/r1/naltrexone-self-injury.$ext" "$T_TMP/r2/naltrexone-self-injury.$ext" && ok "reproducible $ext" || not_ok "reproducible $ext"
done
SOURCE_DATE_EPOCH=1700000000 $MKGUIDE build -q -o "$T_TMP/r3" $BOOK
if [ -s "$T_TMP/r1/naltrexone-self-injury.epub" ] && [ -s "$T_TMP/r3/naltrexone-self-injury.epub" ] &&
	! cmp -s "$T_TMP/r1/naltrexone-self-injury.epub" "$T_TMP/r3/naltrexone-self-injury.epub"; then
	ok "SOURCE_DATE_EPOCH changes the EPUB's dates"
else
	not_ok "SOURCE_DATE_EPOCH changes the EPUB's dates"
fi

# The EPUB's zip writer is a module beside the binary (src/module.h): the
# binary maps neither libzip nor OpenSSL at start-up; without the module a
# build says why, exits 1 and publishes neither product; with it beside a
# copied binary, the products are the same bytes.
mod=$MKGUIDE-epub.so
if ldd "$MKGUIDE" | grep -Eq 'libzip|libcrypto'; then
	not_ok "the binary maps neither libzip nor OpenSSL" "$(ldd "$MKGUIDE")"
else
	ok "the binary maps neither libzip nor OpenSSL"
fi
if [ -f "$mod" ] && ldd "$mod" | grep -q libzip && ! ldd "$mod" | grep -q libxml2; then
	ok "$mod holds libzip, and libxml2 is not in it"
else
	not_ok "$mod holds libzip, and libxml2 is not in it" "$(ldd "$mod" 2>&1)"
fi
# A release build (libyaml linked in) has libxml2, ICU and libstdc++ linked
# in too, and nothing allocates before the heap is set up (src/main.c:
# libstdc++'s constructor would, and the heap would keep small pages).
if ! ldd "$MKGUIDE" | grep -q libyaml; then
	if ldd "$MKGUIDE" | grep -Eq 'libxml2|libicu|libstdc'; then
		not_ok "a release binary maps no libxml2, ICU or libstdc++" "$(ldd "$MKGUIDE")"
	else
		ok "a release binary maps no libxml2, ICU or libstdc++"
	fi
	if ! command -v gdb >/dev/null 2>&1; then
		skip "the heap is set up before anything allocates" "no gdb"
	else
		first=$(gdb -nx -batch -ex 'set breakpoint pending on' \
			-ex 'break __libc_malloc' -ex 'run --version' -ex 'bt 2' \
			"$MKGUIDE" 2>/dev/null | grep -E '^#1 ')
		case $first in
		*mg_heap_setup*) ok "the heap is set up before anything allocates" ;;
		*) not_ok "the heap is set up before anything allocates" "first malloc: $first" ;;
		esac
	fi
fi
bin=$(basename "$MKGUIDE")
mkdir -p "$T_TMP/alone"
cp "$MKGUIDE" "$T_TMP/alone/$bin"
"$T_TMP/alone/$bin" build -o "$T_TMP/alone/out" $BOOK 2>"$T_TMP/m.err"
rc=$?
if [ $rc -eq 0 ]; then
	skip "a missing EPUB module is an error" "an installed mkguide-epub.so was found"
elif [ $rc -eq 1 ] && grep -q "error: cannot load the EPUB writer: " "$T_TMP/m.err" &&
	[ ! -e "$T_TMP/alone/out/naltrexone-self-injury.pdf" ]; then
	ok "a missing EPUB module is an error, and no product is published"
else
	not_ok "a missing EPUB module is an error (rc=$rc)" "$(cat "$T_TMP/m.err")"
fi
cp "$mod" "$T_TMP/alone/"
"$T_TMP/alone/$bin" build -q -o "$T_TMP/alone/out" $BOOK 2>"$T_TMP/m.err"
for ext in epub pdf; do
	cmp -s "$T_TMP/alone/out/naltrexone-self-injury.$ext" "$T_TMP/r1/naltrexone-self-injury.$ext" &&
		ok "a copied binary finds the module beside it: same $ext" ||
		not_ok "a copied binary finds the module beside it: same $ext" "$(cat "$T_TMP/m.err")"
done
if [ "$bin" = mkguide ]; then
	make -s install DESTDIR="$T_TMP/inst" PREFIX=/usr/local >/dev/null 2>&1
	if [ -x "$T_TMP/inst/usr/local/bin/mkguide" ] &&
	   [ -f "$T_TMP/inst/usr/local/lib/mkguide/mkguide-epub.so" ] &&
	   [ -f "$T_TMP/inst/usr/local/share/mkguide/styles/default/style.yaml" ]; then
		ok "make install places the binary, the EPUB module and the styles"
	else
		not_ok "make install places the binary, the EPUB module and the styles" "$(find "$T_TMP/inst" | head)"
	fi
fi

# the hyphenation index and the words' breaks are kept in the XDG cache
# folder between runs; the products are the same bytes with them, without
# them and from damaged ones
C=$T_TMP/cache
env -u XDG_CACHE_HOME -u HOME $MKGUIDE build -q -o "$C/none" $BOOK 2>"$C.err"
XDG_CACHE_HOME=$C/xdg $MKGUIDE build -q -o "$C/first" $BOOK 2>>"$C.err"
idx=$C/xdg/mkguide/hyph_en_US.dic.idx
words=$C/xdg/mkguide/hyph_en_US.dic.words
faces=$C/xdg/mkguide/fonts.faces
[ -s "$idx" ] && [ -s "$words" ] && [ -s "$faces" ] &&
	ok "the first build saves the index, the words and the faces in \$XDG_CACHE_HOME/mkguide" ||
	not_ok "the first build saves the index, the words and the faces in \$XDG_CACHE_HOME/mkguide" "$(find "$C" | head)"
XDG_CACHE_HOME=$C/xdg $MKGUIDE build -q -o "$C/again" $BOOK 2>>"$C.err"
printf 'not an index' >"$idx"
printf 'not words' >"$words"
printf 'not faces' >"$faces"
XDG_CACHE_HOME=$C/xdg $MKGUIDE build -q -o "$C/damaged" $BOOK 2>>"$C.err"
[ "$(wc -c <"$idx")" -gt 100000 ] && [ "$(wc -c <"$words")" -gt 1000 ] &&
	[ "$(head -n 1 "$faces")" = "mkguide faces 1" ] &&
	ok "damaged cache files are made again" || not_ok "damaged cache files are made again"
for run in first again damaged; do
	for ext in epub pdf; do
		cmp -s "$C/none/naltrexone-self-injury.$ext" "$C/$run/naltrexone-self-injury.$ext" &&
			ok "same $ext without a cache and with one ($run build)" ||
			not_ok "same $ext without a cache and with one ($run build)"
	done
done
[ -s "$C.err" ] && not_ok "the cache is silent" "$(cat "$C.err")" || ok "the cache is silent"
# the faces' cache is what a rebuild reads (a face pointed at DejaVu Sans
# by hand shows in the PDF), until a font folder changes: here the user's
# own, which did not exist, appears
F=$C/faces
XDG_CACHE_HOME=$F/xdg XDG_DATA_HOME=$F/data $MKGUIDE build -q --pdf -o "$F/1" $BOOK
sed -i "s|^\(face\t0\t0\t0\tLiberation Serif\t\).*|\1/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf|" \
	"$F/xdg/mkguide/fonts.faces"
XDG_CACHE_HOME=$F/xdg XDG_DATA_HOME=$F/data $MKGUIDE build -q --pdf -o "$F/2" $BOOK
pdffonts "$F/2/naltrexone-self-injury.pdf" 2>/dev/null | grep -q 'DejaVuSans' &&
	ok "a rebuild takes its faces from the cache" ||
	not_ok "a rebuild takes its faces from the cache" "$(cat "$F/xdg/mkguide/fonts.faces")"
mkdir -p "$F/data/fonts"
XDG_CACHE_HOME=$F/xdg XDG_DATA_HOME=$F/data $MKGUIDE build -q --pdf -o "$F/3" $BOOK
cmp -s "$C/none/naltrexone-self-injury.pdf" "$F/3/naltrexone-self-injury.pdf" &&
	! grep -q DejaVuSans "$F/xdg/mkguide/fonts.faces" &&
	ok "a new font folder makes the faces' cache stale: fontconfig is asked again" ||
	not_ok "a new font folder makes the faces' cache stale: fontconfig is asked again" "$(cat "$F/xdg/mkguide/fonts.faces")"
# without XDG_CACHE_HOME (or with a relative one), ~/.cache/mkguide
XDG_CACHE_HOME=relative HOME=$C/home $MKGUIDE build -q --pdf -o "$C/home-out" $BOOK &&
	[ -s "$C/home/.cache/mkguide/hyph_en_US.dic.idx" ] && [ ! -e relative ] &&
	ok "without an absolute \$XDG_CACHE_HOME, the index goes to ~/.cache/mkguide" ||
	not_ok "without an absolute \$XDG_CACHE_HOME, the index goes to ~/.cache/mkguide"
# a cache that cannot be written is no error; check writes none
printf x >"$C/file"
if XDG_CACHE_HOME=$C/file $MKGUIDE build -q -o "$C/ro" $BOOK 2>"$C.err" && [ ! -s "$C.err" ] &&
   cmp -s "$C/none/naltrexone-self-injury.pdf" "$C/ro/naltrexone-self-injury.pdf"; then
	ok "an unwritable cache folder is no error"
else
	not_ok "an unwritable cache folder is no error" "$(cat "$C.err")"
fi
XDG_CACHE_HOME=$C/checked $MKGUIDE check $BOOK 2>/dev/null && [ ! -e "$C/checked" ] &&
	ok "check writes no cache" || not_ok "check writes no cache"

done_testing
