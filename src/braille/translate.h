/* translate.h — print text into Braille Ready Format cells with liblouis:
 * the table for the guide's language, emphasis as typeforms, and the
 * characters a table lacks spelled out in words before they are translated. */
#ifndef MG_BRL_TRANSLATE_H
#define MG_BRL_TRANSLATE_H

#include <liblouis/liblouis.h>
#include <pthread.h>

#include "core/arena.h"
#include "core/diag.h"
#include "core/vec.h"
#include "model/guide.h"

/* liblouis keeps its compiled tables (and its log callback) in process-wide
 * state that is not thread-safe: every lou_* call of mkguide is made under
 * this one lock. Made by the build before its threads start; freed after
 * they have joined. */
typedef struct mg_braillelib {
	pthread_mutex_t lock;
} mg_braillelib;

mg_braillelib *mg_braillelib_new(void);
void mg_braillelib_free(mg_braillelib *lib);

/* One guide's translation: its tables and what it has learnt about the
 * characters of the guide (which the table lacks, which were warned of). */
typedef struct mg_translator {
	mg_braillelib *lib;
	char tables[512];	/* "en-us-brf.dis,en-ueb-g2.ctb" */
	const char *lang;	/* "en", "es", ...: spelling of missing characters */
	formtype italic, bold;	/* 0 when the table has no such emphasis */
	mg_vec probed;		/* of struct mg_probe: characters tried */
	mg_diag *d;
} mg_translator;

/* Chooses g's tables (braille_table, else by language) and checks them with
 * liblouis. 0, or -1 after an error to d that names the language and the
 * tables there are. */
int mg_translator_open(mg_translator *t, mg_braillelib *lib, const mg_guide *g,
		       mg_diag *d);
void mg_translator_close(mg_translator *t);

/* Print text on its way to liblouis: characters and their typeforms. */
typedef struct mg_brl_run {
	mg_vec chars;		/* of widechar */
	mg_vec forms;		/* of formtype */
} mg_brl_run;

void mg_brl_run_init(mg_brl_run *r);
void mg_brl_run_release(mg_brl_run *r);

/* Appends UTF-8 text with emphasis tf (MG_BRL_ITALIC|MG_BRL_BOLD). A
 * character the table cannot translate is spelled out, and warned of once
 * a guide at file:line:col. */
#define MG_BRL_ITALIC 1
#define MG_BRL_BOLD 2
void mg_brl_run_add(mg_translator *t, mg_brl_run *r, const char *s, size_t len,
		    int tf, const char *file, int line, int col);

/* Translates the run and appends its cells (ASCII 0x20-0x5F) to out (a vec
 * of char), then empties the run. -1 after an error to d. */
int mg_brl_run_flush(mg_translator *t, mg_brl_run *r, mg_vec *out);

#endif
