#!/usr/bin/python3
"""tests/catalog_check.py — checks the catalogue mkguide wrote into a folder.

  feed DIR [BASE]     catalog.xml against OPDS 1.2 and RFC 4287's rules, and
                      against the EPUBs in DIR: one entry per guide, in slug
                      order, each with its EPUB's identifier, title, authors,
                      language, dates and summary, a link to each product with
                      its type and size, the cover and a thumbnail of it
  page DIR LANG       index.html: HTML5 in language LANG, its landmarks, one
                      section per language, an article per guide with its
                      title, summary, date, cover and links with their sizes
  links DIR [BASE]    every link of catalog.xml and index.html leads to a file
                      in DIR (and an anchor of the page); under BASE when given
  text DIR TITLE SUMMARY
                      a guide's title and summary come out exactly as written,
                      escaped, in both files

Prints one line per finding; exits 1 when there is any."""
import html.parser
import os
import re
import struct
import sys
import urllib.parse
import uuid
import xml.etree.ElementTree as ET
import zipfile

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/terms/}"
OPF = "{http://www.idpf.org/2007/opf}"
DCE = "{http://purl.org/dc/elements/1.1/}"
CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ACQ_FEED = "application/atom+xml;profile=opds-catalog;kind=acquisition"
ACQ = "http://opds-spec.org/acquisition"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
KINDS = [  # file ending, media type, English link title, Spanish one
    (".epub", "application/epub+zip", "EPUB e-book", "Libro electrónico EPUB"),
    (".pdf", "application/pdf", "PDF to print", "PDF para imprimir"),
    (".brf", "application/x-brf", "Braille (BRF)", "Braille (BRF)"),
    ("-audio.epub", "application/epub+zip", "EPUB read aloud (synthetic voice)",
     "EPUB leído en voz alta (voz sintética)"),
]
VOID = {"meta", "link", "img", "br", "hr", "input", "source", "wbr"}

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL " + msg)


def norm(s):
    return " ".join((s or "").split())


# ---- the EPUBs ----

def package(path):
    """What an EPUB's package says, as mkguide's catalogue reads it."""
    z = zipfile.ZipFile(path)
    c = ET.fromstring(z.read("META-INF/container.xml"))
    opf_path = c.find(f"{CONTAINER}rootfiles/{CONTAINER}rootfile").get("full-path")
    opf = ET.fromstring(z.read(opf_path))
    md = opf.find(f"{OPF}metadata")
    uid = opf.get("unique-identifier")
    p = {"identifier": None, "creators": []}
    for ident in md.findall(f"{DCE}identifier"):
        if ident.get("id") == uid:
            p["identifier"] = norm(ident.text)
    for key in ("title", "language", "date", "description", "publisher"):
        el = md.find(DCE + key)
        p[key] = norm(el.text) if el is not None else None
    p["creators"] = [norm(c.text) for c in md.findall(f"{DCE}creator")]
    p["reviewed"] = p["modified"] = None
    for m in md.findall(f"{OPF}meta"):
        if m.get("refines"):
            continue
        if m.get("property") == "schema:lastReviewed":
            p["reviewed"] = norm(m.text)
        if m.get("property") == "dcterms:modified":
            p["modified"] = norm(m.text)
    items = opf.find(f"{OPF}manifest").findall(f"{OPF}item")
    p["overlays"] = any(i.get("media-overlay") for i in items)
    p["cover"] = None
    for i in items:
        if "cover-image" in (i.get("properties") or "").split():
            base = os.path.dirname(opf_path)
            name = urllib.parse.unquote(i.get("href"))
            p["cover"] = z.read(os.path.normpath(os.path.join(base, name)))
    return p


def guides(d):
    """slug -> (EPUB file name, its package) for the guides in folder d."""
    names = sorted(n for n in os.listdir(d) if n.endswith(".epub") and not n.startswith("."))
    out = {}
    for n in names:
        p = package(os.path.join(d, n))
        if n.endswith("-audio.epub") and p["overlays"]:
            if n[:-11] + ".epub" in names:
                continue
            out[n[:-11]] = (None, p)
            continue
        out[n[:-5]] = (n, p)
    return out


