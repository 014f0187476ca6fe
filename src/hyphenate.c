/* hyphenate.c — hyphenation points from libhyphen. A library object loads
 * each language's pattern dictionary (or its index) once, under its lock,
 * and never writes it after: layouts on different threads share them. */
#include "hyphenate.h"

#include "arena.h"
#include "guide.h"

#include <dirent.h>
#include <fcntl.h>
#include <hyphen.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define HYPHEN_DIR "/usr/share/hyphen"

#define MAX_WORD MG_HYPHEN_MAX_BYTES
#define LEFT_MIN 2
#define RIGHT_MIN 3

struct mg_hyphen {
	int owned;		/* 1: a guide's own, freed by mg_hyphen_release */
	HyphenDict *dict;
};

struct pindex;

#define MAX_LANGS 16

/* What the library knows of one language tag. Each part is made once,
 * under the library's lock, and only read afterwards. */
struct lang {
	char tag[16];
	int whole_tried, index_tried;
	mg_hyphen whole;	/* the whole dictionary (dict NULL: none) */
	struct pindex *index;	/* its pattern lines, indexed (NULL: none) */
};

struct mg_hyphenlib {
	pthread_mutex_t lock;
	struct lang langs[MAX_LANGS];
	int nlangs;
};

/* Candidate files for a tag: "es-MX" → hyph_es_MX, then the language's
 * main dictionary (en_US, es_ES), hyph_es, then any hyph_es_*.dic. */
typedef void *(*dict_loader)(const char *path);

static void *load_whole(const char *path)
{
	return hnj_hyphen_load(path);
}

/* Finds the dictionary file for a tag and loads it with load(): the first
 * candidate that loads. */
