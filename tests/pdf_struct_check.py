#!/usr/bin/python3
# pdf_struct_check.py — reads a tagged PDF's structure tree back (pikepdf) and
# checks what a screen reader relies on: the tree's text holds the source's
# words in order, headings nest, figures have /Alt, notes have an /ID in
# the IDTree, no text is drawn outside marked content or an artifact, every
# link annotation is in the tree.
#
# Usage:
#   pdf_struct_check.py FILE.pdf [--words WORDS.txt] [--dump]
#       structure checks; with --words, the tree's reading order must hold
#       those words in order
#   pdf_struct_check.py --text-words TEXT.txt --words WORDS.txt
#       the same word check on plain text (e.g. pdftotext's output)
#   pdf_struct_check.py --product FILE.pdf GUIDE_DIR
#       the product as a whole: an outline entry per chapter, the FAQ and the
#       disclaimer; pages 3 onward print their page label; the contents
#       pages hold internal links
#   pdf_struct_check.py --fonts FILE.pdf
#       every embedded TrueType program reads back with fontTools: table
#       checksums right, every glyph of /W and ToUnicode inside the font
#       and with an outline when it draws ink, composites' parts present
#   pdf_struct_check.py --drop-glyph FILE.pdf OUT.pdf
#       writes a copy whose first font lost one outline (negative control)
#   pdf_struct_check.py --source-words GUIDE_DIR
#       prints the words of a guide's Markdown (chapters, FAQ, disclaimer) in
#       order, then the contact block that follows the disclaimer, footnote
#       definitions last; what the PDF must hold
# Exit 0 if every check passes, 1 with one line per problem otherwise.
import re
import sys

WORD = re.compile(r"\w+")


def words_of(text):
    return WORD.findall(text.lower())


def in_order(expected, got):
    """Problems if expected words are not a subsequence of got. A word may be
    split over two tokens of got (a hyphenated line end), with a few tokens
    (running head, page number) between its pieces."""
    i = 0
    n = len(got)
    for k, w in enumerate(expected):
        while i < n:
            if got[i] == w:
                i += 1
                break
            if got[i] and w.startswith(got[i]) and len(got[i]) < len(w):
                # a hyphenated word: its rest may follow a running head or a
                # page number when the break falls at the foot of a page
                rest = w[len(got[i]):]
                j = next((j for j in range(i + 1, min(n, i + 40))
                          if got[j] == rest), None)
                if j is not None:
                    i = j + 1
                    break
            i += 1
        else:
            ctx = " ".join(expected[max(0, k - 5):k + 5])
            return ["word %d '%s' not found in order (near: %s)" % (k, w, ctx)]
    return []


# ---- source words ----

def markdown_words(md):
    fn_defs = []
    body = []
    in_fn = False
    for line in md.splitlines():
        if re.match(r"^\[\^[^\]]+\]:", line):
            in_fn = True
            fn_defs.append(re.sub(r"^\[\^[^\]]+\]:", "", line))
            continue
        if in_fn and (line.startswith("    ") or line.startswith("\t")):
            fn_defs.append(line)
            continue
        in_fn = False
        body.append(line)
    text = "\n".join(body)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)     # images: alt is /Alt
    text = re.sub(r"\]\([^)]*\)", "] ", text)             # link targets
    text = re.sub(r"\[\^[^\]]+\]", " ", text)              # footnote calls
    text = re.sub(r"^\s*\|?\s*:?-{3,}.*$", " ", text, flags=re.M)  # table rules
    text = re.sub(r"<(https?://[^>]*|mailto:[^>]*)>", r" \1 ", text)
    return words_of(text), words_of("\n".join(fn_defs))


def source_words(gdir):
    import yaml
    with open(gdir + "/guide.yaml", encoding="utf-8") as f:
        y = yaml.safe_load(f)
    files = list(y.get("chapters") or [])
    if y.get("faq"):
        files.append(y["faq"])
    files.append(y["disclaimer"])
    body, notes = [], []
    for name in files:
        with open(gdir + "/" + name, encoding="utf-8") as f:
            b, n = markdown_words(f.read())
        body += b
        notes.append(n)
    if y.get("contact"):
        # after the disclaimer, on the last page: the question and the contact
        lang = "es" if str(y.get("language", "en")).lower().startswith("es") else "en"
        body += words_of(QUESTIONS[lang]) + words_of(str(y["contact"]))
    return body, notes


