#!/usr/bin/python3
"""handout_check.py — measures a PDF handout's text as print guidance reads it
(WCAG 2.x SC 1.4.8, health-literacy print guidance) from the characters'
positions and sizes that `mutool draw -F stext` reports, and checks it.

Usage: handout_check.py FILE.pdf [--min-size PT] [--justified]

Checks, with the body size taken as the size most characters have:
  - the body size is at least --min-size (default 12);
  - no line of body size or smaller holds more than 80 characters;
  - body lines are at least 1.5 x the body size apart, baseline to baseline;
  - ragged right: few full lines end flush on the right edge, and their
    right edges vary (with --justified: most full lines end flush);
  - no two lines in a row of a paragraph end on a hyphen;
  - no heading line (larger than the body) ends on a hyphen.
Prints one line of measures, then one line per failure; exits 1 on failure,
2 when the PDF cannot be read.
"""
import collections
import statistics
import subprocess
import sys
import xml.etree.ElementTree as ET

MAX_CHARS = 80
MIN_LEADING = 1.5
HYPHENS = ('-', '\u2010', '\u00ad')


class Run:
    """A piece of a line: its characters up to a wide gap (a table's next
    cell, dot leaders, the page number in the contents)."""

    def __init__(self, page, chars):
        self.page = page
        self.chars = chars
        sizes = collections.Counter(round(s, 2) for s, _ in chars)
        self.size = sizes.most_common(1)[0][0]
        quads = [[float(v) for v in c.get('quad').split()] for _, c in chars]
        self.x0 = min(q[0] for q in quads)
        self.x1 = max(q[2] for q in quads)
        self.y = float(chars[0][1].get('y'))
        self.text = ''.join(c.get('c') for _, c in chars)


def runs_of(pdf):
    """Every run of text in the PDF, page by page, in the order of stext."""
    out = subprocess.run(['mutool', 'draw', '-q', '-F', 'stext', '-o', '-', pdf],
                         capture_output=True, check=True).stdout
    root = ET.fromstring(out)
    runs = []
    for pi, page in enumerate(root.iter('page')):
        for line in page.iter('line'):
            chars = [(float(f.get('size')), c) for f in line.iter('font')
                     for c in f.iter('char')]
            run, last_x1 = [], None
            for size, c in chars:
                q = [float(v) for v in c.get('quad').split()]
                if run and q[0] - last_x1 > 2 * size:
                    runs.append(Run(pi, run))
                    run = []
                run.append((size, c))
                last_x1 = q[2]
            if run:
                runs.append(Run(pi, run))
    out = []
    for r in runs:
        out.extend(without_leaders(r))
    # leaders and empty runs say nothing about the text
    return [r for r in out if r.text.replace('.', '').strip()]


def without_leaders(r):
    """A contents entry's run without its dot leaders: the title, and the
    page number as a run of its own."""
    at = r.text.find(' . . . ')
    if at < 0:
        return [r]
    title = r.chars[:at]
    end = len(r.chars)
    while end > 0 and r.chars[end - 1][1].get('c') in '0123456789':
        end -= 1
    return [Run(r.page, part) for part in (title, r.chars[end:]) if part]


def body_size(runs):
    sizes = collections.Counter()
    for r in runs:
        sizes[r.size] += len(r.text.strip())
    return sizes.most_common(1)[0][0]


def same_size(a, b):
    return abs(a - b) < 0.05


def sorted_lines(runs, size):
    """The runs of one size as lines, by page and from the top, one per
    baseline (the runs of a table row are one line)."""
    by_line = {}
    for r in runs:
        if same_size(r.size, size):
            by_line.setdefault((r.page, round(r.y, 1)), []).append(r)
    lines = []
    for key in sorted(by_line):
        rs = sorted(by_line[key], key=lambda r: r.x0)
        lines.append(rs)
    return lines


def check_chars(runs, body, fails):
    longest = max((r for r in runs if r.size <= body + 0.05),
                  key=lambda r: len(r.text.strip()))
    n = len(longest.text.strip())
    if n > MAX_CHARS:
        fails.append('a line of %d characters (more than %d) on page %d: %r'
                     % (n, MAX_CHARS, longest.page + 1, longest.text.strip()))
    return n


