/* type.c — the cover's type with FreeType: the style's faces (found as the
 * PDF finds them) and a fallback face; unhinted outlines placed at fractions
 * of a pixel, their runs of coverage rasterised straight onto the canvas. */
#include "cover/type.h"

#include "core/arena.h"
#include "pdf/fontfind.h"
#include "readability/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include FT_OUTLINE_H

/* What the PDF falls back to for glyphs a style's fonts lack (pdf/fonts.c). */
#define FALLBACK_FAMILY "DejaVu Sans"
/* The PDF's families when a style names none (pdf/fonts.c). */
#define DEFAULT_BODY "DejaVu Serif"

#define LOAD_FLAGS (FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP)

struct face {
	FT_Face ft;		/* NULL: not open */
	double size;		/* the em in pixels set last; 0: none yet */
};

struct mg_type {
	FT_Library lib;
	FcConfig *conf;		/* fontconfig's minimal configuration, or NULL */
	struct face faces[MG_TYPE_FACES];
	struct face fallback;	/* opened when a glyph is first missing */
	int fallback_tried;
};

/* The file of family in this weight: listed in the minimal configuration,
 * else matched by fontconfig's full one (which reports when there is none). */
static int find_face(mg_type *t, const char *family, int bold,
		     const char *where, char **file, int *index, mg_diag *d)
{
	char *other = NULL;

	*file = NULL;
	if (t->conf && mg_fontfind_list(t->conf, family, bold, 0, file, index))
		return 0;
	if (mg_fontfind_match(family, bold, 0, where, file, index, &other, d) < 0)
		return -1;
	free(other);	/* the PDF warns of the family standing in */
	return 0;
}

static int open_file(mg_type *t, struct face *f, const char *file, int index)
{
	if (FT_New_Face(t->lib, file, index, &f->ft)) {
		f->ft = NULL;
		return -1;
	}
	if (!FT_IS_SCALABLE(f->ft) || !f->ft->units_per_EM) {
		FT_Done_Face(f->ft);
		f->ft = NULL;
		return -1;
	}
	return 0;
}

static int open_face(mg_type *t, struct face *f, const char *family, int bold,
		     const char *where, mg_diag *d)
{
	char *file;
	int index = 0, rc = -1;

	if (find_face(t, family, bold, where, &file, &index, d) < 0)
		return -1;
	rc = open_file(t, f, file, index);
	if (rc < 0)
		mg_error(d, where, 0, 0, "cannot draw the cover: FreeType cannot "
			 "read font '%s'", file);
	free(file);
	return rc;
}

mg_type *mg_type_open(const mg_style *s, mg_diag *d)
{
	const char *body = s && s->body_font ? s->body_font : DEFAULT_BODY;
	const char *heading = s && s->heading_font ? s->heading_font : body;
	char *where;
	mg_type *t = mg_xcalloc(1, sizeof *t);

	where = mg_xmalloc(strlen(s && s->dir ? s->dir : ".") + 16);
	sprintf(where, "%s/style.yaml", s && s->dir ? s->dir : ".");
	if (FT_Init_FreeType(&t->lib)) {
		mg_error(d, where, 0, 0, "cannot draw the cover: FreeType cannot "
			 "be initialised");
		t->lib = NULL;
		goto fail;
	}
	t->conf = mg_fontfind_config();
	if (open_face(t, &t->faces[MG_TYPE_HEADING], heading, 1, where, d) < 0 ||
	    open_face(t, &t->faces[MG_TYPE_BODY], body, 0, where, d) < 0)
		goto fail;
	free(where);
	return t;
fail:
	free(where);
	mg_type_close(t);
	return NULL;
}

void mg_type_close(mg_type *t)
{
	if (!t)
		return;
	for (int k = 0; k < MG_TYPE_FACES; k++)
		if (t->faces[k].ft)
			FT_Done_Face(t->faces[k].ft);
	if (t->fallback.ft)
		FT_Done_Face(t->fallback.ft);
	if (t->lib)
		FT_Done_FreeType(t->lib);
	if (t->conf)
		FcConfigDestroy(t->conf);
	free(t);
}

/* The fallback face, opened on first use; NULL when it is not installed. */
static struct face *fallback(mg_type *t)
{
	char *file = NULL;
	int index = 0;

