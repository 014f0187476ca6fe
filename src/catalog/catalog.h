/* catalog.h — the catalogue of an output folder: catalog.xml, an OPDS 1.2
 * acquisition feed for e-readers, and index.html, a download page for a
 * clinic's website, both made from the products found in the folder. */
#ifndef MG_CATALOG_H
#define MG_CATALOG_H

#include "core/diag.h"

/* When the catalogue is written: always (`mkguide index DIR`), or after a
 * build only when there is something to list or to bring up to date (the
 * folder holds a guide's EPUB, or a catalogue already), so that a build
 * whose guides all failed, or a --pdf build, writes nothing of its own. */
typedef enum mg_catalog_when {
	MG_CATALOG_ALWAYS,
	MG_CATALOG_AFTER_BUILD
} mg_catalog_when;

/* Reads every guide's EPUB in dir (its OPF: identifier, title, authors,
 * language, dates, description, cover) with the PDF, braille and audio
 * products beside it, and writes dir/catalog.xml and dir/index.html (and
 * the cover images they show) whole or not at all. Links are relative, or
 * absolute under base_url (checked with mg_url_check) when not NULL. The
 * same products give the same bytes, whoever built them and wherever, so
 * that `mkguide index` over gathered shards matches one build.
 * 0 when written, 1 when there was nothing to write (when says so), or -1
 * after errors reported to d. */
int mg_catalog_write(const char *dir, const char *base_url,
		     mg_catalog_when when, mg_diag *d);

#endif
