# tests/lib.sh — shared helpers for end-to-end tests (sourced, not run).
# Each test script prints "ok - name", "not ok - name" or "skip - name: why"
# lines and ends with "N passed, N failed, N skipped"; tests/run.sh adds up.
# MKGUIDE names the binary under test (./mkguide or ./mkguide-asan).

: "${MKGUIDE:=./mkguide}"
T_PASS=0 T_FAIL=0 T_SKIP=0
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/mkguide-test.XXXXXX")
trap 'rm -rf "$T_TMP"' EXIT
# mkguide keeps a cache in $XDG_CACHE_HOME; the tests' stays in their folder
XDG_CACHE_HOME=$T_TMP/xdg-cache
export XDG_CACHE_HOME

ok() { T_PASS=$((T_PASS + 1)); echo "ok - $1"; }
not_ok() { T_FAIL=$((T_FAIL + 1)); echo "not ok - $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    /' | head -20; return 0; }
skip() { T_SKIP=$((T_SKIP + 1)); echo "skip - $1: $2"; }
# check NAME CMD...: passes when CMD exits 0.
check() { name=$1; shift; if out=$("$@" 2>&1); then ok "$name"; else not_ok "$name" "$out"; fi; }
done_testing() { echo "$T_PASS passed, $T_FAIL failed, $T_SKIP skipped"; [ "$T_FAIL" -eq 0 ]; }

have_epubcheck() { [ -f /usr/share/java/epubcheck.jar ] && command -v java >/dev/null 2>&1; }
epubcheck() { java -jar /usr/share/java/epubcheck.jar "$@"; }
PY=/usr/bin/python3
