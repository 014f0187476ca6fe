/* layout.c — lines and pages: the guide set into positioned boxes. This is
 * the run: its state made, the flows set in reading order, then paged,
 * resolved and assembled; layout_int.h lists the files of its parts. */
#include "typeset/layout_int.h"

#include <string.h>

static const char *const role_names[MG_ROLE_COUNT] = {
	"Document", "Sect", "H1", "H2", "H3", "H4", "P", "L", "LI", "Lbl",
	"LBody", "BlockQuote", "Table", "TR", "TH", "TD", "Figure", "Note",
	"Reference", "Link", "TOC", "TOCI", "Code", "Span",
};

const char *mg_role_name(mg_role role)
{
	return role < MG_ROLE_COUNT ? role_names[role] : "Span";
}

int mg_lay_new_elem(mg_vec *elems, mg_role role, int parent)
{
	mg_elem *e = mg_vec_push(elems);
	e->role = role;
	e->parent = parent;
	return (int)elems->len - 1;
}

static void lay_init(struct lay *c)
{
	mg_vec_init(&c->elems, sizeof(mg_elem));
	mg_vec_init(&c->tocents, sizeof(struct tocent));
	mg_lay_para_init(&c->para);
	mg_lay_galley_init(&c->gal);
	mg_lay_refs_init(&c->refs);
	mg_lay_notes_init(&c->notes, c->g);
}

static void lay_release(struct lay *c)
{
	mg_hyphen_release(c->hy);
	c->hy = NULL;
	mg_hyphenlib_free(c->own_hylib);
	mg_vec_release(&c->elems);
	mg_vec_release(&c->tocents);
	mg_lay_para_release(&c->para);
	mg_lay_galley_release(&c->gal);
	mg_lay_refs_release(&c->refs);
	mg_lay_notes_release(&c->notes);
}

/* Page geometry from the style, with sane values for nonsense ones. */
static void geometry(struct lay *c)
{
	const mg_style *s = c->s;
	mg_layout *L = c->L;
	L->page_width = s->page_width > 0 ? s->page_width : 595.276;
	L->page_height = s->page_height > 0 ? s->page_height : 841.89;
	c->fs = s->font_size > 0 ? s->font_size : 10.5;
	c->lead = s->leading > 0 ? s->leading : c->fs * 1.38;
	c->geo.left = s->margin_inner;
	c->geo.measure = L->page_width - s->margin_inner - s->margin_outer;
	if (c->geo.measure < c->fs * 8) {
		c->geo.left = c->fs * 2;
		c->geo.measure = L->page_width - 4 * c->fs;
	}
	c->geo.page_top = L->page_height - s->margin_top;
	c->geo.page_bottom = s->margin_bottom;
	if (c->geo.page_top - c->geo.page_bottom < c->lead * 6) {
		c->geo.page_top = L->page_height - c->lead * 2;
		c->geo.page_bottom = c->lead * 2;
	}
}

/* Moves the lists into the layout's arena; numbers the pages 1, 2, 3...
 * from the title page, as printed (the title page prints none). */
static void finish(struct lay *c)
{
	mg_layout *L = c->L;
	L->nelems = c->elems.len;
	L->elems = mg_vec_finish(&c->elems, c->A);
	L->nlinks = c->refs.links.len;
	L->links = mg_vec_finish(&c->refs.links, c->A);
	L->ndests = c->refs.dests.len;
	L->dests = mg_vec_finish(&c->refs.dests, c->A);
	L->noutline = c->refs.outline.len;
	L->outline = mg_vec_finish(&c->refs.outline, c->A);
	L->nlabels = 1;
	L->labels = mg_arena_alloc(c->A, sizeof(mg_label_range));
	L->labels[0].first_page = 0;
	L->labels[0].style = MG_NUM_ARABIC;
	L->labels[0].start = 1;
}

/* The structure in reading order: the title page, the contents' elements
 * (their entries are set once the body's pages are known), the parts. */
static void set_flows(struct lay *c, int *tsect, int *th1)
{
	int ttoc;
	mg_lay_new_elem(&c->elems, MG_ROLE_DOCUMENT, -1);
	c->gal.list = &c->gal.flow[FLOW_TITLE];
	mg_lay_title_page(c);
	mg_lay_toc_prepare(c, tsect, th1, &ttoc);
	c->gal.list = &c->gal.flow[FLOW_BODY];
	for (size_t p = 0; p < c->g->nparts; p++)
		mg_lay_part(c, p);
}

/* The flows into pages: the body's first, placed from page 0 so that the
 * contents can number their entries; then every item on its final page,
 * links and dests resolved, the pages assembled. */
static void make_pages(struct lay *c, int tsect, int th1)
{
	struct pager title, toc, body, all;
	struct pager *const parts[3] = { &title, &toc, &body };
	size_t ntitle, ntoc;

	for (int k = 0; k < 3; k++)
		mg_lay_pager_init(parts[k]);
	mg_lay_pager_init(&all);
	ntitle = mg_lay_paginate(c, FLOW_TITLE, &title);
	mg_lay_paginate(c, FLOW_BODY, &body);
	mg_lay_place(&c->gal, &c->geo, &body, 0);	/* for the contents */
	ntoc = mg_lay_contents(c, tsect, th1, ntitle, &toc);
	mg_lay_place(&c->gal, &c->geo, &title, 0);
	mg_lay_place(&c->gal, &c->geo, &toc, ntitle);
	mg_lay_place(&c->gal, &c->geo, &body, ntitle + ntoc);
	mg_lay_join_pages(&all, parts);
	mg_lay_resolve(&c->refs, &c->gal, &c->elems, c->d);
	mg_lay_assemble(c, &all, ntitle + ntoc);
	for (int k = 0; k < 3; k++)
		mg_lay_pager_release(parts[k]);
	mg_lay_pager_release(&all);
}

mg_layout *mg_layout_run(const mg_guide *g, const mg_style *s,
			 const mg_metrics *m, mg_hyphenlib *hy,
			 const mg_layout_opts *o, mg_diag *d)
{
	struct lay c;
	mg_layout *L;
	int tsect, th1;

	if (!g || !s || !m || !m->text_width)
		return NULL;
	memset(&c, 0, sizeof c);
	c.g = g;
	c.s = s;
	c.fonts.m = m;
	c.hylib = hy;
	c.d = d;
	lay_init(&c);
	c.A = mg_arena_new();
	L = mg_arena_alloc(c.A, sizeof *L);
	L->arena = c.A;
	c.L = L;
	geometry(&c);
	mg_lay_qr_encode(&c, o ? o->qr_url : NULL);
	set_flows(&c, &tsect, &th1);
	make_pages(&c, tsect, th1);
	finish(&c);
	lay_release(&c);
	return L;
}

void mg_layout_free(mg_layout *l)
{
	if (l)
		mg_arena_free(l->arena);
}
