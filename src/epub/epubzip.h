/* epubzip.h — the EPUB's container: its files, already made and deflated
 * (epub.c), put into a zip by libzip in the order given, each with the same
 * date, so that the same files make the same bytes. */
#ifndef MG_EPUBZIP_H
#define MG_EPUBZIP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/arena.h"
#include "core/vec.h"

/* One file of the container. Borrowed: the caller keeps every pointer
 * alive until mg_epubzip_write returns. */
typedef struct mg_zip_entry {
	const char *name;	/* its path in the zip */
	const void *data;	/* the file's bytes, or its raw deflate stream */
	size_t len;		/* bytes at data */
	size_t size;		/* the file's own size (len when stored) */
	uint32_t crc;		/* CRC-32 of the file's own bytes (deflated) */
	int deflated;		/* 1: data is deflated, 0: stored as it is */
} mg_zip_entry;

/* Makes the zip of the n entries, in order, each dated t (UTC, clamped to
 * DOS's 1980 to 2107), in memory: *out receives its bytes (the caller's,
 * to free with mg_bytes_release). Returns 0; or -1, with *out empty and
 * libzip's reason in why (a string of whylen bytes). Thread-safe. */
int mg_epubzip_write(const mg_zip_entry *e, size_t n, time_t t,
		     mg_bytes *out, char *why, size_t whylen);


#endif
