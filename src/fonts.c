/* fonts.c — the PDF's fonts: fontconfig finds the style's families, libharu
 * loads them (embedded, subset, UTF-8 encoder) and measures text for layout.c.
 * Repairs libharu 2.3.0's ToUnicode CMap (see docs/pdf.md). */
#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"

#define MG_FONT_SLOTS MG_FACE_COUNT
#define ROW_KNOWN 0x80000000u
#define ROW_GLYPH 0x40000000u

/* One loaded font file; faces that resolve to the same file share it. */
typedef struct font_slot {
	char *file;
	int index;		/* face index inside a collection */
	const char *name;	/* libharu's font name */
	HPDF_FontDef def;
	HPDF_Font font;		/* made on first use */
	uint32_t *rows[256];	/* per-code-point cache: ROW_* flags | width */
} font_slot;

struct mg_fonts {
	HPDF_Doc pdf;
	font_slot slots[MG_FONT_SLOTS];
	int nslots;
	int slot_of[MG_FACE_COUNT];
};

unsigned mg_utf8_next(const char *s, size_t len, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	size_t left = len - *i;
	unsigned cp, n, k;

	if (p[0] < 0x80) {
		*i += 1;
		return p[0];
	}
	if (p[0] >= 0xf0 && p[0] < 0xf5) {
		cp = p[0] & 0x07;
		n = 3;
	} else if (p[0] >= 0xe0) {
		cp = p[0] & 0x0f;
		n = 2;
	} else if (p[0] >= 0xc2 && p[0] < 0xe0) {
		cp = p[0] & 0x1f;
		n = 1;
	} else {
		*i += 1;
		return 0xfffd;
	}
	if (left <= n) {
		*i = len;
		return 0xfffd;
	}
	for (k = 1; k <= n; k++) {
		if ((p[k] & 0xc0) != 0x80) {
			*i += k;
			return 0xfffd;
		}
		cp = (cp << 6) | (p[k] & 0x3f);
	}
	*i += n + 1;
	return cp;
}

/* ---- fontconfig ---- */

static int family_matches(FcPattern *m, const char *family)
{
	FcChar8 *got;
	int k;

	for (k = 0; FcPatternGetString(m, FC_FAMILY, k, &got) == FcResultMatch; k++)
		if (strcasecmp((const char *)got, family) == 0)
			return 1;
	return 0;
}

