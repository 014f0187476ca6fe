#!/bin/sh
# tests/bench.sh — `make bench`: mkguide's speed and memory beside the tools a
# clinic would otherwise use (pandoc for the EPUB, pandoc + weasyprint for the
# PDF), all measured in this one run on this machine. Never part of `make test`.
#
# tests/bench.sh --against OTHER_MKGUIDE: the bundled guide built by ./mkguide
# and by another build of it, interleaved run by run, so that a change that
# exists for speed can show what it buys (make bench AGAINST=path).
set -eu
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1 || missing="$missing $2"; }
missing=""
need hyperfine hyperfine
need pandoc pandoc
need weasyprint weasyprint
[ -x /usr/bin/time ] || missing="$missing time"
if [ -n "$missing" ]; then
	echo "bench: installing$missing" >&2
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

W=$(mktemp -d /tmp/mkguide-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT
BOOK=book/naltrexone-self-injury
MK=$(pwd)/mkguide
PY=/usr/bin/python3

# median wall time in ms of a command, from hyperfine's JSON
median() { # runs warmup name cmd
	hyperfine -N -w "$2" -r "$1" --export-json "$W/h.json" "$4" >/dev/null 2>&1 ||
		hyperfine -w "$2" -r "$1" --export-json "$W/h.json" "$4" >/dev/null
	$PY -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$W/h.json"
}
# medians in ms of two commands run in turn, rounds times each: on a machine
# whose speed drifts, alternating keeps their ratio honest
alternate() { # rounds cmd1 cmd2
	$PY - "$@" <<'PYEOF'
import os, shlex, statistics, sys, time
rounds, cmds = int(sys.argv[1]), [shlex.split(c) for c in sys.argv[2:]]
times = [[] for _ in cmds]
null = os.open(os.devnull, os.O_WRONLY)
for r in range(rounds + 1):
    for i, argv in enumerate(cmds):
        t = time.perf_counter()
        pid = os.posix_spawnp(argv[0], argv, os.environ,
                              file_actions=[(os.POSIX_SPAWN_DUP2, null, 1),
                                            (os.POSIX_SPAWN_DUP2, null, 2)])
        _, status = os.waitpid(pid, 0)
        if status != 0:
            sys.exit("bench: failed: " + " ".join(argv))
        if r > 0:	# the first round warms the caches
            times[i].append((time.perf_counter() - t) * 1000)
out = ["%.2f" % statistics.median(t) for t in times]
if len(times) == 2:	# and the median of each round's ratio
    out.append("%.1f" % statistics.median(a / b for a, b in zip(*times)))
print(" ".join(out))
PYEOF
}
peak_kb() { /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p'; }
ratio() { $PY -c 'import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print("%.1f" % (a/b) if b>0 else "-")' "$1" "$2"; }

if [ "${1:-}" = --against ]; then
	other=$(cd "$OLDPWD" 2>/dev/null; readlink -f "$2")
	set -- $(alternate 200 "$MK build -q -o $W/a $BOOK" "$other build -q -o $W/b $BOOK")
	echo "bundled guide, EPUB + PDF, 200 interleaved rounds:"
	printf '  %-40s %10s ms\n' "./mkguide" "$1" "$other" "$2"
	echo "  ./mkguide takes $3x the other's time (median of the rounds' ratios)"
	exit 0
fi

echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1), $(free -g | awk '/Mem:/{print $2}') GiB"
echo

# 1. the bundled guide
mk_both=$(median 40 5 both "$MK build -q -o $W/o $BOOK")
mk_epub=$(median 40 5 epub "$MK build -q --epub -o $W/o $BOOK")
mk_pdf=$(median 40 5 pdf "$MK build -q --pdf -o $W/o $BOOK")
mk_mem=$(peak_kb "$MK" build -q -o "$W/o" $BOOK)
mk_start=$(median 40 5 start "$MK --version")
printf '%-44s %10s\n' "bundled guide, EPUB + PDF (median wall)" "$mk_both ms"
printf '%-44s %10s\n' "bundled guide, EPUB only" "$mk_epub ms"
printf '%-44s %10s\n' "bundled guide, PDF only" "$mk_pdf ms"
printf '%-44s %10s\n' "bundled guide, peak memory" "$((mk_mem / 1024)) MB"
printf '%-44s %10s\n' "process start-up alone (mkguide --version)" "$mk_start ms"
# the BRF on top (--braille), interleaved with the same build without it
set -- $(alternate 40 "$MK build -q --braille -o $W/br $BOOK" "$MK build -q -o $W/nb $BOOK")
printf '%-44s %10s   +%s ms over EPUB + PDF (%s)\n' "bundled guide, EPUB + PDF + BRF" "$1 ms" \
	"$($PY -c 'import sys; print("%.1f" % (float(sys.argv[1]) - float(sys.argv[2])))' "$1" "$2")" "$2 ms"

files=$(sed -n 's/^  - \(.*\.md\)$/\1/p' $BOOK/guide.yaml | sed "s|^|$BOOK/|" | tr '\n' ' ')
files="$files $BOOK/faq.md $BOOK/disclaimer.md"
title=$(sed -n 's/^title: "\(.*\)"$/\1/p' $BOOK/guide.yaml)
if command -v pandoc >/dev/null 2>&1; then
	pd_epub=$(median 5 1 pandoc "pandoc -o $W/p.epub --metadata title='$title' $files")
	printf '%-44s %10s   mkguide is %sx faster\n' "pandoc, EPUB" "$pd_epub ms" "$(ratio "$pd_epub" "$mk_epub")"
	if command -v weasyprint >/dev/null 2>&1; then
		pd_pdf=$(median 3 1 weasy "sh -c \"pandoc -s -o $W/p.html --metadata title='$title' $files && weasyprint -q $W/p.html $W/p.pdf\"")
		printf '%-44s %10s   mkguide is %sx faster\n' "pandoc + weasyprint, PDF" "$pd_pdf ms" "$(ratio "$pd_pdf" "$mk_pdf")"
		both=$($PY -c "print('%.2f' % ($pd_epub + $pd_pdf))")
		printf '%-44s %10s   mkguide is %sx faster\n' "pandoc + weasyprint, EPUB + PDF" "$both ms" "$(ratio "$both" "$mk_both")"
	else
		echo "weasyprint not installed: no PDF anchor (apt-get install weasyprint)"
	fi
else
	echo "pandoc not installed: no anchors (apt-get install pandoc weasyprint)"
fi
echo

# 2. a catalogue of 200 guides: -j 1 against -j 2, memory flat in its size
mkdir -p "$W/cat/book"
i=1
while [ $i -le 200 ]; do
	cp -R $BOOK "$W/cat/book/guide-$i"
	i=$((i + 1))
done
cp -R styles "$W/cat/"
cd "$W/cat"
# nine rounds, each -j 1 then -j 2: the speed-up is the median of the
# rounds' own ratios, which a drift from one round to the next leaves alone
set -- $(alternate 9 "$MK build -q -j 1 -o $W/cat/out" "$MK build -q -j 2 -o $W/cat/out")
j1=$1 j2=$2 speedup=$3
cat_mem=$(peak_kb "$MK" build -q -j 2 -o "$W/cat/out")
n=$(ls "$W/cat/out" | grep -Ec '\.(epub|pdf)$')	# not the catalogue's files
cd - >/dev/null
printf '%-44s %10s\n' "200 guides, -j 1" "$j1 ms"
printf '%-44s %10s   speed-up %sx\n' "200 guides, -j 2" "$j2 ms" "$speedup"
printf '%-44s %10s   (%s products; %sx one guide)\n' "200 guides, -j 2, peak memory" "$((cat_mem / 1024)) MB" "$n" "$(ratio "$cat_mem" "$mk_mem")"
echo

# 3. a 2 MB chapter
mkdir -p "$W/big"
{
	echo 'title: Big'; echo 'language: en'; echo 'chapters: [big.md]'; echo 'disclaimer: d.md'
} >"$W/big/guide.yaml"
echo 'Not medical advice.' >"$W/big/d.md"
$PY - "$W/big/big.md" "$BOOK" <<'PYEOF'
import sys, glob
out, book = sys.argv[1], sys.argv[2]
paras = []
for f in sorted(glob.glob(book + "/[0-9]*.md")):
    paras += [p for p in open(f).read().split("\n\n") if p and not p.startswith("#")]
text, i = ["# A big chapter\n"], 0
size = 0
while size < 2 * 1024 * 1024:
    p = paras[i % len(paras)]
    if i % 40 == 0:
        text.append("## Section %d\n" % (i // 40))
    text.append(p + "\n")
    size += len(p) + 2
    i += 1
open(out, "w").write("\n".join(text))
PYEOF
big=$(median 3 1 big "$MK build -q -o $W/bigout $W/big")
big_mem=$(peak_kb "$MK" build -q -o "$W/bigout" "$W/big")
printf '%-44s %10s   (%s MB peak)\n' "one 2 MB chapter, EPUB + PDF" "$big ms" "$((big_mem / 1024))"
