/* text.c — UTF-8 decoding, character classes and words for the readability
 * counters. No Unicode tables: the ranges below cover the scripts guides are
 * written in, and a code point of another script counts as a letter. */
#include "readability/text.h"

#include <strings.h>

mg_read_lang mg_read_lang_of(const char *tag)
{
	if (!tag)
		return MG_LANG_OTHER;
	if (!strncasecmp(tag, "en", 2) && (tag[2] == '\0' || tag[2] == '-'))
		return MG_LANG_EN;
	if (!strncasecmp(tag, "es", 2) && (tag[2] == '\0' || tag[2] == '-'))
		return MG_LANG_ES;
	return MG_LANG_OTHER;
}

/* The length of the sequence a lead byte starts, 0 if it starts none. */
static int seq_len(unsigned char b)
{
	if (b < 0x80)
		return 1;
	if (b >= 0xc2 && b <= 0xdf)
		return 2;
	if (b >= 0xe0 && b <= 0xef)
		return 3;
	if (b >= 0xf0 && b <= 0xf4)
		return 4;
	return 0;
}

uint32_t mg_text_next(const char *s, size_t len, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	int n = seq_len(p[0]);
	uint32_t c;

	if (n == 0 || *i + (size_t)n > len) {
		(*i)++;
		return 0xfffd;
	}
	c = n == 1 ? p[0] : p[0] & (0x7f >> n);
	for (int k = 1; k < n; k++) {
		if ((p[k] & 0xc0) != 0x80) {
			(*i)++;
			return 0xfffd;
		}
		c = (c << 6) | (p[k] & 0x3f);
	}
	*i += (size_t)n;
	return c;
}

int mg_is_space(uint32_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0 ||
	       (c >= 0x2000 && c <= 0x200b) || c == 0x202f || c == 0x205f ||
	       c == 0x3000;
}

int mg_is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* Ranges of punctuation and symbols outside ASCII: not letters. */
static const uint32_t not_letters[][2] = {
	{ 0x80, 0xb4 },		/* Latin-1 controls, signs, ¡ « ° ± ² ³ ´ */
	{ 0xb6, 0xbf },		/* ¶ · ¸ ¹ º » ¼ ½ ¾ ¿ (µ stays a letter) */
	{ 0xd7, 0xd7 },		/* × */
	{ 0xf7, 0xf7 },		/* ÷ */
	{ 0x2000, 0x2bff },	/* punctuation, super/subscripts, currency,
				 * letterlike, arrows, mathematics, shapes */
	{ 0x2e00, 0x2e7f },	/* supplemental punctuation */
	{ 0x3000, 0x303f },	/* CJK punctuation */
	{ 0xfe30, 0xfe6f },	/* compatibility and small forms */
	{ 0xff00, 0xff0f },	/* fullwidth punctuation */
	{ 0xfff0, 0xffff },	/* specials, U+FFFD */
	{ 0x1f000, 0x1faff },	/* emoji and pictographs */
};

int mg_is_letter(uint32_t c)
{
	if (c < 0x80)
		return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
	for (size_t i = 0; i < sizeof not_letters / sizeof not_letters[0]; i++)
		if (c >= not_letters[i][0] && c <= not_letters[i][1])
			return 0;
	return 1;
}

int mg_is_upper(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7) ||
	       (c >= 0x391 && c <= 0x3a9) || (c >= 0x400 && c <= 0x42f);
}

int mg_is_apostrophe(uint32_t c)
{
	return c == '\'' || c == 0x2019;
}

/* Narrows [*start, *end) to its first and last letter or digit; 0 if it
 * holds none. */
static int trim(const char *s, size_t *start, size_t *end)
{
	size_t i = *start, first = *end, last = *start;

	while (i < *end) {
		size_t at = i;
		uint32_t c = mg_text_next(s, *end, &i);
		if (mg_is_letter(c) || mg_is_digit(c)) {
			if (first == *end)
				first = at;
			last = i;
		}
	}
	if (first == *end)
		return 0;
	*start = first;
	*end = last;
	return 1;
}

int mg_word_next(const char *s, size_t len, size_t *pos, mg_span *w)
{
	size_t i = *pos;

	while (i < len) {
		size_t start, next = i;

		if (mg_is_space(mg_text_next(s, len, &next))) {
			i = next;
			continue;
		}
		start = i;
		while (i < len) {
			next = i;
			if (mg_is_space(mg_text_next(s, len, &next)))
				break;
			i = next;
		}
		w->start = start;
		w->end = i;
		if (trim(s, &w->start, &w->end)) {
			*pos = i;
			return 1;
		}
	}
	*pos = len;
	return 0;
}