/* Finds family in the given weight and slant; fills file and index. */
static int find_face(const char *family, int bold, int italic,
		     const char *where, char **file, int *index, mg_diag *d)
{
	FcPattern *p, *m = NULL;
	FcResult res;
	FcChar8 *path = NULL, *format = NULL, *got = NULL;
	int rc = -1;

	p = FcPatternCreate();
	if (!p)
		goto out;
	FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddInteger(p, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
	FcPatternAddInteger(p, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
	FcPatternAddString(p, FC_FONTFORMAT, (const FcChar8 *)"TrueType");
	FcConfigSubstitute(NULL, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	m = FcFontMatch(NULL, p, &res);
	if (!m || FcPatternGetString(m, FC_FILE, 0, &path) != FcResultMatch) {
		mg_error(d, where, 0, 0, "no font found for family '%s'", family);
		goto out;
	}
	FcPatternGetString(m, FC_FONTFORMAT, 0, &format);
	if (!format || strcmp((const char *)format, "TrueType") != 0) {
		mg_error(d, where, 0, 0,
			 "font '%s' for family '%s' is not a TrueType font",
			 (const char *)path, family);
		goto out;
	}
	if (!family_matches(m, family)) {
		FcPatternGetString(m, FC_FAMILY, 0, &got);
		mg_warning(d, where, 0, 0,
			   "font family '%s' is not installed; using '%s'",
			   family, got ? (const char *)got : (const char *)path);
	}
	if (FcPatternGetInteger(m, FC_INDEX, 0, index) != FcResultMatch)
		*index = 0;
	*file = mg_xstrdup((const char *)path);
	rc = 0;
out:
	if (m)
		FcPatternDestroy(m);
	if (p)
		FcPatternDestroy(p);
	return rc;
}

/* ---- libharu ---- */

static int load_slot(mg_fonts *f, font_slot *sl, const char *where, mg_diag *d)
{
	if (sl->index > 0 || strstr(sl->file, ".ttc"))
		sl->name = HPDF_LoadTTFontFromFile2(f->pdf, sl->file, sl->index,
						    HPDF_TRUE);
	else
		sl->name = HPDF_LoadTTFontFromFile(f->pdf, sl->file, HPDF_TRUE);
	if (sl->name)
		sl->def = HPDF_GetFontDef(f->pdf, sl->name);
	if (!sl->name || !sl->def) {
		mg_error(d, where, 0, 0, "cannot load font '%s' (libharu error 0x%04lX)",
			 sl->file, (unsigned long)HPDF_GetError(f->pdf));
		HPDF_ResetError(f->pdf);
		return -1;
	}
	return 0;
}

static int add_face(mg_fonts *f, mg_face face, const char *family, int bold,
		    int italic, const char *where, mg_diag *d)
{
	char *file = NULL;
	int index = 0, k;

	if (find_face(family, bold, italic, where, &file, &index, d) < 0)
		return -1;
	for (k = 0; k < f->nslots; k++) {
		if (f->slots[k].index == index && strcmp(f->slots[k].file, file) == 0) {
			f->slot_of[face] = k;
			free(file);
			return 0;
		}
	}
	f->slots[f->nslots].file = file;
	f->slots[f->nslots].index = index;
	if (load_slot(f, &f->slots[f->nslots], where, d) < 0) {
		free(file);
		f->slots[f->nslots].file = NULL;
		return -1;
	}
	f->slot_of[face] = f->nslots++;
	return 0;
}

mg_fonts *mg_fonts_load(HPDF_Doc pdf, const mg_style *s, mg_diag *d)
{
	static const struct {
		mg_face face;
		int family;	/* 0 body, 1 heading, 2 mono */
		int bold, italic;
	} faces[MG_FACE_COUNT] = {
		{ MG_FACE_REGULAR, 0, 0, 0 },
		{ MG_FACE_ITALIC, 0, 0, 1 },
		{ MG_FACE_BOLD, 0, 1, 0 },
		{ MG_FACE_BOLD_ITALIC, 0, 1, 1 },
		{ MG_FACE_HEADING, 1, 1, 0 },
		{ MG_FACE_MONO, 2, 0, 0 },
	};
	const char *fam[3];
	char *where;
	mg_fonts *f;
	int k, failed = 0;

	fam[0] = s->body_font ? s->body_font : "DejaVu Serif";
	fam[1] = s->heading_font ? s->heading_font : fam[0];
	fam[2] = s->mono_font ? s->mono_font : "DejaVu Sans Mono";
	where = mg_xmalloc(strlen(s->dir ? s->dir : ".") + 16);
	sprintf(where, "%s/style.yaml", s->dir ? s->dir : ".");

	f = mg_xcalloc(1, sizeof *f);
	f->pdf = pdf;
	if (!FcInit()) {
		mg_error(d, where, 0, 0, "fontconfig cannot be initialised");
		failed = 1;
	}
	for (k = 0; k < MG_FACE_COUNT && !failed; k++)
		if (add_face(f, faces[k].face, fam[faces[k].family], faces[k].bold,
			     faces[k].italic, where, d) < 0)
			failed = 1;
	free(where);
	if (failed) {
		mg_fonts_free(f);
		return NULL;
	}
	return f;
}

void mg_fonts_free(mg_fonts *f)
{
	int k, r;

	if (!f)
		return;
	for (k = 0; k < f->nslots; k++) {
		free(f->slots[k].file);
		for (r = 0; r < 256; r++)
			free(f->slots[k].rows[r]);
	}
	free(f);
}

const char *mg_fonts_file(const mg_fonts *f, mg_face face)
{
	return f->slots[f->slot_of[face]].file;
}

/* Replaces libharu's encoding CMap under /ToUnicode with a real ToUnicode
 * CMap. In UTF-8 mode a content code is the UCS-2 code point, so the map is
 * the identity over the BMP, one bfrange per high byte, surrogates left out. */
static int fix_tounicode(HPDF_Font font)
{
	static const char head[] =
		"/CIDInit /ProcSet findresource begin\n"
		"12 dict begin\nbegincmap\n"
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
	static const char tail[] =
		"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
	HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
	HPDF_Dict cm = fa->cmap_stream;
	char body[248 * 22 + 3 * 24 + 1], *p = body;
	int hi, n = 0, block;

	if (fa->type != HPDF_FONT_TYPE0_TT || !cm ||
	    !HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT))
		return 0;
	HPDF_Dict_RemoveElement(cm, "Type");
	HPDF_Dict_RemoveElement(cm, "CMapName");
	HPDF_Dict_RemoveElement(cm, "CIDSystemInfo");
	HPDF_Dict_RemoveElement(cm, "WMode");
	HPDF_MemStream_FreeData(cm->stream);
	for (hi = 0; hi < 256; hi++) {
		if (hi >= 0xd8 && hi <= 0xdf)
			continue;
		if (n % 100 == 0) {
			block = 248 - n < 100 ? 248 - n : 100;
			if (n)
				p += sprintf(p, "endbfrange\n");
			p += sprintf(p, "%d beginbfrange\n", block);
		}
		p += sprintf(p, "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi);
		n++;
	}
	p += sprintf(p, "endbfrange\n");
	if (HPDF_Stream_WriteStr(cm->stream, head) != HPDF_OK ||
	    HPDF_Stream_WriteStr(cm->stream, body) != HPDF_OK ||
	    HPDF_Stream_WriteStr(cm->stream, tail) != HPDF_OK)
		return -1;
	return 0;
}

HPDF_Font mg_fonts_get(mg_fonts *f, mg_face face)
{
	font_slot *sl = &f->slots[f->slot_of[face]];

	if (sl->font)
		return sl->font;
	sl->font = HPDF_GetFont(f->pdf, sl->name, "UTF-8");
	if (sl->font && fix_tounicode(sl->font) < 0)
		sl->font = NULL;
	return sl->font;
}

/* ---- metrics ---- */

/* The cache entry for cp (< 0x10000) in sl, filled on first use. */
static uint32_t lookup(font_slot *sl, unsigned cp)
{
	uint32_t *row = sl->rows[cp >> 8], v;
	HPDF_INT16 w;

	if (!row)
		row = sl->rows[cp >> 8] = mg_xcalloc(256, sizeof *row);
	v = row[cp & 0xff];
	if (v)
		return v;
	v = ROW_KNOWN;
	if (HPDF_TTFontDef_GetGlyphid(sl->def, (HPDF_UINT16)cp) != 0)
		v |= ROW_GLYPH;
	/* Also marks the glyph as used, so that the subset keeps it. */
	w = HPDF_TTFontDef_GetCharWidth(sl->def, (HPDF_UINT16)cp);
	v |= (uint32_t)(w > 0 ? w : 0) & 0xffffu;
	row[cp & 0xff] = v;
	return v;
}

unsigned mg_fonts_subst(const mg_fonts *f, mg_face face, unsigned cp)
{
	font_slot *sl = (font_slot *)&f->slots[f->slot_of[face]];

	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return ' ';
	if (cp >= 0xd800 && cp < 0xe000)
		return 0xfffd;
	if (cp < 0x10000)
		return cp;
	return (lookup(sl, 0xfffd) & ROW_GLYPH) ? 0xfffd : '?';
}

int mg_fonts_has_glyph(mg_fonts *f, mg_face face, unsigned cp)
{
	if (cp >= 0x10000)
		return 0;
	return (lookup(&f->slots[f->slot_of[face]], cp) & ROW_GLYPH) != 0;
}

static double text_width(void *ctx, mg_face face, const char *s, size_t len,
			 double size)
{
	mg_fonts *f = ctx;
	font_slot *sl = &f->slots[f->slot_of[face]];
	size_t i = 0;
	unsigned long total = 0;
	unsigned cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80 && s[i] >= 0x20) {
			cp = (unsigned char)s[i++];
		} else {
			cp = mg_utf8_next(s, len, &i);
			cp = mg_fonts_subst(f, face, cp);
		}
		total += lookup(sl, cp) & 0xffffu;
	}
	return (double)total * size / 1000.0;
}

static int has_glyph(void *ctx, mg_face face, unsigned cp)
{
	return mg_fonts_has_glyph(ctx, face, cp);
}

void mg_fonts_metrics(mg_fonts *f, mg_metrics *m)
{
	int k;

	memset(m, 0, sizeof *m);
	m->ctx = f;
	m->text_width = text_width;
	m->has_glyph = has_glyph;
	for (k = 0; k < MG_FACE_COUNT; k++) {
		HPDF_FontDef def = f->slots[f->slot_of[k]].def;

		m->ascent[k] = def->ascent / 1000.0;
		m->descent[k] = (def->descent < 0 ? -def->descent : def->descent) / 1000.0;
	}
}
