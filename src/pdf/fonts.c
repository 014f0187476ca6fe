/* fonts.c — the PDF's fonts: fontconfig finds the style's families, each font
 * file is read once per process into a library shared by every PDF job, and
 * each document gets its own Type0 objects and subset (see docs/pdf.md). */
#include "pdf/fonts.h"

#include <fontconfig/fontconfig.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "core/arena.h"
#include "core/vec.h"
#include "core/files.h"
#include "pdf/fontfind.h"
#include "pdf/ttf.h"

#define MG_FONT_SLOTS (MG_FACE_COUNT + 1)
#define FALLBACK_FAMILY "DejaVu Sans"
#define MAX_FONT_FILE (64L << 20)	/* larger files are not fonts we embed */

/* ---- the library: what every document shares ---- */

/* One face of a font file, loaded on first use and only read afterwards:
 * its bytes (mapped), its tables, and libharu's parse of its character map
 * and metrics. */
typedef struct font_file {
	char *path;
	int index;		/* face index inside a collection */
	unsigned char *map;
	size_t len;
	mg_ttf ttf;
	int parsed;		/* libharu has read it (parsed_def) */
	HPDF_FontDef def;	/* NULL until then, or if libharu cannot */
} font_file;

/* A family, weight and slant as fontconfig resolved it; `other` names the
 * family that stood in when the asked one is not installed. */
typedef struct face_key {
	char *family;
	int bold, italic;
	char *file;
	int index;
	char *other;
} face_key;

struct mg_fontlib {
	pthread_mutex_t lock;	/* guards everything below */
	HPDF_Doc owner;		/* its memory manager holds the parsed fonts */
	FcConfig *fast;		/* the minimal configuration, or NULL */
	int fast_tried;
	mg_vec files;		/* font_file * */
	mg_vec faces;		/* face_key */
	font_file *fallback;
	int fallback_tried;
};

/* ---- a document's fonts ---- */

/* What a code point is in one font, cached per BMP code point. */
typedef struct glyph {
	uint16_t width;		/* advance, 1/1000 em */
	uint16_t gid;		/* 0: the font has no glyph for it */
	uint8_t known;
} glyph;

/* One font file as one document uses it. */
typedef struct font_slot {
	font_file *ff;
	HPDF_FontDef def;	/* ff's, once asked for (slot_def) */
	int def_asked;
	int optional;		/* the fallback: unreadable means unavailable */
	glyph *rows[256];	/* cache, a row of 256 code points at a time */
	HPDF_Dict font;		/* the Type0 font, made on first use */
	HPDF_Dict cidfont, descriptor;
	char res[16];		/* its resource name: "MG1".. */
	HPDF_Page page;		/* the last page whose resources name it */
	uint16_t *uni;		/* per glyph id: the code point drawn with it */
} font_slot;

static const glyph *lookup(mg_fonts *f, font_slot *sl, unsigned cp);
static const glyph *lookup_new(mg_fonts *f, font_slot *sl, unsigned cp);

struct mg_fonts {
	HPDF_Doc pdf;
	mg_fontlib *lib;
	mg_fontlib *own;	/* lib, when made for this document alone */
	font_slot slots[MG_FONT_SLOTS];
	int nslots;
	int slot_of[MG_FACE_COUNT];
	int fallback;		/* slot of the fallback font; -1 not loaded yet,
				   -2 unavailable */
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

/* ---- loading a font file from memory ---- */

/* libharu parses a font through a stream; this one reads the mapped file. */
struct cursor {
	const unsigned char *data;
	size_t len, pos;
};

static HPDF_STATUS cursor_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *siz)
{
	struct cursor *c = s->attr;
	size_t left = c->len - c->pos, n = *siz < left ? *siz : left;

	memcpy(ptr, c->data + c->pos, n);
	c->pos += n;
	if (n == *siz)
		return HPDF_OK;
	memset(ptr + n, 0, *siz - n);
	*siz = (HPDF_UINT)n;
	return HPDF_STREAM_EOF;
}

