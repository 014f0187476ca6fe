/* source.h — reading a guide's folder (guide.yaml + Markdown) into the model.
 * libyaml reads the manifest, cmark-gfm the chapters; every rule of DESIGN.md §2
 * is checked here, so the writers can trust the model they are given. */
#ifndef MG_SOURCE_H
#define MG_SOURCE_H

#include "core/diag.h"
#include "model/guide.h"

/* Largest source file read (guide.yaml, a chapter, an image): bigger files are
 * refused with an error before they are read. */
#define MG_SOURCE_MAX_FILE (16u * 1024 * 1024)

/* Reads the guide in folder dir. Reports every problem found to d (errors
 * and warnings, "file:line:col"), not only the first.
 * Returns the guide (caller frees with mg_guide_free) when it has no errors,
 * NULL otherwise. Never reads outside dir. */
mg_guide *mg_source_read(const char *dir, mg_diag *d);

#endif
