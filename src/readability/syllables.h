/* syllables.h — syllables of English words (rules and a list of exceptions)
 * and of Spanish words (vowel nuclei: diphthongs, hiatus, silent u), the
 * counts the Flesch, SMOG and Szigriszt-Pazos formulas are made of. */
#ifndef MG_SYLLABLES_H
#define MG_SYLLABLES_H

#include <stddef.h>

#include "readability/text.h"

/* Syllables of one English word of letters (UTF-8; apostrophes are
 * dropped, accented letters folded): 0 for a word with no vowel. */
int mg_syllables_en(const char *word, size_t len);

/* Syllables of one Spanish word of letters (UTF-8, any case): 0 for a
 * word with no vowel. */
int mg_syllables_es(const char *word, size_t len);

/* Syllables of a word as mg_word_next finds it, in lang: the sum over its
 * runs of letters ("self-injury" is self + injury), each at least 1; a word
 * with no letter (a number) has 1, as GNU style counts it. 0 for
 * MG_LANG_OTHER, which has no counter. */
int mg_syllables_word(mg_read_lang lang, const char *word, size_t len);

/* 1 if the English tables are in the order their searches need (a test). */
int mg_syllables_tables_ok(void);

#endif
