#!/bin/sh
# Beyond one machine (DESIGN.md §3, docs/scaling.md): --shard K/N splits a
# catalogue into fixed, disjoint parts by slug; the parts, built apart and
# gathered, then indexed, give the same bytes as one build of the whole.
. tests/lib.sh
URL=https://clinic.example.org/guides

# usage errors exit 2 and write nothing, not even the output folder
for args in "--shard 0/3" "--shard 4/3" "--shard 1/0" "--shard a/b" "--shard 1/3x" \
	    "--shard /3" "--shard 1/" "--shard -1/3" "--shard=" \
	    "--base-url ftp://clinic.example.org" "--base-url https://a%20b/c%2" \
	    "--base-url javascript:alert(1)" "--base-url=" "--base-url https://" \
	    "--base-url https://x.org/?q=1" "--base-url https://x.org/#top"; do
	rm -rf "$T_TMP/u"
	# shellcheck disable=SC2086
	$MKGUIDE build -o "$T_TMP/u" $args book/naltrexone-self-injury >/dev/null 2>"$T_TMP/u.err"
	rc=$?
	if [ $rc -eq 2 ] && [ ! -e "$T_TMP/u" ] && grep -q '^mkguide: error: ' "$T_TMP/u.err"; then
		ok "usage error exits 2, nothing written: build $args"
	else
		not_ok "usage error exits 2, nothing written: build $args (rc=$rc)" "$(cat "$T_TMP/u.err")"
	fi
done
rm -rf "$T_TMP/u"
$MKGUIDE build -o "$T_TMP/u" --base-url "https://clinic.example.org/a b" book/naltrexone-self-injury >/dev/null 2>"$T_TMP/u.err"
rc=$?
[ $rc -eq 2 ] && [ ! -e "$T_TMP/u" ] && grep -q "has a space" "$T_TMP/u.err" &&
	ok "a base URL with a space is refused" || not_ok "a base URL with a space is refused (rc=$rc)" "$(cat "$T_TMP/u.err")"
for args in "check --shard 1/2" "check --base-url $URL" "index" "index a b" "index -o x $T_TMP" "index --shard 1/2 $T_TMP" "index --base-url ftp://x $T_TMP"; do
	# shellcheck disable=SC2086
	$MKGUIDE $args >/dev/null 2>"$T_TMP/u.err"
	rc=$?
	[ $rc -eq 2 ] && grep -q '^usage:' "$T_TMP/u.err" && ok "usage error exits 2: $args" ||
		not_ok "usage error exits 2: $args (rc=$rc)" "$(cat "$T_TMP/u.err")"
done
$MKGUIDE index "$T_TMP/no-such-folder" >/dev/null 2>&1
[ $? -eq 2 ] && ok "index of a missing folder exits 2" || not_ok "index of a missing folder exits 2"

# A catalogue of nine guides: the bundled one, two Spanish, and copies of
# the minimal guide under other slugs.
K=$T_TMP/k
mkdir -p "$K/guides"
cp -R book/naltrexone-self-injury tests/guides/es-completa tests/guides/es-facil tests/guides/minimal "$K/guides/"
for g in alpha beta gamma delta epsilon; do cp -R tests/guides/minimal "$K/guides/$g"; done
all=$(ls "$K/guides" | sort)

# `build DIR` of a folder of guides (no guide.yaml in it) builds them all
$MKGUIDE build -q -j 2 --base-url "$URL" -o "$K/single" "$K/guides" 2>"$K.err"
rc=$?
got=$(cd "$K/single" && ls *.pdf | sed 's/\.pdf$//' | sort)
[ $rc -eq 0 ] && [ "$got" = "$all" ] && ok "build DIR builds the guides inside DIR" ||
	not_ok "build DIR builds the guides inside DIR (rc=$rc)" "$(cat "$K.err"; echo "$got")"

# three shards, each into its own folder, as three machines would
for k in 1 2 3; do
	$MKGUIDE build -q -j 2 --base-url "$URL" --shard $k/3 -o "$K/part$k" "$K/guides" 2>>"$K.err" ||
		not_ok "shard $k/3 builds" "$(cat "$K.err")"
done
parts=$(for k in 1 2 3; do (cd "$K/part$k" && ls *.pdf 2>/dev/null); done | sed 's/\.pdf$//' | sort)
[ "$parts" = "$all" ] && ok "the shards hold every guide once" ||
	not_ok "the shards hold every guide once" "$parts"
nonempty=0
for k in 1 2 3; do ls "$K/part$k"/*.pdf >/dev/null 2>&1 && nonempty=$((nonempty + 1)); done
[ $nonempty -ge 2 ] && ok "nine guides spread over at least two of three shards" ||
	not_ok "nine guides spread over at least two of three shards" "$nonempty"

# a guide's part is CRC-32(slug) mod N + 1, as docs/scaling.md says, so
# that any tool can predict it
bad=$($PY - "$K" <<'PYEOF'
import os, sys, zlib
k = sys.argv[1]
for part in (1, 2, 3):
    for f in os.listdir(f"{k}/part{part}"):
        if f.endswith(".pdf"):
            slug = f[:-4]
            want = zlib.crc32(slug.encode()) % 3 + 1
            if want != part:
                print(f"{slug} in part {part}, documented {want}")
PYEOF
)
[ -z "$bad" ] && ok "each guide is in its documented part" || not_ok "each guide is in its documented part" "$bad"

# gathered and indexed: every file the same bytes as the single build
mkdir -p "$K/gathered"
for k in 1 2 3; do cp "$K/part$k"/* "$K/gathered/" 2>/dev/null; done
rm -f "$K/gathered/catalog.xml" "$K/gathered/index.html"
$MKGUIDE index -q --base-url "$URL" "$K/gathered" 2>>"$K.err" || not_ok "index of the gathered shards" "$(cat "$K.err")"
a=$(cd "$K/single" && ls | sort)
b=$(cd "$K/gathered" && ls | sort)
if [ "$a" = "$b" ] && [ -s "$K/single/catalog.xml" ] && [ -s "$K/single/index.html" ]; then
	ok "gathered shards hold the same files as one build"
else
	not_ok "gathered shards hold the same files as one build" "$(echo "$a" >"$K.a"; echo "$b" >"$K.b"; diff "$K.a" "$K.b")"
fi
differ=""
for f in "$K/single"/*; do
	cmp -s "$f" "$K/gathered/$(basename "$f")" || differ="$differ $(basename "$f")"
done
[ -z "$differ" ] && ok "gathered shards and index: every file the same bytes as one build" ||
	not_ok "gathered shards and index: every file the same bytes as one build" "$differ"

# adding a guide moves no other guide between parts
cp -R tests/guides/minimal "$K/guides/zeta"
moved=""
for k in 1 2 3; do
	$MKGUIDE build -q --epub --shard $k/3 -o "$K/again$k" "$K/guides" 2>>"$K.err"
	for f in "$K/part$k"/*.pdf; do
		[ -e "$f" ] || continue
		g=$(basename "$f" .pdf)
		[ -s "$K/again$k/$g.epub" ] || moved="$moved $g"
	done
done
[ -z "$moved" ] && ok "adding a guide moves no other between shards" ||
	not_ok "adding a guide moves no other between shards" "$moved"

done_testing
