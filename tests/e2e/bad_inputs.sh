#!/bin/sh
# The bad-input corpus (issue 6): each tests/bad/<case>/ is a guide folder
# with a mistake and an `expected` file holding the exact messages `mkguide
# check` must print. Each case must exit 1, print every expected line, and
# print no error or warning that is not expected.
. tests/lib.sh

for dir in tests/bad/*/; do
	dir=${dir%/}
	name=${dir#tests/bad/}
	[ -f "$dir/expected" ] || { not_ok "$name: no expected file"; continue; }
	$MKGUIDE check "$dir" >"$T_TMP/out" 2>"$T_TMP/err"
	rc=$?
	if [ "$rc" -ne 1 ]; then
		not_ok "$name: exit status $rc, want 1" "$(cat "$T_TMP/err")"
		continue
	fi
	missing=$(grep -vxF -f "$T_TMP/err" "$dir/expected")
	grep -E ': (error|warning): ' "$T_TMP/err" >"$T_TMP/got"
	extra=$(grep -vxF -f "$dir/expected" "$T_TMP/got")
	if [ -n "$missing" ]; then
		not_ok "$name: messages missing" "$(printf 'missing:\n%s\ngot:\n%s' "$missing" "$(cat "$T_TMP/err")")"
	elif [ -n "$extra" ]; then
		not_ok "$name: unexpected messages" "$extra"
	else
		ok "$name: exit 1 with the expected messages"
	fi
done

# check_refused NAME DIR MESSAGE: `check DIR` exits 1 and prints MESSAGE.
check_refused() {
	$MKGUIDE check "$2" 2>"$T_TMP/err"
	rc=$?
	if [ "$rc" -eq 1 ] && grep -qF "$3" "$T_TMP/err"; then
		ok "$1"
	else
		not_ok "$1 (exit $rc)" "$(cat "$T_TMP/err")"
	fi
}

# a guide whose chapter is a symlink to a file outside its folder, made here
# so that the corpus holds no link to an absolute path
mkdir -p "$T_TMP/escape"
printf 'title: Escape\nlanguage: en\nchapters: [one.md]\ndisclaimer: d.md\n' >"$T_TMP/escape/guide.yaml"
echo 'Not medical advice.' >"$T_TMP/escape/d.md"
printf '# Secret\n\nOutside the guide.\n' >"$T_TMP/secret.md"
ln -s "$T_TMP/secret.md" "$T_TMP/escape/one.md"
check_refused "absolute symlink out of the folder is refused" "$T_TMP/escape" \
	"$T_TMP/escape/guide.yaml:3:12: error: chapter 'one.md' is a symlink that leads outside the guide's folder"

# a symlink that stays inside the folder is fine
rm "$T_TMP/escape/one.md"
mkdir -p "$T_TMP/escape/text"
mv "$T_TMP/secret.md" "$T_TMP/escape/text/one.md"
ln -s text/one.md "$T_TMP/escape/one.md"
check "a symlink inside the folder is followed" $MKGUIDE check "$T_TMP/escape"

# a chapter larger than the limit is refused by its size before it is read
mkdir -p "$T_TMP/huge"
printf 'title: Huge\nlanguage: en\nchapters: [big.md]\ndisclaimer: d.md\n' >"$T_TMP/huge/guide.yaml"
echo 'Not medical advice.' >"$T_TMP/huge/d.md"
truncate -s 20M "$T_TMP/huge/big.md"
check_refused "a 20 MB chapter is refused with the size limit" "$T_TMP/huge" \
	"$T_TMP/huge/guide.yaml:3:12: error: chapter 'big.md' is too large: 20971520 bytes (the limit is 16777216 bytes, 16 MiB)"

# build_refused NAME GUIDE TEXT...: `build` of GUIDE exits 1 within 10 s,
# says every TEXT, and writes nothing.
build_refused() {
	name=$1 guide=$2
	shift 2
	out=$T_TMP/refused-out
	rm -rf "$out"
	timeout 10 $MKGUIDE build -q -o "$out" "$guide" 2>"$T_TMP/err"
	rc=$?
	said=1
	for text in "$@"; do
		grep -qF "$text" "$T_TMP/err" || said=0
	done
	if [ "$rc" -eq 1 ] && [ $said -eq 1 ] && [ -z "$(ls "$out" 2>/dev/null)" ]; then
		ok "$name"
	else
		not_ok "$name (exit $rc)" "$(cat "$T_TMP/err")"
	fi
}

# an image too large for a handout is refused by its header when the guide
# is read, before the PDF writer decodes it (a 30000 x 30000 PNG used to take
# it a minute and 2.7 GB, then fail with a bare libharu error code)
build_refused "a 30000 x 30000 image fails the build at once, writing nothing" \
	tests/bad/image-size "image 'big.png' is 30000 x 30000 pixels"

# a PNG whose picture data stops after 4 of its 4000 rows is refused when the
# guide is read: libpng, inside the PDF writer, used to abort the whole build
# (exit 134, "libpng error: Not enough image data")
build_refused "a PNG cut short fails the build with a message, writing nothing" \
	tests/bad/image-damaged "image 'cut.png' is damaged: its picture data ends before its last row"

# sound PNGs that libharu 2.3 mishandles are refused when the guide is read:
# an interlaced one with alpha made it free a mask twice (exit 134), an RGB
# one with a tRNS chunk made it follow a null pointer (exit 139)
build_refused "PNGs libharu cannot draw fail the build with messages, writing nothing" \
	tests/bad/image-kind "image 'web.png' is an interlaced PNG" \
	"image 'key.png' is an RGB PNG with a transparent colour"

# the good test guides pass
for g in tests/guides/*/; do
	check "${g%/} checks clean" $MKGUIDE check "${g%/}"
done

done_testing
