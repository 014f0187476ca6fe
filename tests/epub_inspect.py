#!/usr/bin/python3
# epub_inspect.py — structural checks of an EPUB for tests/e2e/epub.sh, with
# the standard library only. Usage: epub_inspect.py CHECK EPUB [ARG]; prints
# what is wrong and exits 1, or exits 0 silently.
#   layout EPUB        mimetype first, stored, no extra field; no duplicates
#   lang EPUB LANG     lang and xml:lang on every document and the package
#   uid EPUB           the NCX dtb:uid is the OPF's unique identifier
#   links EPUB         every internal link lands on a file and an id
#   words EPUB SEED    the spine's chapters, FAQ and disclaimer hold the words
#                      of the SEED article, in order, and nothing else
#   last EPUB          the spine ends with the disclaimer, marked back matter
#   css EPUB           the stylesheet reads as the handouts do (WCAG 2.x SC
#                      1.4.8): nothing justified, body line-height 1.5 or
#                      more, paragraphs 1.5 lines apart, no font size on the
#                      body text (the reader's), relative units only
import posixpath
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"
DC = "{http://purl.org/dc/elements/1.1/}"
EPUB = "{http://www.idpf.org/2007/ops}"
XMLNS = "{http://www.w3.org/XML/1998/namespace}"

errors = []


def fail(msg):
    errors.append(msg)


def opf_path(z):
    c = ET.fromstring(z.read("META-INF/container.xml"))
    rf = c.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile")
    return rf.get("full-path")


def package(z):
    path = opf_path(z)
    return path, ET.fromstring(z.read(path))


def manifest(z):
    path, opf = package(z)
    base = posixpath.dirname(path)
    items = {}
    for it in opf.iter(OPF + "item"):
        items[it.get("id")] = (posixpath.join(base, it.get("href")), it)
    return path, opf, items


def spine_docs(z):
    path, opf, items = manifest(z)
    return [items[r.get("idref")][0] for r in opf.iter(OPF + "itemref")]


def check_layout(z, raw):
    infos = z.infolist()
    if infos[0].filename != "mimetype":
        fail("first entry is %s, not mimetype" % infos[0].filename)
    if infos[0].compress_type != zipfile.ZIP_STORED:
        fail("mimetype is compressed")
    if infos[0].extra:
        fail("mimetype has an extra field")
    if raw[30:58] != b"mimetypeapplication/epub+zip":
        fail("the file does not start with the stored mimetype entry")
    names = [i.filename for i in infos]
    if len(names) != len(set(names)):
        fail("duplicate entries: %s" % sorted(n for n in set(names) if names.count(n) > 1))
    for i in infos:
        if i.extra:
            fail("%s has an extra field" % i.filename)


def check_lang(z, lang):
    path, opf = package(z)
    if opf.get(XMLNS + "lang") != lang:
        fail("package xml:lang is %r" % opf.get(XMLNS + "lang"))
    dcl = opf.find(".//" + DC + "language")
    if dcl is None or dcl.text != lang:
        fail("dc:language is not %s" % lang)
    for name in z.namelist():
        if not name.endswith(".xhtml"):
            continue
        root = ET.fromstring(z.read(name))
        for attr in ("lang", XMLNS + "lang"):
            if root.get(attr) != lang:
                fail("%s: html %s is %r" % (name, attr, root.get(attr)))


def check_uid(z):
    path, opf = package(z)
    uid_id = opf.get("unique-identifier")
    ident = [e for e in opf.iter(DC + "identifier") if e.get("id") == uid_id]
    if len(ident) != 1:
        fail("no dc:identifier with id %r" % uid_id)
        return
    ncx_items = [n for n in z.namelist() if n.endswith(".ncx")]
    if len(ncx_items) != 1:
        fail("no NCX")
        return
    ncx = ET.fromstring(z.read(ncx_items[0]))
    uid = [m.get("content") for m in ncx.iter(NCX + "meta") if m.get("name") == "dtb:uid"]
    if uid != [ident[0].text]:
        fail("NCX dtb:uid %r is not the OPF identifier %r" % (uid, ident[0].text))


def check_links(z):
    ids = {}
    docs = [n for n in z.namelist() if n.endswith(".xhtml")]
    for name in docs:
        ids[name] = {e.get("id") for e in ET.fromstring(z.read(name)).iter() if e.get("id")}
    for name in docs:
        for a in ET.fromstring(z.read(name)).iter(XHTML + "a"):
            href = a.get("href") or ""
            if re.match(r"^[a-z][a-z0-9+.-]*:", href):
                continue
            file, _, frag = href.partition("#")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), file)) if file else name
            if target not in ids:
                fail("%s: link to missing file %s" % (name, href))
            elif frag and frag not in ids[target]:
                fail("%s: link to missing id %s" % (name, href))