static void *find_and_load(const char *tag, dict_loader load)
{
	char ll[8] = "", rr[8] = "", path[256];
	size_t i = 0, j = 0;
	void *d = NULL;

	while (tag[i] && tag[i] != '-' && tag[i] != '_' && i < sizeof ll - 1) {
		ll[i] = (char)(tag[i] >= 'A' && tag[i] <= 'Z' ? tag[i] + 32 : tag[i]);
		i++;
	}
	if (tag[i] == '-' || tag[i] == '_') {
		i++;
		while (tag[i] && tag[i] != '-' && j < sizeof rr - 1) {
			rr[j++] = (char)(tag[i] >= 'a' && tag[i] <= 'z' ? tag[i] - 32 : tag[i]);
			i++;
		}
		if (j != 2)	/* a script or variant subtag, not a region */
			rr[0] = '\0';
	}
	if (!ll[0] || strspn(ll, "abcdefghijklmnopqrstuvwxyz") != strlen(ll))
		return NULL;
	if (rr[0] && strspn(rr, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 2) {
		snprintf(path, sizeof path, "%s/hyph_%s_%s.dic", HYPHEN_DIR, ll, rr);
		d = load(path);
	}
	if (!d && strcmp(ll, "en") == 0)
		d = load(HYPHEN_DIR "/hyph_en_US.dic");
	if (!d && strcmp(ll, "es") == 0)
		d = load(HYPHEN_DIR "/hyph_es_ES.dic");
	if (!d) {
		snprintf(path, sizeof path, "%s/hyph_%s.dic", HYPHEN_DIR, ll);
		d = load(path);
	}
	if (!d) {	/* the first (by name) regional dictionary of the language */
		DIR *dir = opendir(HYPHEN_DIR);
		struct dirent *e;
		char prefix[16], best[128] = "";
		snprintf(prefix, sizeof prefix, "hyph_%s_", ll);
		while (dir && (e = readdir(dir))) {
			size_t n = strlen(e->d_name);
			if (strncmp(e->d_name, prefix, strlen(prefix)) != 0 || n < 4 ||
			    n >= sizeof best || strcmp(e->d_name + n - 4, ".dic") != 0)
				continue;
			if (!best[0] || strcmp(e->d_name, best) < 0)
				strcpy(best, e->d_name);
		}
		if (dir)
			closedir(dir);
		if (best[0]) {
			snprintf(path, sizeof path, "%s/%s", HYPHEN_DIR, best);
			d = load(path);
		}
	}
	return d;
}

mg_hyphenlib *mg_hyphenlib_new(void)
{
	mg_hyphenlib *lib = mg_xcalloc(1, sizeof *lib);

	pthread_mutex_init(&lib->lock, NULL);
	return lib;
}

static void pindex_free(struct pindex *ix);

void mg_hyphenlib_free(mg_hyphenlib *lib)
{
	if (!lib)
		return;
	for (int i = 0; i < lib->nlangs; i++) {
		if (lib->langs[i].whole.dict)
			hnj_hyphen_free(lib->langs[i].whole.dict);
		pindex_free(lib->langs[i].index);
	}
	pthread_mutex_destroy(&lib->lock);
	free(lib);
}

/* The entry for tag, made if new; NULL for an unusable tag or when the
 * table is full. Call locked. */
static struct lang *lang_of(mg_hyphenlib *lib, const char *tag)
{
	struct lang *l;

	if (!tag || !*tag || strlen(tag) >= sizeof l->tag)
		return NULL;
	for (int i = 0; i < lib->nlangs; i++)
		if (strcmp(lib->langs[i].tag, tag) == 0)
			return &lib->langs[i];
	if (lib->nlangs == MAX_LANGS)
		return NULL;
	l = &lib->langs[lib->nlangs++];
	strcpy(l->tag, tag);
	return l;
}

/* The whole dictionary of l, loaded on first use. Call locked. */
static const mg_hyphen *whole_of(struct lang *l)
{
	if (!l->whole_tried) {
		l->whole_tried = 1;
		l->whole.dict = find_and_load(l->tag, load_whole);
	}
	return l->whole.dict ? &l->whole : NULL;
}

const mg_hyphen *mg_hyphen_get(mg_hyphenlib *lib, const char *language)
{
	const mg_hyphen *h = NULL;
	struct lang *l;

	pthread_mutex_lock(&lib->lock);
	if ((l = lang_of(lib, language)))
		h = whole_of(l);
	pthread_mutex_unlock(&lib->lock);
	return h;
}

/* Lower-cases ASCII and Latin-1 capitals in place; both keep their UTF-8
 * length, so byte offsets stay the same. */
static void lower_utf8(char *w, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)w[i];
		if (c >= 'A' && c <= 'Z') {
			w[i] = (char)(c + 32);
		} else if (c == 0xC3 && i + 1 < len) {
			unsigned char d = (unsigned char)w[i + 1];
			if (d >= 0x80 && d <= 0x9E && d != 0x97)
				w[i + 1] = (char)(d + 32);
			i++;
		}
	}
}

size_t mg_hyphen_points(const mg_hyphen *h, const char *w, size_t len,
			unsigned char *brk)
{
	char word[MAX_WORD + 1], hy[MAX_WORD + 8];
	size_t off[MAX_WORD + 1], nchars = 0, found = 0;
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;

	memset(brk, 0, len);
	if (!h || len > MAX_WORD || len < LEFT_MIN + RIGHT_MIN)
		return 0;
	memcpy(word, w, len);
	word[len] = '\0';
	lower_utf8(word, len);
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)w[i] & 0xC0) != 0x80)
			off[nchars++] = i;
	memset(hy, 0, sizeof hy);
	if (hnj_hyphen_hyphenate2(h->dict, word, (int)len, hy, NULL, &rep,
				  &pos, &cut) != 0)
		goto out;
	if (rep)	/* non-standard hyphenation changes spelling: skip it */
		goto out;
	/* hy[k] odd: a break after character k (libhyphen counts characters
	 * of UTF-8 dictionaries, not bytes). */
	for (size_t k = LEFT_MIN - 1; k + RIGHT_MIN < nchars; k++) {
		if (hy[k] & 1) {
			brk[off[k + 1]] = 1;
			found++;
		}
	}