static HPDF_STATUS cursor_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct cursor *c = s->attr;
	long long base = mode == HPDF_SEEK_SET ? 0 :
			 mode == HPDF_SEEK_CUR ? (long long)c->pos : (long long)c->len;

	if (base + pos < 0 || base + pos > (long long)c->len)
		return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, 0);
	c->pos = (size_t)(base + pos);
	return HPDF_OK;
}

static HPDF_INT32 cursor_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((struct cursor *)s->attr)->pos;
}

static HPDF_UINT32 cursor_size(HPDF_Stream s)
{
	return (HPDF_UINT32)((struct cursor *)s->attr)->len;
}

/* Maps the file and reads its table directory; ff->map stays NULL when it
 * is not a TrueType font that a PDF can embed. */
static void map_file(font_file *ff)
{
	size_t len;
	const void *map = mg_map_file(ff->path, (size_t)MAX_FONT_FILE + 1, &len);

	if (!map)
		return;
	if (len < 12 || mg_ttf_open(&ff->ttf, map, len, ff->index) < 0) {
		munmap((void *)map, len);
		return;
	}
	ff->map = (void *)map;
	ff->len = len;
}

/* libharu's parse of the character map and metrics. ff->def stays NULL
 * when libharu cannot read the file, or reads a character map it cannot
 * use (it knows formats 0 and 4; looking a code point up in another would
 * report an error from a shared object). */
static void parse_file(mg_fontlib *lib, font_file *ff)
{
	struct cursor cur = { ff->map, ff->len, 0 };
	HPDF_Stream in;
	HPDF_TTFontDefAttr da;

	in = HPDF_CallbackReader_New(lib->owner->mmgr, cursor_read, cursor_seek,
				     cursor_tell, cursor_size, &cur);
	if (!in)
		return;
	/* Not embedding: libharu frees the stream once it has parsed. */
	if (memcmp(ff->map, "ttcf", 4) == 0)
		ff->def = HPDF_TTFontDef_Load2(lib->owner->mmgr, in,
					       (HPDF_UINT)ff->index, HPDF_FALSE);
	else
		ff->def = HPDF_TTFontDef_Load(lib->owner->mmgr, in, HPDF_FALSE);
	HPDF_ResetError(lib->owner);
	if (!ff->def)
		return;
	da = ff->def->attr;
	if ((da->cmap.format != 0 && da->cmap.format != 4) ||
	    (da->cmap.format == 4 && da->cmap.seg_count_x2 == 0) ||
	    da->num_glyphs != ff->ttf.nglyphs || !da->header.units_per_em) {
		HPDF_FontDef_Free(ff->def);
		ff->def = NULL;
	}
}

/* libharu's parse of ff, made the first time a document draws with it (a
 * style names six faces; a guide often draws with two). NULL when libharu
 * cannot read it. */
static HPDF_FontDef parsed_def(mg_fontlib *lib, font_file *ff)
{
	HPDF_FontDef def;

	pthread_mutex_lock(&lib->lock);
	if (!ff->parsed) {
		parse_file(lib, ff);
		ff->parsed = 1;
	}
	def = ff->def;
	pthread_mutex_unlock(&lib->lock);
	return def;
}

/* ---- the library ---- */

mg_fontlib *mg_fontlib_new(void)
{
	mg_fontlib *lib = mg_xcalloc(1, sizeof *lib);

	lib->owner = HPDF_New(NULL, NULL);
	if (!lib->owner) {
		free(lib);
		return NULL;
	}
	pthread_mutex_init(&lib->lock, NULL);
	mg_vec_init(&lib->files, sizeof(font_file *));
	mg_vec_init(&lib->faces, sizeof(face_key));
	return lib;
}

void mg_fontlib_free(mg_fontlib *lib)
{
	if (!lib)
		return;
	for (size_t i = 0; i < lib->files.len; i++) {
		font_file *ff = ((font_file **)lib->files.items)[i];

		if (ff->def)
			HPDF_FontDef_Free(ff->def);
		if (ff->map)
			munmap(ff->map, ff->len);
		free(ff->path);
		free(ff);
	}
	for (size_t i = 0; i < lib->faces.len; i++) {
		face_key *k = &((face_key *)lib->faces.items)[i];

		free(k->family);
		free(k->file);
		free(k->other);
	}
	mg_vec_release(&lib->files);
	mg_vec_release(&lib->faces);
	if (lib->fast)
		FcConfigDestroy(lib->fast);
	HPDF_Free(lib->owner);
	pthread_mutex_destroy(&lib->lock);
	free(lib);
}

