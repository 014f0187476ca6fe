/* pdf.c — the PDF writer: loads the style's fonts, has layout.c set the guide
 * into pages, then paints, links, outlines and tags them with libharu.
 * Deterministic: dates come from the guide, never the clock. */
#include "pdf/pdf.h"

#include <fontconfig/fontconfig.h>
#include <hpdf.h>
#include <hpdf_streams.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "core/arena.h"
#include "core/vec.h"
#include "pdf/fonts.h"
#include "pdf/pdf_error.h"
#include "pdf/qr.h"
#include "typeset/layout.h"
#include "pdf/tag.h"
#include "read/images.h"

#ifndef MG_VERSION
#define MG_VERSION "0"
#endif

typedef struct pdf_ctx {
	const mg_guide *g;
	const mg_style *s;
	mg_diag *d;
	HPDF_Doc pdf;
	mg_fontlib *lib;
	mg_hyphenlib *hy;	/* for the layout made here */
	const mg_layout_opts *lo;	/* likewise; may be NULL */
	mg_fonts *fonts;
	const mg_layout *l;
	mg_layout *own;		/* the layout, when made here */
	mg_tagger *tag;
	HPDF_Page *pages;
	HPDF_Image *images;
	mg_vec warned;		/* unsigned: code points already reported */
	z_stream zs;		/* deflates each page's contents */
	int zs_ready;
	HPDF_STATUS err, detail;
} pdf_ctx;

/* The state of one page's painting. */
typedef struct paint {
	HPDF_Page page;
	int seq_elem;		/* elem of the open marked-content sequence */
	int seq_kind;		/* its artifact kind */
	int seq_open;
	int in_text;		/* BT open */
	int in_tj;		/* a TJ array open */
	double pen_x, pen_y;	/* where the open TJ's next glyph goes */
	int font;		/* current font (mg_fonts_pick), -1 unknown */
	double size, gray;
} paint;

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
	pdf_ctx *c = user;

	if (!c->err) {
		c->err = error_no;
		c->detail = detail_no;
	}
}

/* ---- text ---- */

/* Reports cp once per document. */
static void warn_char(pdf_ctx *c, unsigned cp, mg_face face, int beyond_bmp)
{
	unsigned *seen = c->warned.items;
	size_t i;

	for (i = 0; i < c->warned.len; i++)
		if (seen[i] == cp)
			return;
	*(unsigned *)mg_vec_push(&c->warned) = cp;
	if (beyond_bmp)
		mg_warning(c->d, c->g->dir, 0, 0,
			   "character U+%04X cannot be shown in the PDF (outside "
			   "the Basic Multilingual Plane); drawn as U+%04X",
			   cp, mg_fonts_subst(c->fonts, face, cp));
	else
		mg_warning(c->d, c->g->dir, 0, 0,
			   "no font has a glyph for character U+%04X (tried '%s' "
			   "and the fallback font); the PDF shows an empty box",
			   cp, mg_fonts_file(c->fonts, face));
}

/* Appends glyph id gid to a literal string as two bytes, escaped. */
static size_t put_gid(char *out, unsigned gid)
{
	unsigned char byte[2] = { (unsigned char)(gid >> 8), (unsigned char)gid };
	size_t o = 0;
	int k;

	for (k = 0; k < 2; k++) {
		switch (byte[k]) {
		case '(': case ')': case '\\':
			out[o++] = '\\';
			out[o++] = (char)byte[k];
			break;
		case '\r':
			out[o++] = '\\';
			out[o++] = 'r';
			break;
		case '\n':
			out[o++] = '\\';
			out[o++] = 'n';
			break;
		default:
			out[o++] = (char)byte[k];
		}
	}
	return o;
}

/* ---- painting ---- */

static mg_artifact artifact_kind(const pdf_ctx *c, const mg_box *b)
{
	if (b->kind != MG_BOX_TEXT)
		return MG_ART_LAYOUT;
	if (b->y >= c->l->page_height - c->s->margin_top)
		return MG_ART_HEADER;
	if (b->y <= c->s->margin_bottom)
		return MG_ART_FOOTER;
	return MG_ART_LAYOUT;
}

/* A libharu stream of its own kind "callback" whose every write is appended
 * to a vector: a page's content while it is painted, the document when it
 * is saved. libharu's memory streams copy every byte one at a time, and a
 * page's content would be copied out again to be deflated. */
