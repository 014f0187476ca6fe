/* wordcache.c — words and their hyphenation breaks, kept in a file of the
 * cache folder per pattern dictionary; looked up in the mapped file, added
 * to in memory, written once when closed. See wordcache.h. */
#include "typeset/wordcache.h"

#include "core/arena.h"
#include "core/vec.h"
#include "core/cachefile.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define MAX_LEN 64		/* MG_HYPHEN_MAX_BYTES: the breaks fit 64 bits */
#define MAX_WORDS 200000	/* a fuller file starts again with a run's words */

/* Bumped whenever the layout below or the hash changes. */
static const char MAGIC[8] = { 'm', 'k', 'g', 'w', 'r', 'd', '\n', 1 };

/* A file: this header, the table (cap slots), then the entries. Integers
 * are the machine's own (a file of the other byte order fails the
 * header's check). */
struct header {
	char magic[8];
	uint32_t count, cap;	/* words; slots, a power of two above count */
	uint32_t dict_crc, unused;
	uint64_t dict_size;
	uint64_t data_len;	/* the entries' bytes */
};

/* A slot: the word's hash, and where its entry starts in the entries + 1
 * (0: empty). */
struct slot {
	uint32_t hash, at;
};

/* An entry, on an 8-byte boundary: the breaks (8 bytes), the word's
 * length (1), the word. */
#define ENTRY_HEAD 9

/* A word this run found. */
struct fresh {
	uint64_t breaks;
	unsigned char len;
	char word[MAX_LEN];
};

struct mg_wordcache {
	char path[4096];	/* the file */
	uint32_t dict_crc;
	uint64_t dict_size;
	const char *map;	/* the file, mapped, or NULL */
	size_t map_len;
	const struct header *h;	/* into map, when it is sound */
	const struct slot *slots;
	const unsigned char *data;
	pthread_mutex_t lock;	/* guards fresh */
	mg_vec fresh;		/* of struct fresh */
};

static uint32_t hash_word(const char *w, size_t len)
{
	uint32_t h = MG_FNV_START;

	for (size_t i = 0; i < len; i++)
		h = mg_fnv_step(h, (unsigned char)w[i]);
	return h ? h : 1;
}

/* Keeps the map when its header fits the dictionary and the file's size;
 * the entries are checked one by one as they are read. */
static void attach(mg_wordcache *c)
{
	const struct header *h = (const struct header *)c->map;
	size_t slots_len;

	if (c->map_len < sizeof *h || memcmp(h->magic, MAGIC, sizeof MAGIC) != 0 ||
	    h->dict_crc != c->dict_crc || h->dict_size != c->dict_size ||
	    h->cap < 16 || h->cap > (1u << 24) || (h->cap & (h->cap - 1)) != 0 ||
	    h->count >= h->cap)
		return;
	slots_len = (size_t)h->cap * sizeof(struct slot);
	if (c->map_len < sizeof *h + slots_len ||
	    h->data_len != c->map_len - sizeof *h - slots_len)
		return;
	c->h = h;
	c->slots = (const struct slot *)(c->map + sizeof *h);
	c->data = (const unsigned char *)c->map + sizeof *h + slots_len;
}

mg_wordcache *mg_wordcache_open(const char *cache_dir, const mg_dictfile *dict)
{
	mg_wordcache *c = mg_xcalloc(1, sizeof *c);

	c->dict_crc = dict->crc;
	c->dict_size = dict->len;
	if (mg_cache_path(c->path, sizeof c->path, cache_dir, dict->path,
			  ".words") < 0) {
		free(c);
		return NULL;
	}
	pthread_mutex_init(&c->lock, NULL);
	mg_vec_init(&c->fresh, sizeof(struct fresh));
	c->map = mg_map_file(c->path, 256L << 20, &c->map_len);
	if (c->map)
		attach(c);
	return c;
}

/* The entry at a slot's offset, if it lies within the entries and is well
 * formed; NULL otherwise. */
static const unsigned char *entry_at(const mg_wordcache *c, uint32_t at)
{
	size_t off = (size_t)at - 1;
	const unsigned char *e;

	if (off % 8 != 0 || off + ENTRY_HEAD > c->h->data_len)
		return NULL;
	e = c->data + off;
	if (e[8] == 0 || e[8] > MAX_LEN || off + ENTRY_HEAD + e[8] > c->h->data_len)
		return NULL;
	return e;
}

