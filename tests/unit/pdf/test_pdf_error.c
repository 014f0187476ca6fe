/* test_pdf_error.c — libharu's error codes as sentences, and where an image
 * the PDF writer cannot draw is reported: its first use in the Markdown, the
 * cover's guide.yaml, or the file. Run from the repository's root. */
#include "core/diag.h"
#include "model/guide.h"
#include "pdf/pdf.h"
#include "pdf/pdf_error.h"
#include "read/source.h"
#include "read/style.h"

#include "mgtest.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Codes a guide can cause get their own sentence. */
static void known_codes(void)
{
	CHECK_STR(mg_hpdf_error_text(HPDF_FAILD_TO_ALLOC_MEM), "the PDF writer ran out of memory");
	CHECK(strstr(mg_hpdf_error_text(HPDF_INVALID_PNG_IMAGE), "PNG file") != NULL);
	CHECK(strstr(mg_hpdf_error_text(HPDF_LIBPNG_ERROR), "PNG file") != NULL);
	CHECK(strstr(mg_hpdf_error_text(HPDF_UNSUPPORTED_JPEG_FORMAT), "JPEG file") != NULL);
	CHECK(strstr(mg_hpdf_error_text(HPDF_INVALID_JPEG_DATA), "JPEG file is damaged") != NULL);
	CHECK(strstr(mg_hpdf_error_text(HPDF_STREAM_EOF), "cut short") != NULL);
	CHECK(strstr(mg_hpdf_error_text(HPDF_TTF_INVALID_CMAP), "character map") != NULL);
	CHECK(strstr(mg_hpdf_error_text(HPDF_XREF_COUNT_ERR), "8,388,607") != NULL);
	CHECK(mg_hpdf_error_is_font(HPDF_TTF_INVALID_CMAP));
	CHECK(mg_hpdf_error_is_font(HPDF_INVALID_FONTDEF_DATA));
	CHECK(!mg_hpdf_error_is_font(HPDF_INVALID_PNG_IMAGE));
	CHECK(!mg_hpdf_error_is_font(HPDF_FAILD_TO_ALLOC_MEM));
}

/* Every code, known or not (and 0), gives a sentence: not empty, starting
 * in lower case (it follows "cannot make the PDF: "), with no final stop
 * (the code follows it). */
static void every_code_a_sentence(void)
{
	for (HPDF_STATUS code = 0x1000; code <= 0x1090; code++) {
		const char *t = mg_hpdf_error_text(code);
		size_t n = t ? strlen(t) : 0;

		if (n < 10 || t[0] < 'a' || t[0] > 'z' || t[n - 1] == '.') {
			printf("  code 0x%04lX: \"%s\"\n", (unsigned long)code, t ? t : "(null)");
			mgt_current_failed = 1;
		}
	}
	CHECK(strstr(mg_hpdf_error_text(0x9999), "internal error") != NULL);
	CHECK(strstr(mg_hpdf_error_text(HPDF_OK), "without saying why") != NULL);
	CHECK(!mg_hpdf_error_is_font(0x9999));
}

/* A guide of two parts; image 0 is shown by a FIGURE on line 12, column 5
 * of the second, image 1 inside a footnote of the first, image 2 is only
 * the cover, image 3 is used nowhere. */
static mg_guide *model(void)
{
	mg_guide *g = mg_guide_new();
	static const char *const paths[] = { "big.png", "note.jpg", "img/cover.png", "spare.png" };

	g->dir = "book/x";
	g->nimages = 4;
	g->images = mg_arena_alloc(g->arena, 4 * sizeof *g->images);
	for (int i = 0; i < 4; i++)
		g->images[i].path = paths[i];
	g->cover = 2;
	g->nparts = 2;
	g->parts = mg_arena_alloc(g->arena, 2 * sizeof *g->parts);
	g->parts[0].path = "book/x/01.md";
	g->parts[0].body = mg_node_new(g, MG_NODE_DOCUMENT, 1, 1);
	g->parts[0].nfootnotes = 1;
	g->parts[0].footnotes = mg_arena_alloc(g->arena, sizeof *g->parts[0].footnotes);
	g->parts[0].footnotes[0].body = mg_node_new(g, MG_NODE_DOCUMENT, 20, 1);
	mg_node *para = mg_node_new(g, MG_NODE_PARAGRAPH, 20, 7);
	mg_node *img = mg_node_new(g, MG_NODE_IMAGE, 20, 9);
	img->image = 1;
	mg_node_append(para, img);
	mg_node_append(g->parts[0].footnotes[0].body, para);
	g->parts[1].path = "book/x/02.md";
	g->parts[1].body = mg_node_new(g, MG_NODE_DOCUMENT, 1, 1);
	mg_node *fig = mg_node_new(g, MG_NODE_FIGURE, 12, 5);
	fig->image = 0;
	mg_node_append(g->parts[1].body, fig);
	return g;
}