static HPDF_STATUS append_piece(HPDF_Stream st, const HPDF_BYTE *ptr,
				HPDF_UINT size)
{
	mg_vec_append(st->attr, ptr, size);
	return HPDF_OK;
}

/* Text objects are written here, not through libharu's BeginText/ShowText:
 * the fonts are our own Type0 objects (fonts.c). */
static HPDF_Stream stream(paint *p)
{
	return ((HPDF_PageAttr)p->page->attr)->stream;
}

static void put(paint *p, const char *s)
{
	HPDF_Stream_WriteStr(stream(p), s);
}

/* Writes v rounded to 1/100 (what a PDF needs of a position or a size),
 * without printf, whose floating-point path dominated the painting. */
static void put_num(paint *p, double v)
{
	long h = lround(v * 100.0);
	char buf[32], *e = buf + sizeof buf, *q = e;
	int neg = h < 0;

	if (neg)
		h = -h;
	if (h % 100) {
		if (h % 10)
			*--q = (char)('0' + h % 10);
		*--q = (char)('0' + h / 10 % 10);
		*--q = '.';
	}
	h /= 100;
	do
		*--q = (char)('0' + h % 10);
	while ((h /= 10) > 0);
	if (neg)
		*--q = '-';
	HPDF_Stream_Write(stream(p), (const HPDF_BYTE *)q, (HPDF_UINT)(e - q));
}

static void end_tj(paint *p)
{
	if (p->in_tj) {
		put(p, "] TJ\n");
		p->in_tj = 0;
	}
}

static void end_text(paint *p)
{
	end_tj(p);
	if (p->in_text) {
		put(p, "ET\n");
		p->in_text = 0;
	}
}

static int sequence(pdf_ctx *c, paint *p, const mg_box *b)
{
	int elem = b->elem >= 0 ? b->elem : -1;
	int kind = elem < 0 ? (int)artifact_kind(c, b) : 0;

	if (p->seq_open && p->seq_elem == elem && p->seq_kind == kind)
		return 0;
	end_text(p);
	if (p->seq_open && mg_tag_end(c->tag) < 0)
		return -1;
	p->seq_open = 1;
	p->seq_elem = elem;
	p->seq_kind = kind;
	return mg_tag_begin(c->tag, elem, (mg_artifact)kind);
}

static void set_gray(paint *p, double gray)
{
	if (p->gray != gray) {
		HPDF_Page_SetGrayFill(p->page, (HPDF_REAL)gray);
		p->gray = gray;
	}
}

/* Paints a run of glyphs of one font, buf = "(...)", starting at x on b's
 * baseline. Runs on one baseline in one font go into one TJ array, the gaps
 * between them as position adjustments; a hyphenated piece (b->actual) is
 * shown with Tj inside its ActualText span. */
static int paint_run(pdf_ctx *c, paint *p, const mg_box *b, int font, double x,
		     const char *buf, size_t len, unsigned long adv)
{
	const char *res;
	long adj;

	if (p->in_tj && (p->font != font || p->size != b->size ||
			 p->gray != b->gray || p->pen_y != b->y))
		end_tj(p);
	set_gray(p, b->gray);
	if (p->font != font || p->size != b->size) {
		res = mg_fonts_use(c->fonts, font, p->page);
		if (!res)
			return -1;
		put(p, "/");
		put(p, res);
		put(p, " ");
		put_num(p, b->size);
		put(p, " Tf\n");
		p->font = font;
		p->size = b->size;
	}
	if (p->in_tj) {
		/* the viewer's pen moves by -adj/1000 em */
		adj = lround((p->pen_x - x) * 1000.0 / b->size);
		if (adj) {
			put(p, " ");
			put_num(p, (double)adj);
			put(p, " ");
			p->pen_x -= adj * b->size / 1000.0;
		}
	} else {
		put(p, "1 0 0 1 ");
		put_num(p, x);
		put(p, " ");
		put_num(p, b->y);
		put(p, " Tm\n");
		p->pen_x = x;
		p->pen_y = b->y;
		if (!b->actual) {
			put(p, "[");
			p->in_tj = 1;
		}
	}
	HPDF_Stream_Write(stream(p), (const HPDF_BYTE *)buf, (HPDF_UINT)len);
	p->pen_x += adv * b->size / 1000.0;
	if (b->actual)
		put(p, " Tj\n");
	return 0;
}

/* Paints a text box: its glyphs in runs of one font each (the face's own,
 * or the fallback for what it lacks), substituting what cannot be shown
 * and reporting what no font has. */
