#!/usr/bin/python3
# qr_check.py — reads a PDF's figures and page content back through qpdf's
# JSON (no Python packages beyond the standard library), for the QR code
# tests (tests/e2e/qr.sh).
#
# Usage:
#   qr_check.py figures FILE.pdf
#       one line per Figure structure element: its page (1-based), the
#       width and height of its /BBox in points, and its /Alt text,
#       tab-separated
#   qr_check.py untagged FILE.pdf
#       every painting operator (fill, stroke, text, image) drawn outside
#       marked content (a tagged element's or an artifact's); exit 1 if any
#   qr_check.py paths FILE.pdf PAGE
#       how many fills page PAGE paints inside a /Figure's marked content
import base64
import json
import subprocess
import sys

PAINT = {b'f', b'F', b'f*', b'B', b'B*', b'b', b'b*', b'S', b's', b'Tj',
         b'TJ', b"'", b'"', b'Do', b'sh', b'BI'}
DELIMS = b'()<>[]{}/%'
SPACE = b' \t\r\n\f\0'


def load(pdf):
    out = subprocess.run(['qpdf', '--json=2', '--json-key=pages',
                          '--json-key=qpdf', '--json-stream-data=inline',
                          '--decode-level=generalized', pdf],
                         capture_output=True, check=True).stdout
    d = json.loads(out)
    return d['pages'], d['qpdf'][1]


def literal_end(data, i):
    """Index after the literal string that starts at data[i] == '('."""
    depth = 0
    while i < len(data):
        c = data[i]
        if c == 0x5c:           # backslash: skip the escaped byte
            i += 2
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return i


def operators(data):
    """The operators of a content stream, in order, each with its first
    name operand (BDC's and BMC's tag) or None."""
    i, n, first_name = 0, len(data), None
    while i < n:
        c = data[i]
        if c in SPACE:
            i += 1
        elif c == 0x25:         # comment
            while i < n and data[i] not in b'\r\n':
                i += 1
        elif c == 0x28:
            i = literal_end(data, i)
        elif data.startswith(b'<<', i) or data.startswith(b'>>', i):
            i += 2
        elif c == 0x3c:         # hex string
            i = data.index(b'>', i) + 1
        elif c in b'[]{}>':
            i += 1
        else:
            j = i + 1
            while j < n and data[j] not in SPACE and data[j] not in DELIMS:
                j += 1
            tok = data[i:j]
            if c == 0x2f:
                if first_name is None:
                    first_name = tok[1:].decode('latin-1')
            elif not (tok[:1].isdigit() or tok[:1] in b'+-.'):
                yield tok, first_name
                first_name = None
            i = j


def page_ops(pages, objs, index):
    for ref in pages[index]['contents']:
        data = base64.b64decode(objs['obj:' + ref]['stream']['data'])
        yield from operators(data)


def figures(pdf):
    pages, objs = load(pdf)
    page_of = {p['object']: k + 1 for k, p in enumerate(pages)}
    for v in objs.values():
        val = v.get('value') if isinstance(v, dict) else None
        if not isinstance(val, dict) or val.get('/S') != '/Figure':
            continue
        box = (val.get('/A') or {}).get('/BBox') or [0, 0, 0, 0]
        alt = val.get('/Alt', '')
        alt = alt[2:] if alt[:2] in ('u:', 'b:') else alt
        print('%s\t%.2f\t%.2f\t%s' % (page_of.get(val.get('/Pg'), 0),
                                       box[2] - box[0], box[3] - box[1], alt))
    return 0


def untagged(pdf):
    pages, objs = load(pdf)
    bad = []
    for k in range(len(pages)):
        depth = 0
        for op, _ in page_ops(pages, objs, k):
            if op in (b'BDC', b'BMC'):
                depth += 1
            elif op == b'EMC':
                depth -= 1
            elif op in PAINT and depth <= 0:
                bad.append('page %d: %s outside marked content' %
                           (k + 1, op.decode('latin-1')))
    print('\n'.join(bad[:20]))
    return 1 if bad else 0


def paths(pdf, page):
    pages, objs = load(pdf)
    tags, fills = [], 0
    for op, name in page_ops(pages, objs, page - 1):
        if op in (b'BDC', b'BMC'):
            tags.append(name)
        elif op == b'EMC' and tags:
            tags.pop()
        elif op == b'f' and 'Figure' in tags:
            fills += 1
    print(fills)
    return 0


def main(argv):
    if len(argv) == 3 and argv[1] == 'figures':
        return figures(argv[2])
    if len(argv) == 3 and argv[1] == 'untagged':
        return untagged(argv[2])
    if len(argv) == 4 and argv[1] == 'paths':
        return paths(argv[2], int(argv[3]))
    print(__doc__ or 'usage: qr_check.py figures|untagged FILE.pdf', file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