# ---- content streams ----

def utf16(hexstr):
    b = bytes.fromhex(hexstr)
    return b.decode("utf-16-be", errors="replace")


def tounicode_map(font):
    """code -> text from a font's ToUnicode CMap (bfchar and bfrange)."""
    m = {}
    tu = font.get("/ToUnicode")
    if tu is None:
        return None
    data = tu.read_bytes().decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            m[int(src, 16)] = utf16(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, rest in re.findall(
                r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])",
                block):
            lo, hi = int(lo, 16), int(hi, 16)
            if rest.startswith("["):
                for k, d in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", rest)):
                    m[lo + k] = utf16(d)
            else:
                base = int(rest[1:-1], 16)
                width = len(rest) - 2
                for c in range(lo, hi + 1):
                    m[c] = utf16(("%0*X" % (width, base + c - lo)))
    return m


def decode(s, cmap):
    b = bytes(s)
    if cmap is None:
        return b.decode("latin-1")
    out = []
    for i in range(0, len(b) - 1, 2):
        code = b[i] << 8 | b[i + 1]
        out.append(cmap.get(code, "\ufffd"))
    return "".join(out)


class PageText:
    """Text of each MCID on a page, and text drawn outside any tag."""

    def __init__(self, pikepdf, page, cmaps):
        self.pk = pikepdf
        self.mcid = {}
        self.untagged = []
        self.cmap = None
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        stack = []   # entries: ("mcid", n) | ("artifact",) | ("span", actual)
        for ins in pikepdf.parse_content_stream(page):
            if isinstance(ins, pikepdf.ContentStreamInlineImage):
                continue
            op = str(ins.operator)
            args = ins.operands
            if op == "BMC":
                stack.append(("artifact",) if str(args[0]) == "/Artifact"
                             else ("other",))
            elif op == "BDC":
                tag, props = str(args[0]), args[1]
                if tag == "/Artifact":
                    stack.append(("artifact",))
                elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    stack.append(("mcid", int(props.MCID)))
                elif isinstance(props, pikepdf.Dictionary) and "/ActualText" in props:
                    stack.append(("span", str(props.ActualText), [False]))
                else:
                    stack.append(("other",))
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op == "Tf":
                font = fonts.get(str(args[0]))
                if font is None:
                    self.cmap = None
                else:
                    key = font.objgen
                    if key not in cmaps:
                        cmaps[key] = tounicode_map(font)
                    self.cmap = cmaps[key]
            elif op in ("Tj", "TJ", "'", '"'):
                self.show(stack, op, args)

    def show(self, stack, op, args):
        if op == "TJ":
            text = "".join(decode(a, self.cmap) for a in args[0]
                           if isinstance(a, self.pk.String))
        else:
            text = decode(args[-1], self.cmap)
        kinds = [e[0] for e in stack]
        if "artifact" in kinds:
            return
        span = next((e for e in reversed(stack) if e[0] == "span"), None)
        if span is not None:
            if span[2][0]:
                return
            span[2][0] = True
            text = span[1]
        owner = next((e[1] for e in reversed(stack) if e[0] == "mcid"), None)
        if owner is None:
            self.untagged.append(text)
            return
        self.mcid[owner] = self.mcid.get(owner, "") + text


# ---- structure tree ----