def png_size(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", data[16:24])


def size_text(lang, n):
    """The size as the page writes it (catalog/words.c)."""
    if n < 1024:
        return "%d bytes" % n
    if n < 1024 * 1024:
        return "%d KB" % ((n + 512) // 1024)
    tenths = (n * 10 + 512 * 1024) // (1024 * 1024)
    sep = "," if lang.lower().split("-")[0] == "es" else "."
    return "%d%s%d MB" % (tenths // 10, sep, tenths % 10)


def spanish(lang):
    return (lang or "").lower().split("-")[0] == "es"


# ---- the feed ----

def feed_id(base):
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, base or "urn:mkguide:catalog"))


def check_feed_head(feed, base, text, entries):
    for ns, uri in (("dc", "http://purl.org/dc/terms/"), ("opds", "http://opds-spec.org/2010/catalog")):
        if f'xmlns:{ns}="{uri}"' not in text:
            fail(f"the feed does not declare xmlns:{ns}")
    for tag in ("id", "title", "updated"):
        if len(feed.findall(ATOM + tag)) != 1:
            fail(f"the feed has {len(feed.findall(ATOM + tag))} atom:{tag}")
    if feed.findtext(f"{ATOM}id") != feed_id(base):
        fail(f"feed id {feed.findtext(f'{ATOM}id')}, want {feed_id(base)}")
    if not norm(feed.findtext(f"{ATOM}title")):
        fail("the feed has an empty title")
    updated = feed.findtext(f"{ATOM}updated") or ""
    if not RFC3339.match(updated):
        fail(f"feed updated '{updated}' is not RFC 3339")
    latest = max((e.findtext(f"{ATOM}updated") for e in entries), default=None)
    if latest and updated != latest:
        fail(f"feed updated {updated}, want the latest entry's, {latest}")
    authors = feed.findall(f"{ATOM}author")
    if not authors or any(not norm(a.findtext(f"{ATOM}name")) for a in authors):
        fail("the feed has no author with a name")
    links = {l.get("rel"): l for l in feed.findall(f"{ATOM}link")}
    for rel in ("self", "start"):
        l = links.get(rel)
        if l is None:
            fail(f"the feed has no rel={rel} link")
        elif l.get("type") != ACQ_FEED or l.get("href") != (base or "") + "catalog.xml":
            fail(f"feed {rel} link: type {l.get('type')}, href {l.get('href')}")


def want_updated(p):
    days = [d for d in (p["date"], p["reviewed"]) if d and re.match(r"^\d{4}-\d{2}-\d{2}$", d)]
    if days:
        return max(days) + "T00:00:00Z"
    return p["modified"] or "1970-01-01T00:00:00Z"


def check_entry_meta(e, slug, p):
    where = f"entry {slug}"
    if e.findtext(f"{ATOM}id") != p["identifier"]:
        fail(f"{where}: id {e.findtext(f'{ATOM}id')}, want the EPUB's {p['identifier']}")
    if e.findtext(f"{ATOM}title") != p["title"]:
        fail(f"{where}: title {e.findtext(f'{ATOM}title')!r}, want {p['title']!r}")
    updated = e.findtext(f"{ATOM}updated") or ""
    if not RFC3339.match(updated) or updated != want_updated(p):
        fail(f"{where}: updated {updated}, want {want_updated(p)}")
    names = [a.findtext(f"{ATOM}name") for a in e.findall(f"{ATOM}author")]
    if names != p["creators"]:
        fail(f"{where}: authors {names}, want {p['creators']}")
    if e.findtext(f"{DC}language") != p["language"] or e.get(XML_LANG) != p["language"]:
        fail(f"{where}: dc:language {e.findtext(f'{DC}language')}, xml:lang {e.get(XML_LANG)}")
    if e.findtext(f"{DC}issued") != p["date"]:
        fail(f"{where}: dc:issued {e.findtext(f'{DC}issued')}, want {p['date']}")
    if e.findtext(f"{DC}publisher") != p["publisher"]:
        fail(f"{where}: dc:publisher {e.findtext(f'{DC}publisher')}, want {p['publisher']}")
    s = e.find(f"{ATOM}summary")
    if p["description"] and (s is None or s.get("type") != "text" or s.text != p["description"]):
        fail(f"{where}: summary {s.text if s is not None else None!r}, want the description")
    if not p["description"] and s is not None:
        fail(f"{where}: a summary with no description")


def check_entry_links(e, slug, epub, p, d, base):
    where = f"entry {slug}"
    links = e.findall(f"{ATOM}link")
    acq = [l for l in links if (l.get("rel") or "").startswith(ACQ)]
    if not acq:
        fail(f"{where}: no acquisition link")
    for l in links:
        if not l.get("type"):
            fail(f"{where}: link {l.get('href')} has no type (KOReader needs one)")
    got = [(l.get("href"), l.get("type"), l.get("title"), l.get("length")) for l in acq]
    want = []
    for ending, mtype, en, es in KINDS:
        name = slug + ending
        if os.path.isfile(os.path.join(d, name)):
            want.append(((base or "") + urllib.parse.quote(name), mtype,
                         es if spanish(p["language"]) else en,
                         str(os.path.getsize(os.path.join(d, name)))))
    if got != want:
        fail(f"{where}: acquisition links {got}, want {want}")
    alt = [l for l in links if l.get("rel") == "alternate"]
    if [l.get("type") for l in alt] != ["text/html"] or \
            alt[0].get("href") != (base or "") + "index.html#" + urllib.parse.quote(slug):
        fail(f"{where}: alternate links {[(l.get('href'), l.get('type')) for l in alt]}")
    check_pictures(e, slug, p, d, base)


def check_pictures(e, slug, p, d, base):
    where = f"entry {slug}"
    img = [l for l in e.findall(f"{ATOM}link") if l.get("rel") == "http://opds-spec.org/image"]
    thumb = [l for l in e.findall(f"{ATOM}link") if l.get("rel") == "http://opds-spec.org/image/thumbnail"]
    if not p["cover"]:
        if img or thumb:
            fail(f"{where}: picture links but its EPUB has no cover")
        return
    if len(img) != 1 or len(thumb) != 1:
        fail(f"{where}: {len(img)} image and {len(thumb)} thumbnail links, want 1 and 1")
        return
    cover = local(img[0].get("href"), base)
    data = open(os.path.join(d, cover), "rb").read() if cover and os.path.isfile(os.path.join(d, cover)) else b""
    if data != p["cover"]:
        fail(f"{where}: {cover} is not the EPUB's cover")
    is_png = png_size(p["cover"]) is not None
    if img[0].get("type") != ("image/png" if is_png else "image/jpeg"):
        fail(f"{where}: cover type {img[0].get('type')}")
    t = local(thumb[0].get("href"), base)
    if not is_png:
        if t != cover:
            fail(f"{where}: a JPEG cover's thumbnail should be the cover, not {t}")
        return
    tdata = open(os.path.join(d, t), "rb").read() if t and os.path.isfile(os.path.join(d, t)) else b""
    size, csize = png_size(tdata), png_size(p["cover"])
    if t != slug + "-thumb.png" or not size or thumb[0].get("type") != "image/png":
        fail(f"{where}: thumbnail {t} {thumb[0].get('type')}")
    elif size[0] != min(300, csize[0]) or abs(size[1] - csize[1] * size[0] / csize[0]) > 1:
        fail(f"{where}: thumbnail {size[0]}x{size[1]} of a {csize[0]}x{csize[1]} cover")


def local(href, base):
    """The file name in DIR a link leads to, or None."""
    if base:
        if not href.startswith(base):
            return None
        href = href[len(base):]
    if "://" in href or href.startswith("/"):
        return None
    return urllib.parse.unquote(href.split("#", 1)[0])


def cmd_feed(d, base=None):
    text = open(os.path.join(d, "catalog.xml"), encoding="utf-8").read()
    feed = ET.fromstring(text.encode("utf-8"))
    if feed.tag != ATOM + "feed":
        fail(f"the root is {feed.tag}")
        return
    entries = feed.findall(f"{ATOM}entry")
    check_feed_head(feed, base, text, entries)
    gs = guides(d)
    by_slug = {}
    for e in entries:
        hrefs = [l.get("href") for l in e.findall(f"{ATOM}link") if l.get("rel") == "alternate"]
        slug = urllib.parse.unquote(hrefs[0].split("#", 1)[1]) if hrefs and "#" in hrefs[0] else None
        by_slug[slug] = e
    if list(by_slug) != sorted(gs):
        fail(f"entries {list(by_slug)}, want one per guide in slug order {sorted(gs)}")
    for slug, (epub, p) in sorted(gs.items()):
        e = by_slug.get(slug)
        if e is None:
            continue
        check_entry_meta(e, slug, p)
        check_entry_links(e, slug, epub, p, d, base)


# ---- the page ----

class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag):
        for c in self.children:
            if isinstance(c, Node):
                if c.tag == tag:
                    yield c
                yield from c.all(tag)

    def lang(self):
        n = self
        while n is not None:
            if "lang" in n.attrs:
                return n.attrs["lang"]
            n = n.parent
        return None


