/* overlay.h — the spoken units of a part's XHTML (each sentence, heading,
 * list item, table cell, figure's alt text, footnote at its reference),
 * wrapped in spans with ids; the SSML that speaks them; the SMIL overlay. */
#ifndef MG_OVERLAY_H
#define MG_OVERLAY_H

#include <stddef.h>

#include <libxml/tree.h>

/* One unit, in speaking order: the element the overlay's text points at
 * and what eSpeak says for it. */
typedef struct mg_unit {
	char id[32];
	char *say;		/* heap */
} mg_unit;

typedef struct mg_units {
	mg_unit *u;
	size_t n, cap;
} mg_units;

/* Wraps every sentence of doc's body (split as the readability report
 * splits them) in <span id="…">, gives each image with alt text an id, and
 * lists the units in reading order, each footnote right after the unit
 * that refers to it. language picks the announcements ("Note", "Image").
 * The caller releases u with mg_units_release. */
void mg_units_mark(xmlDocPtr doc, const char *language, mg_units *u);
void mg_units_release(mg_units *u);

/* The SSML that speaks u: <mark name="i"/> before unit i, each unit a
 * sentence (<s>). A heap string the caller frees. */
char *mg_units_ssml(const mg_units *u);

/* One clip per unit: begin_ms[i] to begin_ms[i + 1] (the last to end_ms). */
typedef struct mg_clips {
	const long *begin_ms;
	long end_ms;
} mg_clips;

/* The SMIL overlay of the document xhtml_file: a par per unit, its text
 * the unit's id, its audio mp3_file from clip i. Heap bytes (xmlFree). */
int mg_overlay_smil(const mg_units *u, const mg_clips *c, const char *xhtml_file,
		    const char *mp3_file, xmlChar **out, size_t *len);

#endif
