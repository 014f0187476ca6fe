/* pdf_error.c — sentences for the libharu errors a guide can still reach
 * (images, fonts, limits of the PDF format, memory), and the place each is
 * reported; an image's first use in the guide is looked for only then. */
#include "pdf/pdf_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "read/images.h"

struct error_text {
	HPDF_STATUS code;
	int font;		/* about a font: reported at the font's file */
	const char *text;
};

/* The codes of hpdf_error.h (libharu 2.3) that a guide can cause. The rest
 * come from uses of libharu the writer never makes (encryption, Type 1 and
 * CJK fonts, annotations' icons, slideshows...). */
static const struct error_text texts[] = {
	{ HPDF_FAILD_TO_ALLOC_MEM, 0, "the PDF writer ran out of memory" },
	{ HPDF_FILE_IO_ERROR, 0, "reading or writing a file failed" },
	{ HPDF_FILE_OPEN_ERROR, 0, "a file could not be opened" },
	{ HPDF_STREAM_EOF, 0, "a file ended before the data its header announces: "
	  "it is cut short or damaged" },
	{ HPDF_ZLIB_ERROR, 0, "compressed data could not be compressed or "
	  "decompressed (zlib failed): the file is damaged, or memory ran out" },

	{ HPDF_INVALID_PNG_IMAGE, 0, "the PNG file is damaged or of a kind the PDF "
	  "writer cannot read" },
	{ HPDF_LIBPNG_ERROR, 0, "libpng could not decode the PNG file: its picture "
	  "data is damaged or cut short" },
	{ HPDF_INVALID_JPEG_DATA, 0, "the JPEG file is damaged: its header cannot "
	  "be read" },
	{ HPDF_UNSUPPORTED_JPEG_FORMAT, 0, "the JPEG file is " MG_IMAGE_JPEG_KIND_TEXT },
	{ HPDF_INVALID_IMAGE, 0, "the image cannot be used in a PDF" },
	{ HPDF_INVALID_BIT_PER_COMPONENT, 0, "the image has a number of bits per "
	  "colour the PDF writer cannot draw" },
	{ HPDF_INVALID_COLOR_SPACE, 0, "the image's colours are in a form the PDF "
	  "writer cannot draw" },
	{ HPDF_CANNOT_GET_PALLET, 0, "the image's colour palette cannot be read" },
	{ HPDF_PAGE_INVALID_XOBJECT, 0, "an image could not be placed on a page" },

	{ HPDF_TTF_INVALID_CMAP, 1, "the font's character map (its cmap table) is "
	  "of a kind the PDF writer cannot read" },
	{ HPDF_TTF_INVALID_FOMAT, 1, "the font file is not a TrueType font the PDF "
	  "writer can read" },
	{ HPDF_TTF_MISSING_TABLE, 1, "the font file lacks a table every TrueType "
	  "font needs: it is damaged or not a TrueType font" },
	{ HPDF_TTF_CANNOT_EMBEDDING_FONT, 1, "the font's licence does not allow "
	  "embedding it in a PDF" },
	{ HPDF_INVALID_FONTDEF_DATA, 1, "the font file's data is damaged or is "
	  "not a font" },
	{ HPDF_INVALID_FONTDEF_TYPE, 1, "the font is of a kind the PDF writer "
	  "cannot use" },
	{ HPDF_UNSUPPORTED_FONT_TYPE, 1, "the font is of a kind the PDF writer "
	  "cannot use" },
	{ HPDF_INVALID_FONT, 1, "the font is of a kind the PDF writer cannot use" },
	{ HPDF_FONT_INVALID_WIDTHS_TABLE, 1, "the font's table of glyph widths is "
	  "damaged" },
	{ HPDF_INVALID_TTC_FILE, 1, "the font collection (.ttc) is damaged" },
	{ HPDF_INVALID_TTC_INDEX, 1, "the font collection (.ttc) has no font at the "
	  "index fontconfig gave" },
	{ HPDF_PAGE_FONT_NOT_FOUND, 1, "a page uses a font that was not loaded" },
	{ HPDF_PAGE_INVALID_FONT, 1, "a page uses a font that was not loaded" },
	{ HPDF_PAGE_INVALID_FONT_SIZE, 1, "a type size is outside what a PDF "
	  "allows (more than 0 and up to 600 points)" },

	{ HPDF_PAGE_INVALID_SIZE, 0, "the page size is outside what a PDF allows "
	  "(3 to 14,400 points a side): check the style's page size" },
	{ HPDF_PAGE_OUT_OF_RANGE, 0, "a length on a page is outside what a PDF "
	  "allows: check the style's page size and margins" },
	{ HPDF_REAL_OUT_OF_RANGE, 0, "a position or length is outside what a PDF "
	  "allows (up to 32,767 points): check the style's lengths" },
	{ HPDF_STRING_OUT_OF_RANGE, 0, "a text (a title, a name, a link) is longer "
	  "than a PDF string may be (65,535 bytes)" },
	{ HPDF_BINARY_LENGTH_ERR, 0, "a text (a title, a name, a link) is longer "
	  "than a PDF string may be (65,535 bytes)" },
	{ HPDF_NAME_OUT_OF_RANGE, 0, "a name in the PDF is longer than 127 bytes" },
	{ HPDF_INVALID_URI, 0, "a link's address cannot be written into the PDF" },
	{ HPDF_ARRAY_COUNT_ERR, 0, "a list in the PDF would hold more than 32,767 "
	  "items (a page with too many links, or a part with too many blocks): "
	  "split the chapter" },
	{ HPDF_DICT_COUNT_ERR, 0, "an object in the PDF would hold more than 4,095 "
	  "entries (a page with too many fonts or images)" },
	{ HPDF_XREF_COUNT_ERR, 0, "the PDF would hold more than 8,388,607 objects, "
	  "the most the format allows: split the guide" },
	{ HPDF_EXCEED_GSTATE_LIMIT, 0, "a page nests graphics states deeper than a "
	  "PDF allows (28)" },
	{ HPDF_INVALID_DATE_TIME, 0, "the guide's date cannot be written as a PDF "
	  "date" },
	{ HPDF_INVALID_DESTINATION, 0, "an internal link or outline entry points "
	  "nowhere" },
	{ HPDF_INVALID_OUTLINE, 0, "the PDF's outline (its bookmarks) could not be "
	  "made" },
	{ HPDF_INVALID_PAGE, 0, "a page of the PDF could not be made" },
	{ HPDF_INVALID_PAGES, 0, "the PDF's page tree could not be made" },
	{ HPDF_PAGE_LAYOUT_OUT_OF_RANGE, 0, "the PDF's opening page layout is not "
	  "one a PDF allows" },
	{ HPDF_PAGE_MODE_OUT_OF_RANGE, 0, "the PDF's opening page mode is not one "
	  "a PDF allows" },
	{ HPDF_PAGE_NUM_STYLE_OUT_OF_RANGE, 0, "a style of page numbers is not one "
	  "a PDF allows" },
};

