/* paths.h — the guide's folder as the reader sees it: paths checked and
 * normalised, files opened beneath the folder (never outside it) and read
 * whole, text files checked to be UTF-8 without control characters. */
#ifndef MG_READ_PATHS_H
#define MG_READ_PATHS_H

#include <stddef.h>

#include "core/arena.h"
#include "core/diag.h"

/* The guide's folder, opened once for every file read from it. */
typedef struct mg_folder {
	const char *dir;	/* as given, without trailing '/' */
	char *root;		/* realpath of dir; heap */
	int rootfd;		/* root, opened as a path (O_PATH); -1 if none */
} mg_folder;

/* How messages name a file being read: "<what> '<shown>'", reported at
 * file:line:col, where the file was named (in guide.yaml or Markdown). */
typedef struct mg_file_ref {
	const char *what;	/* "chapter", "image", "guide.yaml"... */
	const char *shown;	/* the path as the author wrote it */
	const char *file;
	int line, col;
} mg_file_ref;

/* strerror's text for e, in buf (strerror is not thread-safe). */
const char *mg_strerror(int e, char *buf, size_t size);

/* s with its %XX escapes decoded (as cmark writes them), in a; NULL if one
 * decodes to NUL. */
char *mg_percent_decode(mg_arena *a, const char *s);

/* The path p, relative to folder base ("" or "sub/"), as a normalised path
 * inside the guide: no '.', no empty components. On a bad path returns NULL
 * and sets *why to a message (with %s for the path). */
char *mg_path_normalise(mg_arena *a, const char *base, const char *p, const char **why);

/* The folder part of a normalised path, with its '/': "a/b.md" → "a/". */
char *mg_path_folder(mg_arena *a, const char *rel);

/* Reads file rel (a normalised path) beneath folder f whole into a heap
 * buffer (NUL-terminated after its *len bytes; the caller frees it).
 * Refuses, reporting to d at ref, a missing file, a symlink leading out of
 * the folder, anything but a regular file and a file larger than
 * MG_SOURCE_MAX_FILE. Returns 0 on success, -1 on failure. */
int mg_folder_read(const mg_folder *f, const mg_file_ref *ref, const char *rel,
		   mg_diag *d, char **buf, size_t *len);

/* Length of the UTF-8 sequence at s (at most n bytes), 0 if invalid. */
size_t mg_utf8_len(const unsigned char *s, size_t n);

/* A text file must be UTF-8 without NUL bytes or control characters (other
 * than tab and line ends). Reports the first of each kind at file:line:col;
 * returns 0 when there is none, -1 otherwise. */
int mg_text_check(mg_diag *d, const char *file, const char *text, size_t len);

#endif
