#!/bin/sh
# The command line and the build (DESIGN.md §3): verbs, exit codes, options,
# output folder, atomic products, progress lines, several guides in one run.
. tests/lib.sh
BOOK=book/naltrexone-self-injury
# products DIR: the guides' products in DIR, one a line, without the files
# of the catalogue that build writes beside them (catalog.xml, index.html
# and the covers they show: tests/e2e/catalog.sh checks those)
products() { ls "$1" | grep -Ev '^(catalog\.xml|index\.html)$|-(cover\.(png|jpg)|thumb\.png)$'; }
has_catalogue() { [ -s "$1/catalog.xml" ] && [ -s "$1/index.html" ]; }

# usage errors exit 2
for args in "frob" "" "build --frob" "build -j 0" "build -j x" "build --epub --pdf" "check --pdf" "build --style ../x" "build -o" "check --format xml" "check --format" "build --format json"; do
	# shellcheck disable=SC2086
	$MKGUIDE $args >"$T_TMP/u.out" 2>"$T_TMP/u.err"
	rc=$?
	if [ $rc -eq 2 ] && grep -q '^mkguide: error: ' "$T_TMP/u.err" && grep -q '^usage:' "$T_TMP/u.err"; then
		ok "usage error exits 2: mkguide $args"
	else
		not_ok "usage error exits 2: mkguide $args (rc=$rc)" "$(cat "$T_TMP/u.err")"
	fi
done

$MKGUIDE --help >"$T_TMP/h" 2>&1 && grep -q -- '--style NAME' "$T_TMP/h" && grep -q '^  SOURCE_DATE_EPOCH ' "$T_TMP/h" && ok "--help" || not_ok "--help"
$MKGUIDE --version | grep -Eq '^mkguide [0-9]+\.[0-9]+\.[0-9]+$' && ok "--version" || not_ok "--version"

# check: the bundled guide is clean but for its readability (it reads at
# grade 14 to 21, far above its target: tests/e2e/readability.sh)
if $MKGUIDE check $BOOK >"$T_TMP/c.out" 2>"$T_TMP/c.err" &&
   ! not_readability "$T_TMP/c.err" | grep -Eq 'error:|warning:|note:'; then
	ok "check on the bundled guide is clean but for its readability"
else
	not_ok "check on the bundled guide is clean but for its readability" "$(cat "$T_TMP/c.err")"
fi

# check: a guide that names no authors, no review and no contact gets a
# warning for each (HONcode: authority, attribution, transparency) and
# still passes; build does not repeat them
M=tests/guides/minimal
cat >"$T_TMP/m.want" <<EOF
$M/guide.yaml: warning: no 'authors': readers cannot tell who wrote this guide
$M/guide.yaml: warning: no 'review': readers cannot tell whether a clinician checked it, or when
$M/guide.yaml: warning: no 'contact': readers cannot ask where to send questions
EOF
$MKGUIDE check $M 2>"$T_TMP/m.err"
rc=$?
not_readability "$T_TMP/m.err" | grep ': warning: ' >"$T_TMP/m.got"
if [ $rc -eq 0 ] && cmp -s "$T_TMP/m.got" "$T_TMP/m.want"; then
	ok "check warns of no authors, no review, no contact, and exits 0"
else
	not_ok "check warns of no authors, no review, no contact, and exits 0 (rc=$rc)" "$(cat "$T_TMP/m.err")"
fi
if $MKGUIDE build -q -o "$T_TMP/m-out" $M 2>"$T_TMP/m.err" &&
	! not_readability "$T_TMP/m.err" | grep -q 'warning:'; then
	ok "build does not warn of them"
else
	not_ok "build does not warn of them" "$(cat "$T_TMP/m.err")"
fi
# and once the next review is due
mkdir -p "$T_TMP/due"
cp -R tests/guides/es-completa "$T_TMP/due/"
sed -i 's/reviewed: .*/reviewed: 2001-01-01/; s/next_review: .*/next_review: 2002-01-01/' "$T_TMP/due/es-completa/guide.yaml"
$MKGUIDE check "$T_TMP/due/es-completa" 2>"$T_TMP/m.err"
rc=$?
if [ $rc -eq 0 ] && [ "$(not_readability "$T_TMP/m.err" | grep ': warning: ')" = "$T_TMP/due/es-completa/guide.yaml: warning: next review was due on 2002-01-01" ]; then
	ok "check warns when the next review has passed, and exits 0"
