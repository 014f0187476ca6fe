/* ttf.h — TrueType font files as the PDF embeds them: the tables of one face
 * of a file held in memory, the glyphs a composite glyph is drawn from, and a
 * subset font program that keeps only the glyphs a document draws. */
#ifndef MG_TTF_H
#define MG_TTF_H

#include <stddef.h>
#include <stdint.h>

/* Where one table lies in the file; len 0 when the face has none. */
typedef struct mg_ttf_table {
	uint32_t off, len;
} mg_ttf_table;

/* One face, read in place: the struct points into data, which the caller
 * keeps alive and unchanged for as long as the mg_ttf is used. Read-only
 * after mg_ttf_open, so one face may serve many threads. */
typedef struct mg_ttf {
	const unsigned char *data;
	size_t len;
	unsigned nglyphs;	/* maxp.numGlyphs */
	unsigned nhmetrics;	/* hhea.numberOfHMetrics */
	int long_loca;		/* head.indexToLocFormat */
	int ascent, descent;	/* hhea's, in 1/1000 em (descent < 0) */
	mg_ttf_table head, hhea, maxp, hmtx, loca, glyf, cvt, fpgm, prep,
		os2, post;
} mg_ttf;

/* Reads the table directory of face index (0 unless data is a collection,
 * .ttc) of the file in data[0..len). Returns 0, or -1 when the face is not a
 * TrueType-outline font with the tables a PDF needs, or lies outside data. */
int mg_ttf_open(mg_ttf *t, const unsigned char *data, size_t len, int index);

/* used[0..t->nglyphs) marks glyph ids (non-zero = used). Marks also every
 * glyph that a marked composite glyph is drawn from, and glyph 0. */
void mg_ttf_close_composites(const mg_ttf *t, unsigned char *used);

/* A TrueType font program with the outlines of the used glyphs only, glyph
 * ids unchanged (so that a PDF's Identity CIDToGIDMap still holds): the
 * tables head, hhea, maxp, hmtx, loca, glyf, cvt, fpgm, prep, OS/2 and a
 * name-less post, cut after the last used glyph. Sets *out (malloc'd, the
 * caller frees it) and *len. Call mg_ttf_close_composites first. */
void mg_ttf_subset(const mg_ttf *t, const unsigned char *used,
		   unsigned char **out, size_t *len);

#endif
