/* qr.c — a QR code box painted as vector squares: the box's space is scaled
 * so that a module is one unit, and each row's runs of dark modules become
 * one rectangle of whole units, all filled at once (no seams between them). */
#include "pdf/qr.h"

/* Adds the rectangles of row r's runs of dark modules to the path, y being
 * the row's bottom; *runs counts them. */
static HPDF_STATUS row_runs(HPDF_Page page, const mg_qr *q, int r, int y,
			    int *runs)
{
	const unsigned char *row = q->dark + (size_t)r * (size_t)q->size;
	HPDF_STATUS rc = HPDF_OK;
	int x = 0, end;

	while (x < q->size && rc == HPDF_OK) {
		if (!row[x]) {
			x++;
			continue;
		}
		for (end = x; end < q->size && row[end]; end++)
			;
		rc = HPDF_Page_Rectangle(page, (HPDF_REAL)(MG_QR_QUIET + x),
					 (HPDF_REAL)y, (HPDF_REAL)(end - x), 1);
		(*runs)++;
		x = end;
	}
	return rc;
}

int mg_pdf_qr_paint(HPDF_Page page, const mg_box *b, const mg_layout *l)
{
	const mg_qr *q;
	double unit;
	HPDF_STATUS rc;
	int runs = 0;

	if (b->qr < 0 || (size_t)b->qr >= l->nqrs)
		return -1;
	q = &l->qrs[b->qr];
	unit = b->w / (q->size + 2 * MG_QR_QUIET);
	if (q->size <= 0 || unit <= 0)
		return -1;
	rc = HPDF_Page_GSave(page);
	rc |= HPDF_Page_Concat(page, (HPDF_REAL)unit, 0, 0, (HPDF_REAL)unit,
			       (HPDF_REAL)b->x, (HPDF_REAL)b->y);
	/* rows from the top: the first one's bottom is quiet + size - 1 */
	for (int r = 0; r < q->size && rc == HPDF_OK; r++)
		rc = row_runs(page, q, r, MG_QR_QUIET + q->size - 1 - r, &runs);
	if (rc == HPDF_OK && runs)
		rc = HPDF_Page_Fill(page);
	rc |= HPDF_Page_GRestore(page);
	return rc == HPDF_OK ? 0 : -1;
}