else
	not_ok "check warns when the next review has passed, and exits 0 (rc=$rc)" "$(cat "$T_TMP/m.err")"
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
$MKGUIDE build -q -o "$T_TMP/chg" "$T_TMP/changed" 2>/dev/null
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
# -q keeps warnings: the bundled guide's readability warnings, nothing else
[ -z "$(not_readability "$T_TMP/q.err")" ] && grep -q ': warning: reads at grade ' "$T_TMP/q.err" &&
	ok "-q is quiet but for warnings" || not_ok "-q is quiet but for warnings" "$(cat "$T_TMP/q.err")"
rm -rf "$OUT"
$MKGUIDE build -q --pdf -o "$OUT" $BOOK 2>/dev/null
[ -s "$OUT/naltrexone-self-injury.pdf" ] && [ ! -e "$OUT/naltrexone-self-injury.epub" ] && ok "--pdf writes only the PDF" || not_ok "--pdf writes only the PDF"

# no GUIDE_DIR: every guide under ./book, default output ./out
mkdir -p "$T_TMP/proj/book"
cp -R $BOOK "$T_TMP/proj/book/"
cp -R tests/guides/minimal "$T_TMP/proj/book/" 2>/dev/null
cp -R styles "$T_TMP/proj/"
n=$(ls "$T_TMP/proj/book" | wc -l)
(cd "$T_TMP/proj" && $OLDPWD/$MKGUIDE build -q -j 2) 2>"$T_TMP/all.err"
got=$(products "$T_TMP/proj/out" 2>/dev/null | wc -l)
[ "$got" -eq $((n * 2)) ] && has_catalogue "$T_TMP/proj/out" && ok "no GUIDE_DIR builds all $n guides of ./book into ./out, and their catalogue" || not_ok "no GUIDE_DIR builds every guide into ./out ($got products)" "$(cat "$T_TMP/all.err")"

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
	files=$(products "$T_TMP/pool/out$j" | wc -l)
	hidden=$(ls -A "$T_TMP/pool/out$j" | grep -c '^\.')
	if [ $rc -eq 1 ] && [ "$files" -eq 12 ] && [ "$hidden" -eq 0 ] &&
	   has_catalogue "$T_TMP/pool/out$j" &&
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
# each bad guide's errors are consecutive lines; the summary comes last,
# then the line of the catalogue written after the build
$PY - "$T_TMP/pool3.err" <<'PYEOF' && ok "a guide's messages come together" || not_ok "a guide's messages come together" "$(cat "$T_TMP/pool3.err")"
import sys
lines = open(sys.argv[1]).read().splitlines()
assert lines[-2].startswith("built 8 guides"), lines[-2]
assert lines[-1] == "catalogue: out3/catalog.xml, out3/index.html", lines[-1]
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
$MKGUIDE build -q -o "$T_TMP/r1" $BOOK 2>/dev/null
sleep 1
$MKGUIDE build -q -o "$T_TMP/r2" $BOOK 2>/dev/null
for ext in epub pdf; do
	cmp -s "$T_TMP/r1/naltrexone-self-injury.$ext" "$T_TMP/r2/naltrexone-self-injury.$ext" && ok "reproducible $ext" || not_ok "reproducible $ext"
done
SOURCE_DATE_EPOCH=1700000000 $MKGUIDE build -q -o "$T_TMP/r3" $BOOK 2>/dev/null
if [ -s "$T_TMP/r1/naltrexone-self-injury.epub" ] && [ -s "$T_TMP/r3/naltrexone-self-injury.epub" ] &&
	! cmp -s "$T_TMP/r1/naltrexone-self-injury.epub" "$T_TMP/r3/naltrexone-self-injury.epub"; then
	ok "SOURCE_DATE_EPOCH changes the EPUB's dates"