def check_leading(lines, body, fails):
    gaps = []
    for a, b in zip(lines, lines[1:]):
        if a[0].page != b[0].page:
            continue
        dy = b[0].y - a[0].y
        gaps.append(dy)
        if dy < MIN_LEADING * body - 0.02:
            fails.append('body lines %.2f pt apart (less than %.1f x %g pt) on page %d: %r'
                         % (dy, MIN_LEADING, body, a[0].page + 1, a[-1].text.strip()))
    return min(gaps) / body if gaps else 0


def check_right_edges(runs, body, justified, fails):
    """Lines that reach into the last quarter of the measure: how many end
    flush on its right edge, and how much their ends vary."""
    text = [r for r in runs if same_size(r.size, body) and r.page > 0 and
            not r.text.strip().isdigit()]
    right = max(r.x1 for r in text)
    left = min(r.x0 for r in text)
    full = [r for r in text if r.x1 > right - 0.25 * (right - left)]
    if len(full) < 5:
        fails.append('only %d full lines to judge the right edge by' % len(full))
        return 0, 0
    flush = sum(1 for r in full if r.x1 > right - 0.5) / len(full)
    spread = statistics.pstdev(r.x1 for r in full)
    if justified and flush < 0.6:
        fails.append('justified: only %.0f %% of full lines end flush' % (100 * flush))
    if not justified and (flush > 0.2 or spread < 2):
        fails.append('not ragged: %.0f %% of full lines end flush, their ends vary by %.1f pt'
                     % (100 * flush, spread))
    return flush, spread


def ends_hyphen(line):
    t = line[-1].text.rstrip()
    return t.endswith(HYPHENS) and not t.endswith(' -')


def check_hyphens(runs, fails):
    """Within a paragraph (lines of one size, a leading apart), never two
    lines in a row on a hyphen."""
    count = 0
    for size in set(r.size for r in runs):
        lines = sorted_lines(runs, size)
        gaps = [b[0].y - a[0].y for a, b in zip(lines, lines[1:])
                if a[0].page == b[0].page and b[0].y > a[0].y]
        if not gaps:
            continue
        lead = collections.Counter(round(g, 1) for g in gaps).most_common(1)[0][0]
        for a, b in zip(lines, lines[1:]):
            count += ends_hyphen(a)
            if (a[0].page == b[0].page and 0 < b[0].y - a[0].y <= lead * 1.1 and
                    ends_hyphen(a) and ends_hyphen(b)):
                fails.append('two lines in a row end on a hyphen on page %d: %r, %r'
                             % (a[0].page + 1, a[-1].text.strip(), b[-1].text.strip()))
    return count


def check_headings(runs, body, fails):
    heads = [r for r in runs if r.size > body * 1.03]
    for r in heads:
        if r.text.rstrip().endswith(HYPHENS):
            fails.append('a heading line ends on a hyphen on page %d: %r'
                         % (r.page + 1, r.text.strip()))
    return len(heads)


def main(argv):
    args = argv[1:]
    if not args:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    pdf, min_size, justified = args[0], 12.0, '--justified' in args
    if '--min-size' in args:
        min_size = float(args[args.index('--min-size') + 1])
    try:
        runs = runs_of(pdf)
    except (OSError, subprocess.CalledProcessError, ET.ParseError) as e:
        print('%s: cannot read: %s' % (pdf, e), file=sys.stderr)
        return 2
    if not runs:
        print('%s: no text' % pdf, file=sys.stderr)
        return 2
    fails = []
    body = body_size(runs)
    if body < min_size:
        fails.append('body text %g pt (less than %g pt)' % (body, min_size))
    chars = check_chars(runs, body, fails)
    leading = check_leading(sorted_lines(runs, body), body, fails)
    flush, spread = check_right_edges(runs, body, justified, fails)
    hyphens = check_hyphens(runs, fails)
    heads = check_headings(runs, body, fails)
    print('%s: body %g pt, at most %d characters a line, leading at least %.2f x size, '
          '%.0f %% of full lines flush right (ends vary by %.1f pt), %d lines end on a hyphen, '
          '%d heading lines' % (pdf, body, chars, leading, 100 * flush, spread, hyphens, heads))
    report(fails)
    return 1 if fails else 0


def report(fails):
    """The failures, three of a kind at most."""
    kinds = collections.OrderedDict()
    for f in fails:
        kinds.setdefault(f.split(' ')[0] + f.split(' ')[1], []).append(f)
    for same in kinds.values():
        for f in same[:3]:
            print('  ' + f)
        if len(same) > 3:
            print('  ... and %d more like it' % (len(same) - 3))


if __name__ == '__main__':
    sys.exit(main(sys.argv))
