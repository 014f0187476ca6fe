/* patindex.h — a hyphenation dictionary's pattern lines, indexed by their
 * letters, so that a guide's hyphenator is given only the patterns its words
 * can match. Made once per dictionary and kept in a cache file between runs.
 *
 * Liang's algorithm applies a pattern to a word only when the pattern's
 * letters (with '.' for the word's edges) are a substring of ".word.". An
 * index maps the hash of each line's letters (its first MG_PATINDEX_KEY
 * bytes of them) to the line; a selection looks up every substring of every
 * word it is given and keeps the lines found, in the file's order. A hash
 * collision only keeps a line too many, which changes no break.
 *
 * The cache: an index is a few hundred kilobytes, made in about 0.7 ms from
 * English's 11,000 lines, which is a tenth of a short guide's whole build.
 * Given a cache folder, mg_patindex_load maps the index saved there when it
 * was made from a dictionary of the same size and CRC-32, else makes it and
 * saves it (atomically: a temporary file, then a rename). Everything in a
 * cache file is checked before it is used: a file that is short, stale or
 * out of bounds is made again, never trusted. */
#ifndef MG_PATINDEX_H
#define MG_PATINDEX_H

#include <stddef.h>

#include <stdint.h>

/* A UTF-8 pattern dictionary, mapped read-only, opened once for both its
 * index and its words' cache (wordcache.h). */
typedef struct mg_dictfile {
	char *path;
	const char *text;
	size_t len;
	uint32_t crc;		/* CRC-32 of text, which names it in cache files;
				 * 0 when not asked for */
} mg_dictfile;

/* The dictionary at path, with its CRC-32 when with_crc; NULL if it cannot
 * be read, is larger than 16 MB or is not UTF-8. Close it after the indexes
 * and caches made from it. */
mg_dictfile *mg_dictfile_open(const char *path, int with_crc);
void mg_dictfile_close(mg_dictfile *f);

typedef struct mg_patindex mg_patindex;

/* The index of dict, which must outlive it. cache_dir: a folder for index
 * files (created, with its parents, when missing), which then needs dict's
 * CRC-32; NULL for none. An index is only read after: any number of threads
 * may select from it at once. Free with mg_patindex_free. */
mg_patindex *mg_patindex_load(const mg_dictfile *dict, const char *cache_dir);
void mg_patindex_free(mg_patindex *ix);

/* 1 when ix was read from a cache file rather than made. */
int mg_patindex_from_cache(const mg_patindex *ix);

/* The lines one guide needs: start a selection, add words, take its text.
 * A selection belongs to one thread. */
typedef struct mg_patsel mg_patsel;

mg_patsel *mg_patsel_new(const mg_patindex *ix);
/* Keeps the lines of every substring of word[0..len) (up to
 * MG_PATINDEX_KEY bytes each). The caller gives the word as libhyphen will
 * see it: lower-cased, with '.' at both ends. A word given twice costs one
 * hash. */
void mg_patsel_add(mg_patsel *s, const char *word, size_t len);
/* The kept lines (the charset line and the directives always among them)
 * in the file's order, each ending in a newline: a dictionary for
 * libhyphen. malloc'd, *len bytes, not terminated. */
char *mg_patsel_text(const mg_patsel *s, size_t *len);
void mg_patsel_free(mg_patsel *s);

#define MG_PATINDEX_KEY 16

#endif