else
	not_ok "SOURCE_DATE_EPOCH changes the EPUB's dates"
fi

# A copy of the binary elsewhere makes the same bytes: it needs nothing
# beside it but the styles, which it finds in ./styles.
bin=$(basename "$MKGUIDE")
mkdir -p "$T_TMP/alone"
cp "$MKGUIDE" "$T_TMP/alone/$bin"
"$T_TMP/alone/$bin" build -q -o "$T_TMP/alone/out" $BOOK 2>"$T_TMP/m.err"
for ext in epub pdf; do
	cmp -s "$T_TMP/alone/out/naltrexone-self-injury.$ext" "$T_TMP/r1/naltrexone-self-injury.$ext" &&
		ok "a copied binary makes the same $ext" ||
		not_ok "a copied binary makes the same $ext" "$(cat "$T_TMP/m.err")"
done
if [ "$bin" = mkguide ]; then
	make -s install DESTDIR="$T_TMP/inst" PREFIX=/usr/local >/dev/null 2>&1
	if [ -x "$T_TMP/inst/usr/local/bin/mkguide" ] &&
	   [ -f "$T_TMP/inst/usr/local/share/mkguide/styles/default/style.yaml" ] &&
	   [ "$(find "$T_TMP/inst" -type f -name '*.so*' | wc -l)" -eq 0 ]; then
		ok "make install places the binary and the styles, and no library of ours"
	else
		not_ok "make install places the binary and the styles, and no library of ours" "$(find "$T_TMP/inst" | head)"
	fi
fi

# mkguide writes nothing outside its output folder: not in $HOME, not in
# $XDG_CACHE_HOME, not in the working folder; check writes nothing at all.
H=$T_TMP/home
mkdir -p "$H/home" "$H/cache" "$H/data" "$H/work"
cp -R book styles "$H/work/"
find "$H" | sort >"$H.before"
(cd "$H/work" && HOME=$H/home XDG_CACHE_HOME=$H/cache XDG_DATA_HOME=$H/data \
	"$OLDPWD/$MKGUIDE" build -q -o out) 2>"$H.err"
find "$H" | grep -v "^$H/work/out" | sort >"$H.after"
if [ -s "$H/work/out/naltrexone-self-injury.pdf" ] && cmp -s "$H.before" "$H.after"; then
	ok "a build writes nothing outside -o (HOME and XDG_CACHE_HOME set)"
else
	not_ok "a build writes nothing outside -o (HOME and XDG_CACHE_HOME set)" \
		"$(diff "$H.before" "$H.after") $(cat "$H.err")"
fi
rm -rf "$H/work/out"
(cd "$H/work" && HOME=$H/home XDG_CACHE_HOME=$H/cache "$OLDPWD/$MKGUIDE" check -q) >/dev/null 2>"$H.err"
find "$H" | sort >"$H.after"
cmp -s "$H.before" "$H.after" && ok "check writes nothing" ||
	not_ok "check writes nothing" "$(diff "$H.before" "$H.after")"

# A guide's products are the same bytes built alone and inside a catalogue
# of other guides (three or more share each language's whole hyphenation
# dictionary; one alone takes only the patterns its words can match).
K=$T_TMP/catalogue
mkdir -p "$K/book"
cp -R book/naltrexone-self-injury tests/guides/es-completa tests/guides/minimal "$K/book/"
for g in a b; do cp -R tests/guides/minimal "$K/book/other-$g"; done
(cd "$K" && "$OLDPWD/$MKGUIDE" build -q -j 2 -o all book/*) 2>"$K.err"
for g in naltrexone-self-injury es-completa; do
	(cd "$K" && "$OLDPWD/$MKGUIDE" build -q -o "alone-$g" "book/$g") 2>>"$K.err"
	for ext in epub pdf; do
		if [ -s "$K/all/$g.$ext" ] && cmp -s "$K/all/$g.$ext" "$K/alone-$g/$g.$ext"; then
			ok "$g.$ext: the same bytes alone and in a catalogue"
		else
			not_ok "$g.$ext: the same bytes alone and in a catalogue" "$(cat "$K.err")"
		fi
	done
done

done_testing
