/* test_hyphenate.c — a guide's own hyphenator (only the patterns its words
 * can match, through an index the library makes once, here for two threads
 * at once) breaks every word of the guide exactly where the whole
 * dictionary does, and a library's whole dictionary, once loaded, is
 * shared. With a cache folder, so do the words' breaks the library saved
 * for the next run, which that run reads instead of asking libhyphen; and
 * whatever a damaged file says, no break comes inside a character or
 * nearer a word's ends than libhyphen's minimums. */
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
	mg_hyphenlib *lib = mg_hyphenlib_new(NULL);
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

/* Compares every word of g as h and the whole dictionary break it; the
 * number of words that differ. */
static int differences(const mg_guide *g, const mg_hyphen *h,
		       const mg_hyphen *whole, int *words, int *breaks, int quiet)
{
	struct cmp c = { h, h, whole, 0, 0, 0, quiet };

	for (size_t i = 0; i < g->nparts; i++) {
		mg_node_walk(g->parts[i].body, compare_text, &c);
		for (size_t k = 0; k < g->parts[i].nfootnotes; k++)
			mg_node_walk(g->parts[i].footnotes[k].body, compare_text, &c);
	}
	*words = c.words;
	*breaks = c.breaks;
	return c.differ;
}

/* One run with a cache folder: a guide's hyphenator and the whole
 * dictionary, compared; the library saves the words when freed. */
static int cached_run(const mg_guide *g, const char *cache, int *breaks,
		      int quiet)
{
	mg_hyphenlib *lib = mg_hyphenlib_new(cache);
	mg_hyphenlib *plain = mg_hyphenlib_new(NULL);
	const mg_hyphen *h = mg_hyphen_for_guide(lib, g);
	const mg_hyphen *whole = mg_hyphen_get(plain, "en");
	int words = 0, differ = -1;

	CHECK(h != NULL && whole != NULL);
	if (h && whole) {
		differ = differences(g, h, whole, &words, breaks, quiet);
		CHECK(words > 100);
	}
	mg_hyphen_release(h);
	mg_hyphenlib_free(lib);
	mg_hyphenlib_free(plain);
	return differ;
}

/* Writes breaks over every entry's breaks in the word cache at path (the
 * entries are 8-byte aligned after a 40-byte header and the table, their
 * breaks first). */
static void set_every_break(const char *path, uint64_t breaks)
{
	FILE *f = fopen(path, "r+b");
	uint32_t head[4];
	uint64_t data_len;
	unsigned char len;
	long data;

	CHECK(f != NULL);
	if (!f)
		return;
	CHECK(fread(head, 4, 4, f) == 4);	/* magic, count, cap */
	CHECK(fseek(f, 32, SEEK_SET) == 0 && fread(&data_len, 8, 1, f) == 1);
	data = 40 + (long)head[3] * 8;
	for (long at = 0; at + 9 <= (long)data_len;) {
		CHECK(fseek(f, data + at, SEEK_SET) == 0);
		CHECK(fwrite(&breaks, 8, 1, f) == 1);
		CHECK(fread(&len, 1, 1, f) == 1);
		at += (9 + len + 7) / 8 * 8;
	}
	fclose(f);
}

struct positions {
	const mg_hyphen *h;
	int bad, seen;
};

/* Counts breaks inside a character or too near a word's ends. */
static int check_positions(const mg_node *n, int entering, void *ctx)
{
	struct positions *p = ctx;
	unsigned char brk[80];

	if (!entering || n->type != MG_NODE_TEXT)
		return 0;
	for (size_t i = 0; i < n->len;) {
		size_t j = i, chars = 0, before = 0;
		while (j < n->len && mg_hyphen_letter((unsigned char)n->text[j]))
			chars += ((unsigned char)n->text[j++] & 0xC0) != 0x80;
		if (j - i >= MG_HYPHEN_MIN_BYTES && j - i <= MG_HYPHEN_MAX_BYTES) {
			mg_hyphen_points(p->h, n->text + i, j - i, brk);
			for (size_t k = 0; k < j - i; k++) {
				unsigned char c = (unsigned char)n->text[i + k];
				if (brk[k]) {
					p->seen++;
					p->bad += (c & 0xC0) == 0x80 || before < 2 ||
						  chars - before < 3;
				}
				before += (c & 0xC0) != 0x80;
			}
		}
		i = j + 1;
	}
	return 0;
}

/* The breaks a run with the cache at cache gives g's words in bad places. */
static int bad_positions(const mg_guide *g, const char *cache)
{
	mg_hyphenlib *lib = mg_hyphenlib_new(cache);
	struct positions p = { mg_hyphen_for_guide(lib, g), 0, 0 };

	for (size_t i = 0; p.h && i < g->nparts; i++)
		mg_node_walk(g->parts[i].body, check_positions, &p);
	CHECK(p.seen > 100);
	mg_hyphen_release(p.h);
	mg_hyphenlib_free(lib);
	return p.bad;
}

static void test_word_cache(void)
{
	char root[] = "/tmp/mkguide-hyphenate.XXXXXX", cache[300], path[400];
	mg_diag d;
	mg_guide *g;
	int breaks = 0;

	CHECK(mkdtemp(root) != NULL);
	snprintf(cache, sizeof cache, "%s/mkguide", root);
	snprintf(path, sizeof path, "%s/hyph_en_US.dic.words", cache);
	mg_diag_init(&d);
	g = mg_source_read("book/naltrexone-self-injury", &d);
	CHECK(g != NULL);
	if (!g)
		goto out;
	CHECK_INT(cached_run(g, cache, &breaks, 0), 0);	/* libhyphen, saved */
	CHECK(breaks > 50);
	CHECK(access(path, R_OK) == 0);
	CHECK_INT(cached_run(g, cache, &breaks, 0), 0);	/* from the file */
	CHECK(breaks > 50);
	/* the file is what the second run read: with every word's breaks
	 * cleared in it, the words break nowhere */
	set_every_break(path, 0);
	CHECK(cached_run(g, cache, &breaks, 1) > 100);
	CHECK_INT(breaks, 0);
	/* and a break the file gives anywhere is kept to where one may be:
	 * before a character, two after the start, three before the end */
	set_every_break(path, ~(uint64_t)0);
	CHECK_INT(bad_positions(g, cache), 0);
out:
	CHECK(mgt_remove_tree(root) == 0);
	mg_guide_free(g);
	mg_diag_release(&d);
}

int main(void)
{
	RUN(test_bundled_guide_english);
	RUN(test_spanish_guide);
	RUN(test_word_cache);
	return MGT_DONE();
}
