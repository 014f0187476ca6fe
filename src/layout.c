/* layout.c — lines and pages (stub until the layout engine lands).
 * Total-fit line breaking, hyphenation, pagination, footnotes, tables.
 * Talks to fonts only through mg_metrics. */
#include "layout.h"

static const char *const role_names[MG_ROLE_COUNT] = {
	"Document", "Sect", "H1", "H2", "H3", "H4", "P", "L", "LI", "Lbl",
	"LBody", "BlockQuote", "Table", "TR", "TH", "TD", "Figure", "Note",
	"Reference", "Link", "TOC", "TOCI", "Code", "Span",
};

const char *mg_role_name(mg_role role)
{
	return role < MG_ROLE_COUNT ? role_names[role] : "Span";
}

mg_layout *mg_layout_run(const mg_guide *g, const mg_style *s,
			 const mg_metrics *m, mg_diag *d)
{
	return NULL;
}

void mg_layout_free(mg_layout *l)
{
	if (l)
		mg_arena_free(l->arena);
}
