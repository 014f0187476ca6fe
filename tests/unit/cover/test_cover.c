/* test_cover.c — the typographic cover: a PNG libpng decodes at 1600 x 2400,
 * the same bytes every time and on two threads at once, text drawn where the
 * design puts it (and nowhere it must not be), long titles and words shrunk
 * to fit; its 300 x 450 thumbnail, the same every time, showing the text. With MG_TEST_COVER_OUT=folder it leaves the covers there to look at. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

#include "core/diag.h"
#include "core/vec.h"
#include "cover/cover.h"
#include "model/guide.h"
#include "read/style.h"
#include "mgtest.h"

/* The design's colours and places (cover.c). */
#define BAND_HEIGHT 1640
#define MARGIN 150
#define TITLE_TOP 390
#define TITLE_BOTTOM (BAND_HEIGHT - 150)

static mg_style *style;

/* A decoded cover: RGB, 3 bytes a pixel. */
struct picture {
	int width, height;
	unsigned char *rgb;
};

static int decode(const mg_bytes *b, struct picture *p)
{
	png_image img;

	memset(&img, 0, sizeof img);
	memset(p, 0, sizeof *p);
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&img, b->data, b->len))
		return -1;
	img.format = PNG_FORMAT_RGB;
	p->width = (int)img.width;
	p->height = (int)img.height;
	p->rgb = malloc(PNG_IMAGE_SIZE(img));
	if (!p->rgb || !png_image_finish_read(&img, NULL, p->rgb, 0, NULL)) {
		png_image_free(&img);
		free(p->rgb);
		p->rgb = NULL;
		return -1;
	}
	return 0;
}

static const unsigned char *at(const struct picture *p, int x, int y)
{
	return p->rgb + ((size_t)y * p->width + x) * 3;
}

/* How many pixels of the rectangle are not exactly the colour rgb. */
static long differ(const struct picture *p, int x0, int y0, int x1, int y1,
		   unsigned rgb)
{
	long n = 0;

	for (int y = y0; y < y1; y++)
		for (int x = x0; x < x1; x++) {
			const unsigned char *c = at(p, x, y);
			if (((unsigned)c[0] << 16 | c[1] << 8 | c[2]) != rgb)
				n++;
		}
	return n;
}

#define BAND 0x0e4d64
#define PAPER 0xffffff

/* How many pixels of the rectangle are neither BAND nor PAPER. */
static long between(const struct picture *p, int x0, int y0, int x1, int y1)
{
	long n = 0;

	for (int y = y0; y < y1; y++)
		for (int x = x0; x < x1; x++) {
			const unsigned char *c = at(p, x, y);
			unsigned rgb = (unsigned)c[0] << 16 | c[1] << 8 | c[2];
			n += rgb != BAND && rgb != PAPER;
		}
	return n;
}

static mg_guide *guide(const char *title, const char *subtitle,
		       const char *publisher, const char *language)
{
	mg_guide *g = mg_guide_new();

	g->dir = "book/test";
	g->slug = "test";
	g->title = title;
	g->subtitle = subtitle;
	g->publisher = publisher;
	g->language = language;
	g->cover = -1;
	return g;
}

/* Draws g's cover and thumbnail; saves them as MG_TEST_COVER_OUT/name.png
 * and name-thumb.png when asked. */
static int draw_both(const mg_guide *g, const char *name, mg_bytes *out,
		     mg_bytes *thumb)
{
	const char *dir = getenv("MG_TEST_COVER_OUT");
	mg_diag d;
	int rc;

	mg_diag_init(&d);
	rc = mg_cover_draw(g, style, out, thumb, &d);
	if (rc < 0 || d.len)
		mg_diag_print(&d, stdout);
	CHECK(rc == 0 && d.errors == 0);
	mg_diag_release(&d);
	if (rc == 0 && dir) {
		char path[512];
		snprintf(path, sizeof path, "%s/%s.png", dir, name);
		mgt_write_file(path, out->data, out->len);
		snprintf(path, sizeof path, "%s/%s-thumb.png", dir, name);
		mgt_write_file(path, thumb->data, thumb->len);
	}
	return rc;
}