/* The minimal fontconfig configuration, made on first use. Call locked. */
static FcConfig *fast(mg_fontlib *lib)
{
	if (!lib->fast_tried) {
		lib->fast_tried = 1;
		lib->fast = mg_fontfind_config();
	}
	return lib->fast;
}

/* The TrueType face of exactly family in this weight and slant, from
 * fontconfig's list through the minimal configuration. 0 if there is none.
 * Call locked. */
static int listed_face(mg_fontlib *lib, const char *family, int bold,
		       int italic, char **file, int *index)
{
	*file = NULL;
	return fast(lib) &&
	       mg_fontfind_list(lib->fast, family, bold, italic, file, index);
}

/* The file of path and index, loaded on first use. Call locked. */
static font_file *file_of(mg_fontlib *lib, const char *path, int index)
{
	font_file *ff;

	for (size_t i = 0; i < lib->files.len; i++) {
		ff = ((font_file **)lib->files.items)[i];
		if (ff->index == index && strcmp(ff->path, path) == 0)
			return ff;
	}
	ff = mg_xcalloc(1, sizeof *ff);
	ff->path = mg_xstrdup(path);
	ff->index = index;
	map_file(ff);
	*(font_file **)mg_vec_push(&lib->files) = ff;
	return ff;
}

/* The file for family in this weight and slant, with the warning its
 * resolution gave (again for each document); NULL after an error. */
static font_file *face_file(mg_fontlib *lib, const char *family, int bold,
			    int italic, const char *where, mg_diag *d)
{
	font_file *ff = NULL;
	face_key *k = NULL;
	char *file, *other;
	int index;

	pthread_mutex_lock(&lib->lock);
	for (size_t i = 0; i < lib->faces.len && !k; i++) {
		face_key *c = &((face_key *)lib->faces.items)[i];
		if (c->bold == bold && c->italic == italic &&
		    strcmp(c->family, family) == 0)
			k = c;
	}
	if (!k) {
		other = NULL;
		if (!listed_face(lib, family, bold, italic, &file, &index) &&
		    mg_fontfind_match(family, bold, italic, where, &file,
				      &index, &other, d) < 0)
			goto out;
		k = mg_vec_push(&lib->faces);
		k->family = mg_xstrdup(family);
		k->bold = bold;
		k->italic = italic;
		k->file = file;
		k->index = index;
		k->other = other;
	}
	if (k->other)
		mg_warning(d, where, 0, 0,
			   "font family '%s' is not installed; using '%s'",
			   family, k->other);
	ff = file_of(lib, k->file, k->index);
	if (!ff->map) {
		mg_error(d, where, 0, 0, "cannot load font '%s': not a TrueType "
			 "font a PDF can embed", ff->path);
		ff = NULL;
	}
out:
	pthread_mutex_unlock(&lib->lock);
	return ff;
}

/* The fallback font (DejaVu Sans: wide coverage, check marks, stars,
 * boxes), or NULL when it is not installed. */
static font_file *fallback_file(mg_fontlib *lib)
{
	font_file *ff;
	char *file = NULL;
	int index = 0;

	pthread_mutex_lock(&lib->lock);
	if (!lib->fallback_tried) {
		lib->fallback_tried = 1;
		if (listed_face(lib, FALLBACK_FAMILY, 0, 0, &file, &index)) {
			ff = file_of(lib, file, index);
			lib->fallback = ff->map ? ff : NULL;
		}
		free(file);
	}
	ff = lib->fallback;
	pthread_mutex_unlock(&lib->lock);
	return ff;
}

/* ---- a document's fonts ---- */

static int slot_for(mg_fonts *f, font_file *ff)
{
	int k;

	for (k = 0; k < f->nslots; k++)
		if (f->slots[k].ff == ff)
			return k;
	f->slots[k].ff = ff;
	return f->nslots++;
}

