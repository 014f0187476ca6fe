/* files.h — small file helpers the stages share: a read-only mapping of a
 * whole file (fonts, hyphenation dictionaries), writing a whole buffer to a
 * descriptor (the products), and the folder of the running binary (styles). */
#ifndef MG_FILES_H
#define MG_FILES_H

#include <stddef.h>

/* Maps the regular file at path read-only (opened without blocking, so a
 * FIFO in its place cannot stall the build); NULL if it cannot be read, is
 * empty or has max bytes or more. Unmap with munmap(p, *len). */
const void *mg_map_file(const char *path, size_t max, size_t *len);

/* Writes all of data[0..len) to fd, again after an interruption or a
 * short write: 0, or -1 (errno as write left it). */
int mg_write_all(int fd, const void *data, size_t len);

/* The folder of the running binary into buf (no trailing slash): 0, or -1
 * when it cannot be known or does not fit. */
int mg_exe_dir(char *buf, size_t size);

#endif
