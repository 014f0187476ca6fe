# tests/lib.sh — shared helpers for end-to-end tests (sourced, not run).
# Each test script prints "ok - name", "not ok - name" or "skip - name: why"
# lines and ends with "N passed, N failed, N skipped"; tests/run.sh adds up.
# MKGUIDE names the binary under test (./mkguide or ./mkguide-asan).

: "${MKGUIDE:=./mkguide}"
T_PASS=0 T_FAIL=0 T_SKIP=0
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/mkguide-test.XXXXXX")
trap 'rm -rf "$T_TMP"' EXIT

ok() { T_PASS=$((T_PASS + 1)); echo "ok - $1"; }
not_ok() { T_FAIL=$((T_FAIL + 1)); echo "not ok - $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    /' | head -20; return 0; }
# A check whose tool or input is missing says "skip" on a developer's
# machine; on CI (CI=true, as .ci/run has it), where `make test` installs
# every tool, a missing one is a failure.
skip() {
	if [ "${CI:-}" = true ]; then
		not_ok "$1" "missing on CI: $2"
	else
		T_SKIP=$((T_SKIP + 1)); echo "skip - $1: $2"
	fi
}
# check NAME CMD...: passes when CMD exits 0.
check() { name=$1; shift; if out=$("$@" 2>&1); then ok "$name"; else not_ok "$name" "$out"; fi; }
done_testing() { echo "$T_PASS passed, $T_FAIL failed, $T_SKIP skipped"; [ "$T_FAIL" -eq 0 ]; }

# not_readability FILE: the lines of FILE that are not readability's (a
# part that reads above its guide's target, and the notes on its longest
# sentences), for the tests that want no other message from a hard guide.
not_readability() { grep -Ev ': warning: reads at |:[0-9]+:[0-9]+: note: [0-9]+ words?: "' "$1"; }
# not_attribution FILE: the lines of FILE that are not check's warnings of a
# guide that names no authors, review or contact.
not_attribution() { grep -Ev "/guide\.yaml: warning: no '(authors|review|contact)': " "$1"; }
have() { command -v "$1" >/dev/null 2>&1; }
# silent NAME TOOL ARGS...: the tool succeeds and prints nothing on stderr.
silent() {
	name=$1
	shift
	if ! have "$1"; then
		skip "$name" "$1 not installed"
		return
	fi
	if "$@" >"$T_TMP/out" 2>"$T_TMP/err" && [ ! -s "$T_TMP/err" ]; then
		ok "$name"
	else
		not_ok "$name" "$(cat "$T_TMP/err")"
	fi
}
have_epubcheck() { [ -f /usr/share/java/epubcheck.jar ] && command -v java >/dev/null 2>&1; }
epubcheck() { java -jar /usr/share/java/epubcheck.jar "$@"; }
PY=/usr/bin/python3