/* The slot's libharu font, parsed on first use; NULL (and the slot marked
 * broken, for mg_fonts_broken) when libharu cannot read it. */
static HPDF_FontDef slot_def(mg_fonts *f, font_slot *sl)
{
	if (!sl->def_asked) {
		sl->def_asked = 1;
		sl->def = parsed_def(f->lib, sl->ff);
	}
	return sl->def;
}

const char *mg_fonts_broken(const mg_fonts *f)
{
	for (int k = 0; k < f->nslots; k++)
		if (f->slots[k].def_asked && !f->slots[k].def &&
		    !f->slots[k].optional)
			return f->slots[k].ff->path;
	return NULL;
}

mg_fonts *mg_fonts_load(HPDF_Doc pdf, mg_fontlib *lib, const mg_style *s,
			mg_diag *d)
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
	f->fallback = -1;
	if (!lib)
		lib = f->own = mg_fontlib_new();
	f->lib = lib;
	for (k = 0; k < MG_FACE_COUNT && lib && !failed; k++) {
		font_file *ff = face_file(lib, fam[faces[k].family],
					  faces[k].bold, faces[k].italic,
					  where, d);
		if (ff)
			f->slot_of[faces[k].face] = slot_for(f, ff);
		else
			failed = 1;
	}
	free(where);
	if (failed || !lib) {
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
		for (r = 0; r < 256; r++)
			free(f->slots[k].rows[r]);
		free(f->slots[k].uni);
	}
	mg_fontlib_free(f->own);
	free(f);
}

const char *mg_fonts_file(const mg_fonts *f, mg_face face)
{
	return f->slots[f->slot_of[face]].ff->path;
}

/* ---- the font objects ---- */

static HPDF_Dict indirect(mg_fonts *f, HPDF_Dict d)
{
	if (d && HPDF_Xref_Add(f->pdf->xref, d) != HPDF_OK)
		return NULL;
	return d;
}

/* Type0 font → CIDFontType2 (Identity: content codes are glyph ids) →
 * FontDescriptor. /W, /ToUnicode and /FontFile2 wait for mg_fonts_finish. */
static int make_font(mg_fonts *f, font_slot *sl, int k)
{
	HPDF_MMgr mm = f->pdf->mmgr;
	HPDF_FontDef def = slot_def(f, sl);
	HPDF_Dict csi = HPDF_Dict_New(mm);
	HPDF_Array desc = HPDF_Array_New(mm);
	int rc = HPDF_OK;

	if (!def)
		return -1;
	sl->font = indirect(f, HPDF_Dict_New(mm));
	sl->cidfont = indirect(f, HPDF_Dict_New(mm));
	sl->descriptor = indirect(f, HPDF_Dict_New(mm));
	if (!sl->font || !sl->cidfont || !sl->descriptor || !csi || !desc)
		return -1;
	snprintf(sl->res, sizeof sl->res, "MG%d", k + 1);

	rc |= HPDF_Dict_AddName(sl->font, "Type", "Font");
	rc |= HPDF_Dict_AddName(sl->font, "Subtype", "Type0");
	rc |= HPDF_Dict_AddName(sl->font, "Encoding", "Identity-H");
	rc |= HPDF_Array_Add(desc, sl->cidfont);
	rc |= HPDF_Dict_Add(sl->font, "DescendantFonts", desc);

	rc |= HPDF_Dict_AddName(sl->cidfont, "Type", "Font");
	rc |= HPDF_Dict_AddName(sl->cidfont, "Subtype", "CIDFontType2");
	rc |= HPDF_Dict_Add(csi, "Registry", HPDF_String_New(mm, "Adobe", NULL));
	rc |= HPDF_Dict_Add(csi, "Ordering", HPDF_String_New(mm, "Identity", NULL));
	rc |= HPDF_Dict_AddNumber(csi, "Supplement", 0);
	rc |= HPDF_Dict_Add(sl->cidfont, "CIDSystemInfo", csi);
	rc |= HPDF_Dict_AddName(sl->cidfont, "CIDToGIDMap", "Identity");
	rc |= HPDF_Dict_AddNumber(sl->cidfont, "DW", def->missing_width);
	rc |= HPDF_Dict_Add(sl->cidfont, "FontDescriptor", sl->descriptor);

	rc |= HPDF_Dict_AddName(sl->descriptor, "Type", "FontDescriptor");
	rc |= HPDF_Dict_AddNumber(sl->descriptor, "Flags", (HPDF_INT32)def->flags);
	rc |= HPDF_Dict_Add(sl->descriptor, "FontBBox",
			    HPDF_Box_Array_New(mm, def->font_bbox));
	rc |= HPDF_Dict_AddNumber(sl->descriptor, "ItalicAngle", def->italic_angle);
	rc |= HPDF_Dict_AddNumber(sl->descriptor, "Ascent", def->ascent);
	rc |= HPDF_Dict_AddNumber(sl->descriptor, "Descent", def->descent);
	rc |= HPDF_Dict_AddNumber(sl->descriptor, "CapHeight",
				  def->cap_height ? def->cap_height : def->ascent);
	rc |= HPDF_Dict_AddNumber(sl->descriptor, "StemV", def->stemv);
	return rc == HPDF_OK ? 0 : -1;
}