static int paint_text(pdf_ctx *c, paint *p, const mg_box *b)
{
	char small[512], *buf = small;
	size_t i = 0, o = 0;
	unsigned cp, sub, gid, w;
	unsigned long adv = 0;
	double x = b->x;
	int font, run = -1, rc = 0;

	if (!b->text || b->len == 0)
		return 0;
	if (b->actual)
		end_tj(p);
	if (!p->in_text) {
		put(p, "BT\n");
		p->in_text = 1;
	}
	if (b->actual)
		mg_tag_span(c->tag, b->actual);
	if (4 * b->len + 2 > sizeof small)
		buf = mg_xmalloc(4 * b->len + 2);
	while (i < b->len && rc == 0) {
		cp = mg_utf8_next(b->text, b->len, &i);
		sub = mg_fonts_subst(c->fonts, b->face, cp);
		if (sub != cp && cp >= 0x10000)
			warn_char(c, cp, b->face, 1);
		font = mg_fonts_pick(c->fonts, b->face, sub);
		if (font != run && o) {
			buf[o++] = ')';
			rc = paint_run(c, p, b, run, x, buf, o, adv);
			x += adv * b->size / 1000.0;
			o = 0;
			adv = 0;
		}
		run = font;
		if (!o)
			buf[o++] = '(';
		gid = mg_fonts_glyph(c->fonts, font, sub, &w);
		if (!gid)
			warn_char(c, sub, b->face, 0);
		adv += w;
		o += put_gid(buf + o, gid);
	}
	if (o && rc == 0) {
		buf[o++] = ')';
		rc = paint_run(c, p, b, run, x, buf, o, adv);
	}
	if (b->actual)
		mg_tag_span_end(c->tag);
	if (buf != small)
		free(buf);
	return rc;
}

/* ---- images ---- */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* 1 if the IHDR chunk at h (13 bytes of data) is one libpng accepts:
 * a size, and a bit depth allowed for the colour type. */
static int ihdr_ok(const unsigned char *h)
{
	uint32_t w = be32(h), ht = be32(h + 4);

	if (!w || !ht || w > 0x7fffffffu || ht > 0x7fffffffu || h[10] || h[11] || h[12] > 1)
		return 0;
	return mg_png_depth_ok(h[8], h[9]);
}

/* libharu hands PNGs to libpng with an error callback that returns, so any
 * libpng error or warning aborts the process or fails the document. Copies
 * the PNG keeping only the chunks needed to draw it (IHDR, PLTE, tRNS, IDAT,
 * IEND), after checking the header, every chunk's bounds and CRC (the
 * picture data inside IDAT was checked when the guide was read, by
 * read/images.c). Returns a malloc'd copy, or NULL if the file is damaged. */
static unsigned char *clean_png(const unsigned char *d, size_t n, size_t *outlen)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	unsigned char *out;
	size_t pos = 8, o = 8, len;
	int idat = 0, end = 0;

	if (n < 8 + 25 || memcmp(d, sig, 8) != 0 || be32(d + 8) != 13 ||
	    memcmp(d + 12, "IHDR", 4) != 0 || !ihdr_ok(d + 16))
		return NULL;
	out = mg_xmalloc(n);
	memcpy(out, sig, 8);
	while (!end) {
		if (n - pos < 12)
			goto bad;
		len = be32(d + pos);
		if (len > n - pos - 12 ||
		    crc32(0L, d + pos + 4, (uInt)(len + 4)) != be32(d + pos + 8 + len))
			goto bad;
		end = memcmp(d + pos + 4, "IEND", 4) == 0;
		if (memcmp(d + pos + 4, "IDAT", 4) == 0)
			idat = 1;
		if (end || memcmp(d + pos + 4, "IHDR", 4) == 0 ||
		    memcmp(d + pos + 4, "PLTE", 4) == 0 ||
		    memcmp(d + pos + 4, "tRNS", 4) == 0 ||
		    memcmp(d + pos + 4, "IDAT", 4) == 0) {
			memcpy(out + o, d + pos, len + 12);
			o += len + 12;
		}
		pos += len + 12;
	}
	if (!idat)
		goto bad;
	*outlen = o;
	return out;
bad:
	free(out);
	return NULL;
}