	if (!t->fallback_tried) {
		t->fallback_tried = 1;
		if (t->conf && mg_fontfind_list(t->conf, FALLBACK_FAMILY, 0, 0,
						&file, &index))
			open_file(t, &t->fallback, file, index);
		free(file);
	}
	return t->fallback.ft ? &t->fallback : NULL;
}

/* The face and glyph that draw cp: f's own, else the fallback's; NULL for
 * a control character or one neither face has (it is left out). */
static struct face *pick(mg_type *t, struct face *f, uint32_t cp, FT_UInt *gid)
{
	struct face *fb;

	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return NULL;
	*gid = FT_Get_Char_Index(f->ft, cp);
	if (*gid)
		return f;
	fb = fallback(t);
	if (fb && (*gid = FT_Get_Char_Index(fb->ft, cp)))
		return fb;
	return NULL;
}

/* The glyph's advance in ems, from its font units: the same at any size. */
static double advance(const struct face *f, FT_UInt gid)
{
	FT_Fixed adv = 0;

	if (FT_Get_Advance(f->ft, gid, FT_LOAD_NO_SCALE, &adv))
		return 0;
	return (double)adv / f->ft->units_per_EM;
}

double mg_type_width(mg_type *t, mg_type_face face, const char *s, size_t len)
{
	double w = 0;
	FT_UInt gid;

	for (size_t i = 0; i < len;) {
		struct face *f = pick(t, &t->faces[face], mg_text_next(s, len, &i),
				      &gid);
		if (f)
			w += advance(f, gid);
	}
	return w;
}

double mg_type_ascent(const mg_type *t, mg_type_face face)
{
	const FT_Face f = t->faces[face].ft;

	return (double)f->ascender / f->units_per_EM;
}

double mg_type_descent(const mg_type *t, mg_type_face face)
{
	const FT_Face f = t->faces[face].ft;

	return (double)-f->descender / f->units_per_EM;
}

static void set_size(struct face *f, double size)
{
	if (f->size == size)
		return;
	FT_Set_Char_Size(f->ft, 0, (FT_F26Dot6)(size * 64 + 0.5), 72, 72);
	f->size = size;
}

/* A glyph's runs of coverage, from FreeType's rasteriser straight onto
 * the canvas: scanline y (upwards from the baseline) is canvas row
 * baseline - 1 - y. */
struct spans {
	const mg_type_pen *pen;
	int baseline;
};

static void on_spans(int y, int count, const FT_Span *spans, void *user)
{
	const struct spans *s = user;

	for (int i = 0; i < count; i++)
		mg_canvas_span(s->pen->c, spans[i].x, s->baseline - 1 - y,
			       spans[i].len, spans[i].coverage, &s->pen->ink);
}

/* Rasterises glyph gid of f, its origin at the pen (to a 64th of a pixel
 * across, a whole row down), onto the canvas. */
static void draw_glyph(mg_type *t, struct face *f, FT_UInt gid,
		       const mg_type_pen *pen)
{
	struct spans s = { pen, (int)floor(pen->y + 0.5) };
	FT_Raster_Params params;
	FT_Outline *o;

	set_size(f, pen->size);
	if (FT_Load_Glyph(f->ft, gid, LOAD_FLAGS) ||
	    f->ft->glyph->format != FT_GLYPH_FORMAT_OUTLINE)
		return;
	o = &f->ft->glyph->outline;
	FT_Outline_Translate(o, (FT_Pos)floor(pen->x * 64 + 0.5), 0);
	memset(&params, 0, sizeof params);
	params.flags = FT_RASTER_FLAG_AA | FT_RASTER_FLAG_DIRECT;
	params.gray_spans = on_spans;
	params.user = &s;
	FT_Outline_Render(t->lib, o, &params);
}

void mg_type_draw(mg_type *t, mg_type_face face, const char *s, size_t len,
		  mg_type_pen *pen)
{
	FT_UInt gid;

	/* past the canvas's right edge (a word too long to fit even at the
	 * smallest size), nothing more shows */
	for (size_t i = 0; i < len && pen->x < pen->c->width;) {
		struct face *f = pick(t, &t->faces[face], mg_text_next(s, len, &i),
				      &gid);
		if (!f)
			continue;
		draw_glyph(t, f, gid, pen);
		pen->x += advance(f, gid) * pen->size;
	}
}
