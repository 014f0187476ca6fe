/* build.h — the build: reads each guide once, writes its EPUB and PDF in
 * parallel, spreads guides over a pool of worker threads, and makes every
 * product appear whole or not at all (temporary file, then rename). */
#ifndef MG_BUILD_H
#define MG_BUILD_H

#include <stddef.h>

/* How check prints the readability report on stdout. */
typedef enum mg_report_format {
	MG_FORMAT_TEXT,		/* a table per guide */
	MG_FORMAT_JSON		/* {"guides":[...]} */
} mg_report_format;

typedef struct mg_build_opts {
	const char *outdir;	/* where products go; created if missing */
	int jobs;		/* worker threads, >= 1 */
	int epub, pdf;		/* which products to write */
	int braille;		/* --braille: a BRF for every guide too */
	int audio;		/* also <slug>-audio.epub (guide.yaml's audio: true asks too) */
	const char *style;	/* overrides every guide's style, or NULL */
	int quiet;		/* only errors and warnings on stderr */
	int check_only;		/* read and validate, write nothing */
	mg_report_format format;	/* check: the readability report's form */
	const char *base_url;	/* --base-url: absolute links and QR codes, or NULL */
	unsigned shard_k, shard_n;	/* --shard K/N: only part K of N; 0/0 for all */
} mg_build_opts;

/* Builds (or checks) the guides in dirs[0..n). Messages and progress go to
 * stderr; check's readability report goes to stdout, the guides in the
 * order given (a guide with errors has none), even with -q. Returns the process exit status: 0 if every guide succeeded,
 * 1 if any guide had errors or a product could not be written. */
int mg_build_run(const char *const *dirs, size_t n, const mg_build_opts *o);

/* The part, 1..n, that the guide in folder dir falls in when guides are
 * split into n parts (--shard): from its slug alone, so that adding a guide
 * moves no other between parts. */
unsigned mg_build_shard_of(const char *dir, unsigned n);

/* Fills *dirs with every folder under root that holds a guide.yaml, sorted
 * (caller frees each string and the array). Returns the count, -1 if root
 * cannot be read. */
long mg_build_find_guides(const char *root, char ***dirs);

#endif
