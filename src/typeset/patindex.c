/* patindex.c — a pattern dictionary's lines indexed by their letters, made
 * once per dictionary and saved in a cache folder; selections of the lines a
 * guide's words can match. See patindex.h for the contract. */
#include "typeset/patindex.h"

#include "core/arena.h"
#include "core/cachefile.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define MAX_DICT (16L << 20)
#define MAX_KEY MG_PATINDEX_KEY

/* The bitmap that answers most lookups before the table is touched: 16 KB,
 * which stays in the first-level cache, where the table (256 KB for English)
 * does not. */
#define BITS (1u << 17)

/* Bumped whenever the hash or the layout below changes. */
static const char MAGIC[8] = { 'm', 'k', 'g', 'p', 'i', 'x', '\n', 1 };

/* One indexed line: the hash of its letters and its number + 1 (0: an
 * empty slot). */
struct slot {
	uint32_t hash, line;
};

/* An index as made in memory and as saved: this header, then the lines'
 * starts (nlines + 1 of them, the last one the file's length), which lines
 * are kept whatever the words, the hash table and its bitmap, each array on
 * an 8-byte boundary. Integers are the machine's own (one of the other byte
 * order fails the header's check and is made again). */
struct header {
	char magic[8];
	uint32_t key, bits;	/* MAX_KEY and BITS: what the hashes mean */
	uint32_t nlines, cap;	/* cap: the table's slots, a power of two */
	uint32_t dict_crc, unused;
	uint64_t dict_size;
};

struct image_layout {
	size_t starts, always, slots, bits, total;
};

struct mg_patindex {
	const char *text;	/* the dictionary's (mg_dictfile) */
	size_t len;
	void *image;		/* header and arrays: malloc'd, or mapped */
	size_t image_len;
	int from_cache;		/* 1: image is a mapped cache file */
	size_t nlines, cap;
	const uint32_t *starts;
	const unsigned char *always;
	const struct slot *slots;
	const uint64_t *bits;
};

struct mg_patsel {
	const mg_patindex *ix;
	unsigned char *keep;	/* per line */
	uint32_t *seen;		/* hashes of the words already added */
	size_t seen_cap, seen_len;
};

/* ---- hashing ---- */

/* The hash of a line's letters (its first MAX_KEY), or 0 when it has none
 * (such lines are kept whatever the words). Digits are the pattern's
 * weights; a '/' starts a non-standard pattern's replacement. */
static uint32_t key_hash(const char *line, size_t len)
{
	uint32_t h = MG_FNV_START;
	size_t key = 0;

	for (size_t i = 0; i < len && line[i] != '/' && key < MAX_KEY; i++) {
		if (line[i] >= '0' && line[i] <= '9')
			continue;
		h = mg_fnv_step(h, (unsigned char)line[i]);
		key++;
	}
	return key == 0 ? 0 : (h ? h : 1);
}

/* ---- the image ---- */

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static struct image_layout layout_of(size_t nlines, size_t cap)
{
	struct image_layout l;

	l.starts = align8(sizeof(struct header));
	l.always = l.starts + align8((nlines + 1) * sizeof(uint32_t));
	l.slots = l.always + align8(nlines);
	l.bits = l.slots + cap * sizeof(struct slot);
	l.total = l.bits + BITS / 8;
	return l;
}

/* Points ix's arrays into its image. */
static void attach(mg_patindex *ix, const struct header *h)
{
	struct image_layout l = layout_of(h->nlines, h->cap);
	const char *base = ix->image;

	ix->nlines = h->nlines;
	ix->cap = h->cap;
	ix->starts = (const uint32_t *)(base + l.starts);
	ix->always = (const unsigned char *)(base + l.always);
	ix->slots = (const struct slot *)(base + l.slots);
	ix->bits = (const uint64_t *)(base + l.bits);
}

/* ---- making an index ---- */

/* The length of the line at p without its newline and carriage returns,
 * and where the next one starts. */
