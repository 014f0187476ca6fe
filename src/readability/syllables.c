/* syllables.c — English syllables by rules (vowel groups, the pairs that
 * are two syllables, silent e, -ed, -es, -ism) and a list of exceptions;
 * Spanish syllables by vowel nuclei (diphthongs, hiatus, silent u, ü, y). */
#include "readability/syllables.h"

#include <stdlib.h>
#include <string.h>

#define MAX_LETTERS 64

/* ---- English ---- */

/* Words the rules get wrong, sorted for bsearch. */
static const struct exception {
	const char *word;
	int n;
} en_exceptions[] = {
	{ "acne", 2 }, { "adobe", 3 }, { "aisle", 1 }, { "anemone", 4 },
	{ "anyone", 3 }, { "apostrophe", 4 }, { "argue", 2 }, { "argued", 2 },
	{ "argues", 2 }, { "beloved", 3 }, { "business", 2 },
	{ "businesses", 3 }, { "cafe", 2 }, { "carriage", 2 },
	{ "catastrophe", 4 }, { "colonel", 2 }, { "coyote", 3 },
	{ "creature", 2 }, { "creatures", 2 }, { "crooked", 2 },
	{ "diabetes", 4 }, { "element", 3 }, { "elements", 3 },
	{ "epitome", 4 }, { "evening", 2 }, { "evenings", 2 },
	{ "familiar", 3 }, { "finale", 3 }, { "friend", 1 },
	{ "friendly", 2 }, { "friendship", 2 }, { "heroin", 3 },
	{ "heroine", 3 }, { "herpes", 2 }, { "hyperbole", 4 }, { "isle", 1 },
	{ "karate", 3 }, { "marriage", 2 }, { "maybe", 2 }, { "naive", 2 },
	{ "naked", 2 }, { "persuade", 2 }, { "persuaded", 3 },
	{ "persuasion", 3 }, { "persuasive", 3 }, { "ragged", 2 },
	{ "recipe", 3 }, { "rugged", 2 }, { "sesame", 3 }, { "simile", 3 },
	{ "thereby", 2 }, { "wednesday", 2 }, { "whereas", 2 },
	{ "wicked", 2 },
};

/* Beginnings with two syllables in one vowel group: "re-in-force". */
static const char *const en_hiatus_prefixes[] = {
	"coex", "coop", "coord", "creat", "deact", "deod", "geo", "ideo",
	"intuit", "neo", "osteo", "preex", "preop", "react", "reapp", "reass",
	"reen", "reev", "reimb", "reinf", "reinst", "reint", "reit", "reop",
	"reus", "rodeo", "stereo", "suicid", "theo", "video",
};

/* First words of compounds whose e is silent: "some" in "something". */
static const char *const en_heads[] = {
	"base", "care", "face", "fire", "home", "hope", "life", "like", "lone",
	"love", "name", "note", "one", "safe", "sale", "same", "side", "some",
	"state", "there", "time", "tube", "whole", "wide",
};

