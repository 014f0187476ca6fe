/* test_patindex.c — a dictionary's pattern index selects the lines a word
 * can match; saved in a cache folder, it is read back by the next load and
 * gives the same selections; a cache made from other bytes, or damaged in
 * any of the ways checked here, is made again instead of trusted. */
#include "typeset/patindex.h"

#include "mgtest.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define DICT "/usr/share/hyphen/hyph_en_US.dic"

static char root[] = "/tmp/mkguide-patindex.XXXXXX";
static char dict[256], cache[256], idx[300];

/* The words whose selections are compared. */
static const char *const words[] = {
	".naltrexone.", ".hyphenation.", ".self-injury.", ".clinicians.",
	".opioid.", ".a.", ".disclaimer.",
};
#define NWORDS (sizeof words / sizeof words[0])

/* The dictionary of the index loaded last, opened afresh for it. */
static mg_dictfile *file;

static mg_patindex *load(const char *cache_dir)
{
	file = mg_dictfile_open(dict, 1);
	CHECK(file != NULL);
	return file ? mg_patindex_load(file, cache_dir) : NULL;
}

static void unload(mg_patindex *ix)
{
	mg_patindex_free(ix);
	mg_dictfile_close(file);
	file = NULL;
}

/* The lines selected from ix for words[0..n), as a malloc'd C string. */
static char *selection(const mg_patindex *ix, size_t n)
{
	mg_patsel *s = mg_patsel_new(ix);
	size_t len;
	char *text, *out;

	for (size_t i = 0; i < n; i++)
		mg_patsel_add(s, words[i], strlen(words[i]));
	text = mg_patsel_text(s, &len);
	mg_patsel_free(s);
	out = malloc(len + 1);
	memcpy(out, text, len);
	out[len] = '\0';
	free(text);
	return out;
}

/* The reference: the selection of an index made without any cache. */
static char *reference(void)
{
	mg_patindex *ix = load(NULL);
	char *sel;

	if (!ix)
		return NULL;
	sel = selection(ix, NWORDS);
	unload(ix);
	return sel;
}

/* Loads dict with the cache and checks it came from the cache or not, and
 * that its selection is the reference's. */
static void check_load(const char *ref, int want_cached)
{
	mg_patindex *ix = load(cache);
	char *sel;

	CHECK(ix != NULL);
	if (!ix)
		return;
	CHECK_INT(mg_patindex_from_cache(ix), want_cached);
	sel = selection(ix, NWORDS);
	CHECK_STR(sel, ref);
	free(sel);
	unload(ix);
}

/* The cache file's header, as patindex.c lays it out. */
struct header {
	char magic[8];
	uint32_t key, bits, nlines, cap, dict_crc, unused;
	uint64_t dict_size;
};

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* Where the arrays of a cache image start: the lines' starts, the slots
 * (hash, line + 1), the bitmap. */
static size_t starts_at(const char *img)
{
	return align8(sizeof(struct header));
}

static size_t slots_at(const char *img)
{
	const struct header *h = (const struct header *)img;

	return starts_at(img) + align8((h->nlines + 1) * 4) + align8(h->nlines);
}

static size_t bits_at(const char *img)
{
	return slots_at(img) + (size_t)((const struct header *)img)->cap * 8;
}

/* Makes a fresh cache, then lets damage() change its bytes. */
static void damage_cache(void (*damage)(char *img, size_t *len))
{
	mg_patindex *ix;
	char *img;
	size_t len = 0;

	unlink(idx);
	ix = load(cache);
	unload(ix);
	img = mgt_read_file(idx, &len);
	CHECK(img != NULL && len > sizeof(struct header));
	if (!img)
		return;
	damage(img, &len);
	CHECK(mgt_write_file(idx, img, len) == 0);
	free(img);
}

static void setup(void)
{
	mgt_temp_copy(root, DICT, "hyph_en_US.dic", dict, sizeof dict);
	snprintf(cache, sizeof cache, "%s/home/.cache/mkguide", root);
	snprintf(idx, sizeof idx, "%s/hyph_en_US.dic.idx", cache);
}

static void test_selects_the_lines_of_the_words(void)
{
	char *ref = reference(), *text;
	size_t len = 0;

	text = mgt_read_file(dict, &len);
	CHECK(ref != NULL && text != NULL);
	if (!ref || !text)
		goto out;
	/* the charset line first, then the directives, then some patterns */
	CHECK(strncmp(ref, "UTF-8\n", 6) == 0);
	CHECK(strstr(ref, "\nLEFTHYPHENMIN 2\n") != NULL);
	CHECK(strstr(ref, "\nhy3ph\n") != NULL);	/* of "hyphenation" */
	CHECK(strstr(ref, "\nhe2n\n") != NULL);
	/* a small part of the dictionary, and every line one of its lines */
	CHECK(strlen(ref) > 200 && strlen(ref) < len / 20);
	for (char *line = ref, *nl; (nl = strchr(line, '\n')); line = nl + 1) {
		char want[80];
		size_t n = (size_t)(nl - line);
		if (n == 0 || n + 3 > sizeof want) {
			CHECK(n > 0 && n + 3 <= sizeof want);
			break;
		}
		want[0] = '\n';
		memcpy(want + 1, line, n);
		want[n + 1] = '\n';
		want[n + 2] = '\0';
		CHECK(line == ref || strstr(text, want) != NULL);
	}
	/* a pattern of no given word is not kept */
	CHECK(strstr(text, "\n.chill5i\n") != NULL);
	CHECK(strstr(ref, "\n.chill5i\n") == NULL);
out:
	free(ref);
	free(text);
}

