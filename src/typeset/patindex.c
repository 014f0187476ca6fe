/* patindex.c — a pattern dictionary's lines indexed by their letters, and
 * selections of the lines a guide's words can match. Both tables are open
 * addressing on an FNV-1a hash, with every hit compared letter by letter. */
#include "typeset/patindex.h"

#include "core/arena.h"
#include "core/files.h"
#include "core/vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define MAX_DICT (16L << 20)
#define MAX_KEY MG_PATINDEX_KEY

/* One indexed line: the hash of its key and its number + 1 (0: an empty
 * slot). */
struct slot {
	uint32_t hash, line;
};

struct mg_patindex {
	const char *text;	/* the dictionary's (mg_dictfile) */
	size_t len;
	size_t nlines;
	uint32_t *starts;	/* nlines + 1: where each line starts, then len */
	unsigned char *always;	/* per line: kept whatever the words */
	struct slot *slots;	/* cap of them, a power of two */
	size_t cap;
};

/* A word already added: its hash, and where its bytes are in `words`. */
struct seen {
	uint32_t hash, off, len, used;
};

struct mg_patsel {
	const mg_patindex *ix;
	unsigned char *keep;	/* per line */
	struct seen *seen;	/* the words added, a table of seen_cap */
	size_t seen_cap, seen_len;
	mg_vec words;		/* of char: their bytes */
};

static uint32_t fnv_step(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}

#define FNV_START 2166136261u

/* ---- the dictionary's lines ---- */

/* The length of the line at p without its newline and carriage returns. */
static size_t line_len(const char *p, size_t avail)
{
	const char *eol = memchr(p, '\n', avail);
	size_t len = eol ? (size_t)(eol - p) : avail;

	while (len && p[len - 1] == '\r')
		len--;
	return len;
}

/* Copies the key of a line (its letters, at most MAX_KEY: digits are the
 * pattern's weights, and a '/' starts a non-standard pattern's
 * replacement) into key; its length. */
static size_t line_key(const char *line, size_t len, char *key)
{
	size_t n = 0;

	for (size_t i = 0; i < len && line[i] != '/' && n < MAX_KEY; i++)
		if (line[i] < '0' || line[i] > '9')
			key[n++] = line[i];
	return n;
}

static uint32_t hash_of(const char *s, size_t len)
{
	uint32_t h = FNV_START;

	for (size_t i = 0; i < len; i++)
		h = fnv_step(h, (unsigned char)s[i]);
	return h;
}

/* The key of line k of ix into key; its length. */
static size_t key_of(const mg_patindex *ix, size_t k, char *key)
{
	const char *line = ix->text + ix->starts[k];

	return line_key(line, line_len(line, ix->starts[k + 1] - ix->starts[k]),
			key);
}

static size_t count_lines(const char *text, size_t len)
{
	const char *end = text + len, *next;
	size_t n = 0;

	for (const char *p = text; p < end; p = next, n++) {
		next = memchr(p, '\n', (size_t)(end - p));
		next = next ? next + 1 : end;
	}
	return n;
}

static void index_line(mg_patindex *ix, size_t k, uint32_t h)
{
	size_t i = h & (ix->cap - 1);

	while (ix->slots[i].line)
		i = (i + 1) & (ix->cap - 1);
	ix->slots[i].hash = h;
	ix->slots[i].line = (uint32_t)k + 1;
}

mg_patindex *mg_patindex_new(const mg_dictfile *dict)
{
	mg_patindex *ix = mg_xcalloc(1, sizeof *ix);
	const char *end = dict->text + dict->len, *next;
	char key[MAX_KEY];
	size_t k = 0;

	ix->text = dict->text;
	ix->len = dict->len;
	ix->nlines = count_lines(ix->text, ix->len);
	for (ix->cap = 1024; 2 * ix->cap < 3 * ix->nlines; ix->cap *= 2)
		;
	ix->starts = mg_xcalloc(ix->nlines + 1, sizeof *ix->starts);
	ix->always = mg_xcalloc(ix->nlines ? ix->nlines : 1, 1);
	ix->slots = mg_xcalloc(ix->cap, sizeof *ix->slots);
	/* The charset line (the first), the directives (upper-case keywords)
	 * and lines without letters are kept whatever the words; comments and
	 * empty lines never. */
	for (const char *line = ix->text; line < end; line = next, k++) {
		size_t len = line_len(line, (size_t)(end - line)), klen;

		next = memchr(line, '\n', (size_t)(end - line));
		next = next ? next + 1 : end;
		ix->starts[k] = (uint32_t)(line - ix->text);
		if (k == 0 || len == 0 || line[0] == '%')
			ix->always[k] = k == 0;
		else if (line[0] >= 'A' && line[0] <= 'Z')
			ix->always[k] = 1;
		else if ((klen = line_key(line, len, key)) == 0)
			ix->always[k] = 1;
		else
			index_line(ix, k, hash_of(key, klen));
	}
	ix->starts[ix->nlines] = (uint32_t)ix->len;
	return ix;
}

