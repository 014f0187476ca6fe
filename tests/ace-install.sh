#!/bin/sh
# Installs DAISY Ace (npm @daisy/ace) and the Chromium it drives, for
# tests/e2e/ace.sh, and axe-core for tests/e2e/catalog.sh's download page.
# Ace's own install scripts download a browser; they are skipped
# (--ignore-scripts) and Debian's chromium is used instead, through
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
# axe-core itself, for tests/e2e/axe-page.js (the download page, a web page
# rather than an EPUB: Ace's bundled copy is DAISY's fork, for publications)
if [ ! -f "$(npm root -g)/axe-core/axe.min.js" ]; then
	$sudo npm install -g axe-core
fi
PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium ace-puppeteer --version