static int has(const mg_diag *d, const char *file, int line, int col, const char *text)
{
	for (size_t i = 0; i < d->len; i++) {
		const mg_message *m = &d->items[i];
		if (m->severity == MG_ERROR && m->file && !strcmp(m->file, file) &&
		    m->line == line && m->col == col && !strcmp(m->text, text))
			return 1;
	}
	for (size_t i = 0; i < d->len; i++)
		printf("  # %s:%d:%d: %s\n", d->items[i].file ? d->items[i].file : "-",
		       d->items[i].line, d->items[i].col, d->items[i].text);
	return 0;
}

static void image_places(void)
{
	mg_guide *g = model();
	mg_diag d;

	mg_diag_init(&d);
	mg_pdf_image_error(&d, g, 0, "cannot be drawn in the PDF: %s (libharu error 0x%04X)",
			   mg_hpdf_error_text(HPDF_STREAM_EOF), 0x1058);
	CHECK(has(&d, "book/x/02.md", 12, 5, "image 'big.png' cannot be drawn in the PDF: a "
		  "file ended before the data its header announces: it is cut short or "
		  "damaged (libharu error 0x1058)"));
	mg_pdf_image_error(&d, g, 1, "is damaged");
	CHECK(has(&d, "book/x/01.md", 20, 9, "image 'note.jpg' is damaged"));
	mg_pdf_image_error(&d, g, 2, "is damaged");
	CHECK(has(&d, "book/x/guide.yaml", 0, 0, "cover image 'img/cover.png' is damaged"));
	mg_pdf_image_error(&d, g, 3, "is damaged");
	CHECK(has(&d, "book/x/spare.png", 0, 0, "image 'spare.png' is damaged"));
	CHECK_INT(d.errors, 4);
	mg_diag_release(&d);
	mg_guide_free(g);
}

/* An error that stops the document: a font's at the font file, else at
 * the style; any other at the guide. */
static void failure_places(void)
{
	mg_guide *g = model();
	mg_diag d;

	mg_diag_init(&d);
	mg_pdf_failure(&d, g, "styles/x", "/fonts/Bad.ttf", HPDF_TTF_INVALID_CMAP, 0);
	CHECK(has(&d, "/fonts/Bad.ttf", 0, 0, "cannot make the PDF: the font's character "
		  "map (its cmap table) is of a kind the PDF writer cannot read (libharu "
		  "error 0x105E, detail 0)"));
	mg_pdf_failure(&d, g, "styles/x", NULL, HPDF_INVALID_FONTDEF_DATA, 0);
	CHECK(has(&d, "styles/x/style.yaml", 0, 0, "cannot make the PDF: the font file's "
		  "data is damaged or is not a font (libharu error 0x102D, detail 0)"));
	mg_pdf_failure(&d, g, "styles/x", "/fonts/Bad.ttf", HPDF_FAILD_TO_ALLOC_MEM, 7);
	CHECK(has(&d, "book/x", 0, 0, "cannot make the PDF: the PDF writer ran out of "
		  "memory (libharu error 0x1015, detail 7)"));
	mg_pdf_failure(&d, g, "styles/x", NULL, 0x1234, 0);
	CHECK(has(&d, "book/x", 0, 0, "cannot make the PDF: the PDF library (libharu) met "
		  "an internal error: please report it with the code in parentheses (libharu "
		  "error 0x1234, detail 0)"));
	mg_diag_release(&d);
	mg_guide_free(g);
}