out:
	if (rep) {
		for (size_t i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	return found;
}

/* ---- a guide's own patterns -------------------------------------------
 * Liang's algorithm applies a pattern to a word only when the pattern's
 * letters (with '.' for the word's edges) are a substring of ".word.". So
 * the patterns that matter for a guide are those found among the substrings
 * of its words. The file's pattern lines are indexed by a hash of their
 * letters; every substring (up to MAX_KEY bytes) of every distinct word of
 * the guide is looked up there, and the lines it names are kept. A longer
 * pattern is indexed by its first MAX_KEY bytes: a word it applies to has
 * those too. A hash collision only keeps a line too many, which changes no
 * break. */

#define MAX_KEY 16

static uint32_t fnv_step(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}

#define FNV_START 2166136261u

/* The bitmap that answers most lookups before the table is touched: 16 KB,
 * which stays in the first-level cache, where the table (256 KB for English)
 * does not. */
#define BITS (1u << 17)

/* One indexed pattern line: the hash of its letters and its number + 1
 * (0: an empty slot). */
struct slot {
	uint32_t hash, line;
};

/* A dictionary's pattern lines, indexed by the hash of their letters; made
 * once per language, then only read. The file is mapped, not copied, and
 * the index is kept small: on a short guide, touching fresh memory costs
 * more than the hashing. */
struct pindex {
	const char *text;	/* the whole file, mapped read-only */
	size_t len;
	size_t nlines;
	unsigned char *always;	/* per line: kept whatever the words */
	struct slot *slots;	/* open addressing on the hash */
	size_t cap;		/* a power of two, at least 1.5 × nlines */
	uint64_t *bits;		/* bit (hash mod BITS): some line has it */
};

/* The lines one guide needs, found through an index. */
struct patterns {
	const struct pindex *ix;
	unsigned char *keep;	/* per line */
	uint32_t *seen;		/* hashes of the words already looked up */
	size_t seen_cap, seen_len;
};

/* The hash of a pattern line's letters (its first MAX_KEY), or 0 when it
 * has none (such lines are kept whatever the words). */
static uint32_t key_hash(const char *line, size_t len)
{
	uint32_t h = FNV_START;
	size_t key = 0;

	for (size_t i = 0; i < len && line[i] != '/' && key < MAX_KEY; i++) {
		if (line[i] >= '0' && line[i] <= '9')
			continue;
		h = fnv_step(h, (unsigned char)line[i]);
		key++;
	}
	return key == 0 ? 0 : (h ? h : 1);
}

static void index_line(struct pindex *ix, size_t k, uint32_t h)
{
	size_t i = h & (ix->cap - 1);

	while (ix->slots[i].line)
		i = (i + 1) & (ix->cap - 1);
	ix->slots[i].hash = h;
	ix->slots[i].line = (uint32_t)k + 1;
	ix->bits[(h % BITS) / 64] |= (uint64_t)1 << (h % 64);
}

/* The length of the line at p (without its end), and where the next one
 * starts. */
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

/* Indexes the file's pattern lines. The charset line, the directives
 * (upper-case keywords) and the long patterns are kept whatever the words. */
static void index_patterns(struct pindex *ix)
{
	const char *end = ix->text + ix->len, *next;
	size_t n = 1;

	for (const char *p = ix->text; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		n++;
	ix->always = mg_xcalloc(n, 1);
	for (ix->cap = 1024; 2 * ix->cap < 3 * n; ix->cap *= 2)
		;
	ix->slots = mg_xcalloc(ix->cap, sizeof *ix->slots);
	ix->bits = mg_xcalloc(BITS / 64, sizeof *ix->bits);
	for (const char *line = ix->text; line < end; line = next) {
		size_t k = ix->nlines++, len = line_at(line, end, &next);
		uint32_t h;

		if (k == 0 || len == 0 || line[0] == '%')
			ix->always[k] = k == 0;
		else if (line[0] >= 'A' && line[0] <= 'Z')
			ix->always[k] = 1;
		else if (!(h = key_hash(line, len)))
			ix->always[k] = 1;
		else
			index_line(ix, k, h);
	}
}

/* Keeps every line whose letters hash to h. */
static void want(struct patterns *pt, uint32_t h)
{
	const struct pindex *ix = pt->ix;

	h = h ? h : 1;		/* as key_hash stores it */
	if (!(ix->bits[(h % BITS) / 64] & ((uint64_t)1 << (h % 64))))
		return;	/* no line has these letters: most substrings */
	for (size_t i = h & (ix->cap - 1); ix->slots[i].line;
	     i = (i + 1) & (ix->cap - 1))
		if (ix->slots[i].hash == h)
			pt->keep[ix->slots[i].line - 1] = 1;
}
/* 1 the first time word hash h is seen. */
static int first_sight(struct patterns *pt, uint32_t h)
{
	size_t i;

	h = h ? h : 1;
	if (2 * (pt->seen_len + 1) > pt->seen_cap) {
		uint32_t *old = pt->seen;
		size_t old_cap = pt->seen_cap;

		pt->seen_cap = old_cap ? 2 * old_cap : 1024;
		pt->seen = mg_xcalloc(pt->seen_cap, sizeof *pt->seen);
		pt->seen_len = 0;
		for (size_t k = 0; k < old_cap; k++)
			if (old[k])
				first_sight(pt, old[k]);
		free(old);
	}
	for (i = h & (pt->seen_cap - 1); pt->seen[i]; i = (i + 1) & (pt->seen_cap - 1))
		if (pt->seen[i] == h)
			return 0;
	pt->seen[i] = h;
	pt->seen_len++;
	return 1;
}

/* Keeps the patterns of ".w." for one run of letters (lower-cased as
 * mg_hyphen_points does). */
static void add_word(struct patterns *pt, const char *s, size_t len)
{
	char word[MAX_WORD + 3];
	uint32_t h = FNV_START;

	if (len < MG_HYPHEN_MIN_BYTES || len > MAX_WORD)
		return;	/* the layout leaves these whole */
	word[0] = '.';
	memcpy(word + 1, s, len);
	lower_utf8(word + 1, len);
	word[len + 1] = '.';
	len += 2;
	for (size_t i = 0; i < len; i++)
		h = fnv_step(h, (unsigned char)word[i]);
	if (!first_sight(pt, h))
		return;
	for (size_t i = 0; i < len; i++) {
		h = FNV_START;
		for (size_t k = i; k < len && k - i < MAX_KEY; k++) {
			h = fnv_step(h, (unsigned char)word[k]);
			want(pt, h);
		}
	}
}

static void add_runs(struct patterns *pt, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && mg_hyphen_letter((unsigned char)s[j]))
			j++;
		add_word(pt, s + i, j - i);
		i = j + 1;
	}
}

