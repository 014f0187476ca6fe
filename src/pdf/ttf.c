/* ttf.c — TrueType tables for the PDF: the table directory of one face, the
 * components of composite glyphs, and the subset font program (FontFile2).
 * libharu subsets too, but reads the file four bytes at a time through its
 * stream layer and keeps a slot for every glyph of the font; this copies the
 * drawn glyphs straight from memory and stops after the last one. */
#include "pdf/ttf.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

static uint16_t u16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void put32(unsigned char *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

static int inside(size_t total, size_t off, size_t len)
{
	return off <= total && len <= total - off;
}

static mg_ttf_table *table_for_tag(mg_ttf *t, const unsigned char *tag)
{
	static const char names[][5] = { "head", "hhea", "maxp", "hmtx",
		"loca", "glyf", "cvt ", "fpgm", "prep", "OS/2", "post" };
	mg_ttf_table *slots[] = { &t->head, &t->hhea, &t->maxp, &t->hmtx,
		&t->loca, &t->glyf, &t->cvt, &t->fpgm, &t->prep, &t->os2,
		&t->post };

	for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++)
		if (memcmp(tag, names[i], 4) == 0)
			return slots[i];
	return NULL;
}

/* Offset of face index's table directory, or (size_t)-1. */
static size_t face_dir(const unsigned char *data, size_t len, int index)
{
	if (len < 12)
		return (size_t)-1;
	if (memcmp(data, "ttcf", 4) != 0)
		return index == 0 ? 0 : (size_t)-1;
	if (index < 0 || (uint32_t)index >= u32(data + 8) ||
	    !inside(len, 12 + 4 * (size_t)index, 4))
		return (size_t)-1;
	return u32(data + 12 + 4 * (size_t)index);
}

int mg_ttf_open(mg_ttf *t, const unsigned char *data, size_t len, int index)
{
	size_t dir = face_dir(data, len, index);
	unsigned ntables, i, upem;

	memset(t, 0, sizeof *t);
	t->data = data;
	t->len = len;
	if (dir == (size_t)-1 || !inside(len, dir, 12))
		return -1;
	if (u32(data + dir) != 0x00010000 && memcmp(data + dir, "true", 4) != 0)
		return -1;	/* CFF outlines ("OTTO") cannot be FontFile2 */
	ntables = u16(data + dir + 4);
	if (!inside(len, dir + 12, (size_t)ntables * 16))
		return -1;
	for (i = 0; i < ntables; i++) {
		const unsigned char *e = data + dir + 12 + 16 * (size_t)i;
		mg_ttf_table *slot = table_for_tag(t, e);

		if (!slot)
			continue;
		slot->off = u32(e + 8);
		slot->len = u32(e + 12);
		if (!inside(len, slot->off, slot->len))
			return -1;
	}
	/* glyf may be empty (every glyph without outline), not absent: a
	 * table never starts at offset 0, where the directory is */
	if (t->head.len < 54 || t->hhea.len < 36 || t->maxp.len < 6 ||
	    !t->loca.len || !t->glyf.off || !t->hmtx.len)
		return -1;
	t->nglyphs = u16(data + t->maxp.off + 4);
	t->nhmetrics = u16(data + t->hhea.off + 34);
	t->long_loca = u16(data + t->head.off + 50) != 0;
	upem = u16(data + t->head.off + 18);
	if (!t->nglyphs || !t->nhmetrics || t->nhmetrics > t->nglyphs || !upem)
		return -1;
	/* truncated toward zero, as libharu scales them */
	t->ascent = (int16_t)u16(data + t->hhea.off + 4) * 1000 / (int)upem;
	t->descent = (int16_t)u16(data + t->hhea.off + 6) * 1000 / (int)upem;
	if (t->loca.len < ((size_t)t->nglyphs + 1) * (t->long_loca ? 4 : 2) ||
	    t->hmtx.len < 4 * (size_t)t->nhmetrics +
			  2 * (size_t)(t->nglyphs - t->nhmetrics))
		return -1;
	return 0;
}

/* Where glyph g's outline lies inside glyf: *off, *len (0: empty, or a loca
 * entry that points outside the table). */