class Checker:
    def __init__(self, path):
        import pikepdf
        self.pikepdf = pikepdf
        self.pdf = pikepdf.open(path)
        self.problems = []
        self.pages = {}
        self.cmaps = {}
        self.page_index = {}
        for i, p in enumerate(self.pdf.pages):
            self.page_index[p.obj.objgen] = i
        self.used = set()        # (page objgen, mcid) reached from the tree
        self.objr = set()        # annotation objgens reached from the tree
        self.text = []           # reading order
        self.headings = []
        self.note_ids = []
        self.elems = 0
        self.lines = []

    def page_text(self, pg):
        key = pg.objgen
        if key not in self.pages:
            idx = self.page_index.get(key)
            if idx is None:
                self.problems.append("a /Pg is not a page of the document")
                self.pages[key] = None
            else:
                self.pages[key] = PageText(self.pikepdf, self.pdf.pages[idx],
                                           self.cmaps)
        return self.pages[key]

    def mcid(self, pg, n, elem_name):
        if pg is None:
            self.problems.append("%s: MCID %d without /Pg" % (elem_name, n))
            return
        pt = self.page_text(pg)
        if pt is None:
            return
        self.used.add((pg.objgen, n))
        if n not in pt.mcid:
            # marked content that draws no text (rules, images) is fine
            return
        self.text.append(pt.mcid[n])

    def walk(self, elem, depth):
        pikepdf = self.pikepdf
        s = str(elem.get("/S", "/?"))[1:]
        self.elems += 1
        self.lines.append("  " * depth + s)
        if re.fullmatch(r"H[1-6]", s):
            self.headings.append(int(s[1]))
        if s == "Note":
            if "/ID" not in elem:
                self.problems.append("a Note has no /ID")
            else:
                self.note_ids.append((str(elem.ID), elem.objgen))
        if s == "Figure":
            alt = elem.get("/Alt")
            if alt is None or not str(alt).strip():
                self.problems.append("a Figure has no /Alt")
        pg = elem.get("/Pg")
        if "/ActualText" in elem:
            self.text.append(str(elem.ActualText))
            kids = []
        else:
            k = elem.get("/K")
            kids = [] if k is None else (list(k) if isinstance(k, pikepdf.Array) else [k])
        for kid in kids:
            if isinstance(kid, int) or (hasattr(kid, "is_integer") and kid.is_integer):
                self.mcid(pg, int(kid), s)
            elif isinstance(kid, pikepdf.Dictionary):
                t = str(kid.get("/Type", ""))
                if t == "/MCR":
                    self.mcid(kid.get("/Pg", pg), int(kid.MCID), s)
                elif t == "/OBJR":
                    self.objr.add(kid.Obj.objgen)
                else:
                    self.walk(kid, depth + 1)
            else:
                self.mcid(pg, int(kid), s)

    def check_parent_tree(self, root):
        pt = root.get("/ParentTree")
        if pt is None:
            self.problems.append("no /ParentTree")
            return {}
        nums = pt.get("/Nums")
        if nums is None:
            self.problems.append("ParentTree has no flat /Nums (kids not read)")
            return {}
        out = {}
        for i in range(0, len(nums), 2):
            out[int(nums[i])] = nums[i + 1]
        nk = root.get("/ParentTreeNextKey")
        if nk is None or (out and int(nk) <= max(out)):
            self.problems.append("ParentTreeNextKey missing or too small")
        return out

    def run(self, words=None, dump=False):
        root = self.pdf.Root
        if "/StructTreeRoot" not in root:
            return ["no /StructTreeRoot"]
        mi = root.get("/MarkInfo")
        if mi is None or not bool(mi.get("/Marked", False)):
            self.problems.append("no /MarkInfo << /Marked true >>")
        if "/Lang" not in root:
            self.problems.append("no /Lang on the catalog")
        str_root = root.StructTreeRoot
        k = str_root.get("/K")
        kids = [] if k is None else (list(k) if isinstance(k, self.pikepdf.Array) else [k])
        for kid in kids:
            self.walk(kid, 0)
        ptree = self.check_parent_tree(str_root)
        if self.note_ids:
            idt = str_root.get("/IDTree")
            names = {}
            if idt is not None and "/Names" in idt:
                n = idt.Names
                names = {str(n[i]): n[i + 1].objgen for i in range(0, len(n), 2)}
            for nid, og in self.note_ids:
                if names.get(nid) != og:
                    self.problems.append("Note /ID %s is not in the IDTree" % nid)
        # every page: /Tabs /S, /StructParents, all text tagged, all MCIDs used
        for i, p in enumerate(self.pdf.pages):
            if str(p.obj.get("/Tabs", "")) != "/S":
                self.problems.append("page %d: no /Tabs /S" % (i + 1))
            if "/StructParents" not in p.obj:
                self.problems.append("page %d: no /StructParents" % (i + 1))
            pt = self.page_text(p.obj)
            if pt is None:
                continue
            for t in pt.untagged:
                if t.strip():
                    self.problems.append("page %d: text outside marked content: %r"
                                         % (i + 1, t[:40]))
            for n in pt.mcid:
                if (p.obj.objgen, n) not in self.used:
                    self.problems.append("page %d: MCID %d is not in the tree"
                                         % (i + 1, n))
            if "/StructParents" in p.obj:
                arr = ptree.get(int(p.obj.StructParents))
                if arr is None or len(arr) < len(pt.mcid):
                    self.problems.append("page %d: ParentTree entry too short"
                                         % (i + 1))
            for a in p.obj.get("/Annots", []):
                if str(a.get("/Subtype")) != "/Link":
                    continue
                if "/StructParent" not in a:
                    self.problems.append("page %d: link annotation without "
                                         "/StructParent" % (i + 1))
                elif int(a.StructParent) not in ptree:
                    self.problems.append("page %d: link /StructParent %d not in "
                                         "the ParentTree" % (i + 1, int(a.StructParent)))
                if a.objgen not in self.objr:
                    self.problems.append("page %d: link annotation not referenced "
                                         "by an OBJR" % (i + 1))
                if "/Contents" not in a:
                    self.problems.append("page %d: link annotation without "
                                         "/Contents" % (i + 1))
        # headings nest without skipped levels
        last = 0
        for h in self.headings:
            if h > last + 1:
                self.problems.append("heading H%d follows H%d (a level skipped)"
                                     % (h, last))
            last = h
        if self.elems < 2:
            self.problems.append("the structure tree is empty")
        if words is not None:
            body, notes = words
            got = words_of(" ".join(self.text))
            self.problems += in_order(body, got)
            for n in notes:
                self.problems += in_order(n, got)
        if dump:
            print("\n".join(self.lines))
            print(" ".join(self.text))
        return self.problems


