/* report.h — what check says about readability: a warning for each part
 * that misses its guide's target, with its longest sentences as notes, and
 * a table (or JSON) of every part's counts and figures. */
#ifndef MG_REPORT_H
#define MG_REPORT_H

#include "core/diag.h"
#include "readability/readability.h"

/* The longest sentences named under a part's warning. */
#define MG_REPORT_LONGEST 3

/* Reports each part of r that misses its target to d: a warning at the
 * part's file naming the figures and the target, then notes at its
 * MG_REPORT_LONGEST longest sentences. */
void mg_report_warnings(const mg_read_guide *r, mg_diag *d);

/* r as a table for people, ending in a blank line (malloc'd; the caller
 * frees it). */
char *mg_report_text(const mg_read_guide *r);

/* r as one JSON object of check --format json's "guides" array (malloc'd;
 * the caller frees it). */
char *mg_report_json(const mg_read_guide *r);

#endif