static void glyph_span(const mg_ttf *t, unsigned g, size_t *off, size_t *len)
{
	const unsigned char *loca = t->data + t->loca.off;
	size_t a, b;

	if (t->long_loca) {
		a = u32(loca + 4 * (size_t)g);
		b = u32(loca + 4 * (size_t)g + 4);
	} else {
		a = 2 * (size_t)u16(loca + 2 * (size_t)g);
		b = 2 * (size_t)u16(loca + 2 * (size_t)g + 2);
	}
	*off = a;
	*len = (b > a && b <= t->glyf.len) ? b - a : 0;
}

/* Composite glyph flags (the 'glyf' table's component records). */
#define ARGS_ARE_WORDS 0x0001
#define HAVE_SCALE 0x0008
#define MORE_COMPONENTS 0x0020
#define HAVE_XY_SCALE 0x0040
#define HAVE_2X2 0x0080

void mg_ttf_close_composites(const mg_ttf *t, unsigned char *used)
{
	unsigned *todo = mg_xmalloc(t->nglyphs * sizeof *todo);
	size_t top = 0;

	used[0] = 1;
	for (unsigned g = 0; g < t->nglyphs; g++)
		if (used[g])
			todo[top++] = g;
	/* Each glyph enters todo once, when it is first marked. */
	while (top) {
		const unsigned char *p;
		size_t off, len, k;
		unsigned flags;

		glyph_span(t, todo[--top], &off, &len);
		if (len < 10)
			continue;
		p = t->data + t->glyf.off + off;
		if ((int16_t)u16(p) >= 0)
			continue;	/* a simple glyph */
		for (k = 10; k + 4 <= len; ) {
			unsigned part = u16(p + k + 2);

			flags = u16(p + k);
			if (part < t->nglyphs && !used[part]) {
				used[part] = 1;
				todo[top++] = part;
			}
			k += 4 + ((flags & ARGS_ARE_WORDS) ? 4 : 2);
			if (flags & HAVE_SCALE)
				k += 2;
			else if (flags & HAVE_XY_SCALE)
				k += 4;
			else if (flags & HAVE_2X2)
				k += 8;
			if (!(flags & MORE_COMPONENTS))
				break;
		}
	}
	free(todo);
}

static size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

static uint32_t checksum(const unsigned char *p, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i < len; i += 4)	/* len is padded; bytes are 0 */
		sum += u32(p + i);
	return sum;
}

/* A table of the subset being written: its tag, length and place. */
struct out_table {
	const char *tag;
	size_t len;
	unsigned char *at;
};

static void add_table(struct out_table *tb, int *nt, const char *tag,
		      size_t len)
{
	tb[*nt].tag = tag;
	tb[*nt].len = len;
	tb[*nt].at = NULL;
	(*nt)++;
}

static struct out_table *find_table(struct out_table *tb, int nt,
				    const char *tag)
{
	for (int i = 0; i < nt; i++)
		if (strcmp(tb[i].tag, tag) == 0)
			return &tb[i];
	return NULL;
}

/* Copies a table of the font whole, when the subset has it. */
static void copy_table(struct out_table *tb, int nt, const char *tag,
		       const mg_ttf *t, mg_ttf_table from)
{
	struct out_table *o = find_table(tb, nt, tag);

	if (o)
		memcpy(o->at, t->data + from.off, o->len);
}

/* glyf and loca together: each used glyph below n copied, the rest empty. */
static void write_glyphs(const mg_ttf *t, const unsigned char *used,
			 unsigned n, int long_loca, unsigned char *glyf,
			 unsigned char *loca)
{
	size_t pos = 0, off, len;

	for (unsigned g = 0; g <= n; g++) {
		if (long_loca)
			put32(loca + 4 * (size_t)g, (uint32_t)pos);
		else
			put16(loca + 2 * (size_t)g, (unsigned)(pos / 2));
		if (g == n || !used[g])
			continue;
		glyph_span(t, g, &off, &len);
		memcpy(glyf + pos, t->data + t->glyf.off + off, len);
		pos += pad4(len);
	}
}

/* The offset table and the table directory, then head's checksum. */
static void write_directory(unsigned char *buf, size_t total,
			    struct out_table *tb, int nt)
{
	unsigned pow2 = 1, log2 = 0;