const char *mg_fonts_use(mg_fonts *f, int font, HPDF_Page page)
{
	int k = font;
	font_slot *sl = &f->slots[k];
	HPDF_PageAttr pa = (HPDF_PageAttr)page->attr;
	HPDF_Dict res;

	if (!sl->font && make_font(f, sl, k) < 0)
		return NULL;
	if (sl->page == page)
		return sl->res;
	if (!pa->fonts) {
		res = HPDF_Dict_GetItem(page, "Resources", HPDF_OCLASS_DICT);
		pa->fonts = HPDF_Dict_New(f->pdf->mmgr);
		if (!res || !pa->fonts || HPDF_Dict_Add(res, "Font", pa->fonts) != HPDF_OK)
			return NULL;
	}
	if (HPDF_Dict_Add(pa->fonts, sl->res, sl->font) != HPDF_OK)
		return NULL;
	sl->page = page;
	return sl->res;
}

unsigned mg_fonts_glyph(mg_fonts *f, int font, unsigned cp, unsigned *width)
{
	font_slot *sl = &f->slots[font];
	const glyph *g = lookup(f, sl, cp < 0x10000 ? cp : '?');

	if (!sl->uni) {
		sl->uni = mg_xcalloc(sl->ff->ttf.nglyphs + 1, sizeof *sl->uni);
	}
	if (g->gid < sl->ff->ttf.nglyphs && !sl->uni[g->gid])
		sl->uni[g->gid] = (uint16_t)cp;
	*width = g->width;
	return g->gid;
}

/* /W: the advance of every glyph drawn, in runs of consecutive ids. */
static int write_widths(mg_fonts *f, font_slot *sl)
{
	HPDF_MMgr mm = f->pdf->mmgr;
	HPDF_Array w = HPDF_Array_New(mm), run = NULL;
	unsigned gid;
	int rc = HPDF_OK;

	if (!w)
		return -1;
	for (gid = 0; gid < sl->ff->ttf.nglyphs; gid++) {
		if (!sl->uni[gid]) {
			run = NULL;
			continue;
		}
		if (!run) {
			run = HPDF_Array_New(mm);
			rc |= HPDF_Array_AddNumber(w, (HPDF_INT32)gid);
			rc |= HPDF_Array_Add(w, run);
		}
		rc |= HPDF_Array_AddNumber(run, HPDF_TTFontDef_GetGidWidth(sl->def,
							(HPDF_UINT16)gid));
	}
	rc |= HPDF_Dict_Add(sl->cidfont, "W", w);
	return rc == HPDF_OK ? 0 : -1;
}

