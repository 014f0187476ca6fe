/* wordcache.h — where words may be hyphenated, remembered between runs: a
 * file per pattern dictionary in the cache folder, so that rebuilding a
 * guide whose words are known needs neither the index nor libhyphen.
 *
 * The breaks of a word are a function of the dictionary alone (a guide's own
 * hyphenator breaks each of its words as the whole dictionary does), so a
 * file names its dictionary by size and CRC-32 and holds words of any guide.
 * Words are looked up in the mapped file; the words a run adds are written
 * once, when the cache is closed (a temporary file, then a rename). A file
 * made from another dictionary, or damaged, is ignored and written anew;
 * every entry is checked before it is read. */
#ifndef MG_WORDCACHE_H
#define MG_WORDCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "typeset/patindex.h"

typedef struct mg_wordcache mg_wordcache;

/* The cache of dict (opened with its CRC-32) in cache_dir, which need not
 * exist yet. NULL when the names do not fit a path. Close with
 * mg_wordcache_close. */
mg_wordcache *mg_wordcache_open(const char *cache_dir, const mg_dictfile *dict);

/* 1, with the breaks of word[0..len) in *breaks (bit i: a break may come
 * before byte i), when the file knows the word; 0 otherwise. The word is
 * given lower-cased, as libhyphen sees it; len is at most 64. Only reads:
 * any number of threads may ask at once. */
int mg_wordcache_get(const mg_wordcache *c, const char *word, size_t len,
		     uint64_t *breaks);

/* Remembers the breaks of a word for the next runs (this run's lookups
 * still go to the file). Any thread; words given twice are kept once. */
void mg_wordcache_put(mg_wordcache *c, const char *word, size_t len,
		      uint64_t breaks);

/* Writes the file when words were added, and frees c. */
void mg_wordcache_close(mg_wordcache *c);

#endif