static size_t line_at(const char *p, const char *end, const char **next)
{
	const char *eol = memchr(p, '\n', (size_t)(end - p));
	size_t len;

	if (!eol)
		eol = end;
	*next = eol < end ? eol + 1 : end;
	len = (size_t)(eol - p);
	while (len && p[len - 1] == '\r')
		len--;
	return len;
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

static void index_line(struct slot *slots, uint64_t *bits, size_t cap,
		       size_t k, uint32_t h)
{
	size_t i = h & (cap - 1);

	while (slots[i].line)
		i = (i + 1) & (cap - 1);
	slots[i].hash = h;
	slots[i].line = (uint32_t)k + 1;
	bits[(h % BITS) / 64] |= (uint64_t)1 << (h % 64);
}

/* Makes ix's image from its text (crc: the text's, for a cache file). The
 * charset line (the first), the directives (upper-case keywords) and lines
 * without letters are kept whatever the words; comments and empty lines
 * never. */
static void make_image(mg_patindex *ix, uint32_t crc)
{
	const char *end = ix->text + ix->len, *next;
	size_t nlines = count_lines(ix->text, ix->len), cap, k = 0;
	struct image_layout l;
	struct header *h;
	uint32_t *starts;
	unsigned char *always;
	struct slot *slots;
	uint64_t *bits;
	char *base;

	for (cap = 1024; 2 * cap < 3 * nlines; cap *= 2)
		;
	l = layout_of(nlines, cap);
	base = ix->image = mg_xcalloc(1, l.total);
	ix->image_len = l.total;
	h = ix->image;
	memcpy(h->magic, MAGIC, sizeof MAGIC);
	h->key = MAX_KEY;
	h->bits = BITS;
	h->nlines = (uint32_t)nlines;
	h->cap = (uint32_t)cap;
	h->dict_size = ix->len;
	h->dict_crc = crc;
	starts = (uint32_t *)(base + l.starts);
	always = (unsigned char *)(base + l.always);
	slots = (struct slot *)(base + l.slots);
	bits = (uint64_t *)(base + l.bits);
	for (const char *line = ix->text; line < end; line = next, k++) {
		size_t len = line_at(line, end, &next);
		uint32_t hash;

		starts[k] = (uint32_t)(line - ix->text);
		if (k == 0 || len == 0 || line[0] == '%')
			always[k] = k == 0;
		else if (line[0] >= 'A' && line[0] <= 'Z')
			always[k] = 1;
		else if (!(hash = key_hash(line, len)))
			always[k] = 1;
		else
			index_line(slots, bits, cap, k, hash);
	}
	starts[nlines] = (uint32_t)ix->len;
	attach(ix, h);
}

/* ---- the cache ---- */

/* 1 when the mapped image of n bytes describes ix's text and stays within
 * itself: the same dictionary (size and CRC-32), the same hashing, line
 * starts in order ending at the text's end, every slot naming a line, and
 * at least one empty slot (a probe stops there). crc: the text's. */
static int image_ok(const mg_patindex *ix, uint32_t crc, const void *image,
		    size_t n)
{
	const struct header *h = image;
	struct image_layout l;
	const uint32_t *starts;
	const struct slot *slots;
	size_t used = 0;

	if (n < sizeof *h || memcmp(h->magic, MAGIC, sizeof MAGIC) != 0 ||
	    h->key != MAX_KEY || h->bits != BITS || h->dict_size != ix->len ||
	    h->nlines == 0 || h->nlines > ix->len || h->cap < 1024 ||
	    h->cap > (1u << 26) || (h->cap & (h->cap - 1)) != 0)
		return 0;
	l = layout_of(h->nlines, h->cap);
	if (l.total != n)
		return 0;
	starts = (const uint32_t *)((const char *)image + l.starts);
	if (starts[0] != 0 || starts[h->nlines] != ix->len)
		return 0;
	for (size_t k = 0; k < h->nlines; k++)
		if (starts[k] >= starts[k + 1])
			return 0;
	slots = (const struct slot *)((const char *)image + l.slots);
	for (size_t i = 0; i < h->cap; i++) {
		if (slots[i].line > h->nlines)
			return 0;
		used += slots[i].line != 0;
	}
	if (used >= h->cap)
		return 0;
	return h->dict_crc == crc;
}

/* Maps the cache file of ix into ix->image if it is sound; 0, or -1 when
 * there is none to use. */
static int read_cache(mg_patindex *ix, uint32_t crc, const char *name)
{
	size_t len;
	const void *p = mg_map_file(name, 64L << 20, &len);

	if (!p)
		return -1;
	if (!image_ok(ix, crc, p, len)) {
		munmap((void *)p, len);
		return -1;
	}
	ix->image = (void *)p;
	ix->image_len = len;
	ix->from_cache = 1;
	attach(ix, p);
	return 0;
}

/* ---- loading ---- */

mg_dictfile *mg_dictfile_open(const char *path, int with_crc)
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
	f->crc = with_crc ? mg_cache_crc(text, len) : 0;
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

mg_patindex *mg_patindex_load(const mg_dictfile *dict, const char *cache_dir)
{
	mg_patindex *ix = mg_xcalloc(1, sizeof *ix);
	char name[4096];
	int named;

	ix->text = dict->text;
	ix->len = dict->len;
	named = cache_dir &&
		mg_cache_path(name, sizeof name, cache_dir, dict->path, ".idx") == 0;
	if (named && read_cache(ix, dict->crc, name) == 0)
		return ix;
	make_image(ix, dict->crc);
	if (named)
		mg_cache_write(name, ix->image, ix->image_len);
	return ix;
}

void mg_patindex_free(mg_patindex *ix)
{
	if (!ix)
		return;
	if (ix->from_cache)
		munmap(ix->image, ix->image_len);
	else
		free(ix->image);
	free(ix);
}

int mg_patindex_from_cache(const mg_patindex *ix)
{
	return ix->from_cache;
}

/* ---- selections ---- */

mg_patsel *mg_patsel_new(const mg_patindex *ix)
{
	mg_patsel *s = mg_xcalloc(1, sizeof *s);

	s->ix = ix;
	s->keep = mg_xmalloc(ix->nlines);
	memcpy(s->keep, ix->always, ix->nlines);
	return s;
}

void mg_patsel_free(mg_patsel *s)
{
	if (!s)
		return;
	free(s->keep);
	free(s->seen);
	free(s);
}

/* Keeps every line whose letters hash to h. */
static void want(mg_patsel *s, uint32_t h)
{
	const mg_patindex *ix = s->ix;

	h = h ? h : 1;		/* as key_hash stores it */
	if (!(ix->bits[(h % BITS) / 64] & ((uint64_t)1 << (h % 64))))
		return;	/* no line has these letters: most substrings */
	for (size_t i = h & (ix->cap - 1); ix->slots[i].line;
	     i = (i + 1) & (ix->cap - 1))
		if (ix->slots[i].hash == h)
			s->keep[ix->slots[i].line - 1] = 1;
}

/* 1 the first time word hash h is seen. */
static int first_sight(mg_patsel *s, uint32_t h)
{
	size_t i;

	h = h ? h : 1;
	if (2 * (s->seen_len + 1) > s->seen_cap) {
		uint32_t *old = s->seen;
		size_t old_cap = s->seen_cap;

		s->seen_cap = old_cap ? 2 * old_cap : 1024;
		s->seen = mg_xcalloc(s->seen_cap, sizeof *s->seen);
		s->seen_len = 0;
		for (size_t k = 0; k < old_cap; k++)
			if (old[k])
				first_sight(s, old[k]);
		free(old);
	}
	for (i = h & (s->seen_cap - 1); s->seen[i]; i = (i + 1) & (s->seen_cap - 1))
		if (s->seen[i] == h)
			return 0;
	s->seen[i] = h;
	s->seen_len++;
	return 1;
}

void mg_patsel_add(mg_patsel *s, const char *word, size_t len)
{
	uint32_t h = MG_FNV_START;

	for (size_t i = 0; i < len; i++)
		h = mg_fnv_step(h, (unsigned char)word[i]);
	if (!first_sight(s, h))
		return;
	for (size_t i = 0; i < len; i++) {
		h = MG_FNV_START;
		for (size_t k = i; k < len && k - i < MAX_KEY; k++) {
			h = mg_fnv_step(h, (unsigned char)word[k]);
			want(s, h);
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
		size_t ll = ix->starts[k + 1] - ix->starts[k];

		if (!s->keep[k])
			continue;
		if (ll && line[ll - 1] == '\n')
			ll--;
		while (ll && line[ll - 1] == '\r')
			ll--;
		memcpy(out + n, line, ll);
		n += ll;
		out[n++] = '\n';
	}
	*len = n;
	return out;
}
