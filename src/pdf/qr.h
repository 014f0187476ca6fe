/* qr.h — painting a QR code box: its dark modules as filled squares, each
 * row's runs merged into one rectangle, the quiet zone left clear. Vector,
 * so the code stays crisp at any print size. */
#ifndef MG_PDF_QR_H
#define MG_PDF_QR_H

#include <hpdf.h>

#include "typeset/layout.h"

/* Paints box b (kind MG_BOX_QR) of layout l on page, in the current fill
 * colour (the caller sets black). A complete path and its fill inside a
 * saved graphics state: safe inside a marked-content sequence, never inside
 * BT…ET. Returns 0, or -1 when b names no QR code of l or libharu fails. */
int mg_pdf_qr_paint(HPDF_Page page, const mg_box *b, const mg_layout *l);

#endif