static const struct error_text *find(HPDF_STATUS code)
{
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (texts[i].code == code)
			return &texts[i];
	return NULL;
}

const char *mg_hpdf_error_text(HPDF_STATUS code)
{
	const struct error_text *t = find(code);

	if (t)
		return t->text;
	if (code == HPDF_OK)
		return "the PDF library stopped without saying why";
	return "the PDF library (libharu) met an internal error: please report it "
	       "with the code in parentheses";
}

int mg_hpdf_error_is_font(HPDF_STATUS code)
{
	const struct error_text *t = find(code);

	return t && t->font;
}

void mg_pdf_failure(mg_diag *d, const mg_guide *g, const char *style_dir,
		    const char *font, HPDF_STATUS code, HPDF_STATUS detail)
{
	const char *file = g->dir;
	char *style = NULL;

	if (mg_hpdf_error_is_font(code) && font) {
		file = font;
	} else if (mg_hpdf_error_is_font(code)) {
		style_dir = style_dir ? style_dir : ".";
		style = mg_xmalloc(strlen(style_dir) + sizeof "/style.yaml");
		sprintf(style, "%s/style.yaml", style_dir);
		file = style;
	}
	mg_error(d, file, 0, 0, "cannot make the PDF: %s (libharu error 0x%04lX, "
		 "detail %lu)", mg_hpdf_error_text(code), (unsigned long)code,
		 (unsigned long)detail);
	free(style);
}

/* ---- where an image is used ---- */

struct image_use {
	int index;
	const mg_node *found;
};

static int find_use(const mg_node *n, int entering, void *ctx)
{
	struct image_use *u = ctx;

	if (entering && (n->type == MG_NODE_IMAGE || n->type == MG_NODE_FIGURE) &&
	    n->image == u->index) {
		u->found = n;
		return 1;
	}
	return 0;
}

/* The first node of part p (its heading, body, then footnotes) that shows
 * image index, or NULL. */
static const mg_node *use_in_part(const mg_part *p, int index)
{
	struct image_use u = { index, NULL };

	if (p->heading && mg_node_walk(p->heading, find_use, &u))
		return u.found;
	if (p->body && mg_node_walk(p->body, find_use, &u))
		return u.found;
	for (size_t k = 0; k < p->nfootnotes; k++)
		if (p->footnotes[k].body && mg_node_walk(p->footnotes[k].body, find_use, &u))
			return u.found;
	return NULL;
}

void mg_pdf_image_error(mg_diag *d, const mg_guide *g, int index,
			const char *fmt, ...)
{
	const char *path = g->images[index].path, *dir = g->dir ? g->dir : ".";
	char what[1024], *file = NULL;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	for (size_t i = 0; i < g->nparts; i++) {
		const mg_node *n = use_in_part(&g->parts[i], index);

		if (n) {
			mg_error(d, g->parts[i].path, n->line, n->col, "image '%s' %s",
				 path, what);
			return;
		}
	}
	file = mg_xmalloc(strlen(dir) + strlen(path) + 16);
	if (index == g->cover) {
		sprintf(file, "%s/guide.yaml", dir);
		mg_error(d, file, 0, 0, "cover image '%s' %s", path, what);
	} else {
		sprintf(file, "%s/%s", dir, path);
		mg_error(d, file, 0, 0, "image '%s' %s", path, what);
	}
	free(file);
}
