/* hyphenate.c — hyphenation points from libhyphen. A library object loads
 * each language's pattern dictionary (or its index) once, under its lock,
 * and never writes it after: layouts on different threads share them. */
#include "typeset/hyphenate.h"

#include "core/arena.h"
#include "core/vec.h"
#include "model/guide.h"
#include "typeset/patindex.h"

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

#define MAX_LANGS 16

/* What the library knows of one language tag. Each part is made once,
 * under the library's lock, and only read afterwards. */
struct lang {
	char tag[16];
	int whole_tried, file_tried;
	mg_hyphen whole;	/* the whole dictionary (dict NULL: none) */
	mg_dictfile *file;	/* the dictionary, if UTF-8, for its index */
	mg_patindex *index;	/* its pattern lines, indexed (NULL: none) */
};

struct mg_hyphenlib {
	pthread_mutex_t lock;
	struct lang langs[MAX_LANGS];
	int nlangs;
};

/* Candidate files for a tag: "es-MX" → hyph_es_MX, then the language's
 * main dictionary (en_US, es_ES), hyph_es, then any hyph_es_*.dic. */
typedef void *(*dict_loader)(const mg_hyphenlib *lib, const char *path);

static void *load_whole(const mg_hyphenlib *lib, const char *path)
{
	return hnj_hyphen_load(path);
}

static void *load_file(const mg_hyphenlib *lib, const char *path)
{
	return mg_dictfile_open(path);
}

/* Finds the dictionary file for a tag and loads it with load(): the first
 * candidate that loads. */