/* ToUnicode: each glyph drawn maps back to the code point drawn with it. */
static int write_tounicode(mg_fonts *f, font_slot *sl)
{
	static const char head[] =
		"/CIDInit /ProcSet findresource begin\n"
		"12 dict begin\nbegincmap\n"
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
	static const char tail[] =
		"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
	HPDF_Dict cm = HPDF_DictStream_New(f->pdf->mmgr, f->pdf->xref);
	unsigned gid, n = 0, total = 0, left;
	char line[32];
	int rc = HPDF_OK;

	if (!cm)
		return -1;
	cm->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	for (gid = 0; gid < sl->ff->ttf.nglyphs; gid++)
		total += sl->uni[gid] != 0;
	rc |= HPDF_Stream_WriteStr(cm->stream, head);
	for (gid = 0; gid < sl->ff->ttf.nglyphs; gid++) {
		if (!sl->uni[gid])
			continue;
		if (n % 100 == 0) {
			left = total - n;
			snprintf(line, sizeof line, "%s%u beginbfchar\n",
				 n ? "endbfchar\n" : "", left < 100 ? left : 100);
			rc |= HPDF_Stream_WriteStr(cm->stream, line);
		}
		snprintf(line, sizeof line, "<%04X> <%04X>\n", gid, sl->uni[gid]);
		rc |= HPDF_Stream_WriteStr(cm->stream, line);
		n++;
	}
	if (n)
		rc |= HPDF_Stream_WriteStr(cm->stream, "endbfchar\n");
	rc |= HPDF_Stream_WriteStr(cm->stream, tail);
	rc |= HPDF_Dict_Add(sl->font, "ToUnicode", cm);
	return rc == HPDF_OK ? 0 : -1;
}

/* The glyphs the subset keeps: those drawn, and the parts of composites. */
static unsigned char *used_glyphs(const font_slot *sl)
{
	const mg_ttf *t = &sl->ff->ttf;
	unsigned char *used = mg_xcalloc(t->nglyphs, 1);

	for (unsigned gid = 0; gid < t->nglyphs; gid++)
		used[gid] = sl->uni[gid] != 0;
	mg_ttf_close_composites(t, used);
	return used;
}

/* The font's name in this document: a tag of six capitals made from the
 * glyphs kept (so that two different subsets never share a name) and the
 * PostScript name libharu read. */
static int name_font(font_slot *sl, const unsigned char *used)
{
	HPDF_TTFontDefAttr da = sl->def->attr;
	uint32_t h = 2166136261u;
	char name[HPDF_LIMIT_MAX_NAME_LEN + 1];
	int rc = HPDF_OK;

	for (unsigned gid = 0; gid < sl->ff->ttf.nglyphs; gid++)
		h = (h ^ used[gid]) * 16777619u;
	for (int i = 0; i < 6; i++) {
		name[i] = (char)('A' + h % 26);
		h /= 26;
	}
	snprintf(name + 6, sizeof name - 6, "+%.100s", da->base_font);
	rc |= HPDF_Dict_AddName(sl->font, "BaseFont", name);
	rc |= HPDF_Dict_AddName(sl->cidfont, "BaseFont", name);
	rc |= HPDF_Dict_AddName(sl->descriptor, "FontName", name);
	return rc == HPDF_OK ? 0 : -1;
}

/* The subset font program (ttf.c) as /FontFile2. Stored, not deflated:
 * glyph outlines shrink by a quarter only, and deflating them would cost
 * more than the rest of the font work. */
static int write_font_file(mg_fonts *f, font_slot *sl)
{
	HPDF_Dict ff = HPDF_DictStream_New(f->pdf->mmgr, f->pdf->xref);
	unsigned char *used = used_glyphs(sl), *data = NULL;
	size_t len = 0;
	int rc = -1;

	if (!ff || name_font(sl, used) < 0)
		goto out;
	mg_ttf_subset(&sl->ff->ttf, used, &data, &len);
	ff->filter = HPDF_STREAM_FILTER_NONE;
	if (HPDF_Stream_Write(ff->stream, data, (HPDF_UINT)len) != HPDF_OK ||
	    HPDF_Dict_AddNumber(ff, "Length1", (HPDF_INT32)len) != HPDF_OK ||
	    HPDF_Dict_Add(sl->descriptor, "FontFile2", ff) != HPDF_OK)
		goto out;
	rc = 0;
out:
	free(data);
	free(used);
	return rc;
}