/* Draws g's cover alone. */
static int draw(const mg_guide *g, const char *name, mg_bytes *out)
{
	mg_bytes thumb = { 0 };
	int rc = draw_both(g, name, out, &thumb);

	mg_bytes_release(&thumb);
	return rc;
}

static void test_decodes_at_size(void)
{
	mg_guide *g = guide("Naltrexone: A Promising Treatment for Self-Injury "
			    "Behaviors", NULL, "Example Community Clinic", "en");
	mg_bytes b = { 0 };
	struct picture p;

	if (draw(g, "english", &b) == 0) {
		CHECK(b.len > 8 && memcmp(b.data, "\x89PNG\r\n\x1a\n", 8) == 0);
		CHECK(decode(&b, &p) == 0);
		CHECK_INT(p.width, MG_COVER_WIDTH);
		CHECK_INT(p.height, MG_COVER_HEIGHT);
		/* a 4-bit indexed PNG (colour type 3) with no time chunk */
		CHECK_INT(b.data[24], 4);
		CHECK_INT(b.data[25], 3);
		CHECK(!memmem(b.data, b.len, "tIME", 4));
		free(p.rgb);
	}
	mg_bytes_release(&b);
	mg_guide_free(g);
}

/* The title is drawn in the band's title rows, the publisher at the foot,
 * the language at the top; the margins stay clear. */
static void test_text_is_drawn(void)
{
	mg_guide *g = guide("Caring for Your Skin", "What to do, day by day",
			    "Example Clinic", "en");
	mg_bytes b = { 0 };
	struct picture p;

	if (draw(g, "text", &b) == 0 && decode(&b, &p) == 0) {
		CHECK(differ(&p, MARGIN, TITLE_TOP, MG_COVER_WIDTH - MARGIN,
			     TITLE_BOTTOM, BAND) > 20000);	/* title */
		CHECK(differ(&p, MARGIN, BAND_HEIGHT + 150, MG_COVER_WIDTH - MARGIN,
			     MG_COVER_HEIGHT - 150, PAPER) > 2000);	/* publisher */
		CHECK(differ(&p, MARGIN, 190, MG_COVER_WIDTH - MARGIN, 290,
			     BAND) > 500);	/* language */
		CHECK_INT(differ(&p, 0, 0, MARGIN - 10, BAND_HEIGHT - 20, BAND), 0);
		CHECK_INT(differ(&p, MG_COVER_WIDTH - MARGIN + 10, 0,
				 MG_COVER_WIDTH, BAND_HEIGHT - 20, BAND), 0);
		CHECK_INT(differ(&p, 0, MG_COVER_HEIGHT - 140, MG_COVER_WIDTH,
				 MG_COVER_HEIGHT, PAPER), 0);
		free(p.rgb);
	}
	mg_bytes_release(&b);
	mg_guide_free(g);
}

/* Without text, the title rows are plain: the test above can fail. */
static void test_no_title_no_ink(void)
{
	mg_guide *g = guide(" ", NULL, NULL, "en");
	mg_bytes b = { 0 };
	struct picture p;

	if (draw(g, "blank", &b) == 0 && decode(&b, &p) == 0) {
		CHECK_INT(differ(&p, 0, TITLE_TOP - 40, MG_COVER_WIDTH,
				 BAND_HEIGHT - 20, BAND), 0);
		CHECK_INT(differ(&p, 0, BAND_HEIGHT, MG_COVER_WIDTH,
				 MG_COVER_HEIGHT, PAPER), 0);
		free(p.rgb);
	}
	mg_bytes_release(&b);
	mg_guide_free(g);
}

static void test_same_bytes(void)
{
	mg_guide *g = guide("Guía de prueba: el cuidado de la piel",
			    "¿Qué hacer? ¡Todo lo que necesita saber!",
			    "Clínica Señorío de Güemes", "es");
	mg_bytes a = { 0 }, b = { 0 };

	if (draw(g, "spanish", &a) == 0 && draw(g, "spanish", &b) == 0)
		CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	mg_bytes_release(&a);
	mg_bytes_release(&b);
	mg_guide_free(g);
}

/* Text stays inside the band's text box: no ink between its foot and the
 * stripe, nor in the right margin. */
