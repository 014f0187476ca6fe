/* facecache.h — the font files fontconfig found for a family, weight and
 * slant, kept in the cache folder (fonts.faces) while every font folder is
 * as it was: a later run maps those files without reading fontconfig's list.
 *
 * Only answers of mkguide's minimal configuration (fonts.c) are kept; they
 * depend on the folders' contents, on $HOME and $XDG_DATA_HOME (which name
 * the user's folders) and on that configuration's text, and all of these
 * are checked before the file is believed. A file that cannot be read or
 * does not check out is ignored, and rewritten by the next run that asks
 * fontconfig. Not thread-safe: fonts.c calls it under its library's lock. */
#ifndef MG_FACECACHE_H
#define MG_FACECACHE_H

#include <stdint.h>

#include <fontconfig/fontconfig.h>

typedef struct mg_facecache mg_facecache;

/* Reads <cache_dir>/fonts.faces, made under the configuration whose text
 * has CRC-32 conf_id. Never NULL: an empty cache when cache_dir is NULL or
 * the file is missing, damaged or out of date. */
mg_facecache *mg_facecache_open(const char *cache_dir, uint32_t conf_id);

/* 1 if at least one face is known (the folders were checked and found as
 * they were when it was written). */
int mg_facecache_valid(const mg_facecache *c);

/* The file and face index known for family in this weight and slant: 1,
 * with *file pointing into c (valid until the next put or free); 0 if not
 * known. */
int mg_facecache_get(const mg_facecache *c, const char *family, int bold,
		     int italic, const char **file, int *index);

/* Remembers what the configuration conf found; conf must be the one
 * everything put since the open came from. The first put notes conf's font
 * folders and their modification times, as they are just after conf read
 * them. A face known with another file (one that has gone) takes the new
 * one. Names with a tab or a line break are not kept. */
void mg_facecache_put(mg_facecache *c, FcConfig *conf, const char *family,
		      int bold, int italic, const char *file, int index);

/* Writes the file again, with the folders noted, if anything was put;
 * silently gives up on failure. */
void mg_facecache_save(mg_facecache *c);

void mg_facecache_free(mg_facecache *c);

#endif