def words(text):
    return re.findall(r"\w+", text.lower())


def body_words(z, name):
    root = ET.fromstring(z.read(name))
    body = root.find(XHTML + "body")
    return words(" ".join(body.itertext()))


def check_words(z, seed_path):
    # The article as published on the web, less its page chrome: the title
    # (the title page holds it), the site's contents widget, comment and
    # related-news links. Its "FAQs" heading is the guide's localised one.
    chrome = {"Table Of Content", "Close", "Add Comment", "Click here to post a comment",
              "Related Coverage", "Latest news"}
    lines = [l.strip() for l in open(seed_path, encoding="utf-8")]
    title = lines[0]
    lines = [l for l in lines if l and l not in chrome and l != title]
    lines = ["Frequently Asked Questions" if l == "FAQs" else l for l in lines]
    want = words(" ".join(lines))
    docs = spine_docs(z)
    got = []
    for name in docs[2:]:  # after the title page and the contents
        got += body_words(z, name)
    if got != want:
        for i, (g, w) in enumerate(zip(got, want)):
            if g != w:
                fail("word %d: got %r, want %r (after: %s)" % (i, g, w, " ".join(want[max(0, i - 8):i])))
                break
        else:
            fail("got %d words, want %d" % (len(got), len(want)))
    front = body_words(z, docs[0])
    if front[:len(words(title))] != words(title):
        fail("the title page does not start with the title")


def check_last(z):
    name = spine_docs(z)[-1]
    root = ET.fromstring(z.read(name))
    body = root.find(XHTML + "body")
    if body.get(EPUB + "type") != "backmatter":
        fail("%s: the last document is not back matter" % name)
    if not name.endswith("disclaimer.xhtml"):
        fail("the last document is %s, not the disclaimer" % name)


def css_rules(css):
    """(selector, property, value) for every declaration, in order."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out = []
    for sels, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        for decl in body.split(";"):
            if ":" not in decl:
                continue
            prop, value = (x.strip() for x in decl.split(":", 1))
            for sel in sels.split(","):
                out.append((sel.strip(), prop.lower(), value.strip()))
    return out


def last_value(rules, sel, prop):
    got = None
    for s, p, v in rules:
        if s == sel and p == prop:
            got = v
    return got


def em_bottom(rules, sel):
    """The bottom margin of sel in em, from margin or margin-bottom."""
    got = None
    for s, p, v in rules:
        if s != sel:
            continue
        if p == "margin":
            parts = v.split()
            got = parts[{1: 0, 2: 0, 3: 2, 4: 2}[len(parts)]]
        elif p == "margin-bottom":
            got = v
    m = re.fullmatch(r"([0-9.]+)em", got or "")
    return float(m.group(1)) if m else (0.0 if got == "0" else None)


def check_css(z):
    css = z.read("EPUB/style.css").decode("utf-8")
    rules = css_rules(css)
    for s, p, v in rules:
        if p == "text-align" and "justify" in v:
            fail("%s is justified" % s)
        if re.search(r"[0-9](px|pt|pc|cm|mm|in)\b", v):
            fail("%s { %s: %s } is not in relative units" % (s, p, v))
        if p == "font-size" and s in ("html", "body", "p"):
            fail("%s sets a font size: the reader's is the body's" % s)
    lh = last_value(rules, "body", "line-height")
    if not lh or not re.fullmatch(r"[0-9.]+", lh) or float(lh) < 1.5:
        fail("body line-height %s: 1.5 or more, without a unit" % lh)
        return
    if last_value(rules, "body", "text-align") not in ("left", "start"):
        fail("body text is not set left")
    gap = em_bottom(rules, "p")
    if gap is None or gap < 1.5 * float(lh) - 1e-9:
        fail("paragraphs %s em apart: less than 1.5 lines of %s" % (gap, lh))


def main():
    check, path = sys.argv[1], sys.argv[2]
    with open(path, "rb") as f:
        raw = f.read()
    z = zipfile.ZipFile(path)
    if check == "layout":
        check_layout(z, raw)
    elif check == "lang":
        check_lang(z, sys.argv[3])
    elif check == "uid":
        check_uid(z)
    elif check == "links":
        check_links(z)
    elif check == "words":
        check_words(z, sys.argv[3])
    elif check == "last":
        check_last(z)
    elif check == "css":
        check_css(z)
    else:
        fail("unknown check %s" % check)
    for e in errors[:20]:
        print(e)
    sys.exit(1 if errors else 0)


main()