static HPDF_Image load_png(pdf_ctx *c, int index)
{
	const mg_image *im = &c->g->images[index];
	size_t len = 0;
	unsigned char *png = clean_png(im->data, im->size, &len);
	HPDF_Image r;

	if (!png) {
		mg_pdf_image_error(c->d, c->g, index, "is a damaged or unsupported "
				   "PNG file (bad header, a truncated chunk or a failed CRC)");
		return NULL;
	}
	r = HPDF_LoadPngImageFromMem(c->pdf, png, (HPDF_UINT)len);
	free(png);
	return r;
}

/* The image's libharu object, loaded on first use. An error libharu raises
 * while loading it is the image's, even when libharu hands back an object
 * (it keeps going after some libpng errors): reported where the guide uses
 * the image, and the image is not drawn. */
static HPDF_Image image(pdf_ctx *c, int index)
{
	const mg_image *im;
	HPDF_STATUS before = c->err;

	if (index < 0 || (size_t)index >= c->g->nimages)
		return NULL;
	if (c->images[index])
		return c->images[index];
	im = &c->g->images[index];
	if (strcmp(im->media_type, "image/png") == 0)
		c->images[index] = load_png(c, index);
	else
		c->images[index] = HPDF_LoadJpegImageFromMem(c->pdf, im->data,
							      (HPDF_UINT)im->size);
	if (c->err && (!before || !c->images[index])) {
		mg_pdf_image_error(c->d, c->g, index, "cannot be drawn in the PDF: %s "
				   "(libharu error 0x%04lX)", mg_hpdf_error_text(c->err),
				   (unsigned long)c->err);
		HPDF_ResetError(c->pdf);
		c->err = 0;
		c->images[index] = NULL;
	}
	return c->images[index];
}

static int paint_box(pdf_ctx *c, paint *p, const mg_box *b)
{
	HPDF_Image im;

	if (sequence(c, p, b) < 0)
		return -1;
	switch (b->kind) {
	case MG_BOX_TEXT:
		return paint_text(c, p, b);
	case MG_BOX_RULE:
		end_text(p);
		set_gray(p, b->gray);
		HPDF_Page_Rectangle(p->page, (HPDF_REAL)b->x, (HPDF_REAL)b->y,
				    (HPDF_REAL)b->w, (HPDF_REAL)b->h);
		HPDF_Page_Fill(p->page);
		return 0;
	case MG_BOX_IMAGE:
		end_text(p);
		im = image(c, b->image);
		if (!im)
			return -1;
		HPDF_Page_DrawImage(p->page, im, (HPDF_REAL)b->x, (HPDF_REAL)b->y,
				    (HPDF_REAL)b->w, (HPDF_REAL)b->h);
		return 0;
	case MG_BOX_QR:
		end_text(p);
		set_gray(p, 0);	/* pure black on the white page */
		return mg_pdf_qr_paint(p->page, b, c->l);
	}
	return 0;
}

static HPDF_Destination destination(pdf_ctx *c, int dest)
{
	const mg_dest *t;
	HPDF_Destination dst;

	if (dest < 0 || (size_t)dest >= c->l->ndests)
		return NULL;
	t = &c->l->dests[dest];
	if (t->page < 0 || (size_t)t->page >= c->l->npages)
		return NULL;
	/* [page /XYZ null top null]: the viewer keeps its left and its zoom
	 * (libharu's SetXYZ refuses a null zoom). */
	dst = HPDF_Page_CreateDestination(c->pages[t->page]);
	if (!dst)
		return NULL;
	HPDF_Array_Clear(dst);
	if (HPDF_Array_Add(dst, c->pages[t->page]) != HPDF_OK ||
	    HPDF_Array_AddName(dst, "XYZ") != HPDF_OK ||
	    HPDF_Array_Add(dst, HPDF_Null_New(c->pdf->mmgr)) != HPDF_OK ||
	    HPDF_Array_AddReal(dst, (HPDF_REAL)t->y) != HPDF_OK ||
	    HPDF_Array_Add(dst, HPDF_Null_New(c->pdf->mmgr)) != HPDF_OK)
		return NULL;
	return dst;
}

static int add_links(pdf_ctx *c, int index)
{
	HPDF_Page page = c->pages[index];
	size_t i;

	for (i = 0; i < c->l->nlinks; i++) {
		const mg_link *k = &c->l->links[i];
		HPDF_Rect r = { (HPDF_REAL)k->x0, (HPDF_REAL)k->y0,
				(HPDF_REAL)k->x1, (HPDF_REAL)k->y1 };
		HPDF_Annotation a;
		HPDF_Destination dst;

		if (k->page != index)
			continue;
		if (k->uri) {
			a = HPDF_Page_CreateURILinkAnnot(page, r, k->uri);
		} else {
			dst = destination(c, k->dest);
			if (!dst)
				continue;
			a = HPDF_Page_CreateLinkAnnot(page, r, dst);
		}
		if (!a)
			return -1;
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
		if (k->contents)
			HPDF_Dict_Add(a, "Contents",
				      mg_tag_text(c->pdf->mmgr, k->contents));
		if (mg_tag_annot(c->tag, a, k->elem) < 0)
			return -1;
	}
	return 0;
}

