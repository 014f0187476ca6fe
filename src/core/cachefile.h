/* cachefile.h — files mapped read-only (dictionaries, fonts), and the
 * files mkguide keeps in its cache folder between runs (patindex.h,
 * wordcache.h, facecache.h): written whole through a temporary file and a
 * rename, so that a reader sees the old file or the new one and never a
 * part. A cache that cannot be written is no error: the next run makes it
 * again. */
#ifndef MG_CACHEFILE_H
#define MG_CACHEFILE_H

#include <stddef.h>
#include <stdint.h>

/* Maps the regular file at path read-only (opened without blocking, so a
 * FIFO in its place cannot stall the build); NULL if it cannot be read, is
 * empty or has max bytes or more. Unmap with munmap(p, *len). */
const void *mg_map_file(const char *path, size_t max, size_t *len);

/* "<cache_dir>/<the file name of source><suffix>" into out; -1 if it does
 * not fit. */
int mg_cache_path(char *out, size_t size, const char *cache_dir,
		  const char *source, const char *suffix);

/* Writes data[0..len) as path (its folder created with its parents when
 * missing, readable by its owner only as XDG asks), silently giving up on
 * any failure. */
void mg_cache_write(const char *path, const void *data, size_t len);

/* Writes all of data[0..len) to fd, again after an interruption or a
 * short write: 0, or -1 (errno as write left it; unchanged when the disk
 * took nothing more). Shared by the cache and the products (output.c). */
int mg_write_all(int fd, const void *data, size_t len);

/* zlib's CRC-32 of p[0..len), len < 4 GB: what names a dictionary in the
 * files made from it. */
uint32_t mg_cache_crc(const void *p, size_t len);

/* FNV-1a, byte by byte: the hash the cache files' tables are built on
 * (patindex.c, wordcache.c), so part of their format. */
#define MG_FNV_START 2166136261u

static inline uint32_t mg_fnv_step(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}

#endif
