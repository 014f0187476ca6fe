/* text.h — the letters of running text for the readability counters: UTF-8
 * code points, which of them are letters, digits and spaces, the language
 * families that have formulas, and words (tokens between spaces). */
#ifndef MG_TEXT_H
#define MG_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* The languages with readability formulas; every other tag gets counts. */
typedef enum mg_read_lang {
	MG_LANG_OTHER,
	MG_LANG_EN,		/* en, en-* */
	MG_LANG_ES		/* es, es-* */
} mg_read_lang;

/* The family of a BCP 47 tag ("en-GB" is English, "es-MX" Spanish). */
mg_read_lang mg_read_lang_of(const char *tag);

/* A byte range [start, end) of a text. */
typedef struct mg_span {
	size_t start, end;
} mg_span;

/* The code point at s[*i], advancing *i past it; a byte that does not
 * start a well-formed sequence is U+FFFD and one byte long. */
uint32_t mg_text_next(const char *s, size_t len, size_t *i);

int mg_is_space(uint32_t c);	/* ASCII white space, no-break and other spaces */
int mg_is_digit(uint32_t c);	/* 0-9 */
int mg_is_letter(uint32_t c);	/* ASCII letters and the letters of other scripts */
int mg_is_upper(uint32_t c);	/* A-Z, À-Þ (Latin-1), Greek and Cyrillic capitals */
int mg_is_apostrophe(uint32_t c);	/* ' and ’ */

/* The next word of s[0..len) at or after *pos: a run of characters between
 * spaces, less the punctuation around it, that holds a letter or a digit.
 * Returns 1 with its span in *w and *pos after it, or 0 at the end. */
int mg_word_next(const char *s, size_t len, size_t *pos, mg_span *w);

#endif