static void *find_and_load(const mg_hyphenlib *lib, const char *tag,
			   dict_loader load)
{
	const char *dir = HYPHEN_DIR;
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
		snprintf(path, sizeof path, "%s/hyph_%s_%s.dic", dir, ll, rr);
		d = load(lib, path);
	}
	if (!d && strcmp(ll, "en") == 0) {
		snprintf(path, sizeof path, "%s/hyph_en_US.dic", dir);
		d = load(lib, path);
	}
	if (!d && strcmp(ll, "es") == 0) {
		snprintf(path, sizeof path, "%s/hyph_es_ES.dic", dir);
		d = load(lib, path);
	}
	if (!d) {
		snprintf(path, sizeof path, "%s/hyph_%s.dic", dir, ll);
		d = load(lib, path);
	}
	if (!d) {	/* the first (by name) regional dictionary of the language */
		DIR *all = opendir(dir);
		struct dirent *e;
		char prefix[16], best[128] = "";
		snprintf(prefix, sizeof prefix, "hyph_%s_", ll);
		while (all && (e = readdir(all))) {
			size_t n = strlen(e->d_name);
			if (strncmp(e->d_name, prefix, strlen(prefix)) != 0 || n < 4 ||
			    n >= sizeof best || strcmp(e->d_name + n - 4, ".dic") != 0)
				continue;
			if (!best[0] || strcmp(e->d_name, best) < 0)
				strcpy(best, e->d_name);
		}
		if (all)
			closedir(all);
		if (best[0]) {
			snprintf(path, sizeof path, "%s/%s", dir, best);
			d = load(lib, path);
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

void mg_hyphenlib_free(mg_hyphenlib *lib)
{
	if (!lib)
		return;
	for (int i = 0; i < lib->nlangs; i++) {
		if (lib->langs[i].whole.dict)
			hnj_hyphen_free(lib->langs[i].whole.dict);
		mg_patindex_free(lib->langs[i].index);
		mg_dictfile_close(lib->langs[i].file);
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
static const mg_hyphen *whole_of(const mg_hyphenlib *lib, struct lang *l)
{
	if (!l->whole_tried) {
		l->whole_tried = 1;
		l->whole.dict = find_and_load(lib, l->tag, load_whole);
	}
	return l->whole.dict ? &l->whole : NULL;
}

const mg_hyphen *mg_hyphen_get(mg_hyphenlib *lib, const char *language)
{
	const mg_hyphen *h = NULL;
	struct lang *l;

	pthread_mutex_lock(&lib->lock);
	if ((l = lang_of(lib, language)))
		h = whole_of(lib, l);
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

/* Where each character of w[0..len) starts, into off; their number. */
static size_t char_starts(const char *w, size_t len, size_t *off)
{
	size_t nchars = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)w[i] & 0xC0) != 0x80)
			off[nchars++] = i;
	return nchars;
}

/* The breaks of word (lower-cased w) by d: bit i, a break before byte i. */
static uint64_t hyphenate(HyphenDict *d, const char *w, const char *word,
			  size_t len)
{
	char hy[MAX_WORD + 8];
	size_t off[MAX_WORD + 1], nchars = char_starts(w, len, off);
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	uint64_t mask = 0;

	memset(hy, 0, sizeof hy);
	if (hnj_hyphen_hyphenate2(d, word, (int)len, hy, NULL, &rep, &pos,
				  &cut) != 0)
		goto out;
	if (rep)	/* non-standard hyphenation changes spelling: skip it */
		goto out;
	/* hy[k] odd: a break after character k (libhyphen counts characters
	 * of UTF-8 dictionaries, not bytes). */
	for (size_t k = LEFT_MIN - 1; k + RIGHT_MIN < nchars; k++)
		if (hy[k] & 1)
			mask |= (uint64_t)1 << off[k + 1];
out:
	if (rep) {
		for (size_t i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	return mask;
}

size_t mg_hyphen_points(const mg_hyphen *h, const char *w, size_t len,
			unsigned char *brk)
{
	char word[MAX_WORD + 1];
	uint64_t mask;
	size_t found = 0;

	memset(brk, 0, len);
	if (!h || !h->dict || len > MAX_WORD || len < LEFT_MIN + RIGHT_MIN)
		return 0;
	memcpy(word, w, len);
	word[len] = '\0';
	lower_utf8(word, len);
	mask = hyphenate(h->dict, w, word, len);
	for (size_t i = 1; i < len; i++) {
		brk[i] = (mask >> i) & 1;
		found += brk[i];
	}
	return found;
}

/* ---- a guide's own patterns -------------------------------------------
 * Only the patterns that occur in some word of the guide are given to
 * libhyphen; the dictionary's index (patindex.h) finds them. */

/* Adds the patterns of ".w." for one run of letters (lower-cased as
 * mg_hyphen_points does). */
static void add_word(mg_patsel *s, const char *w, size_t len)
{
	char word[MAX_WORD + 3];

	if (len < MG_HYPHEN_MIN_BYTES || len > MAX_WORD)
		return;	/* the layout leaves these whole */
	word[0] = '.';
	memcpy(word + 1, w, len);
	lower_utf8(word + 1, len);
	word[len + 1] = '.';
	mg_patsel_add(s, word, len + 2);
}

static void add_runs(mg_patsel *s, const char *w, size_t len)
{
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && mg_hyphen_letter((unsigned char)w[j]))
			j++;
		add_word(s, w + i, j - i);
		i = j + 1;
	}
}

/* Text of neighbouring text nodes, joined as the layout joins them into
 * one word when no markup separates them. */
struct gathering {
	mg_patsel *sel;
	mg_vec text;		/* of char */
};

/* Each text node's runs, and the runs of neighbouring text nodes joined. */
static int gather(const mg_node *n, int entering, void *ctx)
{
	struct gathering *w = ctx;
	if (n->type == MG_NODE_TEXT) {
		if (entering) {
			add_runs(w->sel, n->text, n->len);
			mg_vec_append(&w->text, n->text, n->len);
		}
		return 0;
	}
	if (entering && (n->type == MG_NODE_IMAGE || n->type == MG_NODE_FIGURE)) {
		if (n->alt)
			add_runs(w->sel, n->alt, strlen(n->alt));
		if (n->title)
			add_runs(w->sel, n->title, strlen(n->title));
	}
	add_runs(w->sel, w->text.items, w->text.len);
	w->text.len = 0;
	return 0;
}

static void gather_guide(mg_patsel *sel, const mg_guide *g)
{
	struct gathering w = { sel, { 0 } };

	mg_vec_init(&w.text, 1);
	for (size_t i = 0; i < g->nparts; i++) {
		const mg_part *p = &g->parts[i];
		mg_node_walk(p->heading, gather, &w);
		mg_node_walk(p->body, gather, &w);
		for (size_t k = 0; k < p->nfootnotes; k++)
			mg_node_walk(p->footnotes[k].body, gather, &w);
	}
	add_runs(sel, w.text.items, w.text.len);
	mg_vec_release(&w.text);
}

/* The UTF-8 dictionary file of l, opened on first use. Call locked. */
static const mg_dictfile *file_of(const mg_hyphenlib *lib, struct lang *l)
{
	if (!l->file_tried) {
		l->file_tried = 1;
		l->file = find_and_load(lib, l->tag, load_file);
	}
	return l->file;
}

/* The index for l, made on first use. Call locked. */
static const mg_patindex *index_of(const mg_hyphenlib *lib, struct lang *l)
{
	if (!l->index && file_of(lib, l))
		l->index = mg_patindex_new(l->file);
	return l->index;
}

/* A libhyphen dictionary of the lines of ix that guide g needs. */
static HyphenDict *filtered_dict(const mg_patindex *ix, const mg_guide *g)
{
	mg_patsel *sel = mg_patsel_new(ix);
	HyphenDict *d = NULL;
	char *kept;
	size_t nkept;
	FILE *mem;

	gather_guide(sel, g);
	kept = mg_patsel_text(sel, &nkept);
	mg_patsel_free(sel);
	mem = fmemopen(kept, nkept, "rb");
	if (mem) {
		d = hnj_hyphen_load_file(mem);
		fclose(mem);
	}
	free(kept);
	return d;
}

static mg_hyphen *own_hyphen(HyphenDict *d)
{
	mg_hyphen *h = mg_xcalloc(1, sizeof *h);

	h->owned = 1;
	h->dict = d;
	return h;
}

const mg_hyphen *mg_hyphen_for_guide(mg_hyphenlib *lib, const mg_guide *g)
{
	const mg_patindex *ix = NULL;
	const mg_hyphen *h = NULL;
	struct lang *l;
	HyphenDict *d;

	pthread_mutex_lock(&lib->lock);
	l = lang_of(lib, g->language);
	if (l && l->whole.dict)
		h = &l->whole;
	else if (l && !(ix = index_of(lib, l)))
		h = whole_of(lib, l);	/* not UTF-8: the whole one, shared */
	pthread_mutex_unlock(&lib->lock);
	if (ix && (d = filtered_dict(ix, g)))
		h = own_hyphen(d);
	return h;
}

void mg_hyphen_release(const mg_hyphen *h)
{
	if (!h || !h->owned)
		return;
	if (h->dict)
		hnj_hyphen_free(h->dict);
	free((mg_hyphen *)h);
}
