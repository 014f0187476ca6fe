/* test_ttf.c — the TrueType subset: glyph ids kept, outlines copied byte for
 * byte, composites' parts kept, checksums a font reader accepts, the font cut
 * after its last used glyph; damaged or foreign files refused, not read past. */
#include "pdf/ttf.h"

#include "mgtest.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEJAVU "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return buf;
}

static unsigned be16(const unsigned char *p)
{
	return (unsigned)(p[0] << 8 | p[1]);
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static uint32_t sum32(const unsigned char *p, size_t len)
{
	uint32_t s = 0;
	for (size_t i = 0; i < len; i += 4)
		s += be32(p + i);
	return s;
}

/* The bytes of glyph g, read from loca as a font reader would. */
static const unsigned char *glyph(const mg_ttf *t, unsigned g, size_t *len)
{
	const unsigned char *loca = t->data + t->loca.off;
	size_t a, b;

	if (t->long_loca) {
		a = be32(loca + 4 * g);
		b = be32(loca + 4 * g + 4);
	} else {
		a = 2 * (size_t)be16(loca + 2 * g);
		b = 2 * (size_t)be16(loca + 2 * g + 2);
	}
	*len = b - a;
	return t->data + t->glyf.off + a;
}

/* The first composite glyph of the font and its first component. */
static int first_composite(const mg_ttf *t, unsigned *part)
{
	for (unsigned g = 0; g < t->nglyphs; g++) {
		size_t len;
		const unsigned char *p = glyph(t, g, &len);
		if (len >= 14 && (int16_t)be16(p) < 0) {
			*part = be16(p + 12);
			return (int)g;
		}
	}
	return -1;
}

static void subset_keeps_glyphs(void)
{
	size_t len = 0, outlen = 0, a, b;
	unsigned char *font = slurp(DEJAVU, &len), *used, *out = NULL;
	mg_ttf t, s;
	unsigned part = 0, last = 0;
	int comp;

	CHECK(font != NULL);
	if (!font)
		return;
	CHECK_INT(mg_ttf_open(&t, font, len, 0), 0);
	CHECK(t.nglyphs > 1000);
	comp = first_composite(&t, &part);
	CHECK(comp > 0);
	used = calloc(t.nglyphs, 1);
	used[36] = 1;	/* a simple glyph ('A' in DejaVu Sans) */
	used[comp] = 1;
	mg_ttf_close_composites(&t, used);
	CHECK(used[0] == 1);		/* .notdef always */
	CHECK(used[part] == 1);		/* the composite's part */
	for (unsigned g = 0; g < t.nglyphs; g++)
		if (used[g])
			last = g;

	mg_ttf_subset(&t, used, &out, &outlen);
	CHECK(outlen > 0 && outlen < len / 4);
	CHECK_INT(mg_ttf_open(&s, out, outlen, 0), 0);
	CHECK_INT(s.nglyphs, last + 1);
	CHECK(s.nhmetrics <= s.nglyphs);
	CHECK(s.cvt.len == t.cvt.len && s.fpgm.len == t.fpgm.len &&
	      s.prep.len == t.prep.len);
	CHECK(memcmp(out + s.hmtx.off, font + t.hmtx.off, s.hmtx.len) == 0);
	for (unsigned g = 0; g < s.nglyphs; g++) {
		const unsigned char *pa = glyph(&t, g, &a), *pb = glyph(&s, g, &b);
		if (used[g]) {
			CHECK(a == b && memcmp(pa, pb, a) == 0);
		} else {
			CHECK_INT(b, 0);
		}
	}
	/* the whole file sums to the magic number, each table to its entry */
	CHECK_INT(sum32(out, outlen), 0xB1B0AFBAu);
	for (unsigned i = 0; i < be16(out + 4); i++) {
		const unsigned char *e = out + 12 + 16 * i;
		uint32_t off = be32(e + 8), n = be32(e + 12);
		uint32_t want = be32(e + 4);
		unsigned char head[56];
		if (memcmp(e, "head", 4) == 0) {	/* summed with adjustment 0 */
			memcpy(head, out + off, 54);
			memset(head + 8, 0, 4);
			memset(head + 54, 0, 2);
			CHECK_INT(sum32(head, 56), want);
		} else {
			CHECK_INT(sum32(out + off, (n + 3) & ~3u), want);
		}
		if (i > 0)
			CHECK(memcmp(e - 16, e, 4) < 0);	/* sorted tags */
	}
	free(out);
	free(used);
	free(font);
}

static void only_notdef(void)
{
	size_t len = 0, outlen = 0;
	unsigned char *font = slurp(DEJAVU, &len), *used, *out = NULL;
	mg_ttf t, s;

	if (!font || mg_ttf_open(&t, font, len, 0) < 0) {
		CHECK(!"DejaVu Sans readable");
		free(font);
		return;
	}
	used = calloc(t.nglyphs, 1);
	mg_ttf_close_composites(&t, used);
	mg_ttf_subset(&t, used, &out, &outlen);
	CHECK_INT(mg_ttf_open(&s, out, outlen, 0), 0);
	CHECK_INT(s.nglyphs, 1);
	CHECK_INT(s.nhmetrics, 1);
	free(out);
	free(used);
	free(font);
}

static void refuses_damaged(void)
{
	size_t len = 0;
	unsigned char *font = slurp(DEJAVU, &len), *copy;
	mg_ttf t;

	if (!font) {
		CHECK(!"DejaVu Sans readable");
		return;
	}
	/* cut anywhere in the directory or the tables: refused */
	CHECK_INT(mg_ttf_open(&t, font, 11, 0), -1);
	CHECK_INT(mg_ttf_open(&t, font, 100, 0), -1);
	CHECK_INT(mg_ttf_open(&t, font, len / 2, 0), -1);
	/* a face index in a plain font */
	CHECK_INT(mg_ttf_open(&t, font, len, 1), -1);
	copy = malloc(len);
	/* CFF outlines */
	memcpy(copy, font, len);
	memcpy(copy, "OTTO", 4);
	CHECK_INT(mg_ttf_open(&t, copy, len, 0), -1);
	/* a collection header naming a face that is not there */
	memcpy(copy, font, len);
	memcpy(copy, "ttcf\0\1\0\0\0\0\0\1\0\0\0\14", 16);
	CHECK_INT(mg_ttf_open(&t, copy, len, 3), -1);
	/* more metrics than glyphs */
	memcpy(copy, font, len);
	CHECK_INT(mg_ttf_open(&t, copy, len, 0), 0);
	copy[t.hhea.off + 34] = 0xff;
	copy[t.hhea.off + 35] = 0xff;
	CHECK_INT(mg_ttf_open(&t, copy, len, 0), -1);
	free(copy);
	free(font);
}

/* A composite whose part numbers point past the font, and loca entries
 * that run backwards: skipped, never followed. */
static void survives_bad_glyphs(void)
{
	size_t len = 0, outlen = 0;
	unsigned char *font = slurp(DEJAVU, &len), *used, *out = NULL;
	unsigned part;
	mg_ttf t;
	int comp;

	if (!font || mg_ttf_open(&t, font, len, 0) < 0) {
		CHECK(!"DejaVu Sans readable");
		free(font);
		return;
	}
	comp = first_composite(&t, &part);
	if (comp > 0) {
		size_t n;
		unsigned char *p = (unsigned char *)glyph(&t, (unsigned)comp, &n);
		p[12] = 0xff;	/* part 0xffxx: past the last glyph */
		p[13] = 0xf0;
		p[11] |= 0x20;	/* and "more components" beyond its end */
	}
	used = calloc(t.nglyphs, 1);
	used[comp > 0 ? comp : 1] = 1;
	if (t.long_loca) {
		memset(font + t.loca.off + 4 * 40, 0xff, 4);
	} else {
		memset(font + t.loca.off + 2 * 40, 0xff, 2);
	}
	used[39] = used[40] = 1;
	mg_ttf_close_composites(&t, used);
	mg_ttf_subset(&t, used, &out, &outlen);
	CHECK(out != NULL && outlen > 0);
	free(out);
	free(used);
	free(font);
}

int main(void)
{
	RUN(subset_keeps_glyphs);
	RUN(only_notdef);
	RUN(refuses_damaged);
	RUN(survives_bad_glyphs);
	return MGT_DONE();
}
