/* sentences.c — where sentences end. A stop (. ! ? … or a run of them, and
 * the closing quotes or brackets after it) ends one before a space or the
 * end of the text, unless the word before is an abbreviation or an initial. */
#include "readability/sentences.h"

#include <string.h>

/* Abbreviations that never end a sentence: titles before a name, and
 * shorthand that something always follows (lower case, ASCII folded). */
static const char *const never_end[] = {
	"approx", "aprox", "apdo", "av", "avda", "ca", "capt", "cc", "cf",
	"col", "d", "dr", "dra", "dña", "e.g", "ee", "ej", "ff", "gen", "gov",
	"hon", "i.e", "incl", "ing", "lic", "lt", "mr", "mrs", "ms", "núm",
	"p.ej", "pág", "págs", "prof", "profa", "rep", "resp", "rev", "rr",
	"sen", "sgt", "sr", "sra", "srta", "st", "sta", "sto", "tel", "telf",
	"ud", "uds", "vd", "vds", "viz", "vs",
};

/* Abbreviations that end a sentence only when a capital follows: "etc.
 * Then", but "art. 5", "Fig. 3". Any other word with a dot inside (U.S.,
 * a.m.) is taken the same way. */
static const char *const end_if_capital[] = {
	"aa", "al", "art", "cap", "cía", "co", "corp", "dept", "est", "etc",
	"fig", "figs", "hr", "hrs", "inc", "jr", "ltd", "max", "máx", "min",
	"mín", "no", "nos", "oo", "pp", "ss", "uu", "vol", "vols",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int in_list(const char *w, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(w, list[i]))
			return 1;
	return 0;
}

static int is_stop(uint32_t c)
{
	return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x203d;
}

/* Quotes and brackets that close after a stop: ." .) .” .’ .» .] */
static int is_closer(uint32_t c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201d ||
	       c == 0x2019 || c == 0xbb || c == 0x203a;
}

/* Quotes, brackets and marks that open before a word: ( " “ ¿ ¡ « — */
static int is_opener(uint32_t c)
{
	return c == '"' || c == '\'' || c == '(' || c == '[' || c == 0x201c ||
	       c == 0x2018 || c == 0xbf || c == 0xa1 || c == 0xab ||
	       c == 0x2039 || c == 0x2014 || c == 0x2013 || c == '-' || c == '*';
}

/* The first character of the next word after position i, past spaces and
 * openers; 0 at the end of the text. */
static uint32_t next_word_start(const char *s, size_t len, size_t i)
{
	while (i < len) {
		uint32_t c = mg_text_next(s, len, &i);
		if (!mg_is_space(c) && !is_opener(c))
			return c;
	}
	return 0;
}

/* The word before a stop at i, from its token's start, less openers, in
 * lower case (ASCII and Latin-1 folded) into buf; 0 if it does not fit. */
static int word_before(const char *s, size_t start, size_t i, char *buf, size_t size)
{
	size_t k = start, n = 0;

	while (k < i) {
		size_t at = k;
		uint32_t c = mg_text_next(s, i, &k);
		if (n == 0 && is_opener(c))
			continue;
		if (c < 0x80 && c >= 'A' && c <= 'Z')
			c |= 0x20;
		else if (c >= 0xc0 && c <= 0xde && c != 0xd7)
			c += 0x20;
		if (c >= 0x80 && c < 0x800) {
			if (n + 2 >= size)
				return 0;
			buf[n++] = (char)(0xc0 | (c >> 6));
			buf[n++] = (char)(0x80 | (c & 0x3f));
		} else if (c < 0x80) {
			if (n + 1 >= size)
				return 0;
			buf[n++] = (char)c;
		} else {
			if (k - at + n >= size)
				return 0;
			memcpy(buf + n, s + at, k - at);
			n += k - at;
		}
	}
	buf[n] = '\0';
	return 1;
}

/* 1 if the word w (lower case) is one letter: an initial, "J." */
static int one_letter(const char *w)
{
	size_t i = 0, len = strlen(w);
	uint32_t c = mg_text_next(w, len, &i);

	return i == len && mg_is_letter(c);
}

/* Does a lone full stop after the word in [start, i) end the sentence,
 * given the first character of the next word (0 at the end)? */
static int full_stop_ends(const char *s, size_t start, size_t i, uint32_t next)
{
	char w[24];

	if (next == 0)
		return 1;
	if (!word_before(s, start, i, w, sizeof w))
		return !(mg_is_letter(next) && !mg_is_upper(next));
	if (one_letter(w) || in_list(w, never_end, NELEM(never_end)))
		return 0;
	if (in_list(w, end_if_capital, NELEM(end_if_capital)) || strchr(w, '.'))
		return mg_is_upper(next);
	/* a small letter after a stop: an abbreviation we do not know */
	return !(mg_is_letter(next) && !mg_is_upper(next));
}

/* The stops of a run: full stops, ellipses (…) and the rest (! ? ‽). */
struct run {
	int dots, ellipses, others;
};

/* Reads the run of stops at *i and the closers after it, moving *i past. */
static struct run read_run(const char *s, size_t len, size_t *i)
{
	struct run r = { 0, 0, 0 };

	while (*i < len) {
		size_t n = *i;
		uint32_t c = mg_text_next(s, len, &n);
		if (!is_stop(c))
			break;
		r.dots += c == '.';
		r.ellipses += c == 0x2026;
		r.others += c != '.' && c != 0x2026;
		*i = n;
	}
	while (*i < len) {
		size_t n = *i;
		if (!is_closer(mg_text_next(s, len, &n)))
			break;
		*i = n;
	}
	return r;
}

/* Does the run r, after the token that starts at token and ends at the
 * stop at at, end the sentence? next: the next word's first character. */
static int run_ends(const char *s, size_t token, size_t at, struct run r,
		    uint32_t next)
{
	if (r.others)
		return 1;			/* ! ? ‽ */
	if (r.dots == 1 && !r.ellipses)
		return full_stop_ends(s, token, at, next);
	return next == 0 || mg_is_upper(next);	/* an ellipsis... Then */
}

/* The end (after closers) of the sentence that starts at start. */
static size_t sentence_end(const char *s, size_t len, size_t start)
{
	size_t i = start, token = start;

	while (i < len) {
		size_t at = i, after;
		uint32_t c = mg_text_next(s, len, &i);
		struct run r;

		if (mg_is_space(c)) {
			token = i;
			continue;
		}
		if (!is_stop(c))
			continue;
		i = at;
		r = read_run(s, len, &i);
		after = i;
		if (i < len && !mg_is_space(mg_text_next(s, len, &after)))
			continue;	/* 0.5, e.g., "Dr.Smith" */
		if (run_ends(s, token, at, r, next_word_start(s, len, i)))
			return i;
	}
	return len;
}

int mg_sentence_next(const char *s, size_t len, size_t *pos, mg_span *out)
{
	size_t i = *pos;

	while (i < len) {
		size_t end = sentence_end(s, len, i), w = i;
		mg_span word;

		*pos = end;
		if (mg_word_next(s, end, &w, &word)) {
			/* from the sentence's first non-space to its end */
			while (i < end) {
				size_t next = i;
				if (!mg_is_space(mg_text_next(s, end, &next)))
					break;
				i = next;
			}
			out->start = i;
			out->end = end;
			return 1;
		}
		i = end;
	}
	*pos = len;
	return 0;
}