/* A JPEG of two colour components, which libharu refuses to draw: the
 * reader refuses it too, so it is swapped in for a grey one after reading,
 * as one the reader missed would come; the error names the Markdown line. */
static void jpeg_libharu_refuses(void)
{
	static const unsigned char grey[] = {
		0xff, 0xd8, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x0a, 0x00, 0x0a, 0x01,
		0x01, 0x11, 0x00, 0xff, 0xd9,
	};
	static const unsigned char two[] = {
		0xff, 0xd8, 0xff, 0xc0, 0x00, 0x0e, 0x08, 0x00, 0x0a, 0x00, 0x0a, 0x02,
		0x01, 0x11, 0x00, 0x02, 0x11, 0x00, 0xff, 0xd9,
	};
	static const char *const files[][2] = {
		{ "guide.yaml", "title: T\nlanguage: en\nchapters: [one.md]\ndisclaimer: d.md\n" },
		{ "one.md", "# One\n\nText.\n\n  ![Two colours](two.jpg)\n" },
		{ "d.md", "Not medical advice.\n" },
	};
	char dir[] = "/tmp/mkguide-pdf-error-XXXXXX", path[256];
	mg_bytes out = { NULL, 0 };
	mg_diag d;

	if (!mkdtemp(dir)) {
		mgt_current_failed = 1;
		return;
	}
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i][0]);
		CHECK(mgt_write_file(path, files[i][1], strlen(files[i][1])) == 0);
	}
	snprintf(path, sizeof path, "%s/two.jpg", dir);
	CHECK(mgt_write_file(path, grey, sizeof grey) == 0);
	mg_diag_init(&d);
	mg_guide *g = mg_source_read(dir, &d);
	mg_style *s = mg_style_load("default", &d);
	CHECK(g != NULL && s != NULL && g->nimages == 1);
	if (g && s && g->nimages == 1) {
		g->images[0].data = two;
		g->images[0].size = sizeof two;
		CHECK_INT(mg_pdf_write_layout(g, s, NULL, NULL, &out, &d), -1);
		CHECK(out.data == NULL);
		snprintf(path, sizeof path, "%s/one.md", dir);
		CHECK(has(&d, path, 5, 3, "image 'two.jpg' cannot be drawn in the PDF: the JPEG "
			  "file is of a kind the PDF writer cannot draw (it takes 8-bit baseline "
			  "or progressive JPEGs in grey, RGB or CMYK): save it again as an "
			  "ordinary JPEG or as a PNG (libharu error 0x1063)"));
		CHECK_INT(d.errors, 1);
	}
	mg_bytes_release(&out);
	mg_style_free(s);
	mg_guide_free(g);
	mg_diag_release(&d);
	mgt_remove_tree(dir);
}

/* An error that stops the document is said at the guide: here a page wider
 * than a PDF allows, which a style could ask for. */
static void document_error_at_guide(void)
{
	mg_bytes out = { NULL, 0 };
	mg_diag d;

	mg_diag_init(&d);
	mg_guide *g = mg_source_read("tests/guides/minimal", &d);
	mg_style *s = mg_style_load("default", &d);
	CHECK(g != NULL && s != NULL);
	if (g && s) {
		s->page_width = 20000;
		CHECK_INT(mg_pdf_write_layout(g, s, NULL, NULL, &out, &d), -1);
		CHECK(has(&d, "tests/guides/minimal", 0, 0, "cannot make the PDF: the page "
			  "size is outside what a PDF allows (3 to 14,400 points a side): check "
			  "the style's page size (libharu error 0x1054, detail 0)"));
	}
	mg_bytes_release(&out);
	mg_style_free(s);
	mg_guide_free(g);
	mg_diag_release(&d);
}

int main(void)
{
	RUN(known_codes);
	RUN(every_code_a_sentence);
	RUN(image_places);
	RUN(failure_places);
	RUN(jpeg_libharu_refuses);
	RUN(document_error_at_guide);
	mg_pdf_shutdown();	/* fontconfig's caches, for LeakSanitizer */
	return MGT_DONE();
}
