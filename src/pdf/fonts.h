/* fonts.h — the PDF's fonts: finds the style's families through fontconfig,
 * reads each font file once per process, embeds subsets of them in libharu
 * documents (Type0 fonts) and answers the layout's metrics from them. */
#ifndef MG_FONTS_H
#define MG_FONTS_H

#include <hpdf.h>

#include "core/diag.h"
#include "typeset/layout.h"
#include "read/style.h"

/* The font files of a process: each found, mapped and parsed once, on first
 * use, then only read, by any number of documents on any threads (its own
 * lock guards the loading). Owned by whoever made it; free it after the
 * last document that used it. */
typedef struct mg_fontlib mg_fontlib;

mg_fontlib *mg_fontlib_new(void);
void mg_fontlib_free(mg_fontlib *lib);

typedef struct mg_fonts mg_fonts;

/* Finds the six faces of style s (body regular, italic, bold, bold italic,
 * the heading family's bold, the mono family) in lib (NULL: a library of
 * this document's own) for document pdf. Reports to d; returns NULL on
 * failure. The result belongs to the caller (mg_fonts_free) and lives no
 * longer than pdf or lib. One document, one thread: distinct mg_fonts may
 * be used from distinct threads. */
mg_fonts *mg_fonts_load(HPDF_Doc pdf, mg_fontlib *lib, const mg_style *s,
			mg_diag *d);
void mg_fonts_free(mg_fonts *f);

/* Fills m with callbacks answering from f (m->ctx = f). */
void mg_fonts_metrics(mg_fonts *f, mg_metrics *m);

/* The font (an index) that draws cp (after mg_fonts_subst) in face: the
 * face's own font, or, when it lacks the glyph, a fallback font
 * (DejaVu Sans) that has it. Metrics answer for the same choice. */
int mg_fonts_pick(mg_fonts *f, mg_face face, unsigned cp);

/* The resource name ("MG1"...) of font, added to page's resources; the
 * font objects are made on first use, so that a face the layout never
 * draws with costs nothing. NULL after a libharu error. */
const char *mg_fonts_use(mg_fonts *f, int font, HPDF_Page page);

/* The glyph id that shows cp in font: the content code under Identity-H.
 * Records the glyph as drawn, for the subset, the /W widths and the
 * ToUnicode map. 0 if the font lacks it. Stores its advance (1/1000 em,
 * as in /W) in *width. */
unsigned mg_fonts_glyph(mg_fonts *f, int font, unsigned cp, unsigned *width);

/* Completes the fonts drawn with: /W, ToUnicode, the subset font file.
 * Call once, after the last glyph is drawn and before saving. */
int mg_fonts_finish(mg_fonts *f);

/* The code point drawn for cp in face: cp itself, or a substitute when
 * libharu cannot show it (outside the BMP: U+FFFD or '?'; control
 * characters: a space). */
unsigned mg_fonts_subst(mg_fonts *f, mg_face face, unsigned cp);

/* 1 if face, or the fallback font, has a glyph for cp. */
int mg_fonts_has_glyph(mg_fonts *f, mg_face face, unsigned cp);

/* A font file the document needed but libharu could not read (its
 * character map or metrics), or NULL. Font files are read on first use, so
 * this is known only after the layout; its glyphs measured as missing. */
const char *mg_fonts_broken(const mg_fonts *f);

/* The font file chosen for face (for messages and tests). */
const char *mg_fonts_file(const mg_fonts *f, mg_face face);

/* Decodes one UTF-8 sequence at s[*i..len), advancing *i; returns U+FFFD for
 * a malformed byte (the model is validated, so this is only a guard). */
unsigned mg_utf8_next(const char *s, size_t len, size_t *i);

#endif