	while (2 * pow2 <= (unsigned)nt) {
		pow2 *= 2;
		log2++;
	}
	put32(buf, 0x00010000);
	put16(buf + 4, (unsigned)nt);
	put16(buf + 6, 16 * pow2);
	put16(buf + 8, log2);
	put16(buf + 10, 16 * ((unsigned)nt - pow2));
	for (int i = 0; i < nt; i++) {
		unsigned char *e = buf + 12 + 16 * (size_t)i;

		memcpy(e, tb[i].tag, 4);
		put32(e + 4, checksum(tb[i].at, pad4(tb[i].len)));
		put32(e + 8, (uint32_t)(tb[i].at - buf));
		put32(e + 12, (uint32_t)tb[i].len);
	}
	put32(find_table(tb, nt, "head")->at + 8,
	      0xB1B0AFBAu - checksum(buf, total));
}

void mg_ttf_subset(const mg_ttf *t, const unsigned char *used,
		   unsigned char **out, size_t *outlen)
{
	const unsigned char *d = t->data;
	unsigned n = 1, nhm, g;
	size_t glyf_len = 0, off, len, total;
	int long_loca, nt = 0;
	unsigned char *buf, *p;
	struct out_table tb[11], *o;

	for (g = 0; g < t->nglyphs; g++)
		if (used[g]) {
			n = g + 1;
			glyph_span(t, g, &off, &len);
			glyf_len += pad4(len);
		}
	long_loca = glyf_len > 0x1fffc;	/* short offsets count 2-byte words */
	nhm = t->nhmetrics < n ? t->nhmetrics : n;

	/* In tag order, as the table directory must be. */
	if (t->os2.len)
		add_table(tb, &nt, "OS/2", t->os2.len);
	if (t->cvt.len)
		add_table(tb, &nt, "cvt ", t->cvt.len);
	if (t->fpgm.len)
		add_table(tb, &nt, "fpgm", t->fpgm.len);
	add_table(tb, &nt, "glyf", glyf_len);
	add_table(tb, &nt, "head", 54);
	add_table(tb, &nt, "hhea", 36);
	/* the first n glyphs' metrics are a prefix of hmtx */
	add_table(tb, &nt, "hmtx", 4 * (size_t)nhm + 2 * (size_t)(n - nhm));
	add_table(tb, &nt, "loca", ((size_t)n + 1) * (long_loca ? 4 : 2));
	add_table(tb, &nt, "maxp", t->maxp.len);
	if (t->post.len >= 32)
		add_table(tb, &nt, "post", 32);
	if (t->prep.len)
		add_table(tb, &nt, "prep", t->prep.len);

	total = 12 + 16 * (size_t)nt;
	for (int i = 0; i < nt; i++)
		total += pad4(tb[i].len);
	buf = mg_xcalloc(1, total);
	p = buf + 12 + 16 * (size_t)nt;
	for (int i = 0; i < nt; i++) {
		tb[i].at = p;
		p += pad4(tb[i].len);
	}

	copy_table(tb, nt, "OS/2", t, t->os2);
	copy_table(tb, nt, "cvt ", t, t->cvt);
	copy_table(tb, nt, "fpgm", t, t->fpgm);
	copy_table(tb, nt, "prep", t, t->prep);
	copy_table(tb, nt, "hmtx", t, t->hmtx);
	copy_table(tb, nt, "maxp", t, t->maxp);
	put16(find_table(tb, nt, "maxp")->at + 4, n);
	o = find_table(tb, nt, "head");
	memcpy(o->at, d + t->head.off, 54);
	put32(o->at + 8, 0);	/* checkSumAdjustment: set last */
	put16(o->at + 50, (unsigned)long_loca);
	o = find_table(tb, nt, "hhea");
	memcpy(o->at, d + t->hhea.off, 36);
	put16(o->at + 34, nhm);
	if ((o = find_table(tb, nt, "post"))) {
		memcpy(o->at, d + t->post.off, 32);
		put32(o->at, 0x00030000);	/* version 3: no glyph names */
	}
	write_glyphs(t, used, n, long_loca, find_table(tb, nt, "glyf")->at,
		     find_table(tb, nt, "loca")->at);
	write_directory(buf, total, tb, nt);
	*out = buf;
	*outlen = total;
}
