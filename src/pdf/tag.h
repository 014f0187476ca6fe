/* tag.h — tagged PDF: the structure tree of a layout's elements, the
 * marked-content operators around page content, the ParentTree, and the tags
 * of link annotations, written through libharu's object API. */
#ifndef MG_TAG_H
#define MG_TAG_H

#include <hpdf.h>

#include "typeset/layout.h"

typedef struct mg_tagger mg_tagger;

typedef enum mg_artifact {
	MG_ART_LAYOUT,		/* rules, leaders, decoration */
	MG_ART_HEADER,		/* running head */
	MG_ART_FOOTER		/* page number */
} mg_artifact;

/* Starts the structure tree of l in pdf: StructTreeRoot, MarkInfo. The
 * layout must outlive the tagger. Free with mg_tag_free. */
mg_tagger *mg_tag_new(HPDF_Doc pdf, const mg_layout *l);
void mg_tag_free(mg_tagger *t);

/* Makes page (the index-th, 0-based, in order) the current page: /Tabs /S,
 * /StructParents, a fresh ParentTree entry, MCIDs from 0. */
int mg_tag_page(mg_tagger *t, HPDF_Page page, int index);

/* Opens a marked-content sequence on the current page for element elem
 * (BDC with the next MCID, recorded in the tree), or an artifact when
 * elem < 0. Must be closed with mg_tag_end before the next mg_tag_begin;
 * never call it inside BT…ET or between a path and its painting. */
int mg_tag_begin(mg_tagger *t, int elem, mg_artifact kind);
int mg_tag_end(mg_tagger *t);

/* A nested span whose text reads as actual (UTF-8), e.g. the whole of a
 * hyphenated word; closed with mg_tag_span_end. Allowed inside BT…ET. */
int mg_tag_span(mg_tagger *t, const char *actual);
int mg_tag_span_end(mg_tagger *t);

/* Ties link annotation annot on the current page to Link element elem:
 * an OBJR in the element and /StructParent on the annotation. */
int mg_tag_annot(mg_tagger *t, HPDF_Annotation annot, int elem);

/* A PDF text string holding utf8 as UTF-16BE with a byte-order mark
 * (characters outside the BMP as surrogate pairs), written <FEFF...>.
 * Allocated in mm, owned by the document. */
HPDF_Binary mg_tag_text(HPDF_MMgr mm, const char *utf8);

/* Ends the tree: ParentTree and ParentTreeNextKey. */
int mg_tag_finish(mg_tagger *t);

#endif
