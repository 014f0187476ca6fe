// axe-page.js — checks a download page (index.html) in Debian's chromium:
// axe-core's WCAG 2.0/2.1/2.2 A and AA rules, at a phone's width (375 px)
// and a desktop's (1280 px); that nothing scrolls sideways on the phone; that
// the cover sits above the text on the phone and beside it on the desktop.
// Saves a full-page PNG screenshot of each width for a person to look at.
//
// usage: node tests/e2e/axe-page.js PAGE.html OUTDIR
// exit 0: no violation; 1: violations, listed; 2: usage;
// 3: chromium, puppeteer or axe-core missing (the test says "skip").
// puppeteer and axe-core come from the global node_modules: tests/ace-install.sh
// installs DAISY Ace (which bundles puppeteer) and axe-core.
'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const CHROMIUM = '/usr/bin/chromium';
const WIDTHS = [
	{ name: 'phone', width: 375, height: 812, mobile: true },
	{ name: 'desktop', width: 1280, height: 900, mobile: false },
];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

function missing(what) {
	console.log(`missing: ${what}`);
	process.exit(3);
}

function globalRoot() {
	try {
		return execFileSync('npm', ['root', '-g']).toString().trim();
	} catch (e) {
		return null;
	}
}

// The first of the candidate paths (under root) that exists.
function first(root, candidates) {
	for (const c of candidates) {
		const p = path.join(root, c);
		if (fs.existsSync(p))
			return p;
	}
	return null;
}

// Where the page's layout breaks: sideways scrolling, and for each
// article with a cover, the cover's place against its title.
function layoutProblems() {
	const problems = [];
	const doc = document.documentElement;
	if (doc.scrollWidth > window.innerWidth)
		problems.push(`the page is ${doc.scrollWidth} px wide in a ${window.innerWidth} px window`);
	for (const art of document.querySelectorAll('article')) {
		const img = art.querySelector('img');
		const h3 = art.querySelector('h3');
		if (!img || !h3)
			continue;
		const i = img.getBoundingClientRect();
		const t = h3.getBoundingClientRect();
		const beside = i.right <= t.left && i.top < t.bottom;
		const above = i.bottom <= t.top;
		problems.push({ id: art.id, beside, above });
	}
	return problems;
}

async function check(browser, page_url, w, outdir, axeSource) {
	const page = await browser.newPage();
	const found = [];

	await page.setViewport({ width: w.width, height: w.height,
				 deviceScaleFactor: 1, isMobile: w.mobile,
				 hasTouch: w.mobile });
	await page.goto(page_url, { waitUntil: 'load' });
	await page.addScriptTag({ content: axeSource });
	const result = await page.evaluate(async (tags) => {
		// eslint-disable-next-line no-undef
		return await axe.run(document, {
			runOnly: { type: 'tag', values: tags },
			resultTypes: ['violations'],
		});
	}, TAGS);
	for (const v of result.violations)
		for (const n of v.nodes)
			found.push(`${w.name}: ${v.id} (${v.impact}): ${v.help}\n    at ${n.target.join(' ')}\n    ${n.failureSummary.replace(/\n/g, '\n    ')}`);
	for (const p of await page.evaluate(layoutProblems)) {
		if (typeof p === 'string')
			found.push(`${w.name}: ${p}`);
		else if (w.mobile && !p.above)
			found.push(`${w.name}: #${p.id}: the cover is not above the title`);
		else if (!w.mobile && !p.beside)
			found.push(`${w.name}: #${p.id}: the cover is not beside the title`);
	}
	const shot = path.join(outdir, `index-${w.name}.png`);
	await page.screenshot({ path: shot, fullPage: true });
	console.log(`screenshot: ${shot}`);
	await page.close();
	return found;
}

async function main() {
	if (process.argv.length !== 4) {
		console.error('usage: node axe-page.js PAGE.html OUTDIR');
		process.exit(2);
	}
	const file = path.resolve(process.argv[2]);
	const outdir = path.resolve(process.argv[3]);
	if (!fs.existsSync(CHROMIUM))
		missing(CHROMIUM);
	const root = globalRoot();
	if (!root)
		missing('npm (for the global node_modules)');
	const pptr = first(root, ['puppeteer-core', 'puppeteer',
				  '@daisy/ace/node_modules/puppeteer-core',
				  '@daisy/ace/node_modules/puppeteer']);
	const axeFile = first(root, ['axe-core/axe.min.js',
				     '@daisy/ace/node_modules/axe-core/axe.min.js',
				     '@daisy/ace/node_modules/@daisy/axe-core-for-ace/axe.min.js']);
	if (!pptr)
		missing('puppeteer (npm install -g @daisy/ace --ignore-scripts)');
	if (!axeFile)
		missing('axe-core (npm install -g axe-core)');
	console.log(`axe-core: ${axeFile}`);
	const puppeteer = require(pptr);
	fs.mkdirSync(outdir, { recursive: true });
	const profile = fs.mkdtempSync(path.join(outdir, 'chromium-profile-'));
	const browser = await puppeteer.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
		       '--disable-background-networking', '--disable-component-update',
		       '--disable-sync', `--user-data-dir=${profile}`],
	});
	const axeSource = fs.readFileSync(axeFile, 'utf8');
	let found = [];
	try {
		for (const w of WIDTHS)
			found = found.concat(await check(browser, 'file://' + file, w,
							 outdir, axeSource));
	} finally {
		await browser.close();
	}
	if (found.length) {
		console.log(found.join('\n'));
		process.exit(1);
	}
	console.log(`no violation at ${WIDTHS.map((w) => w.width + ' px').join(' or ')}`);
}

main().catch((e) => {
	console.log(`axe-page.js: ${e && e.stack ? e.stack : e}`);
	process.exit(1);
});