/* libharu writes /Filter only for the filters it applies itself; this hook
 * (called inside the stream's dictionary) names the one applied here. */
static HPDF_STATUS write_flate_key(HPDF_Dict dict, HPDF_Stream out)
{
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\n");
}

/* Deflates a page's contents (raw[0..len)) at level 1 into its own
 * stream. libharu can only deflate at level 6: four times slower for a few
 * percent fewer bytes. */
static int put_contents(pdf_ctx *c, HPDF_Page page, const void *raw,
			size_t len)
{
	HPDF_Dict cs = ((HPDF_PageAttr)page->attr)->contents;
	uLong cap;
	unsigned char *z;
	int rc = -1;

	if (!c->zs_ready) {
		if (deflateInit(&c->zs, 1) != Z_OK)
			return -1;
		c->zs_ready = 1;
	} else if (deflateReset(&c->zs) != Z_OK) {
		return -1;
	}
	cap = deflateBound(&c->zs, (uLong)len);
	z = mg_xmalloc(cap);
	c->zs.next_in = (Bytef *)raw;
	c->zs.avail_in = (uInt)len;
	c->zs.next_out = z;
	c->zs.avail_out = (uInt)cap;
	if (deflate(&c->zs, Z_FINISH) != Z_STREAM_END)
		goto out;
	if (HPDF_Stream_Write(cs->stream, z, (HPDF_UINT)c->zs.total_out) != HPDF_OK)
		goto out;
	cs->filter = HPDF_STREAM_FILTER_NONE;
	cs->write_fn = write_flate_key;
	rc = 0;
out:
	free(z);
	return rc;
}

static int paint_boxes(pdf_ctx *c, paint *p, const mg_page *pg)
{
	for (size_t i = 0; i < pg->nboxes; i++)
		if (paint_box(c, p, &pg->boxes[i]) < 0)
			return -1;
	end_text(p);
	if (p->seq_open && mg_tag_end(c->tag) < 0)
		return -1;
	return 0;
}

/* Paints page index. Everything written to the page's stream meanwhile (by
 * libharu's page operators, tag.c and this file) goes to a vector, which
 * put_contents then deflates into the page's own stream. */
static int paint_page(pdf_ctx *c, int index)
{
	paint p = { .page = c->pages[index], .font = -1, .size = -1, .gray = 0 };
	HPDF_PageAttr attr = p.page->attr;
	HPDF_Stream into;
	mg_vec content;
	int rc;

	if (mg_tag_page(c->tag, p.page, index) < 0)
		return -1;
	mg_vec_init(&content, 1);
	into = HPDF_CallbackWriter_New(c->pdf->mmgr, append_piece, &content);
	if (!into)
		return -1;
	attr->stream = into;
	rc = paint_boxes(c, &p, &c->l->pages[index]);
	attr->stream = attr->contents->stream;
	HPDF_Stream_Free(into);
	if (rc < 0) {
		mg_vec_release(&content);
		return -1;
	}
	rc = put_contents(c, p.page, content.items, content.len);
	mg_vec_release(&content);
	if (rc < 0)
		return -1;
	return add_links(c, index);
}

/* ---- document ---- */

static int add_outline(pdf_ctx *c)
{
	HPDF_Outline stack[8] = { 0 };
	size_t i;
	int lv, up;

	for (i = 0; i < c->l->noutline; i++) {
		const mg_outline *o = &c->l->outline[i];
		HPDF_Outline parent = NULL, node;
		HPDF_Destination dst;

		lv = o->level < 1 ? 1 : o->level > 7 ? 7 : o->level;
		for (up = lv - 1; up >= 1 && !parent; up--)
			parent = stack[up];
		node = HPDF_CreateOutline(c->pdf, parent, "", NULL);
		if (!node || HPDF_Dict_Add(node, "Title",
					   mg_tag_text(c->pdf->mmgr, o->title)) != HPDF_OK)
			return -1;
		dst = destination(c, o->dest);
		if (dst)
			HPDF_Outline_SetDestination(node, dst);
		stack[lv] = node;
		for (up = lv + 1; up < 8; up++)
			stack[up] = NULL;
	}
	return 0;
}