static void check_fits(const struct picture *p)
{
	CHECK_INT(differ(p, 0, TITLE_BOTTOM + 2, MG_COVER_WIDTH,
			 BAND_HEIGHT - 20, BAND), 0);
	CHECK_INT(differ(p, MG_COVER_WIDTH - MARGIN + 10, 0, MG_COVER_WIDTH,
			 BAND_HEIGHT - 20, BAND), 0);
	CHECK(differ(p, MARGIN, TITLE_TOP, MG_COVER_WIDTH - MARGIN,
		     TITLE_BOTTOM, BAND) > 1000);
}

static void test_long_title(void)
{
	char title[4000] = "";
	mg_bytes b = { 0 };
	struct picture p;

	for (int i = 0; i < 60; i++)
		strcat(title, i % 3 ? "treatment and support " : "naltrexone ");
	mg_guide *g = guide(title, "A subtitle that is long as well, and goes on "
			    "about what the guide holds for readers", NULL, "en");
	if (draw(g, "long-title", &b) == 0 && decode(&b, &p) == 0) {
		check_fits(&p);
		free(p.rgb);
	}
	mg_bytes_release(&b);
	mg_guide_free(g);
}

static void test_long_word(void)
{
	mg_guide *g = guide("Pneumonoultramicroscopicsilicovolcanoconiosisand"
			    "Hippopotomonstrosesquippedaliophobia", NULL,
			    "Supercalifragilisticexpialidociousclinicofthenorth",
			    "en");
	mg_bytes b = { 0 };
	struct picture p;

	if (draw(g, "long-word", &b) == 0 && decode(&b, &p) == 0) {
		check_fits(&p);
		CHECK_INT(differ(&p, MG_COVER_WIDTH - MARGIN + 10, BAND_HEIGHT,
				 MG_COVER_WIDTH, MG_COVER_HEIGHT, PAPER), 0);
		free(p.rgb);
	}
	mg_bytes_release(&b);
	mg_guide_free(g);
}

/* Accents, curly quotes, µ, ≥, a check mark the style's fonts lack (the
 * fallback has it), an emoji and a control character no font has. */
static void test_unicode(void)
{
	mg_guide *g = guide("“Dosis” de 50 µg ≥ 2 veces ✓ \xf0\x9f\x98\x80 \x01 "
			    "ñandú", "Información — ‘práctica’", "Clínica Güemes",
			    "pt-BR");
	mg_bytes b = { 0 };
	struct picture p;

	if (draw(g, "unicode", &b) == 0 && decode(&b, &p) == 0) {
		check_fits(&p);
		free(p.rgb);
	}
	mg_bytes_release(&b);
	mg_guide_free(g);
}

/* Arabic would come out unjoined and backwards: its cover names the
 * language only. */
static void test_right_to_left(void)
{
	mg_guide *g = guide("\xd8\xaf\xd9\x84\xd9\x8a\xd9\x84 "
			    "\xd8\xb5\xd8\xad\xd9\x8a", NULL,
			    "\xd8\xb9\xd9\x8a\xd8\xa7\xd8\xaf\xd8\xa9", "ar");
	mg_bytes b = { 0 };
	struct picture p;

	if (draw(g, "arabic", &b) == 0 && decode(&b, &p) == 0) {
		CHECK(differ(&p, MARGIN, 190, MG_COVER_WIDTH - MARGIN, 290,
			     BAND) > 100);	/* "ar" */
		CHECK_INT(differ(&p, 0, TITLE_TOP - 40, MG_COVER_WIDTH,
				 BAND_HEIGHT - 20, BAND), 0);
		CHECK_INT(differ(&p, 0, BAND_HEIGHT, MG_COVER_WIDTH,
				 MG_COVER_HEIGHT, PAPER), 0);
		free(p.rgb);
	}
	mg_bytes_release(&b);
	mg_guide_free(g);
}

static void test_language_names(void)
{
	CHECK_STR(mg_cover_language("en"), "English");
	CHECK_STR(mg_cover_language("en-GB"), "English");
	CHECK_STR(mg_cover_language("es-MX"), "Español");
	CHECK_STR(mg_cover_language("pt-BR"), "pt-BR");
	CHECK_STR(mg_cover_language("eno"), "eno");
}

