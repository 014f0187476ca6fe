/* output.h — a guide's products into the output folder, all or nothing.
 * Each product's bytes go to a temporary file beside its final name, renamed
 * when all of the guide's products are made; an identical file there stays. */
#ifndef MG_OUTPUT_H
#define MG_OUTPUT_H

#include <sys/stat.h>
#include <sys/types.h>

#include "core/arena.h"
#include "core/vec.h"
#include "core/diag.h"

/* The output folder, and what a new product in it looks like: its
 * permissions (0666 less the umask) and its owner and group. */
typedef struct mg_outdir {
	const char *path;
	mode_t mode;
	uid_t uid;
	gid_t gid;
} mg_outdir;

/* Makes the folder at path and its parents when missing, checks that it
 * can be written, and reads the umask, which is process-wide: call it
 * before any thread starts. 0, or -1 with errno set. path must outlive od. */
int mg_outdir_open(mg_outdir *od, const char *path);

/* One product on its way into the folder. */
typedef struct mg_output {
	const mg_outdir *od;	/* the folder (the caller's) */
	char final[4096];	/* its name in the folder */
	char tmp[4096];		/* its temporary file, when one was written */
	int state;		/* what mg_output_commit will do (output.c) */
	mg_bytes kept;		/* when final already holds these bytes */
	struct stat seen;	/* final, as it was when compared */
} mg_output;

/* Stages the product `name` (a file name in od) made of *bytes, and takes
 * the bytes (leaving *bytes empty). When od already holds a regular file of
 * that name with the same bytes, permissions, owner and group, and no other
 * name, nothing is written; otherwise the bytes go to a new temporary file
 * beside it. 0, or -1 reported to d (nothing is left behind). */
int mg_output_stage(mg_output *o, const mg_outdir *od, const char *name,
		    mg_bytes *bytes, mg_diag *d);

/* Puts a staged product in place: its temporary file is renamed over the
 * final name, or, when the file there has the same bytes (and was not
 * touched since it was compared), that file stays and gets the
 * modification time a rewrite would give it. 1 when it stayed, 0 when it
 * was written, -1 reported to d (the older file stays). */
int mg_output_commit(mg_output *o, mg_diag *d);

/* Drops a staged product: its temporary file is removed, and whatever is
 * at its final name stays as it was. */
void mg_output_discard(mg_output *o);

#endif
