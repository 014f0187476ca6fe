/* diag.h — the one place where problems are recorded and reported.
 * Every room reports through an mg_diag; the build prints a guide's messages
 * together, compiler-style: "file:line:col: error: message". */
#ifndef MG_DIAG_H
#define MG_DIAG_H

#include <stddef.h>
#include <stdio.h>

typedef enum mg_severity {
	MG_NOTE,
	MG_WARNING,
	MG_ERROR
} mg_severity;

typedef struct mg_message {
	mg_severity severity;
	char *file;    /* as the user would type it, e.g. "book/x/one.md"; may be NULL */
	int line, col; /* 1-based; 0 when unknown */
	char *text;
} mg_message;

/* A list of messages for one unit of work (one guide). Not shared between
 * threads: each job owns its own and the build prints it when the job ends. */
typedef struct mg_diag {
	mg_message *items;
	size_t len, cap;
	size_t errors, warnings;
} mg_diag;

void mg_diag_init(mg_diag *d);
void mg_diag_release(mg_diag *d);

void mg_diag_report(mg_diag *d, mg_severity sev, const char *file, int line,
		    int col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

#define mg_error(d, file, line, col, ...) \
	mg_diag_report((d), MG_ERROR, (file), (line), (col), __VA_ARGS__)
#define mg_warning(d, file, line, col, ...) \
	mg_diag_report((d), MG_WARNING, (file), (line), (col), __VA_ARGS__)

/* Appends every message of src to dst (src is left as it was). */
void mg_diag_append(mg_diag *dst, const mg_diag *src);

/* Writes all messages, in the order reported, to f, one per line:
 * "file:line:col: error: text" (parts that are unknown are left out). */
void mg_diag_print(const mg_diag *d, FILE *f);

#endif