/* The thumbnail: 300 x 450, the same bytes twice, the band's plain teal
 * where the cover is plain, and the title showing (pixels neither teal nor
 * white: the mean of teal and white text). */
static void test_thumbnail(void)
{
	mg_guide *g = guide("Caring for Your Skin", "What to do, day by day",
			    "Example Clinic", "en");
	mg_bytes a = { 0 }, b = { 0 }, t1 = { 0 }, t2 = { 0 };
	struct picture p;
	int top = TITLE_TOP * MG_COVER_THUMB_HEIGHT / MG_COVER_HEIGHT;
	int bottom = TITLE_BOTTOM * MG_COVER_THUMB_HEIGHT / MG_COVER_HEIGHT;
	int margin = MARGIN * MG_COVER_THUMB_WIDTH / MG_COVER_WIDTH;

	if (draw_both(g, "thumb", &a, &t1) == 0 &&
	    draw_both(g, "thumb", &b, &t2) == 0) {
		CHECK(t1.len > 8 && t1.len == t2.len &&
		      memcmp(t1.data, t2.data, t1.len) == 0);
		CHECK(decode(&t1, &p) == 0);
		CHECK_INT(p.width, MG_COVER_THUMB_WIDTH);
		CHECK_INT(p.height, MG_COVER_THUMB_HEIGHT);
		CHECK_INT(differ(&p, 0, 0, 1, 1, BAND), 0);
		CHECK_INT(differ(&p, 0, 0, margin - 2, top, BAND), 0);
		CHECK(differ(&p, margin, top, MG_COVER_THUMB_WIDTH - margin,
			     bottom, BAND) > 300);
		CHECK_INT(differ(&p, 0, MG_COVER_THUMB_HEIGHT - 1, p.width,
				 MG_COVER_THUMB_HEIGHT, PAPER), 0);
		CHECK(between(&p, margin, top, MG_COVER_THUMB_WIDTH - margin,
			      bottom) > 100);
		free(p.rgb);
	}
	mg_bytes_release(&a);
	mg_bytes_release(&b);
	mg_bytes_release(&t1);
	mg_bytes_release(&t2);
	mg_guide_free(g);
}

/* Two covers drawn at once share nothing: the same bytes as one alone. */
struct job {
	const mg_guide *g;
	mg_bytes out, thumb;
	int rc;
};

static void *draw_job(void *arg)
{
	struct job *j = arg;
	mg_diag d;

	mg_diag_init(&d);
	j->rc = mg_cover_draw(j->g, style, &j->out, &j->thumb, &d);
	mg_diag_release(&d);
	return NULL;
}

static void test_threads(void)
{
	mg_guide *g = guide("Diabetes and your feet", NULL, "Example Clinic", "en");
	struct job j[2] = { { g, { 0 }, { 0 }, -1 }, { g, { 0 }, { 0 }, -1 } };
	pthread_t t;
	mg_bytes alone = { 0 };

	draw(g, "threads", &alone);
	CHECK(pthread_create(&t, NULL, draw_job, &j[0]) == 0);
	draw_job(&j[1]);
	pthread_join(t, NULL);
	for (int k = 0; k < 2; k++) {
		CHECK(j[k].rc == 0 && j[k].out.len == alone.len &&
		      memcmp(j[k].out.data, alone.data, alone.len) == 0);
		mg_bytes_release(&j[k].out);
		mg_bytes_release(&j[k].thumb);
	}
	mg_bytes_release(&alone);
	mg_guide_free(g);
}

int main(void)
{
	mg_diag d;

	mg_diag_init(&d);
	style = mg_style_load("default", &d);	/* ./styles, as the build finds it */
	if (!style)
		mg_diag_print(&d, stdout);
	mg_diag_release(&d);
	RUN(test_decodes_at_size);
	RUN(test_text_is_drawn);
	RUN(test_no_title_no_ink);
	RUN(test_same_bytes);
	RUN(test_long_title);
	RUN(test_long_word);
	RUN(test_unicode);
	RUN(test_right_to_left);
	RUN(test_language_names);
	RUN(test_thumbnail);
	RUN(test_threads);
	mg_style_free(style);
	return MGT_DONE();
}
