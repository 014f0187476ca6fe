/* style.h — a named look for both products: the EPUB's CSS and the PDF's page
 * geometry, type sizes and font families. Styles live in styles/<name>/ as
 * style.yaml (PDF settings) and style.css (EPUB stylesheet). */
#ifndef MG_STYLE_H
#define MG_STYLE_H

#include <stddef.h>

#include "core/diag.h"

typedef struct mg_style {
	char *name;
	char *dir;		/* where it was found */

	/* PDF: all lengths in PostScript points (1/72 in) */
	double page_width, page_height;
	double margin_top, margin_bottom, margin_inner, margin_outer;
	double font_size;	/* body text */
	double leading;		/* baseline to baseline of body text */
	int justify;		/* "align: justify": body text justified;
				   0 ("left", the default): ragged right */
	int chapter_pages;	/* 1: each chapter starts a page; 0: chapters
				   follow one another (the FAQ always starts one) */
	char *body_font;	/* fontconfig family names */
	char *heading_font;
	char *mono_font;

	/* EPUB */
	char *css_from;		/* "stylesheet:" another style whose style.css
				   this one uses, or NULL for its own */
	char *css;		/* the stylesheet's bytes */
	size_t css_len;
} mg_style;

/* Finds style `name` under ./styles, then under the installed data folder,
 * and loads it. Reports problems to d; returns NULL on error.
 * The caller frees the result with mg_style_free. */
mg_style *mg_style_load(const char *name, mg_diag *d);
void mg_style_free(mg_style *s);

/* 1 if name is a valid style name (letters, digits, '-', '_'). */
int mg_style_name_ok(const char *name);

#endif
