/* patindex.h — a hyphenation dictionary's pattern lines, indexed by their
 * letters, so that a guide's hyphenator is given only the patterns its
 * words can match. Made in memory once per dictionary and build.
 *
 * Liang's algorithm applies a pattern to a word only when the pattern's
 * letters (with '.' for the word's edges) are a substring of ".word.". The
 * index maps the letters of each line (its first MG_PATINDEX_KEY of them)
 * to the line; a selection looks up every substring of every word it is
 * given and keeps the lines found, in the file's order. Lines are found by
 * hash and then compared letter by letter, so a selection keeps exactly
 * the lines whose keys occur in its words: a pattern longer than the key
 * may be kept without matching, which changes no break. */
#ifndef MG_PATINDEX_H
#define MG_PATINDEX_H

#include <stddef.h>

/* A UTF-8 pattern dictionary, mapped read-only. */
typedef struct mg_dictfile {
	char *path;
	const char *text;
	size_t len;
} mg_dictfile;

/* The dictionary at path; NULL if it cannot be read, is larger than 16 MB
 * or is not UTF-8. Close it after the indexes made from it. */
mg_dictfile *mg_dictfile_open(const char *path);
void mg_dictfile_close(mg_dictfile *f);

typedef struct mg_patindex mg_patindex;

/* The index of dict, which must outlive it. Only read after it is made:
 * any number of threads may select from it at once. Free with
 * mg_patindex_free. */
mg_patindex *mg_patindex_new(const mg_dictfile *dict);
void mg_patindex_free(mg_patindex *ix);

/* The lines one guide needs: start a selection, add words, take its text.
 * A selection belongs to one thread. */
typedef struct mg_patsel mg_patsel;

mg_patsel *mg_patsel_new(const mg_patindex *ix);
/* Keeps the lines of every substring of word[0..len) (up to
 * MG_PATINDEX_KEY bytes each). The caller gives the word as libhyphen will
 * see it: lower-cased, with '.' at both ends. A word given again is looked
 * up once. */
void mg_patsel_add(mg_patsel *s, const char *word, size_t len);
/* The kept lines (the charset line and the directives always among them)
 * in the file's order, each ending in a newline: a dictionary for
 * libhyphen. malloc'd, *len bytes, not terminated. */
char *mg_patsel_text(const mg_patsel *s, size_t *len);
void mg_patsel_free(mg_patsel *s);

#define MG_PATINDEX_KEY 16

#endif