static void test_cache_is_written_then_read(void)
{
	char *ref = reference();
	struct stat st;

	CHECK(ref != NULL);
	if (!ref)
		return;
	/* the folder and its parent are made; the first load writes */
	CHECK(stat(cache, &st) != 0);
	check_load(ref, 0);
	CHECK(stat(idx, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 100000);
	/* the next loads read it */
	check_load(ref, 1);
	check_load(ref, 1);
	free(ref);
}

/* Changes one pattern's letters, keeping the file's size. */
static void change_dictionary(void)
{
	size_t len = 0;
	char *text = mgt_read_file(dict, &len), *at;

	CHECK(text != NULL);
	if (!text)
		return;
	at = strstr(text, "\nhy3ph\n");
	CHECK(at != NULL);
	if (at)
		at[5] = 'z';	/* hy3pz */
	CHECK(mgt_write_file(dict, text, len) == 0);
	free(text);
}

static void test_stale_cache_is_made_again(void)
{
	char *ref;

	unload(load(cache));	/* a cache to go stale */
	change_dictionary();
	ref = reference();
	CHECK(ref != NULL);
	check_load(ref, 0);	/* the dictionary changed: made again */
	check_load(ref, 1);	/* and saved */
	free(ref);
}

/* Damage that passes every check: an image with no indexed line. */
static void empty_table(char *img, size_t *len)
{
	memset(img + slots_at(img), 0, *len - slots_at(img));
}

static void test_cache_is_what_is_used(void)
{
	mg_patindex *ix = load(NULL);
	char *none = NULL, *all = NULL, *sel;

	CHECK(ix != NULL);
	if (!ix)
		return;
	none = selection(ix, 0);	/* the lines kept whatever the words */
	all = selection(ix, NWORDS);
	unload(ix);
	CHECK(strcmp(none, all) != 0);
	damage_cache(empty_table);
	ix = load(cache);
	CHECK(ix != NULL && mg_patindex_from_cache(ix));
	if (ix) {
		/* with no line indexed, the words find nothing more */
		sel = selection(ix, NWORDS);
		CHECK_STR(sel, none);
		free(sel);
		unload(ix);
	}
	free(none);
	free(all);
	unlink(idx);
}

static void truncate_last(char *img, size_t *len)
{
	*len -= 8;
}

static void bad_magic(char *img, size_t *len)
{
	img[0] ^= 1;
}

static void other_size(char *img, size_t *len)
{
	((struct header *)img)->dict_size += 1;
}

static void other_crc(char *img, size_t *len)
{
	((struct header *)img)->dict_crc ^= 1;
}

static void huge_cap(char *img, size_t *len)
{
	((struct header *)img)->cap = 1u << 30;
}

static void line_out_of_range(char *img, size_t *len)
{
	struct header *h = (struct header *)img;
	uint32_t *slot = (uint32_t *)(img + slots_at(img));

	for (size_t i = 0; i < h->cap; i++)
		if (slot[2 * i + 1]) {
			slot[2 * i + 1] = h->nlines + 1;
			break;
		}
}

static void starts_out_of_order(char *img, size_t *len)
{
	struct header *h = (struct header *)img;
	uint32_t *start = (uint32_t *)(img + starts_at(img));

	start[h->nlines / 2] = start[h->nlines / 2 + 1] + 1;
}

/* A full table would make a probe for a missing hash run forever. */
static void every_slot_used(char *img, size_t *len)
{
	struct header *h = (struct header *)img;
	uint32_t *slot = (uint32_t *)(img + slots_at(img));

	for (size_t i = 0; i < h->cap; i++)
		if (!slot[2 * i + 1]) {
			slot[2 * i] = 7;
			slot[2 * i + 1] = 1;
		}
	memset(img + bits_at(img), 0xff, *len - bits_at(img));
}

static void test_damaged_cache_is_made_again(void)
{
	static void (*const damages[])(char *, size_t *) = {
		truncate_last, bad_magic, other_size, other_crc, huge_cap,
		line_out_of_range, starts_out_of_order, every_slot_used,
	};
	char *ref = reference();

	CHECK(ref != NULL);
	for (size_t i = 0; ref && i < sizeof damages / sizeof damages[0]; i++) {
		damage_cache(damages[i]);
		check_load(ref, 0);
		check_load(ref, 1);	/* and written whole again */
	}
	free(ref);
}

static void test_unwritable_cache_is_no_error(void)
{
	char *ref = reference();
	char blocked[300];

	/* a file where the cache folder's parent should be */
	snprintf(blocked, sizeof blocked, "%s/blocked", root);
	CHECK(mgt_write_file(blocked, "x", 1) == 0);
	snprintf(cache, sizeof cache, "%s/blocked/mkguide", root);
	check_load(ref, 0);
	check_load(ref, 0);
	snprintf(cache, sizeof cache, "%s/home/.cache/mkguide", root);
	free(ref);
}

static void test_not_a_dictionary(void)
{
	char path[300];

	snprintf(path, sizeof path, "%s/latin1.dic", root);
	CHECK(mgt_write_file(path, "ISO8859-1\nab1c\n", 15) == 0);
	CHECK(mg_dictfile_open(path, 1) == NULL);
	snprintf(path, sizeof path, "%s/none.dic", root);
	CHECK(mg_dictfile_open(path, 1) == NULL);
	CHECK(mg_dictfile_open(root, 1) == NULL);	/* a folder */
}

int main(void)
{
	setup();
	RUN(test_selects_the_lines_of_the_words);
	RUN(test_cache_is_written_then_read);
	RUN(test_stale_cache_is_made_again);
	RUN(test_cache_is_what_is_used);
	RUN(test_damaged_cache_is_made_again);
	RUN(test_unwritable_cache_is_no_error);
	RUN(test_not_a_dictionary);
	if (mgt_remove_tree(root) != 0)
		printf("  could not remove %s\n", root);
	return MGT_DONE();
}