void mg_patindex_free(mg_patindex *ix)
{
	if (!ix)
		return;
	free(ix->starts);
	free(ix->always);
	free(ix->slots);
	free(ix);
}

mg_dictfile *mg_dictfile_open(const char *path)
{
	mg_dictfile *f;
	size_t len;
	const char *text = mg_map_file(path, MAX_DICT, &len);

	if (!text)
		return NULL;
	if (len < 5 || memcmp(text, "UTF-8", 5) != 0) {
		munmap((void *)text, len);
		return NULL;
	}
	f = mg_xcalloc(1, sizeof *f);
	f->path = mg_xstrdup(path);
	f->text = text;
	f->len = len;
	return f;
}

void mg_dictfile_close(mg_dictfile *f)
{
	if (!f)
		return;
	munmap((void *)f->text, f->len);
	free(f->path);
	free(f);
}

/* ---- selections ---- */

mg_patsel *mg_patsel_new(const mg_patindex *ix)
{
	mg_patsel *s = mg_xcalloc(1, sizeof *s);

	s->ix = ix;
	s->keep = mg_xmalloc(ix->nlines ? ix->nlines : 1);
	memcpy(s->keep, ix->always, ix->nlines);
	mg_vec_init(&s->words, 1);
	return s;
}

void mg_patsel_free(mg_patsel *s)
{
	if (!s)
		return;
	free(s->keep);
	free(s->seen);
	mg_vec_release(&s->words);
	free(s);
}

/* Keeps every line whose key is sub[0..len), of hash h. */
static void want(mg_patsel *s, const char *sub, size_t len, uint32_t h)
{
	const mg_patindex *ix = s->ix;
	char key[MAX_KEY];

	for (size_t i = h & (ix->cap - 1); ix->slots[i].line;
	     i = (i + 1) & (ix->cap - 1)) {
		size_t k = ix->slots[i].line - 1;

		if (ix->slots[i].hash == h && !s->keep[k] &&
		    key_of(ix, k, key) == len && memcmp(key, sub, len) == 0)
			s->keep[k] = 1;
	}
}

/* Puts an entry in the table of seen words (which has room). */
static void seen_put(mg_patsel *s, struct seen e)
{
	size_t i = e.hash & (s->seen_cap - 1);

	while (s->seen[i].used)
		i = (i + 1) & (s->seen_cap - 1);
	s->seen[i] = e;
	s->seen_len++;
}

/* 1 the first time word[0..len) is added; remembers it. */
static int first_sight(mg_patsel *s, const char *word, size_t len)
{
	uint32_t h = hash_of(word, len);
	struct seen e = { h, (uint32_t)s->words.len, (uint32_t)len, 1 };

	if (2 * (s->seen_len + 1) > s->seen_cap) {
		struct seen *old = s->seen;
		size_t old_cap = s->seen_cap;

		s->seen_cap = old_cap ? 2 * old_cap : 1024;
		s->seen = mg_xcalloc(s->seen_cap, sizeof *s->seen);
		s->seen_len = 0;
		for (size_t k = 0; k < old_cap; k++)
			if (old[k].used)
				seen_put(s, old[k]);
		free(old);
	}
	for (size_t i = h & (s->seen_cap - 1); s->seen[i].used;
	     i = (i + 1) & (s->seen_cap - 1)) {
		const struct seen *o = &s->seen[i];

		if (o->hash == h && o->len == len &&
		    memcmp((const char *)s->words.items + o->off, word, len) == 0)
			return 0;
	}
	mg_vec_append(&s->words, word, len);
	seen_put(s, e);
	return 1;
}

void mg_patsel_add(mg_patsel *s, const char *word, size_t len)
{
	if (!first_sight(s, word, len))
		return;
	for (size_t i = 0; i < len; i++) {
		uint32_t h = FNV_START;

		for (size_t k = i; k < len && k - i < MAX_KEY; k++) {
			h = fnv_step(h, (unsigned char)word[k]);
			want(s, word + i, k - i + 1, h);
		}
	}
}

char *mg_patsel_text(const mg_patsel *s, size_t *len)
{
	const mg_patindex *ix = s->ix;
	char *out = mg_xmalloc(ix->len + ix->nlines + 1);
	size_t n = 0;

	for (size_t k = 0; k < ix->nlines; k++) {
		const char *line = ix->text + ix->starts[k];
		size_t ll;

		if (!s->keep[k])
			continue;
		ll = line_len(line, ix->starts[k + 1] - ix->starts[k]);
		memcpy(out + n, line, ll);
		n += ll;
		out[n++] = '\n';
	}
	*len = n;
	return out;
}
