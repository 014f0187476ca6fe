/* hyphenate.c — hyphenation points from libhyphen. Pattern dictionaries are
 * loaded lazily, once per process and language (under a lock), and never
 * written after: several layouts on different threads share them safely. */
#include "hyphenate.h"

#include "arena.h"

#include <dirent.h>
#include <hyphen.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HYPHEN_DIR "/usr/share/hyphen"

#define MAX_WORD 64		/* longer runs are not hyphenated by patterns */
#define LEFT_MIN 2
#define RIGHT_MIN 3

struct mg_hyphen {
	char lang[16];		/* the tag it was asked for, as a cache key */
	int tried;
	HyphenDict *dict;
};

#define MAX_LANGS 16

/* Process-wide cache of loaded dictionaries. Each slot is written once,
 * under the lock, and only read afterwards: dictionaries are never freed
 * nor changed, so hyphenating with one needs no lock. */
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static mg_hyphen cache[MAX_LANGS];

/* Candidate files for a tag: "es-MX" → hyph_es_MX, then the language's
 * main dictionary (en_US, es_ES), hyph_es, then any hyph_es_*.dic. */
static HyphenDict *load_for(const char *tag)
{
	char ll[8] = "", rr[8] = "", path[256];
	size_t i = 0, j = 0;
	HyphenDict *d = NULL;

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
		d = hnj_hyphen_load(path);
	}
	if (!d && strcmp(ll, "en") == 0)
		d = hnj_hyphen_load(HYPHEN_DIR "/hyph_en_US.dic");
	if (!d && strcmp(ll, "es") == 0)
		d = hnj_hyphen_load(HYPHEN_DIR "/hyph_es_ES.dic");
	if (!d) {
		snprintf(path, sizeof path, "%s/hyph_%s.dic", HYPHEN_DIR, ll);
		d = hnj_hyphen_load(path);
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
			d = hnj_hyphen_load(path);
		}
	}
	return d;
}

const mg_hyphen *mg_hyphen_get(const char *language)
{
	mg_hyphen *h = NULL;
	if (!language || !*language || strlen(language) >= sizeof cache[0].lang)
		return NULL;
	pthread_mutex_lock(&cache_lock);
	for (int i = 0; i < MAX_LANGS && !h; i++)
		if (cache[i].tried && strcmp(cache[i].lang, language) == 0)
			h = &cache[i];
	for (int i = 0; i < MAX_LANGS && !h; i++) {
		if (cache[i].tried)
			continue;
		h = &cache[i];
		strcpy(h->lang, language);
		h->dict = load_for(language);
		h->tried = 1;
	}
	pthread_mutex_unlock(&cache_lock);
	return h && h->dict ? h : NULL;
}

static void *prefetch_main(void *arg)
{
	mg_hyphen_get(arg);
	free(arg);
	return NULL;
}

void mg_hyphen_prefetch(const char *language)
{
	pthread_t t;
	pthread_attr_t attr;
	char *lang;
	if (!language || !*language)
		return;
	lang = mg_xstrdup(language);
	if (pthread_attr_init(&attr) != 0) {
		free(lang);
		return;
	}
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&t, &attr, prefetch_main, lang) != 0)
		free(lang);	/* no thread: the first use will load it */
	pthread_attr_destroy(&attr);
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
