/* brf.h — a guide as a Braille Ready Format file: title page, contents,
 * the parts in order (FAQ and disclaimer last) with their notes, in UEB
 * (English) or Spanish braille, laid out to BANA's formats. */
#ifndef MG_BRF_H
#define MG_BRF_H

#include "braille/translate.h"
#include "core/diag.h"
#include "core/vec.h"
#include "model/guide.h"

/* Writes g's BRF into *out (the caller's, released with mg_bytes_release).
 * lib is the build's liblouis lock. 0, or -1 after errors to d (nothing in
 * *out). */
int mg_brf_write(const mg_guide *g, mg_braillelib *lib, mg_bytes *out,
		 mg_diag *d);

#endif