static int add_page_labels(pdf_ctx *c)
{
	HPDF_Dict tree, lab;
	HPDF_Array nums;
	size_t i;
	int rc = HPDF_OK;

	if (!c->l->nlabels)
		return 0;
	tree = HPDF_Dict_New(c->pdf->mmgr);
	nums = HPDF_Array_New(c->pdf->mmgr);
	if (!tree || !nums)
		return -1;
	rc |= HPDF_Dict_Add(tree, "Nums", nums);
	for (i = 0; i < c->l->nlabels; i++) {
		const mg_label_range *r = &c->l->labels[i];

		lab = HPDF_Dict_New(c->pdf->mmgr);
		if (!lab)
			return -1;
		if (r->style != MG_NUM_NONE) {
			rc |= HPDF_Dict_AddName(lab, "S", r->style == MG_NUM_ROMAN ? "r" : "D");
			if (r->start > 1)
				rc |= HPDF_Dict_AddNumber(lab, "St", r->start);
		}
		rc |= HPDF_Array_AddNumber(nums, r->first_page);
		rc |= HPDF_Array_Add(nums, lab);
	}
	rc |= HPDF_Dict_Add(c->pdf->catalog, "PageLabels", tree);
	return rc == HPDF_OK ? 0 : -1;
}

static char *join(const char **v, size_t n, const char *sep)
{
	size_t len = 1, i;
	char *s;

	for (i = 0; i < n; i++)
		len += strlen(v[i]) + strlen(sep);
	s = mg_xmalloc(len);
	s[0] = 0;
	for (i = 0; i < n; i++) {
		if (i)
			strcat(s, sep);
		strcat(s, v[i]);
	}
	return s;
}

/* Document info. Text entries are UTF-16BE strings made here (libharu's
 * own would need its UTF-8 encoder, whose set-up costs more than all the
 * tagging); the dates go first, as they make libharu create the dict. */
static int set_info(pdf_ctx *c)
{
	HPDF_MMgr mm = c->pdf->mmgr;
	struct tm tm;
	HPDF_Date date = { 0 };
	HPDF_Dict info;
	char *authors = join(c->g->authors, c->g->nauthors, ", ");
	char *keywords = join(c->g->subjects, c->g->nsubjects, ", ");
	int rc = HPDF_OK;

	gmtime_r(&c->g->modified, &tm);
	date.year = tm.tm_year + 1900;
	date.month = tm.tm_mon + 1;
	date.day = tm.tm_mday;
	date.hour = tm.tm_hour;
	date.minutes = tm.tm_min;
	date.seconds = tm.tm_sec;
	date.ind = 'Z';
	rc |= HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, date);
	rc |= HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_MOD_DATE, date);
	info = c->pdf->info;
	if (!info) {
		rc = -1;
		goto out;
	}
	rc |= HPDF_Dict_Add(info, "Title", mg_tag_text(mm, c->g->title));
	if (*authors)
		rc |= HPDF_Dict_Add(info, "Author", mg_tag_text(mm, authors));
	if (c->g->description)
		rc |= HPDF_Dict_Add(info, "Subject", mg_tag_text(mm, c->g->description));
	if (*keywords)
		rc |= HPDF_Dict_Add(info, "Keywords", mg_tag_text(mm, keywords));
	rc |= HPDF_SetInfoAttr(c->pdf, HPDF_INFO_CREATOR, "mkguide " MG_VERSION);
	rc |= HPDF_SetInfoAttr(c->pdf, HPDF_INFO_PRODUCER,
			       "mkguide " MG_VERSION " (libharu " HPDF_VERSION_TEXT ")");
out:
	free(authors);
	free(keywords);
	return rc == HPDF_OK ? 0 : -1;
}

/* Character data of the XMP packet: the model holds valid UTF-8 without
 * control characters, so the five markup characters are all that need
 * escaping (libxml2 stays out of the PDF side: the EPUB writer owns it). */
static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		default: fputc(*s, f); break;
		}
	}
}

/* <prop><rdf:Alt><rdf:li xml:lang="x-default">text</rdf:li>... */
static void xmp_alt(FILE *f, const char *prop, const char *text)
{
	fprintf(f, "<%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", prop);
	xml_text(f, text);
	fprintf(f, "</rdf:li></rdf:Alt></%s>\n", prop);
}

