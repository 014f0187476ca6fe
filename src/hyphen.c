/* hyphen.c — hyphenation points from libhyphen. Pattern dictionaries are
 * loaded lazily, once per process (pthread_once), and never written after:
 * several layouts on different threads share them safely. */
#include "hyphen.h"

#include <hyphen.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORD 64		/* longer runs are not hyphenated by patterns */
#define LEFT_MIN 2
#define RIGHT_MIN 3

struct mg_hyphen {
	HyphenDict *dict;
};

struct slot {
	const char *lang;	/* primary language subtag */
	const char *const *files;
	pthread_once_t once;
	mg_hyphen h;
};

static const char *const en_files[] = {
	"/usr/share/hyphen/hyph_en_US.dic", "/usr/share/hyphen/hyph_en_GB.dic",
	"/usr/share/hyphen/hyph_en.dic", NULL,
};
static const char *const es_files[] = {
	"/usr/share/hyphen/hyph_es_ES.dic", "/usr/share/hyphen/hyph_es.dic",
	"/usr/share/hyphen/hyph_es_MX.dic", NULL,
};

/* Written once each, under pthread_once; read-only afterwards. */
static struct slot slots[] = {
	{ "en", en_files, PTHREAD_ONCE_INIT, { NULL } },
	{ "es", es_files, PTHREAD_ONCE_INIT, { NULL } },
};

static void load_dict(struct slot *s)
{
	for (const char *const *f = s->files; *f && !s->h.dict; f++)
		s->h.dict = hnj_hyphen_load(*f);
}

static void load_en(void) { load_dict(&slots[0]); }
static void load_es(void) { load_dict(&slots[1]); }

static int primary_is(const char *tag, const char *want)
{
	size_t n = strlen(want);
	if (strncmp(tag, want, n) != 0)
		return 0;
	return tag[n] == '\0' || tag[n] == '-' || tag[n] == '_';
}

const mg_hyphen *mg_hyphen_get(const char *language)
{
	struct slot *s = &slots[0];
	void (*init)(void) = load_en;
	if (language && primary_is(language, "es")) {
		s = &slots[1];
		init = load_es;
	} else if (language && !primary_is(language, "en")) {
		/* Unknown languages: English patterns do less harm than none
		 * only for English; leave other languages unhyphenated. */
		return NULL;
	}
	pthread_once(&s->once, init);
	return s->h.dict ? &s->h : NULL;
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
