#!/usr/bin/python3
"""audio_check.py EPUB — checks a read-aloud EPUB (docs/audio.md): the
overlays' durations add up (each and in total); every clip lies within its
MP3 (decoded with mpg123) and clips never overlap; every word of each
spoken document lies inside an element some overlay's text points at, in
reading order (a footnote is read at its reference); the MP3s are speech,
not silence (their energy). Prints what is wrong; exits 1 if anything is."""
import re, subprocess, sys, tempfile, zipfile, os, array, math
import xml.etree.ElementTree as ET

OPF = '{http://www.idpf.org/2007/opf}'
SMIL = '{http://www.w3.org/ns/SMIL}'
X = '{http://www.w3.org/1999/xhtml}'
problems = []


def ms(clock):
    m = re.fullmatch(r'(?:(\d+):)?(\d+):(\d+)(?:\.(\d+))?', clock)
    if not m:
        problems.append('not a clock value: %s' % clock)
        return 0
    h, mi, s, frac = m.groups()
    return ((int(h or 0) * 60 + int(mi)) * 60 + int(s)) * 1000 + int((frac or '0').ljust(3, '0')[:3])


def decode(data):
    """The MP3's samples (16-bit, as mpg123 decodes it) and its rate."""
    with tempfile.NamedTemporaryFile(suffix='.mp3') as f:
        f.write(data)
        f.flush()
        info = subprocess.run(['mpg123', '-q', '-s', f.name], capture_output=True)
        rate = subprocess.run(['mpg123', '-t', '-v', f.name], capture_output=True, text=True).stderr
    m = re.search(r'(\d+) Hz', rate)
    a = array.array('h')
    a.frombytes(info.stdout[:len(info.stdout) // 2 * 2])
    return a, int(m.group(1)) if m else 22050, 'mono' in rate.lower()


def energy(samples, rate):
    """RMS of the whole, and the share of 50 ms windows that are not silent."""
    if not samples:
        return 0.0, 0.0
    rms = math.sqrt(sum(x * x for x in samples[::4]) / len(samples[::4]))
    w = rate // 20
    loud = total = 0
    for i in range(0, len(samples) - w, w):
        seg = samples[i:i + w:8]
        total += 1
        loud += math.sqrt(sum(x * x for x in seg) / len(seg)) > 300
    return rms, loud / max(total, 1)


def words_in_order(doc, file, targets, order):
    """Every word inside a target element; targets (not notes) in order."""
    parent = {c: p for p in doc.iter() for c in p}

    def ancestors(e):
        while e is not None:
            yield e
            e = parent.get(e)

    def exempt(e):
        for a in ancestors(e):
            if a.tag == X + 'a' and a.get('role') == 'doc-backlink':
                return True
            if a.tag == X + 'h2' and 'footnotes' in (parent[a].get('class') or ''):
                return True
        return False

    def covered(e):
        return any(a.get('id') in targets for a in ancestors(e))

    body = doc.find(X + 'body')
    position = {e.get('id'): i for i, e in enumerate(body.iter()) if e.get('id')}
    for e in body.iter():
        for text, holder in ((e.text, e), (e.tail, parent.get(e))):
            if text and re.search(r'\w', text) and holder is not None:
                if not exempt(holder) and not covered(holder):
                    problems.append('%s: words not in any overlay unit: %r' % (file, text.strip()[:60]))
    notes = {a.get('id') for a in body.iter() if a.get('role') == 'doc-footnote'}
    in_note = lambda i: any(n in notes for n in (a.get('id') for a in ancestors(find(body, i))))
    last = -1
    for i in order:
        if i not in position:
            problems.append('%s: overlay points at #%s, which is not there' % (file, i))
            continue
        if in_note(i):
            continue
        if position[i] < last:
            problems.append('%s: #%s is read out of order' % (file, i))
        last = position[i]


def find(body, i):
    for e in body.iter():
        if e.get('id') == i:
            return e


def main(path):
    z = zipfile.ZipFile(path)
    opf = ET.fromstring(z.read('EPUB/package.opf'))
    md = opf.find(OPF + 'metadata')
    durations, total = {}, None
    for m in md.findall(OPF + 'meta'):
        if m.get('property') == 'media:duration':
            if m.get('refines'):
                durations[m.get('refines')[1:]] = ms(m.text)
            else:
                total = ms(m.text)
    items = {i.get('id'): i for i in opf.find(OPF + 'manifest')}
    overlays = [i for i in items.values() if i.get('media-overlay')]
    if not overlays:
        problems.append('no document has a media overlay')
    if total is None or total != sum(durations.values()):
        problems.append('total media:duration %s is not the sum %d' % (total, sum(durations.values())))
    decoded = {}
    for doc_item in overlays:
        mo = items[doc_item.get('media-overlay')]
        smil = ET.fromstring(z.read('EPUB/' + mo.get('href')))
        order, targets, clips = [], set(), []
        for par in smil.iter(SMIL + 'par'):
            t, a = par.find(SMIL + 'text'), par.find(SMIL + 'audio')
            f, _, frag = t.get('src').partition('#')
            if f != doc_item.get('href'):
                problems.append('%s: text points at another document: %s' % (mo.get('href'), t.get('src')))
            order.append(frag)
            targets.add(frag)
            clips.append((a.get('src'), ms(a.get('clipBegin')), ms(a.get('clipEnd'))))
        if durations.get(mo.get('id')) != sum(e - b for _, b, e in clips):
            problems.append('%s: media:duration %s is not the sum of its clips %d' % (
                mo.get('href'), durations.get(mo.get('id')), sum(e - b for _, b, e in clips)))
        prev = {}
        for src, b, e in clips:
            if src not in decoded:
                samples, rate, mono = decode(z.read('EPUB/' + src))
                decoded[src] = (len(samples) * 1000 // rate, energy(samples, rate), mono)
            if e <= b:
                problems.append('%s: empty or backward clip %d..%d' % (src, b, e))
            if e > decoded[src][0]:
                problems.append('%s: clip ends at %d ms, after the MP3 (%d ms)' % (src, e, decoded[src][0]))
            if b < prev.get(src, 0):
                problems.append('%s: clip %d..%d overlaps the one before' % (src, b, e))
            prev[src] = e
        words_in_order(ET.fromstring(z.read('EPUB/' + doc_item.get('href'))), doc_item.get('href'), targets, order)
    for src, (length, (rms, loud), mono) in decoded.items():
        if not mono:
            problems.append('%s: not mono' % src)
        if rms < 500 or loud < 0.4:
            problems.append('%s: not speech: RMS %.0f, %.0f%% of it loud' % (src, rms, 100 * loud))
    for p in problems:
        print(p)
    print('%s: %d overlays, %d MP3s, %.1f minutes: %s' % (
        os.path.basename(path), len(overlays), len(decoded), (total or 0) / 60000,
        'ok' if not problems else '%d problems' % len(problems)))
    return 1 if problems else 0


sys.exit(main(sys.argv[1]))