int mg_wordcache_get(const mg_wordcache *c, const char *word, size_t len,
		     uint64_t *breaks)
{
	uint32_t h, mask;

	if (!c->h || len == 0 || len > MAX_LEN)
		return 0;
	h = hash_word(word, len);
	mask = c->h->cap - 1;
	/* at most cap probes: a damaged table may have no empty slot */
	for (uint32_t i = h & mask, n = 0; n < c->h->cap && c->slots[i].at;
	     i = (i + 1) & mask, n++) {
		const unsigned char *e;

		if (c->slots[i].hash != h || !(e = entry_at(c, c->slots[i].at)))
			continue;
		if (e[8] == len && memcmp(e + ENTRY_HEAD, word, len) == 0) {
			memcpy(breaks, e, sizeof *breaks);
			return 1;
		}
	}
	return 0;
}

void mg_wordcache_put(mg_wordcache *c, const char *word, size_t len,
		      uint64_t breaks)
{
	struct fresh *f;

	if (len == 0 || len > MAX_LEN)
		return;
	pthread_mutex_lock(&c->lock);
	f = mg_vec_push(&c->fresh);
	f->breaks = breaks;
	f->len = (unsigned char)len;
	memcpy(f->word, word, len);
	pthread_mutex_unlock(&c->lock);
}

/* ---- writing ---- */

/* A file being made: its table and entries, growing. */
struct image {
	struct header *h;
	struct slot *slots;
	mg_vec data;		/* of unsigned char */
};

/* Adds a word unless the image has it. */
static void image_add(struct image *im, const char *word, size_t len,
		      uint64_t breaks)
{
	uint32_t h = hash_word(word, len), mask = im->h->cap - 1, i;
	unsigned char head[ENTRY_HEAD];
	size_t at = im->data.len;

	for (i = h & mask; im->slots[i].at; i = (i + 1) & mask) {
		const unsigned char *e = (const unsigned char *)im->data.items +
					 im->slots[i].at - 1;
		if (im->slots[i].hash == h && e[8] == len &&
		    memcmp(e + ENTRY_HEAD, word, len) == 0)
			return;
	}
	memcpy(head, &breaks, sizeof breaks);
	head[8] = (unsigned char)len;
	mg_vec_append(&im->data, head, ENTRY_HEAD);
	mg_vec_append(&im->data, word, len);
	while (im->data.len % 8)
		*(unsigned char *)mg_vec_push(&im->data) = 0;
	im->slots[i].hash = h;
	im->slots[i].at = (uint32_t)at + 1;
	im->h->count++;
}

/* The old file's words and this run's, as a new file's bytes (malloc'd,
 * *len). The old ones are left out when there would be too many. */
static char *make_image(const mg_wordcache *c, size_t *len)
{
	size_t old = c->h ? c->h->count : 0, n, cap = 16;
	const struct fresh *f = c->fresh.items;
	struct header h;
	struct image im = { &h, NULL, { 0 } };
	char *out;

	if (old + c->fresh.len > MAX_WORDS)
		old = 0;
	n = old + c->fresh.len;
	while (cap < 2 * n)
		cap *= 2;
	memset(&h, 0, sizeof h);
	memcpy(h.magic, MAGIC, sizeof MAGIC);
	h.cap = (uint32_t)cap;
	h.dict_crc = c->dict_crc;
	h.dict_size = c->dict_size;
	im.slots = mg_xcalloc(cap, sizeof *im.slots);
	mg_vec_init(&im.data, 1);
	for (uint32_t i = 0; old && i < c->h->cap; i++) {
		const unsigned char *e;
		uint64_t breaks;

		if (!c->slots[i].at || !(e = entry_at(c, c->slots[i].at)))
			continue;
		memcpy(&breaks, e, sizeof breaks);
		image_add(&im, (const char *)e + ENTRY_HEAD, e[8], breaks);
	}
	for (size_t k = 0; k < c->fresh.len; k++)
		image_add(&im, f[k].word, f[k].len, f[k].breaks);
	h.data_len = im.data.len;
	*len = sizeof h + cap * sizeof *im.slots + im.data.len;
	out = mg_xmalloc(*len);
	memcpy(out, &h, sizeof h);
	memcpy(out + sizeof h, im.slots, cap * sizeof *im.slots);
	if (im.data.len)
		memcpy(out + sizeof h + cap * sizeof *im.slots, im.data.items,
		       im.data.len);
	free(im.slots);
	mg_vec_release(&im.data);
	return out;
}

void mg_wordcache_close(mg_wordcache *c)
{
	if (!c)
		return;
	if (c->fresh.len > 0) {
		size_t len;
		char *image = make_image(c, &len);

		mg_cache_write(c->path, image, len);
		free(image);
	}
	if (c->map)
		munmap((void *)c->map, c->map_len);
	mg_vec_release(&c->fresh);
	pthread_mutex_destroy(&c->lock);
	free(c);
}
