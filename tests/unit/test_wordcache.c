/* test_wordcache.c — the words' breaks a run puts are written when the
 * cache closes and found by the next run, with the words already there; a
 * file made from other dictionary bytes is not used, and a damaged one
 * never makes a lookup read outside it, loop, or crash. (What is not a
 * dictionary is refused when opened: test_patindex.c.) */
#include "typeset/wordcache.h"

#include "mgtest.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define DICT "/usr/share/hyphen/hyph_en_US.dic"

static char root[] = "/tmp/mkguide-wordcache.XXXXXX";
static char dict[256], cache[256], words[300];

/* The dictionary of the cache opened last, opened afresh for it. */
static mg_dictfile *file;

static mg_wordcache *open_cache(void)
{
	file = mg_dictfile_open(dict, 1);
	CHECK(file != NULL);
	return file ? mg_wordcache_open(cache, file) : NULL;
}

static void close_cache(mg_wordcache *c)
{
	mg_wordcache_close(c);
	mg_dictfile_close(file);
	file = NULL;
}

static int known(const mg_wordcache *c, const char *w, uint64_t *breaks)
{
	return mg_wordcache_get(c, w, strlen(w), breaks);
}

static void put(mg_wordcache *c, const char *w, uint64_t breaks)
{
	mg_wordcache_put(c, w, strlen(w), breaks);
}

/* A fresh cache holding "naltrexone" (nal-trex-one) and "hyphenation". */
static void fresh_cache(void)
{
	mg_wordcache *c;

	unlink(words);
	c = open_cache();
	CHECK(c != NULL);
	if (!c)
		return;
	put(c, "naltrexone", (1u << 3) | (1u << 7));
	put(c, "hyphenation", (1u << 2) | (1u << 6));
	close_cache(c);
}

static void setup(void)
{
	mgt_temp_copy(root, DICT, "hyph_en_US.dic", dict, sizeof dict);
	snprintf(cache, sizeof cache, "%s/xdg/mkguide", root);
	snprintf(words, sizeof words, "%s/hyph_en_US.dic.words", cache);
}

static void test_words_put_are_found_next_time(void)
{
	mg_wordcache *c = open_cache();
	uint64_t b = 0;
	struct stat st;

	CHECK(c != NULL);
	if (!c)
		return;
	CHECK(!known(c, "naltrexone", &b));	/* nothing yet */
	put(c, "naltrexone", (1u << 3) | (1u << 7));
	CHECK(!known(c, "naltrexone", &b));	/* for the next run */
	close_cache(c);
	CHECK(stat(words, &st) == 0 && S_ISREG(st.st_mode));

	c = open_cache();
	CHECK(known(c, "naltrexone", &b));
	CHECK_INT(b, (1u << 3) | (1u << 7));
	CHECK(!known(c, "naltrexon", &b));
	CHECK(!known(c, "naltrexones", &b));
	put(c, "unbreakable", 0);	/* a word with no break is known too */
	close_cache(c);

	c = open_cache();
	b = 1;
	CHECK(known(c, "unbreakable", &b) && b == 0);
	CHECK(known(c, "naltrexone", &b));	/* the older words stay */
	CHECK_INT(b, (1u << 3) | (1u << 7));
	close_cache(c);
}

static void test_many_words_and_repeats(void)
{
	mg_wordcache *c;
	char w[32];
	uint64_t b;
	int found = 0, right = 0;

	unlink(words);
	c = open_cache();
	for (int i = 0; i < 3000; i++) {
		snprintf(w, sizeof w, "word%dxyz", i);
		put(c, w, (uint64_t)i << 2);
		put(c, w, (uint64_t)i << 2);	/* kept once */
	}
	close_cache(c);
	c = open_cache();
	for (int i = 0; i < 3000; i++) {
		snprintf(w, sizeof w, "word%dxyz", i);
		found += known(c, w, &b);
		right += known(c, w, &b) && b == (uint64_t)i << 2;
	}
	CHECK_INT(found, 3000);
	CHECK_INT(right, 3000);
	close_cache(c);
}

struct putter {
	mg_wordcache *c;
	int from;
};

static void *put_some(void *arg)
{
	struct putter *p = arg;
	char w[32];

	for (int i = p->from; i < p->from + 500; i++) {
		snprintf(w, sizeof w, "thread%dword", i);
		put(p->c, w, (uint64_t)i);
	}
	return NULL;
}