/* Text of neighbouring text nodes, joined as the layout joins them into
 * one word when no markup separates them. */
struct gathering {
	struct patterns *pt;
	mg_vec text;		/* of char */
};

/* Each text node's runs, and the runs of neighbouring text nodes joined. */
static int gather(const mg_node *n, int entering, void *ctx)
{
	struct gathering *w = ctx;
	if (n->type == MG_NODE_TEXT) {
		if (entering) {
			add_runs(w->pt, n->text, n->len);
			mg_vec_append(&w->text, n->text, n->len);
		}
		return 0;
	}
	if (entering && (n->type == MG_NODE_IMAGE || n->type == MG_NODE_FIGURE)) {
		if (n->alt)
			add_runs(w->pt, n->alt, strlen(n->alt));
		if (n->title)
			add_runs(w->pt, n->title, strlen(n->title));
	}
	add_runs(w->pt, w->text.items, w->text.len);
	w->text.len = 0;
	return 0;
}

static void gather_guide(struct patterns *pt, const mg_guide *g)
{
	struct gathering w = { pt, { 0 } };

	mg_vec_init(&w.text, 1);
	for (size_t i = 0; i < g->nparts; i++) {
		const mg_part *p = &g->parts[i];
		mg_node_walk(p->heading, gather, &w);
		mg_node_walk(p->body, gather, &w);
		for (size_t k = 0; k < p->nfootnotes; k++)
			mg_node_walk(p->footnotes[k].body, gather, &w);
	}
	add_runs(pt, w.text.items, w.text.len);
	mg_vec_release(&w.text);
}

