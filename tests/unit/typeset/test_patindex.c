/* test_patindex.c — a dictionary's pattern index selects exactly the lines
 * whose letters occur in the words given: checked against a plain search
 * of the whole dictionary, and for two words whose hashes collide. */
#include "typeset/patindex.h"

#include "mgtest.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define DICT "/usr/share/hyphen/hyph_en_US.dic"

static char root[] = "/tmp/mkguide-patindex.XXXXXX";
static char dict[256];

/* The words whose selections are compared. */
static const char *const words[] = {
	".naltrexone.", ".hyphenation.", ".self-injury.", ".clinicians.",
	".opioid.", ".a.", ".disclaimer.",
};
#define NWORDS (sizeof words / sizeof words[0])

/* The lines selected from ix for w[0..n), as a malloc'd C string. */
static char *select_words(const mg_patindex *ix, const char *const *w,
			  size_t n)
{
	mg_patsel *s = mg_patsel_new(ix);
	size_t len;
	char *text, *out;

	for (size_t i = 0; i < n; i++)
		mg_patsel_add(s, w[i], strlen(w[i]));
	text = mg_patsel_text(s, &len);
	mg_patsel_free(s);
	out = malloc(len + 1);
	memcpy(out, text, len);
	out[len] = '\0';
	free(text);
	return out;
}

/* The dictionary's selection for w[0..n) (NULL if it cannot be read). */
static char *selection_of(const char *const *w, size_t n)
{
	mg_dictfile *file = mg_dictfile_open(dict);
	mg_patindex *ix;
	char *sel;

	CHECK(file != NULL);
	if (!file)
		return NULL;
	ix = mg_patindex_new(file);
	sel = select_words(ix, w, n);
	mg_patindex_free(ix);
	mg_dictfile_close(file);
	return sel;
}

static char *reference(void)
{
	return selection_of(words, NWORDS);
}

/* 1 when the letters of pattern line[0..len) (its first
 * MG_PATINDEX_KEY, digits left out, up to a '/') occur in one of w. */
static int line_matches(const char *line, size_t len, const char *const *w,
			size_t n)
{
	char key[MG_PATINDEX_KEY + 1];
	size_t k = 0;

	for (size_t i = 0; i < len && line[i] != '/' && k < MG_PATINDEX_KEY; i++)
		if (line[i] < '0' || line[i] > '9')
			key[k++] = line[i];
	key[k] = '\0';
	for (size_t i = 0; i < n; i++)
		if (strstr(w[i], key))
			return 1;
	return 0;
}

/* The selection a plain search of the whole file gives: the charset line,
 * the directives, and every pattern whose letters occur in a word. */
static char *plain_selection(const char *const *w, size_t n)
{
	size_t len = 0, out_len = 0;
	char *text = mgt_read_file(dict, &len), *out;
	int first = 1;

	if (!text)
		return NULL;
	out = malloc(len + 1);
	for (char *line = text, *nl; line < text + len; line = nl + 1, first = 0) {
		size_t ll;

		nl = memchr(line, '\n', (size_t)(text + len - line));
		if (!nl)
			nl = text + len;
		ll = (size_t)(nl - line);
		while (ll && line[ll - 1] == '\r')
			ll--;
		if (!first && (ll == 0 || line[0] == '%'))
			continue;
		if (first || (line[0] >= 'A' && line[0] <= 'Z') ||
		    line_matches(line, ll, w, n)) {
			memcpy(out + out_len, line, ll);
			out_len += ll;
			out[out_len++] = '\n';
		}
	}
	out[out_len] = '\0';
	free(text);
	return out;
}

/* 1 when every line of sel after its first (the charset line) is a whole
 * line of text. */
static int lines_within(const char *sel, const char *text)
{
	const char *nl = strchr(sel, '\n');

	for (const char *line = nl ? nl + 1 : sel; (nl = strchr(line, '\n'));
	     line = nl + 1) {
		char want[80];
		size_t n = (size_t)(nl - line);

		if (n == 0 || n + 3 > sizeof want)
			return 0;
		want[0] = '\n';
		memcpy(want + 1, line, n);
		want[n + 1] = '\n';
		want[n + 2] = '\0';
		if (!strstr(text, want))
			return 0;
	}
	return 1;
}

static void setup(void)
{
	mgt_temp_copy(root, DICT, "hyph_en_US.dic", dict, sizeof dict);
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
	CHECK(lines_within(ref, text));
	/* a pattern of no given word is not kept */
	CHECK(strstr(text, "\n.chill5i\n") != NULL);
	CHECK(strstr(ref, "\n.chill5i\n") == NULL);
out:
	free(ref);
	free(text);
}

/* The index keeps exactly what a plain search of the file keeps. */
static void test_same_as_a_plain_search(void)
{
	char *got = reference(), *want = plain_selection(words, NWORDS);

	CHECK(got != NULL && want != NULL);
	if (got && want)
		CHECK_STR(got, want);
	free(got);
	free(want);
}

/* ".ersame." and ".kamiar." have the same 32-bit FNV-1a hash: the second
 * word must still bring its own patterns. */
static void test_colliding_words_keep_their_patterns(void)
{
	static const char *const both[] = { ".ersame.", ".kamiar." };
	char *one = selection_of(both, 1), *two = selection_of(both, 2);
	char *kamiar = selection_of(both + 1, 1);
	char *want = plain_selection(both, 2);

	CHECK(one && two && kamiar && want);
	if (!one || !two || !kamiar || !want)
		goto out;
	CHECK(strcmp(one, two) != 0);
	CHECK_STR(two, want);
	/* every line of ".kamiar." alone is in the pair's selection */
	CHECK(lines_within(kamiar, two));
out:
	free(one);
	free(two);
	free(kamiar);
	free(want);
}

/* A word given twice selects what it selects once. */
static void test_repeated_word(void)
{
	static const char *const twice[] = { ".opioid.", ".opioid." };
	char *one = selection_of(twice, 1), *two = selection_of(twice, 2);

	CHECK(one && two);
	if (one && two)
		CHECK_STR(two, one);
	free(one);
	free(two);
}

static void test_not_a_dictionary(void)
{
	char path[300];

	snprintf(path, sizeof path, "%s/latin1.dic", root);
	CHECK(mgt_write_file(path, "ISO8859-1\nab1c\n", 15) == 0);
	CHECK(mg_dictfile_open(path) == NULL);
	snprintf(path, sizeof path, "%s/none.dic", root);
	CHECK(mg_dictfile_open(path) == NULL);
	CHECK(mg_dictfile_open(root) == NULL);	/* a folder */
}

int main(void)
{
	setup();
	RUN(test_selects_the_lines_of_the_words);
	RUN(test_same_as_a_plain_search);
	RUN(test_colliding_words_keep_their_patterns);
	RUN(test_repeated_word);
	RUN(test_not_a_dictionary);
	if (mgt_remove_tree(root) != 0)
		printf("  could not remove %s\n", root);
	return MGT_DONE();
}