static void test_two_threads_put(void)
{
	struct putter a, b;
	pthread_t t;
	mg_wordcache *c;
	char w[32];
	uint64_t got;
	int found = 0;

	unlink(words);
	c = open_cache();
	a.c = b.c = c;
	a.from = 0;
	b.from = 500;
	CHECK(pthread_create(&t, NULL, put_some, &a) == 0);
	put_some(&b);
	pthread_join(t, NULL);
	close_cache(c);
	c = open_cache();
	for (int i = 0; i < 1000; i++) {
		snprintf(w, sizeof w, "thread%dword", i);
		found += known(c, w, &got) && got == (uint64_t)i;
	}
	CHECK_INT(found, 1000);
	close_cache(c);
}

static void test_other_dictionary_bytes(void)
{
	size_t len = 0;
	char *text = mgt_read_file(dict, &len), *at;
	mg_wordcache *c;
	uint64_t b;

	fresh_cache();
	CHECK(text != NULL);
	if (!text)
		return;
	at = strstr(text, "\nhy3ph\n");	/* same size, other bytes */
	CHECK(at != NULL);
	if (at)
		at[5] = 'z';
	CHECK(mgt_write_file(dict, text, len) == 0);
	c = open_cache();
	CHECK(!known(c, "naltrexone", &b));
	put(c, "other", 4);
	close_cache(c);
	c = open_cache();	/* written anew, for these bytes */
	CHECK(known(c, "other", &b) && b == 4);
	CHECK(!known(c, "naltrexone", &b));
	close_cache(c);
	free(text);
}

/* The cache file's header, as wordcache.c lays it out. */
struct header {
	char magic[8];
	uint32_t count, cap, dict_crc, unused;
	uint64_t dict_size, data_len;
};

/* Rewrites the fresh cache's file through damage(); then every lookup must
 * end, and give either nothing or the right breaks. */
static void check_damage(const char *what, void (*damage)(char *img, size_t *len))
{
	char *img;
	size_t len = 0;
	mg_wordcache *c;
	uint64_t b = 0;

	fresh_cache();
	img = mgt_read_file(words, &len);
	CHECK(img != NULL && len > sizeof(struct header));
	if (!img)
		return;
	damage(img, &len);
	CHECK(mgt_write_file(words, img, len) == 0);
	free(img);
	c = open_cache();
	CHECK(c != NULL);
	if (!c)
		return;
	if (known(c, "naltrexone", &b) && b != ((1u << 3) | (1u << 7))) {
		printf("  %s: wrong breaks %llx\n", what, (unsigned long long)b);
		CHECK(0);
	}
	CHECK(!known(c, "missing", &b));
	put(c, "again", 2);
	close_cache(c);	/* written anew */
	c = open_cache();
	CHECK(known(c, "again", &b) && b == 2);
	close_cache(c);
}

static void truncated(char *img, size_t *len)
{
	*len -= 8;
}

static void bad_magic(char *img, size_t *len)
{
	img[1] ^= 1;
}

static void count_too_big(char *img, size_t *len)
{
	struct header *h = (struct header *)img;
	h->count = h->cap;
}

static void slots_point_outside(char *img, size_t *len)
{
	struct header *h = (struct header *)img;
	uint32_t *slot = (uint32_t *)(img + sizeof *h);

	for (uint32_t i = 0; i < h->cap; i++)
		if (slot[2 * i + 1])
			slot[2 * i + 1] = (uint32_t)h->data_len + 9;
}

static void entries_too_long(char *img, size_t *len)
{
	struct header *h = (struct header *)img;
	unsigned char *data = (unsigned char *)img + sizeof *h + h->cap * 8;

	for (size_t at = 0; at + 9 <= h->data_len; at += 8)
		data[at + 8] = 200;
}

/* Every slot taken, all naming the hash of no word: a probe for a missing
 * word must still end. */
static void no_empty_slot(char *img, size_t *len)
{
	struct header *h = (struct header *)img;
	uint32_t *slot = (uint32_t *)(img + sizeof *h);

	for (uint32_t i = 0; i < h->cap; i++)
		if (!slot[2 * i + 1]) {
			slot[2 * i] = 12345;
			slot[2 * i + 1] = 1;
		}
}

static void test_damaged_files(void)
{
	check_damage("truncated", truncated);
	check_damage("bad magic", bad_magic);
	check_damage("count", count_too_big);
	check_damage("slots", slots_point_outside);
	check_damage("entries", entries_too_long);
	check_damage("full table", no_empty_slot);
}

int main(void)
{
	setup();
	RUN(test_words_put_are_found_next_time);
	RUN(test_many_words_and_repeats);
	RUN(test_two_threads_put);
	RUN(test_damaged_files);
	RUN(test_other_dictionary_bytes);
	if (mgt_remove_tree(root) != 0)
		printf("  could not remove %s\n", root);
	return MGT_DONE();
}