# ---- the product as a whole ----

TERMS = {"es": ("Preguntas frecuentes", "Aviso"),
         "en": ("Frequently Asked Questions", "Disclaimer")}
QUESTIONS = {"es": "¿Preguntas sobre esta guía?",
             "en": "Questions about this guide?"}


def outline_titles(pdf):
    out = []
    with pdf.open_outline() as ol:
        stack = list(reversed(ol.root))
        while stack:
            item = stack.pop()
            out.append(item.title)
            stack += list(reversed(item.children))
    return out


def product_checks(path, gdir):
    import subprocess
    import pikepdf
    import yaml
    problems = []
    with open(gdir + "/guide.yaml", encoding="utf-8") as f:
        y = yaml.safe_load(f)
    lang = "es" if str(y.get("language", "en")).lower().startswith("es") else "en"
    pdf = pikepdf.open(path)
    titles = [" ".join(words_of(t)) for t in outline_titles(pdf)]
    wanted = []
    for name in y.get("chapters") or []:
        with open(gdir + "/" + name, encoding="utf-8") as f:
            h = next((l[2:] for l in f if l.startswith("# ")), None)
        if h:
            wanted.append(h)
    if y.get("faq"):
        wanted.append(TERMS[lang][0])
    wanted.append(TERMS[lang][1])
    for w in wanted:
        if " ".join(words_of(w)) not in titles:
            problems.append("outline: no entry '%s'" % w.strip())
    # pages 3 onward print their number (the page label)
    n = len(pdf.pages)
    for i in range(2, n):
        label = pdf.pages[i].label if hasattr(pdf.pages[i], "label") else str(i + 1)
        txt = subprocess.run(["pdftotext", "-f", str(i + 1), "-l", str(i + 1),
                              path, "-"], capture_output=True, text=True).stdout
        if label.lower() not in words_of(txt):
            problems.append("page %d: its number '%s' is not printed" % (i + 1, label))
    # the contents: internal links on the pages before the first chapter
    internal = 0
    for p in pdf.pages[:4]:
        for a in p.obj.get("/Annots", []):
            if str(a.get("/Subtype")) == "/Link" and ("/Dest" in a or (
                    "/A" in a and str(a.A.get("/S")) == "/GoTo")):
                internal += 1
    if internal < len(y.get("chapters") or []):
        problems.append("contents: %d internal links for %d chapters"
                        % (internal, len(y.get("chapters") or [])))
    return problems


