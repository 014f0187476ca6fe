/* catalog.c — placeholder until the catalogue is written (issue 20).
 * Keeps the command line's plumbing compiling.
 * Writes nothing. */
#include "catalog/catalog.h"

int mg_catalog_write(const char *dir, const char *base_url, mg_diag *d)
{
	(void)dir;
	(void)base_url;
	(void)d;
	return 0;
}