class Tree(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.cur = self.root
        self.doctype = None

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is None:
            fail(f"page: </{tag}> closes nothing")
            return
        self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse_page(d):
    t = Tree()
    t.feed(open(os.path.join(d, "index.html"), encoding="utf-8").read())
    t.close()
    return t


def check_page_head(t, lang):
    if (t.doctype or "").lower() != "doctype html":
        fail(f"page doctype {t.doctype!r}")
    html_el = next(t.root.all("html"), None)
    if html_el is None or html_el.attrs.get("lang") != lang:
        fail(f"page lang {html_el.attrs.get('lang') if html_el else None}, want {lang}")
    metas = list(t.root.all("meta"))
    if not any(m.attrs.get("charset", "").lower() == "utf-8" for m in metas):
        fail("page: no <meta charset=utf-8>")
    if not any(m.attrs.get("name") == "viewport" for m in metas):
        fail("page: no viewport")
    if list(t.root.all("script")):
        fail("page: it has a script")
    title = norm(next(t.root.all("title")).text())
    h1 = [norm(h.text()) for h in t.root.all("h1")]
    if h1 != [title]:
        fail(f"page: h1 {h1}, title {title!r}")
    feeds = [l for l in t.root.all("link") if l.attrs.get("type") == ACQ_FEED]
    if len(feeds) != 1 or not feeds[0].attrs.get("href", "").endswith("catalog.xml"):
        fail("page: no link to the feed in its head")
    for tag in ("header", "main", "footer"):
        if len(list(t.root.all(tag))) != 1:
            fail(f"page: {len(list(t.root.all(tag)))} <{tag}>")


def check_article(art, slug, p, d):
    where = f"page #{slug}"
    lang = p["language"]
    if [norm(h.text()) for h in art.all("h3")] != [p["title"]]:
        fail(f"{where}: h3 {[norm(h.text()) for h in art.all('h3')]}")
    texts = [norm(x.text()) for x in art.all("p")]
    if p["description"] and p["description"] not in texts:
        fail(f"{where}: no paragraph with the summary")
    when = p["reviewed"] or p["date"]
    times = [x.attrs.get("datetime") for x in art.all("time")]
    if when and times != [when]:
        fail(f"{where}: dates {times}, want {when}")
    got = [(x.attrs.get("href"), norm(x.text())) for x in art.all("a")]
    want = []
    for ending, mtype, en, es in KINDS:
        name = slug + ending
        if os.path.isfile(os.path.join(d, name)):
            size = size_text(lang, os.path.getsize(os.path.join(d, name)))
            label = es if spanish(lang) else en
            want.append((urllib.parse.quote(name), f"{label}, {size}: {p['title']}"))
    if got != want:
        fail(f"{where}: links {got}, want {want}")
    imgs = list(art.all("img"))
    if bool(imgs) != bool(p["cover"]):
        fail(f"{where}: {len(imgs)} images for {'a' if p['cover'] else 'no'} cover")
    for img in imgs:
        if img.attrs.get("alt") != "" or not img.attrs.get("width") or not img.attrs.get("height"):
            fail(f"{where}: img {img.attrs}")


def cmd_page(d, lang):
    t = parse_page(d)
    check_page_head(t, lang)
    gs = guides(d)
    seen = []
    for sec in t.root.all("section"):
        h2 = [norm(h.text()) for h in sec.all("h2")]
        langs = {p["language"].lower() for slug, (_, p) in gs.items()
                 if any(a.attrs.get("id") == urllib.parse.quote(slug) for a in sec.all("article"))}
        if len(h2) != 1 or len(langs) != 1:
            fail(f"page: a section with headings {h2} and languages {langs}")
            continue
        tag = langs.pop()
        name = {"en": "English", "es": "Español"}.get(tag.split("-")[0], tag)
        if not h2[0].startswith(name):
            fail(f"page: section of {tag} headed {h2[0]!r}")
        if tag.split("-")[0] in ("en", "es") and (sec.attrs.get("lang") or "").lower() != tag:
            fail(f"page: section of {tag} has lang {sec.attrs.get('lang')}")
        for art in sec.all("article"):
            slug = urllib.parse.unquote(art.attrs.get("id", ""))
            seen.append(slug)
            if slug not in gs:
                fail(f"page: an article for {slug!r}, which is not a guide here")
                continue
            check_article(art, slug, gs[slug][1], d)
    if sorted(seen) != sorted(gs):
        fail(f"page: articles {sorted(seen)}, want {sorted(gs)}")


# ---- links ----

def cmd_links(d, base=None):
    feed = ET.parse(os.path.join(d, "catalog.xml")).getroot()
    hrefs = [("catalog.xml", l.get("href")) for l in feed.iter(f"{ATOM}link")]
    t = parse_page(d)
    for tag, attr in (("a", "href"), ("link", "href"), ("img", "src")):
        hrefs += [("index.html", n.attrs.get(attr)) for n in t.root.all(tag)]
    ids = {n.attrs.get("id") for tag in ("article", "section", "main") for n in t.root.all(tag)}
    for where, href in hrefs:
        name = local(href or "", base)
        if name is None:
            fail(f"{where}: {href} is not a link into the folder" + (f" under {base}" if base else ""))
            continue
        if not os.path.isfile(os.path.join(d, name)):
            fail(f"{where}: {href} leads to no file")
        if "#" in href and (name != "index.html" or href.split("#", 1)[1] not in ids):
            fail(f"{where}: {href}: no such anchor")
    print(f"{len(hrefs)} links")


# ---- text ----

def cmd_text(d, title, summary):
    feed_bytes = open(os.path.join(d, "catalog.xml"), "rb").read()
    feed = ET.fromstring(feed_bytes)
    es = [e for e in feed.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == title]
    if len(es) != 1 or es[0].findtext(f"{ATOM}summary") != summary:
        fail(f"feed: no entry titled {title!r} with its summary")
    t = parse_page(d)
    if [h for h in t.root.all("h3") if h.text() == title] == []:
        fail(f"page: no h3 {title!r}")
    if [x for x in t.root.all("p") if x.text() == summary] == []:
        fail(f"page: no paragraph {summary!r}")
    page_bytes = open(os.path.join(d, "index.html"), "rb").read()
    for raw in (title, summary):
        for part in re.findall(r"<[^>]*>", raw):
            for name, data in (("feed", feed_bytes), ("page", page_bytes)):
                if part.encode() in data:
                    fail(f"{name}: {part!r} is not escaped")


def main(argv):
    cmds = {"feed": (cmd_feed, 1, 2), "page": (cmd_page, 2, 2),
            "links": (cmd_links, 1, 2), "text": (cmd_text, 3, 3)}
    if len(argv) < 2 or argv[1] not in cmds or \
            not cmds[argv[1]][1] <= len(argv) - 2 <= cmds[argv[1]][2]:
        print(__doc__)
        return 2
    cmds[argv[1]][0](*argv[2:])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