int mg_fonts_finish(mg_fonts *f)
{
	int k;

	for (k = 0; k < f->nslots; k++) {
		font_slot *sl = &f->slots[k];

		if (!sl->font)
			continue;
		if (write_widths(f, sl) < 0 || write_tounicode(f, sl) < 0 ||
		    write_font_file(f, sl) < 0)
			return -1;
	}
	return 0;
}
/* ---- fallback ---- */

/* The slot of the fallback font, taken the first time a face lacks a
 * glyph; -1 if it cannot be had. */
static int fallback_slot(mg_fonts *f)
{
	font_file *ff;
	int before = f->nslots;

	if (f->fallback == -1) {
		ff = fallback_file(f->lib);
		f->fallback = ff ? slot_for(f, ff) : -2;
		/* a slot of its own (not one of the style's faces, which must
		 * load): if libharu cannot read it, there is no fallback */
		if (f->fallback >= 0 && f->nslots > before) {
			f->slots[f->fallback].optional = 1;
			if (!slot_def(f, &f->slots[f->fallback]))
				f->fallback = -2;
		}
	}
	return f->fallback < 0 ? -1 : f->fallback;
}

int mg_fonts_pick(mg_fonts *f, mg_face face, unsigned cp)
{
	int k = f->slot_of[face], fb;

	if (cp >= 0x10000 || lookup(f, &f->slots[k], cp)->gid)
		return k;
	fb = fallback_slot(f);
	if (fb >= 0 && lookup(f, &f->slots[fb], cp)->gid)
		return fb;
	return k;
}

/* ---- metrics ---- */

/* The cache entry for cp (< 0x10000) in sl, filled on first use. The
 * layout and the painting ask it for every character: the common case, a
 * code point seen before, stays small enough to be inlined. */
static inline const glyph *lookup(mg_fonts *f, font_slot *sl, unsigned cp)
{
	const glyph *row = sl->rows[cp >> 8];

	if (row && row[cp & 0xff].known)
		return &row[cp & 0xff];
	return lookup_new(f, sl, cp);
}

/* lookup's first time for cp in sl. */
static const glyph *lookup_new(mg_fonts *f, font_slot *sl, unsigned cp)
{
	glyph *row = sl->rows[cp >> 8], *g;

	if (!row)
		row = sl->rows[cp >> 8] = mg_xcalloc(256, sizeof *row);
	g = &row[cp & 0xff];
	g->known = 1;
	if (!slot_def(f, sl))
		return g;	/* no glyphs: mg_fonts_broken tells */
	g->gid = HPDF_TTFontDef_GetGlyphid(sl->def, (HPDF_UINT16)cp);
	if (g->gid >= sl->ff->ttf.nglyphs)
		g->gid = 0;
	g->width = (uint16_t)HPDF_TTFontDef_GetGidWidth(sl->def, g->gid);
	return g;
}

unsigned mg_fonts_subst(mg_fonts *f, mg_face face, unsigned cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return ' ';
	if (cp >= 0xd800 && cp < 0xe000)
		return 0xfffd;
	if (cp < 0x10000)
		return cp;
	return mg_fonts_has_glyph(f, face, 0xfffd) ? 0xfffd : '?';
}

int mg_fonts_has_glyph(mg_fonts *f, mg_face face, unsigned cp)
{
	if (cp >= 0x10000)
		return 0;
	return lookup(f, &f->slots[mg_fonts_pick(f, face, cp)], cp)->gid != 0;
}

static double text_width(void *ctx, mg_face face, const char *s, size_t len,
			 double size)
{
	mg_fonts *f = ctx;
	font_slot *sl = &f->slots[f->slot_of[face]];
	const glyph *g;
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
		g = lookup(f, sl, cp);
		if (!g->gid)
			g = lookup(f, &f->slots[mg_fonts_pick(f, face, cp)], cp);
		total += g->width;
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
		const mg_ttf *t = &f->slots[f->slot_of[k]].ff->ttf;

		m->ascent[k] = t->ascent / 1000.0;
		m->descent[k] = (t->descent < 0 ? -t->descent : t->descent) / 1000.0;
	}
}
