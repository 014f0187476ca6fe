#!/bin/sh
# Installs the Debian packages mkguide needs to build and to test, but only
# those that are missing: libraries are asked of pkg-config (or, for the two
# without a .pc file, looked for by header), tools by command name.
set -eu

missing=""
need_pc() { pkg-config --exists "$1" 2>/dev/null || missing="$missing $2"; }
need_file() { [ -e "$1" ] || missing="$missing $2"; }
need_cmd() { command -v "$1" >/dev/null 2>&1 || missing="$missing $2"; }

need_cmd pkg-config pkg-config
need_cmd cc gcc
need_cmd make make
need_pc libzip libzip-dev
need_pc libxml-2.0 libxml2-dev
need_pc libcmark-gfm "libcmark-gfm-dev libcmark-gfm-extensions-dev"
need_pc yaml-0.1 libyaml-dev
need_pc fontconfig libfontconfig-dev
need_pc freetype2 libfreetype-dev
need_pc libpng libpng-dev
need_pc uuid uuid-dev
need_pc zlib zlib1g-dev
need_pc liblouis liblouis-dev
need_file /usr/share/liblouis/tables/en-ueb-g2.ctb liblouis-data
need_pc espeak-ng libespeak-ng-dev
need_file /usr/lib/x86_64-linux-gnu/espeak-ng-data/phondata espeak-ng-data
need_pc lame libmp3lame-dev
need_pc libqrencode libqrencode-dev
need_file /usr/include/hpdf.h libhpdf-dev
need_file /usr/include/hyphen.h libhyphen-dev
need_file /usr/share/hyphen/hyph_en_US.dic hyphen-en-us
need_file /usr/share/hyphen/hyph_es_ES.dic hyphen-es
need_file /usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf fonts-noto-core
need_file /usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf fonts-liberation2
need_file /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf fonts-dejavu-core
# test tools, unless only the build's are wanted (`tests/deps.sh build`)
if [ "${1:-test}" != build ]; then
need_file /usr/share/java/epubcheck.jar epubcheck
need_cmd java default-jre-headless
need_cmd pdftotext poppler-utils
need_cmd qpdf qpdf
need_cmd mutool mupdf-tools
need_cmd zbarimg zbar-tools
need_cmd unzip unzip
need_cmd ebook-meta calibre
need_cmd mpg123 mpg123
need_cmd valgrind valgrind
need_file /usr/bin/python3 python3
/usr/bin/python3 -c 'import pikepdf' 2>/dev/null || missing="$missing python3-pikepdf"
/usr/bin/python3 -c 'import yaml' 2>/dev/null || missing="$missing python3-yaml"
/usr/bin/python3 -c 'import louis' 2>/dev/null || missing="$missing python3-louis"
/usr/bin/python3 -c 'import fontTools' 2>/dev/null || missing="$missing python3-fonttools"
need_cmd xmllint libxml2-utils
need_cmd jing jing
need_cmd style diction
fi

[ -z "$missing" ] && exit 0
echo "mkguide: installing Debian packages:$missing" >&2
if [ "$(id -u)" != 0 ]; then
	SUDO=sudo
else
	SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
