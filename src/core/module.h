/* module.h — the EPUB's zip writer as a loadable module, mkguide-epub.so:
 * libzip (with OpenSSL behind it) costs the dynamic loader over a
 * millisecond, so it is mapped when first needed, not at start-up. */
#ifndef MG_MODULE_H
#define MG_MODULE_H

#include <stddef.h>

#include "epub/epubzip.h"

/* The module is epubzip.c: it exports mg_epubzip_write and
 * mg_epubzip_version. */
#ifndef MG_MODULE_FILE
#define MG_MODULE_FILE "mkguide-epub.so"
#endif

typedef struct mg_module mg_module;

/* A handle on the module, not loaded yet. */
mg_module *mg_module_new(void);

/* The module's mg_epubzip_write: the first call loads the module, from beside
 * the running binary (a build tree), else from MG_LIBDIR (an installed
 * mkguide); the others wait for it, then share it. NULL when it could not
 * be loaded, with the reason in *why. Thread-safe.
 *
 * dlopen holds the loader's lock for its whole run, and pthread_create
 * needs that lock: a thread created while the module loads waits for it.
 * So start threads first, then load (build.c starts its workers first). */
mg_epubzip_write_fn mg_module_zip(mg_module *m, const char **why);

/* Frees the handle; a loaded module stays mapped until exit. */
void mg_module_free(mg_module *m);

#endif