/* <prop><rdf:kind><rdf:li>item</rdf:li>...</rdf:kind></prop> */
static void xmp_array(FILE *f, const char *prop, const char *kind,
		      const char *const *items, size_t n)
{
	fprintf(f, "<%s><rdf:%s>", prop, kind);
	for (size_t i = 0; i < n; i++) {
		fputs("<rdf:li>", f);
		xml_text(f, items[i]);
		fputs("</rdf:li>", f);
	}
	fprintf(f, "</rdf:%s></%s>\n", kind, prop);
}

/* The XMP packet (PDF/UA wants dc:title and pdfuaid:part). */
static char *xmp_packet(pdf_ctx *c, size_t *len)
{
	const mg_guide *g = c->g;
	char *buf = NULL, when[32];
	struct tm tm;
	FILE *f = open_memstream(&buf, len);
	size_t i;

	if (!f)
		return NULL;
	gmtime_r(&g->modified, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	fputs("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	      "<rdf:Description rdf:about=\"\"\n"
	      " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	      " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	      " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	      " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n", f);
	fputs("<dc:format>application/pdf</dc:format>\n", f);
	xmp_alt(f, "dc:title", g->title);
	if (g->nauthors)
		xmp_array(f, "dc:creator", "Seq", g->authors, g->nauthors);
	if (g->description)
		xmp_alt(f, "dc:description", g->description);
	if (g->nsubjects) {
		xmp_array(f, "dc:subject", "Bag", g->subjects, g->nsubjects);
		fputs("<pdf:Keywords>", f);
		for (i = 0; i < g->nsubjects; i++) {
			fputs(i ? ", " : "", f);
			xml_text(f, g->subjects[i]);
		}
		fputs("</pdf:Keywords>\n", f);
	}
	xmp_array(f, "dc:language", "Bag", &g->language, 1);
	if (g->identifier) {
		fputs("<dc:identifier>", f);
		xml_text(f, g->identifier);
		fputs("</dc:identifier>\n", f);
	}
	fprintf(f, "<xmp:CreateDate>%s</xmp:CreateDate>\n"
		"<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
		"<xmp:MetadataDate>%s</xmp:MetadataDate>\n"
		"<xmp:CreatorTool>mkguide " MG_VERSION "</xmp:CreatorTool>\n"
		"<pdf:Producer>mkguide " MG_VERSION " (libharu " HPDF_VERSION_TEXT
		")</pdf:Producer>\n"
		"<pdfuaid:part>1</pdfuaid:part>\n"
		"</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
		"<?xpacket end=\"r\"?>\n", when, when, when);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int set_catalog(pdf_ctx *c)
{
	HPDF_MMgr mm = c->pdf->mmgr;
	HPDF_Dict vp = HPDF_Dict_New(mm), meta;
	size_t len = 0;
	char *xmp;
	int rc = HPDF_OK;

	if (!vp)
		return -1;
	rc |= HPDF_Dict_Add(c->pdf->catalog, "Lang",
			    HPDF_String_New(mm, c->g->language, NULL));
	rc |= HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
	rc |= HPDF_Dict_Add(c->pdf->catalog, "ViewerPreferences", vp);
	if (c->l->noutline)
		rc |= HPDF_SetPageMode(c->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	xmp = xmp_packet(c, &len);
	meta = HPDF_DictStream_New(mm, c->pdf->xref);
	if (!xmp || !meta) {
		free(xmp);
		return -1;
	}
	meta->filter = HPDF_STREAM_FILTER_NONE;
	rc |= HPDF_Dict_AddName(meta, "Type", "Metadata");
	rc |= HPDF_Dict_AddName(meta, "Subtype", "XML");
	rc |= HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)xmp, (HPDF_UINT)len);
	rc |= HPDF_Dict_Add(c->pdf->catalog, "Metadata", meta);
	free(xmp);
	return rc == HPDF_OK ? 0 : -1;
}

static int make_pages(pdf_ctx *c)
{
	size_t i;

	c->pages = mg_xcalloc(c->l->npages ? c->l->npages : 1, sizeof *c->pages);
	for (i = 0; i < c->l->npages; i++) {
		c->pages[i] = HPDF_AddPage(c->pdf);
		if (!c->pages[i])
			return -1;
		HPDF_Page_SetWidth(c->pages[i], (HPDF_REAL)c->l->page_width);
		HPDF_Page_SetHeight(c->pages[i], (HPDF_REAL)c->l->page_height);
	}
	return 0;
}

/* Where libharu saves the document: the document's stream, as
 * HPDF_SaveToStream finds it (it only empties memory streams), appending
 * to the product's bytes (see append_piece). */
static int save(pdf_ctx *c, mg_bytes *out)
{
	mg_vec v;

	mg_vec_init(&v, 1);
	c->pdf->stream = HPDF_CallbackWriter_New(c->pdf->mmgr, append_piece, &v);
	if (!c->pdf->stream || HPDF_SaveToStream(c->pdf) != HPDF_OK ||
	    v.len == 0) {
		mg_vec_release(&v);
		return -1;
	}
	out->data = v.items;
	out->len = v.len;
	return 0;
}

static int render(pdf_ctx *c, const mg_layout *given, mg_bytes *out)
{
	mg_metrics m;
	size_t i;

	c->fonts = mg_fonts_load(c->pdf, c->lib, c->s, c->d);
	if (!c->fonts)
		return -1;
	mg_fonts_metrics(c->fonts, &m);
	c->l = given;
	if (!c->l)
		c->l = c->own = mg_layout_run(c->g, c->s, &m, c->hy, c->lo,
					      c->d);
	if (!c->l) {
		mg_error(c->d, c->g->dir, 0, 0, "the PDF layout failed");
		return -1;
	}
	if (mg_fonts_broken(c->fonts)) {
		char where[4200];

		snprintf(where, sizeof where, "%s/style.yaml",
			 c->s->dir ? c->s->dir : ".");
		mg_error(c->d, where, 0, 0, "cannot load font '%s': libharu "
			 "cannot read its character map", mg_fonts_broken(c->fonts));
		return -1;
	}
	c->images = mg_xcalloc(c->g->nimages + 1, sizeof *c->images);
	c->tag = mg_tag_new(c->pdf, c->l);
	if (!c->tag || make_pages(c) < 0)
		return -1;
	for (i = 0; i < c->l->npages; i++)
		if (paint_page(c, (int)i) < 0)
			return -1;
	if (mg_fonts_finish(c->fonts) < 0 || add_outline(c) < 0 ||
	    add_page_labels(c) < 0 || set_catalog(c) < 0 || mg_tag_finish(c->tag) < 0)
		return -1;
	if (set_info(c) < 0 || c->err)
		return -1;
	return save(c, out);
}

static int write_pdf(const mg_guide *g, const mg_style *s, mg_fontlib *lib,
		     mg_hyphenlib *hy, const mg_layout_opts *lo,
		     const mg_layout *l, mg_bytes *out, mg_diag *d)
{
	pdf_ctx c = { .g = g, .s = s, .d = d, .lib = lib, .hy = hy, .lo = lo };
	size_t errors = d->errors;
	int rc;

	out->data = NULL;
	out->len = 0;
	mg_vec_init(&c.warned, sizeof(unsigned));
	c.pdf = HPDF_New(on_error, &c);
	if (!c.pdf) {
		mg_error(d, g->dir, 0, 0, "cannot start a PDF document");
		return -1;
	}
	HPDF_SetCompressionMode(c.pdf, HPDF_COMP_ALL);
	c.pdf->pdf_version = HPDF_VER_17;
	rc = render(&c, l, out);
	if (rc < 0 && d->errors == errors)
		mg_pdf_failure(d, g, s->dir, c.fonts ? mg_fonts_broken(c.fonts) : NULL,
			       c.err, c.detail);
	mg_tag_free(c.tag);
	mg_layout_free(c.own);
	mg_fonts_free(c.fonts);
	free(c.pages);
	free(c.images);
	mg_vec_release(&c.warned);
	if (c.zs_ready)
		deflateEnd(&c.zs);
	HPDF_Free(c.pdf);
	return rc;
}

int mg_pdf_write(const mg_guide *g, const mg_style *s, mg_fontlib *lib,
		 mg_hyphenlib *hy, const mg_layout_opts *lo, mg_bytes *out,
		 mg_diag *d)
{
	return write_pdf(g, s, lib, hy, lo, NULL, out, d);
}

int mg_pdf_write_layout(const mg_guide *g, const mg_style *s,
			mg_fontlib *lib, const mg_layout *l, mg_bytes *out,
			mg_diag *d)
{
	return write_pdf(g, s, lib, NULL, NULL, l, out, d);
}

void mg_pdf_shutdown(void)
{
	FcFini();
}
