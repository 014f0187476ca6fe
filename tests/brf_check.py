#!/usr/bin/python3
"""tests/brf_check.py BRF EPUB TABLES — checks a BRF mkguide wrote.

Geometry and characters: lines of at most 40 cells ending CR LF, pages of at
most 25 lines ending in a form feed, only 0x20-0x5F. Words: every body line
back-translated by liblouis itself (python3-louis, not lou_translate, which
reads '\\' as an escape) gives back the words of the guide's EPUB documents
(chapters, FAQ, disclaimer; text and alt text), in order, case-folded; and
the disclaimer's last words are the BRF's last. Prints one line per finding
and 'words: M of N in order (P%)'; exits 1 on any failure."""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

import louis

XHTML = "{http://www.w3.org/1999/xhtml}"
WORD = re.compile(r"[^\W\d_]+")


def pages_of(data, fail):
    if not data.endswith(b"\f"):
        fail("the file does not end with a form feed")
    for i, b in enumerate(data):
        if not (0x20 <= b <= 0x5F or b in (13, 10, 12)):
            fail("byte 0x%02x at %d is not BRF" % (b, i))
            break
    pages = data.split(b"\f")[:-1]
    out = []
    for n, page in enumerate(pages, 1):
        if not page.endswith(b"\r\n"):
            fail("page %d: its last line does not end CR LF" % n)
        body = page[:-2] if page.endswith(b"\r\n") else page
        lines = body.split(b"\r\n")
        if any(b"\r" in l or b"\n" in l for l in lines):
            fail("page %d: a bare CR or LF" % n)
        if len(lines) > 25:
            fail("page %d: %d lines" % (n, len(lines)))
        for j, l in enumerate(lines, 1):
            if len(l) > 40:
                fail("page %d line %d: %d cells" % (n, j, len(l)))
        out.append([l.decode("ascii") for l in lines])
    return out


def expected(epub):
    z = zipfile.ZipFile(epub)
    opf = [n for n in z.namelist() if n.endswith(".opf")][0]
    root = ET.fromstring(z.read(opf))
    ns = "{http://www.idpf.org/2007/opf}"
    items = {i.get("id"): i.get("href") for i in root.iter(ns + "item")}
    base = opf.rsplit("/", 1)[0] + "/" if "/" in opf else ""
    words = []
    for ref in root.iter(ns + "itemref"):
        href = items[ref.get("idref")]
        if not re.match(r"(ch\d+|faq|disclaimer)\.xhtml$", href):
            continue
        doc = ET.fromstring(z.read(base + href))
        walk(doc.find(XHTML + "body"), words)
    return words


def text_words(e):
    out = []
    walk(e, out)
    return out[:len(out) - len(WORD.findall((e.tail or "").casefold()))]


def table(e, words):
    """A table as the BRF has it: row by row, each cell after its header."""
    heads = [text_words(th) for th in e.iter(XHTML + "th")]
    for tr in e.iter(XHTML + "tr"):
        cells = tr.findall(XHTML + "td")
        for i, td in enumerate(cells):
            words += (heads[i] if i < len(heads) else []) + text_words(td)
    words += WORD.findall((e.tail or "").casefold())


def walk(e, words):
    if e.tag == XHTML + "table":
        return table(e, words)
    if e.get("role") in ("doc-backlink", "doc-noteref") or \
            e.get("class") == "note-label":
        words += WORD.findall((e.tail or "").casefold())
        return
    if e.tag == XHTML + "img":
        words += WORD.findall(e.get("alt", "").casefold())
    if e.tag == XHTML + "figcaption":   # the alt text stands for the figure
        words += WORD.findall((e.tail or "").casefold())
        return
    words += WORD.findall((e.text or "").casefold())
    for c in e:
        walk(c, words)
    words += WORD.findall((e.tail or "").casefold())


def got(pages, tables):
    words = []
    body = [p for p in pages if not p[0].rstrip().endswith(tuple("ABCDEFGHIJ")) or
            not re.search(r"P#[A-J]+$", p[0])]
    for p in body:
        for line in p[1:]:
            line = line.replace("@.<", " ").replace("@.>", " ")
            if not line.strip():
                continue
            text = louis.backTranslateString(tables, line)
            # liblouis 3.24 backs UEB's "https:" (HTTPS3) into "httpscc"
            text = re.sub(r"\b(https?)cc(?=/)", r"\1:", text)
            words += WORD.findall(text.casefold())
    return words


def in_order(want, have):
    """How many of want appear in have in order (greedy, with a window)."""
    j = matched = 0
    for w in want:
        k = j
        while k < len(have) and k < j + 60 and have[k] != w:
            k += 1
        if k < len(have) and have[k] == w:
            matched += 1
            j = k + 1
    return matched


def main():
    path, epub, tables = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
    need = float(sys.argv[4]) if len(sys.argv) > 4 else 1.0
    problems = []
    pages = pages_of(open(path, "rb").read(), problems.append)
    want, have = expected(epub), got(pages, tables)
    m = in_order(want, have)
    print("words: %d of %d in order (%.1f%%)" % (m, len(want), 100.0 * m / max(1, len(want))))
    if m < need * len(want):
        missing = []
        j = 0
        for w in want:
            k = j
            while k < len(have) and k < j + 60 and have[k] != w:
                k += 1
            if k < len(have) and have[k] == w:
                j = k + 1
            else:
                missing.append(w)
        problems.append("words not back in order: %s" % " ".join(missing[:30]))
    if want and have and want[-3:] != have[-3:]:
        problems.append("the BRF ends %s, the disclaimer %s" % (have[-3:], want[-3:]))
    for p in problems:
        print("problem:", p)
    sys.exit(1 if problems else 0)


main()
