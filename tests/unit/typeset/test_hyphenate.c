/* test_hyphenate.c — a guide's own hyphenator (only the patterns its words
 * can match, through an index the library makes once, here for two threads
 * at once) breaks every word of the guide exactly where the whole
 * dictionary does, and a library's whole dictionary, once loaded, is
 * shared. */
#include "core/diag.h"
#include "model/guide.h"
#include "typeset/hyphenate.h"
#include "read/source.h"

#include "mgtest.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

struct cmp {
	const mg_hyphen *own, *ahead, *whole;
	int words, differ, breaks;
	int quiet;		/* 1: count the differences, do not list them */
};

static int compare_text(const mg_node *n, int entering, void *ctx)
{
	struct cmp *c = ctx;
	unsigned char a[80], b[80];
	if (!entering || n->type != MG_NODE_TEXT)
		return 0;
	for (size_t i = 0; i < n->len;) {
		size_t j = i;
		while (j < n->len && mg_hyphen_letter((unsigned char)n->text[j]))
			j++;
		if (j - i >= MG_HYPHEN_MIN_BYTES && j - i <= MG_HYPHEN_MAX_BYTES) {
			c->breaks += (int)mg_hyphen_points(c->own, n->text + i, j - i, a);
			mg_hyphen_points(c->whole, n->text + i, j - i, b);
			c->words++;
			if (memcmp(a, b, j - i) != 0) {
				if (!c->quiet)
					printf("  differs: %.*s\n", (int)(j - i), n->text + i);
				c->differ++;
			}
			mg_hyphen_points(c->ahead, n->text + i, j - i, a);
			if (memcmp(a, b, j - i) != 0) {
				if (!c->quiet)
					printf("  differs: %.*s\n", (int)(j - i), n->text + i);
				c->differ++;
			}
		}
		i = j + 1;
	}
	return 0;
}

struct making {
	mg_hyphenlib *lib;
	const mg_guide *g;
	const mg_hyphen *got;
};

static void *make_main(void *arg)
{
	struct making *m = arg;
	m->got = mg_hyphen_for_guide(m->lib, m->g);
	return NULL;
}

static void check_guide(const char *dir, const char *lang)
{
	mg_diag d;
	mg_diag_init(&d);
	mg_guide *g = mg_source_read(dir, &d);
	CHECK(g != NULL);
	if (!g) {
		mg_diag_release(&d);
		return;
	}
	struct cmp c = { 0 };
	mg_hyphenlib *lib = mg_hyphenlib_new();
	struct making other = { lib, g, NULL };
	pthread_t t;

	/* two guides' hyphenators at once, from the index lib makes once */
	CHECK(pthread_create(&t, NULL, make_main, &other) == 0);
	c.own = mg_hyphen_for_guide(lib, g);	/* before the whole one is loaded */
	pthread_join(t, NULL);
	c.ahead = other.got;
	c.whole = mg_hyphen_get(lib, lang);
	CHECK(c.own != NULL && c.ahead != NULL && c.whole != NULL);
	CHECK(c.own != c.whole && c.ahead != c.whole);
	if (c.own && c.ahead && c.whole) {
		for (size_t i = 0; i < g->nparts; i++) {
			mg_node_walk(g->parts[i].body, compare_text, &c);
			for (size_t k = 0; k < g->parts[i].nfootnotes; k++)
				mg_node_walk(g->parts[i].footnotes[k].body, compare_text, &c);
		}
	}
	CHECK(c.words > 100);
	CHECK(c.breaks > 50);
	CHECK_INT(c.differ, 0);
	/* now that the library has the whole dictionary, guides share it */
	const mg_hyphen *again = mg_hyphen_for_guide(lib, g);
	CHECK(again == c.whole);
	mg_hyphen_release(again);	/* a shared one is left alone */
	mg_hyphen_release(c.own);
	mg_hyphen_release(c.ahead);
	mg_hyphenlib_free(lib);
	mg_guide_free(g);
	mg_diag_release(&d);
}

static void test_bundled_guide_english(void)
{
	check_guide("book/naltrexone-self-injury", "en");
}

static void test_spanish_guide(void)
{
	check_guide("tests/guides/es-completa", "es");
}

int main(void)
{
	RUN(test_bundled_guide_english);
	RUN(test_spanish_guide);
	return MGT_DONE();
}
