#!/bin/sh
# Hostile but valid input (issue 6): each guide must build, or fail with a
# clear error (exit 1), within a time bound, never crash (exit >= 128) or hang.
. tests/lib.sh
PY=/usr/bin/python3

mkguide_guide() { # dir chapter-generator(python expression writing to f)
	d=$T_TMP/$1
	mkdir -p "$d"
	printf 'title: Hostile\nlanguage: en\nchapters: [ch.md]\ndisclaimer: d.md\n' >"$d/guide.yaml"
	echo 'Not medical advice.' >"$d/d.md"
	$PY -c "import sys
f = open(sys.argv[1], 'w')
f.write('# Hostile\n\n')
$2" "$d/ch.md"
}

run_case() { # name expect(build|fail|either)
	d=$T_TMP/$1
	timeout 120 $MKGUIDE build -q -o "$T_TMP/out-$1" "$d" >"$T_TMP/$1.out" 2>"$T_TMP/$1.err"
	rc=$?
	case "$rc:$2" in
	0:build | 0:either)
		if [ -s "$T_TMP/out-$1/$1.epub" ] && [ -s "$T_TMP/out-$1/$1.pdf" ]; then
			ok "$1 builds"
		else
			not_ok "$1 builds: exit 0 but products missing"
		fi ;;
	1:fail | 1:either)
		if grep -q "error: " "$T_TMP/$1.err" && [ ! -e "$T_TMP/out-$1/$1.pdf" ]; then
			ok "$1 fails cleanly"
		else
			not_ok "$1 fails cleanly: no error message or a product was written" "$(head -5 "$T_TMP/$1.err")"
		fi ;;
	124:*) not_ok "$1: timed out after 120 s" ;;
	*) not_ok "$1: exit $rc (expected $2)" "$(tail -5 "$T_TMP/$1.err")" ;;
	esac
}

mkguide_guide quotes 'f.write("> " * 5000 + "deep\n")'
run_case quotes either
mkguide_guide lists 'f.write("".join("  " * i + "- level %d\n" % i for i in range(3000)))'
run_case lists either
mkguide_guide bigpara 'f.write(" ".join("word%d" % (i % 97) for i in range(330000)) + "\n")'
run_case bigpara build
mkguide_guide longword 'f.write("Before " + "x" * 5000 + " after.\n")'
run_case longword build
mkguide_guide footnotes 'f.write("".join("Claim %d.[^n%d]\n" % (i, i) for i in range(10000)) + "\n" + "".join("[^n%d]: Source %d.\n" % (i, i) for i in range(10000)))'
run_case footnotes either

# a 100 MB chapter is refused by its size, not read whole
mkguide_guide huge 'pass'
truncate -s 100M "$T_TMP/huge/ch.md"
run_case huge fail
grep -q "ch.md" "$T_TMP/huge.err" && ok "the size error names the file" || not_ok "the size error names the file" "$(cat "$T_TMP/huge.err")"

done_testing