def read_words(path):
    with open(path, encoding="utf-8") as f:
        parts = f.read().split("\n--notes--\n")
    body = words_of(parts[0])
    notes = [words_of(p) for p in parts[1].split("\n") if p.strip()] if len(parts) > 1 else []
    return body, notes


def font_checks(path):
    import io
    import pikepdf
    from fontTools.ttLib import TTFont

    problems = []
    pdf = pikepdf.open(path)
    seen = set()
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        for key in fonts.keys():
            font = fonts[key]
            if font.objgen in seen or font.get("/Subtype") != "/Type0":
                continue
            seen.add(font.objgen)
            cid = font["/DescendantFonts"][0]
            name = str(cid["/BaseFont"])
            data = cid["/FontDescriptor"]["/FontFile2"].read_bytes()
            try:
                tt = TTFont(io.BytesIO(data), checkChecksums=2)
                order = tt.getGlyphOrder()
                glyf = tt["glyf"]
            except Exception as e:  # noqa: BLE001 — any failure is the finding
                problems.append("%s: font program unreadable: %s" % (name, e))
                continue
            text = tounicode_map(font) or {}
            used = set(text)
            w = cid.get("/W", [])
            i = 0
            while i + 1 < len(w):
                first = int(w[i])
                used.update(range(first, first + len(w[i + 1])))
                i += 2
            for gid in sorted(used):
                if gid >= len(order):
                    problems.append("%s: glyph %d drawn, font has %d" % (name, gid, len(order)))
                    continue
                g = glyf[order[gid]]
                if g.isComposite():
                    for c in g.components:
                        if glyf[c.glyphName].numberOfContours == 0:
                            problems.append("%s: glyph %d: part %s missing" % (name, gid, c.glyphName))
                elif g.numberOfContours == 0 and not text.get(gid, " ").isspace():
                    # a visible character drawn with an empty glyph: the
                    # subset lost its outline
                    problems.append("%s: glyph %d (%r) has no outline" % (name, gid, text.get(gid)))
    if not seen:
        problems.append("no Type0 fonts found")
    return problems


def drop_glyph(path, out):
    import io
    import pikepdf
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    pdf = pikepdf.open(path)
    for page in pdf.pages:
        for _, font in page.obj.get("/Resources", {}).get("/Font", {}).items():
            ff = font["/DescendantFonts"][0]["/FontDescriptor"]["/FontFile2"]
            tt = TTFont(io.BytesIO(ff.read_bytes()))
            for name in tt.getGlyphOrder()[1:]:
                if tt["glyf"][name].numberOfContours > 0:
                    tt["glyf"][name] = Glyph()
                    buf = io.BytesIO()
                    tt.save(buf)
                    ff.write(buf.getvalue())
                    pdf.save(out)
                    return 0
    return 1


def main(argv):
    args = argv[1:]
    if len(args) == 2 and args[0] == "--source-words":
        body, notes = source_words(args[1])
        print(" ".join(body))
        print("--notes--")
        for n in notes:
            if n:
                print(" ".join(n))
        return 0
    if len(args) == 3 and args[0] == "--drop-glyph":
        return drop_glyph(args[1], args[2])
    if len(args) == 2 and args[0] == "--fonts":
        problems = font_checks(args[1])
    elif len(args) == 3 and args[0] == "--product":
        problems = product_checks(args[1], args[2])
    elif len(args) == 4 and args[0] == "--text-words" and args[2] == "--words":
        with open(args[1], encoding="utf-8") as f:
            got = words_of(f.read())
        body, notes = read_words(args[3])
        problems = in_order(body, got)
        for n in notes:
            problems += in_order(n, got)
    else:
        if not args:
            print(__doc__ or "usage: pdf_struct_check.py FILE.pdf [--words F]")
            return 2
        words = None
        if "--words" in args:
            words = read_words(args[args.index("--words") + 1])
        problems = Checker(args[0]).run(words, "--dump" in args)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
