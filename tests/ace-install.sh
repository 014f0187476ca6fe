#!/bin/sh
# Installs DAISY Ace (npm @daisy/ace) and the Chromium it drives, for
# tests/e2e/ace.sh. Ace's own install scripts download a browser; they are
# skipped (--ignore-scripts) and Debian's chromium is used instead, through
# PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium. Run it as root (or with sudo).
# The working command afterwards:
#   PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium ace-puppeteer -o DIR book.epub
# (plain `ace` is the Electron runner, which --ignore-scripts leaves broken.)
set -eu

sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo

if [ ! -x /usr/bin/chromium ]; then
	$sudo apt-get install -y chromium
fi
if ! command -v npm >/dev/null 2>&1; then
	$sudo apt-get install -y npm
fi
if ! command -v ace-puppeteer >/dev/null 2>&1; then
	$sudo npm install -g @daisy/ace --ignore-scripts
fi
PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium ace-puppeteer --version