/* Maps the file at path read-only; NULL if it cannot be read, is empty or
 * is larger than any pattern dictionary. Unmap with munmap(p, *len). */
static const char *map_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	void *p = MAP_FAILED;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    st.st_size < (16L << 20))
		p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return NULL;
	*len = (size_t)st.st_size;
	return p;
}

/* The index of the dictionary at path; NULL if it cannot be read or is not
 * UTF-8 (the guide then shares the whole dictionary). */
static void *load_index(const char *path)
{
	struct pindex *ix;
	size_t len;
	const char *text = map_file(path, &len);

	if (!text)
		return NULL;
	if (len < 5 || memcmp(text, "UTF-8", 5) != 0) {
		munmap((void *)text, len);
		return NULL;
	}
	ix = mg_xcalloc(1, sizeof *ix);
	ix->text = text;
	ix->len = len;
	index_patterns(ix);
	return ix;
}

static void pindex_free(struct pindex *ix)
{
	if (!ix)
		return;
	munmap((void *)ix->text, ix->len);
	free(ix->always);
	free(ix->slots);
	free(ix->bits);
	free(ix);
}

/* The index for l, made on first use. Call locked. */
static const struct pindex *index_of(struct lang *l)
{
	if (!l->index_tried) {
		l->index_tried = 1;
		l->index = find_and_load(l->tag, load_index);
	}
	return l->index;
}

/* The lines of pt to keep, in the file's order (a NEXTLEVEL line still
 * divides the levels), each ending in a newline; caller frees. */
static char *kept_lines(const struct patterns *pt, size_t *len)
{
	const struct pindex *ix = pt->ix;
	const char *end = ix->text + ix->len, *next;
	char *out = mg_xmalloc(ix->len + ix->nlines + 1);
	size_t k = 0, n = 0;

	for (const char *line = ix->text; line < end; line = next, k++) {
		size_t ll = line_at(line, end, &next);

		if (!pt->keep[k])
			continue;
		memcpy(out + n, line, ll);
		n += ll;
		out[n++] = '\n';
	}
	*len = n;
	return out;
}

/* A hyphenator from the lines of ix that guide g needs. */
static mg_hyphen *load_filtered(const struct pindex *ix, const mg_guide *g)
{
	struct patterns pt = { .ix = ix };
	mg_hyphen *h = NULL;
	HyphenDict *d = NULL;
	char *kept;
	size_t nkept;
	FILE *mem;

	pt.keep = mg_xmalloc(ix->nlines);
	memcpy(pt.keep, ix->always, ix->nlines);
	gather_guide(&pt, g);
	kept = kept_lines(&pt, &nkept);
	mem = fmemopen(kept, nkept, "rb");
	if (mem) {
		d = hnj_hyphen_load_file(mem);
		fclose(mem);
	}
	free(kept);
	free(pt.keep);
	free(pt.seen);
	if (d) {
		h = mg_xcalloc(1, sizeof *h);
		h->owned = 1;
		h->dict = d;
	}
	return h;
}

const mg_hyphen *mg_hyphen_for_guide(mg_hyphenlib *lib, const mg_guide *g)
{
	const struct pindex *ix = NULL;
	const mg_hyphen *h = NULL;
	struct lang *l;

	pthread_mutex_lock(&lib->lock);
	l = lang_of(lib, g->language);
	if (l && l->whole.dict)
		h = &l->whole;
	else if (l && !(ix = index_of(l)))
		h = whole_of(l);	/* not UTF-8: the whole one, shared */
	pthread_mutex_unlock(&lib->lock);
	if (ix)
		h = load_filtered(ix, g);
	return h;
}

void mg_hyphen_release(const mg_hyphen *h)
{
	if (!h || !h->owned)
		return;
	hnj_hyphen_free(h->dict);
	free((mg_hyphen *)h);
}