/* Endings after which a lone e is silent: "like-ly", "state-ment". */
static const char *const en_e_suffixes[] = {
	"ful", "fully", "less", "ly", "ment", "ments", "ness", "ty",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define LE_CONSONANTS "bcdfgkptzs"	/* ta-ble, sim-ple, mus-cle, hass-le */

/* One English word being counted: lower-case ASCII letters, which of them
 * are vowels and which e's are silent. */
struct enw {
	char w[MAX_LETTERS + 1];
	size_t n;
	unsigned char vowel[MAX_LETTERS];
	unsigned char silent[MAX_LETTERS];
	size_t hiatus_prefix;	/* length of a matching en_hiatus_prefixes entry */
};

/* Latin-1 letters folded to ASCII, from U+00C0. */
static const char latin1_fold[] =
	"aaaaaaaceeeeiiiidnooooxouuuuyts"
	"aaaaaaaceeeeiiiidnooooxouuuuyty";

/* Lower-case ASCII letters of word into e->w; -1 if it has too many. */
static int en_fold(struct enw *e, const char *word, size_t len)
{
	size_t i = 0;

	e->n = 0;
	while (i < len) {
		uint32_t c = mg_text_next(word, len, &i);
		char a;
		if (mg_is_apostrophe(c))
			continue;
		if (c < 0x80)
			a = (char)(c | 0x20);
		else if (c >= 0xc0 && c <= 0xff)
			a = latin1_fold[c - 0xc0];
		else
			a = 'x';
		if (a < 'a' || a > 'z')
			a = 'x';
		if (e->n == MAX_LETTERS)
			return -1;
		e->w[e->n++] = a;
	}
	e->w[e->n] = '\0';
	return 0;
}

static int is_aeiou(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static int in_set(char c, const char *set)
{
	return c && strchr(set, c) != NULL;
}

/* 1 if w[from..] is exactly s. */
static int tail_is(const struct enw *e, size_t from, const char *s)
{
	return from <= e->n && strcmp(e->w + from, s) == 0;
}

/* 1 if w[i..] is "e", "es" or "ed": the end of a word. */
static int final_e(const struct enw *e, size_t i)
{
	return tail_is(e, i, "e") || tail_is(e, i, "es") || tail_is(e, i, "ed");
}

/* Is the u at i a consonant ([w]): after q, and after g before a vowel at
 * the start (guard), after n (language), in -gue (league) or -gui (guide)? */
static int u_is_consonant(const struct enw *e, size_t i)
{
	char next = e->w[i + 1];

	if (i == 0)
		return 0;
	if (e->w[i - 1] == 'q')
		return 1;
	if (e->w[i - 1] != 'g' || !in_set(next, "aeiy"))
		return 0;
	return i == 1 || e->w[i - 2] == 'n' || next == 'i' || final_e(e, i + 1);
}

/* Is the y at i a vowel? Not before a, e, o, u (yes, player), except
 * before a final e (dye, eyes, played). */
static int y_is_vowel(const struct enw *e, size_t i)
{
	char next = e->w[i + 1];

	if (!in_set(next, "aeou"))
		return 1;
	return next == 'e' && final_e(e, i + 1);
}

static void en_mark_vowels(struct enw *e)
{
	for (size_t i = 0; i < e->n; i++) {
		char c = e->w[i];
		if (c == 'y')
			e->vowel[i] = (unsigned char)y_is_vowel(e, i);
		else if (c == 'u')
			e->vowel[i] = !u_is_consonant(e, i);
		else
			e->vowel[i] = (unsigned char)is_aeiou(c);
		e->silent[i] = 0;
	}
}

/* 1 if the e at i is a vowel group on its own. */
static int lone_e(const struct enw *e, size_t i)
{
	return i < e->n && e->w[i] == 'e' && e->vowel[i] &&
	       (i == 0 || !e->vowel[i - 1]) && (i + 1 >= e->n || !e->vowel[i + 1]);
}

/* 1 if some vowel comes before position i. */
static int vowel_before(const struct enw *e, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (e->vowel[k])
			return 1;
	return 0;
}

/* 1 if the letters before position i end in a syllable of their own with
 * e: a consonant + le (ta-ble) or a consonant + re (cen-tre, hun-dred). */
static int syllabic_l_or_r(const struct enw *e, size_t i)
{
	if (i < 2 || e->vowel[i - 2])
		return 0;
	if (e->w[i - 1] == 'l')
		return in_set(e->w[i - 2], LE_CONSONANTS);
	return e->w[i - 1] == 'r' && e->w[i - 2] != 'r';
}

/* -es and -ed after a consonant: silent unless the consonant needs a
 * vowel (boxes, wishes, places, wanted, needed, tables). */
static int es_ed_silent(const struct enw *e, size_t i)
{
	char c = e->w[i - 1], d = i >= 2 ? e->w[i - 2] : 0;

	if (syllabic_l_or_r(e, i))
		return 0;
	if (e->w[i + 1] == 'd')
		return c != 't' && c != 'd';
	if (in_set(c, "sxzcg"))
		return 0;
	return !(c == 'h' && in_set(d, "cs"));
}

/* Marks the e's that are written but not said. */
static void en_mark_silent(struct enw *e)
{
	size_t n = e->n;

	/* a final e: make, nurse; not the only vowel (the), not ta-ble */
	if (n >= 2 && lone_e(e, n - 1) && vowel_before(e, n - 1) &&
	    !syllabic_l_or_r(e, n - 1))
		e->silent[n - 1] = 1;
	/* -es, -ed */
	if (n >= 4 && (tail_is(e, n - 2, "es") || tail_is(e, n - 2, "ed")) &&
	    lone_e(e, n - 2) && vowel_before(e, n - 2) && es_ed_silent(e, n - 2))
		e->silent[n - 2] = 1;
	/* the e before a suffix: like-ly, state-ment, care-ful, safe-ty */
	for (size_t s = 0; s < NELEM(en_e_suffixes); s++) {
		size_t sl = strlen(en_e_suffixes[s]), i;
		if (n < sl + 3 || !tail_is(e, n - sl, en_e_suffixes[s]))
			continue;
		i = n - sl - 1;
		if (lone_e(e, i) && vowel_before(e, i - 1) && !syllabic_l_or_r(e, i))
			e->silent[i] = 1;
	}
	/* the e of a compound's first word: some-thing, life-time */
	for (size_t h = 0; h < NELEM(en_heads); h++) {
		size_t hl = strlen(en_heads[h]);
		if (n >= hl + 3 && !strncmp(e->w, en_heads[h], hl) &&
		    !e->vowel[hl] && e->w[hl] != 'y' && lone_e(e, hl - 1))
			e->silent[hl - 1] = 1;
	}
}

/* 1 if the word ends at from + len(s) (plus an optional s) with s. */
static int ends_with_at(const struct enw *e, size_t from, const char *s)
{
	size_t l = strlen(s);

	if (from + l > e->n || strncmp(e->w + from, s, l))
		return 0;
	return from + l == e->n || (from + l + 1 == e->n && e->w[e->n - 1] == 's');
}

/* i + o: one syllable in -tion, -sion, -gion, -cious, -nion, -llion,
 * -nior, -vior; two elsewhere (vi-o-lent, ra-di-o, pe-ri-od). */
static int io_joined(char prev, char next, const struct enw *e, size_t k)
{
	if (in_set(prev, "ctsxgh") && in_set(next, "nu"))
		return 1;
	if (prev == 'n' && in_set(next, "nr"))
		return 1;
	if (prev == 'l' && k >= 2 && e->w[k - 2] == 'l' && next == 'n')
		return 1;
	return prev == 'v' && next == 'r';
}

/* i + e: two syllables in di-et, sci-ence, cli-ent, eas-i-er; one in
 * pie, pa-tient, stud-ies. */
static int ie_split(char prev, char next, const struct enw *e, size_t k, int first)
{
	if (next == 't')
		return 1;
	if (next == 'n') {
		if (prev == 'c' && k >= 2 && e->w[k - 2] == 's')
			return 1;
		return !in_set(prev, "ctsxg");
	}
	return !first && (tail_is(e, k + 2, "r") || tail_is(e, k + 2, "rs") ||
			  tail_is(e, k + 2, "st"));
}

/* Is there a syllable break between the vowels at k and k + 1, inside one
 * vowel group? first: the group is the word's first. */
static int en_split(const struct enw *e, size_t k, int first)
{
	char a = e->w[k], b = e->w[k + 1];
	char prev = k > 0 ? e->w[k - 1] : 0, next = e->w[k + 2];

	if (k + 1 < e->hiatus_prefix)
		return 1;
	if (b == 'i' && (tail_is(e, k + 1, "ing") || tail_is(e, k + 1, "ings")))
		return 1;	/* be-ing, go-ing, say-ing */
	if (a == 'y')
		return b == 'i';	/* stud-y-ing */
	switch (a) {
	case 'i':
		if (b == 'a')	/* so-cial, as-so-ci-ate, en-thu-si-asm */
			return !in_set(prev, "ctsxg") || next == 't' ||
			       (next == 's' && e->w[k + 3] == 'm');
		if (b == 'o')
			return !io_joined(prev, next, e, k);
		if (b == 'e')
			return ie_split(prev, next, e, k, first);
		return b == 'u' || b == 'i';	/* me-di-um, ski-ing */
	case 'u':
		if (b == 'e')	/* in-flu-ence, flu-ent, cru-el */
			return in_set(next, "nlt");
		if (b == 'i')	/* flu-id, ru-in */
			return in_set(next, "dn");
		return b == 'a' || b == 'o';	/* us-u-al, con-tin-u-ous */
	case 'e':
		if (b == 'a')	/* i-de-a, ar-e-a; not tea */
			return k + 2 == e->n && !first;
		if (b == 'o')	/* spon-ta-ne-ous; not gor-geous */
			return next == 'u' && !in_set(prev, "gc");
		return b == 'u' && ends_with_at(e, k + 2, "m");	/* mu-se-um */
	case 'o':
		if (b == 'i')	/* he-ro-ic */
			return ends_with_at(e, k + 2, "c");
		return b == 'e' && in_set(next, "mt");	/* po-em, po-et */
	case 'a':
		return b == 'i' && ends_with_at(e, k + 2, "c");	/* mo-sa-ic */
	default:
		return 0;
	}
}

static int cmp_exception(const void *key, const void *item)
{
	return strcmp(key, ((const struct exception *)item)->word);
}

static const struct exception *en_exception(const char *w)
{
	return bsearch(w, en_exceptions, NELEM(en_exceptions),
		       sizeof en_exceptions[0], cmp_exception);
}

/* The exceptions, and their plurals: recipe-s, marriage-s (+1). */
static int en_listed(const struct enw *e)
{
	const struct exception *x = en_exception(e->w);
	char base[MAX_LETTERS + 1];
	size_t n = e->n;

	if (x)
		return x->n;
	if (n < 4 || e->w[n - 1] != 's' || e->w[n - 2] == 's')
		return -1;
	memcpy(base, e->w, n - 1);
	base[n - 1] = '\0';
	if (!(x = en_exception(base)))
		return -1;
	if (base[n - 2] == 'e' && in_set(base[n - 3], "cgsz"))
		return x->n + 1;
	return x->n;
}

static void en_find_prefix(struct enw *e)
{
	e->hiatus_prefix = 0;
	for (size_t p = 0; p < NELEM(en_hiatus_prefixes); p++) {
		size_t l = strlen(en_hiatus_prefixes[p]);
		if (l <= e->n && !strncmp(e->w, en_hiatus_prefixes[p], l))
			e->hiatus_prefix = l;
	}
}

/* Vowel groups, their inner breaks, less the silent e's. */
static int en_count(struct enw *e)
{
	int count = 0, first = 1;
	size_t i = 0, n = e->n;

	while (i < n) {
		size_t start = i;
		if (!e->vowel[i]) {
			i++;
			continue;
		}
		while (i < n && e->vowel[i])
			i++;
		if (i - start == 1 && e->silent[start])
			continue;
		count++;
		for (size_t k = start; k + 1 < i; k++)
			count += en_split(e, k, first);
		first = 0;
	}
	/* mech-a-nis-m, spas-m, rhyth-m */
	if ((n >= 3 && tail_is(e, n - 2, "sm") && e->vowel[n - 3]) ||
	    (n >= 4 && tail_is(e, n - 3, "sms") && e->vowel[n - 4]))
		count++;
	if ((n >= 3 && tail_is(e, n - 3, "thm")) || (n >= 4 && tail_is(e, n - 4, "thms")))
		count++;
	return count;
}

/* A word longer than the rules handle: its vowel groups. */
static int vowel_groups(const char *word, size_t len)
{
	int count = 0, in = 0;

	for (size_t i = 0; i < len; i++) {
		int v = in_set((char)(word[i] | 0x20), "aeiouy");
		count += v && !in;
		in = v;
	}
	return count;
}

int mg_syllables_en(const char *word, size_t len)
{
	struct enw e;
	int listed;

	if (en_fold(&e, word, len) < 0)
		return vowel_groups(word, len);
	if (e.n == 0)
		return 0;
	if ((listed = en_listed(&e)) >= 0)
		return listed;
	en_mark_vowels(&e);
	en_mark_silent(&e);
	en_find_prefix(&e);
	return en_count(&e);
}

int mg_syllables_tables_ok(void)
{
	for (size_t i = 1; i < NELEM(en_exceptions); i++)
		if (strcmp(en_exceptions[i - 1].word, en_exceptions[i].word) >= 0)
			return 0;
	return 1;
}

/* ---- Spanish ---- */

enum es_kind { ES_CONSONANT, ES_STRONG, ES_WEAK, ES_WEAK_ACCENTED, ES_H };

/* One letter of a Spanish word: its kind and its base vowel. */
struct esl {
	enum es_kind kind;
	char base;	/* a e i o u for vowels, the letter otherwise */
};

/* The kind of code point c (lower or upper case). */
static struct esl es_letter(uint32_t c)
{
	struct esl l = { ES_CONSONANT, 'x' };

	if (c < 0x80)
		c |= 0x20;
	else if (c >= 0xc0 && c <= 0xde)
		c += 0x20;	/* Latin-1 capitals to small letters */
	switch (c) {
	case 'a': case 'e': case 'o':
		l.kind = ES_STRONG, l.base = (char)c;
		return l;
	case 0xe1: case 0xe9: case 0xf3:	/* á é ó */
		l.kind = ES_STRONG, l.base = c == 0xe1 ? 'a' : c == 0xe9 ? 'e' : 'o';
		return l;
	case 'i': case 'u':
		l.kind = ES_WEAK, l.base = (char)c;
		return l;
	case 0xfc:				/* ü: a u that is said */
		l.kind = ES_WEAK, l.base = 'w';
		return l;
	case 0xed: case 0xfa:			/* í ú */
		l.kind = ES_WEAK_ACCENTED, l.base = c == 0xed ? 'i' : 'u';
		return l;
	case 'h':
		l.kind = ES_H, l.base = 'h';
		return l;
	default:
		l.base = c < 0x80 ? (char)c : 'x';
		return l;
	}
}

static int es_vowel(enum es_kind k)
{
	return k == ES_STRONG || k == ES_WEAK || k == ES_WEAK_ACCENTED;
}

/* 1 if two vowels side by side are said in two syllables (hiatus): two
 * strong ones (le-er), an accented i or u beside a strong one (dí-a), or
 * the same weak one twice (an-ti-in-fla-ma-to-rio). */
static int es_hiatus(struct esl a, struct esl b)
{
	if (a.kind == ES_STRONG && b.kind == ES_STRONG)
		return 1;
	if ((a.kind == ES_WEAK_ACCENTED && b.kind == ES_STRONG) ||
	    (a.kind == ES_STRONG && b.kind == ES_WEAK_ACCENTED))
		return 1;
	return a.kind != ES_STRONG && b.kind != ES_STRONG && a.base == b.base;
}

/* The letters of word with the u of que, qui, gue, gui made silent and a
 * final y after a vowel (hoy, muy, rey) or alone (y) made a vowel. */
static size_t es_letters(const char *word, size_t len, struct esl *l, size_t max)
{
	size_t i = 0, n = 0;
	int ended_y = 0;

	while (i < len && n < max) {
		uint32_t c = mg_text_next(word, len, &i);
		l[n++] = es_letter(c);
		ended_y = (c | 0x20) == 'y';
	}
	for (size_t k = 1; k < n; k++) {
		int before_ei = k + 1 < n && (l[k + 1].base == 'e' || l[k + 1].base == 'i');
		if (l[k].kind == ES_WEAK && l[k].base == 'u' && before_ei &&
		    (l[k - 1].base == 'q' || l[k - 1].base == 'g'))
			l[k].kind = ES_CONSONANT;	/* que, guiso; not güe, ü */
	}
	if (ended_y && (n == 1 || es_vowel(l[n - 2].kind))) {
		l[n - 1].kind = ES_WEAK;
		l[n - 1].base = 'i';
	}
	return n;
}

int mg_syllables_es(const char *word, size_t len)
{
	struct esl l[MAX_LETTERS];
	size_t n;
	int count = 0;
	struct esl prev = { ES_CONSONANT, 0 };

	if (len > MAX_LETTERS * 4)
		return vowel_groups(word, len);
	n = es_letters(word, len, l, MAX_LETTERS);
	for (size_t i = 0; i < n; i++) {
		if (l[i].kind == ES_H)
			continue;	/* a silent h keeps a diphthong: prohi-bir */
		if (!es_vowel(l[i].kind)) {
			prev.kind = ES_CONSONANT;
			continue;
		}
		if (!es_vowel(prev.kind) || es_hiatus(prev, l[i]))
			count++;
		prev = l[i];
	}
	return count;
}

/* ---- words ---- */

/* The end of the run of letters (and apostrophes between letters) at i. */
static size_t letter_run(const char *s, size_t len, size_t i)
{
	while (i < len) {
		size_t next = i;
		uint32_t c = mg_text_next(s, len, &next);
		if (mg_is_apostrophe(c) && next < len) {
			size_t after = next;
			if (!mg_is_letter(mg_text_next(s, len, &after)))
				break;
		} else if (!mg_is_letter(c)) {
			break;
		}
		i = next;
	}
	return i;
}

int mg_syllables_word(mg_read_lang lang, const char *word, size_t len)
{
	int total = 0;
	size_t i = 0;

	if (lang == MG_LANG_OTHER)
		return 0;
	while (i < len) {
		size_t next = i, end;
		uint32_t c = mg_text_next(word, len, &next);
		int n;
		if (!mg_is_letter(c)) {
			i = next;
			continue;
		}
		end = letter_run(word, len, i);
		n = lang == MG_LANG_EN ? mg_syllables_en(word + i, end - i)
				       : mg_syllables_es(word + i, end - i);
		total += n > 0 ? n : 1;
		i = end;
	}
	return total > 0 ? total : 1;
}
