/* manifest.h — guide.yaml, read with libyaml into plain values with positions.
 * Checks the keys, their types and the syntax of dates and language tags;
 * paths are only collected here (source.c checks them, paths.c opens them). */
#ifndef MG_MANIFEST_H
#define MG_MANIFEST_H

#include <stddef.h>

#include "core/arena.h"
#include "core/diag.h"

/* One scalar of guide.yaml and where it was written (1-based line, column in
 * characters). str is NULL when the key is absent. */
typedef struct mg_mvalue {
	const char *str;
	int line, col;
} mg_mvalue;

typedef struct mg_manifest {
	const char *file;	/* "<dir>/guide.yaml", as messages name it */
	int line, col;		/* the top-level mapping: where missing keys are reported */

	mg_mvalue title, subtitle, language, identifier, publisher, date;
	mg_mvalue description, cover, style, faq, disclaimer;
	mg_mvalue reviewer, reviewed, next_review;
	mg_mvalue contact;	/* lines trimmed, blank ones left out, joined by '\n' */
	mg_mvalue *authors;	/* arrays in the arena */
	size_t nauthors;
	mg_mvalue *subjects;
	size_t nsubjects;
	mg_mvalue *chapters;
	size_t nchapters;
	int has_chapters;	/* the key was present (even if its list was bad) */
	double max_grade;	/* readability: targets, when has_... */
	double min_inflesz;
	int has_max_grade, has_min_inflesz;
	int braille, has_braille;	/* braille: true|false */
	mg_mvalue braille_table;	/* a liblouis table list (checked by braille/) */
	int audio, has_audio;	/* audio: true|false */
} mg_manifest;

/* Parses guide.yaml's bytes (already checked to be UTF-8 without NUL) into m.
 * Strings are copied into arena a. Every problem is reported to d against
 * file; returns the number of errors reported. (Whether the review is due
 * is `mkguide check`'s business: the reader never looks at the clock.) */
size_t mg_manifest_parse(mg_manifest *m, const char *file, const char *text,
			 size_t len, mg_arena *a, mg_diag *d);

/* 1 if s is a real date written YYYY-MM-DD. */
int mg_date_ok(const char *s);

/* 1 if tag is a well-formed BCP 47 language tag (RFC 5646 syntax: language,
 * optional extlang, script, region, variants, extensions, private use). */
int mg_language_tag_ok(const char *tag);

#endif
