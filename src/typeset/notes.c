/* notes.c — footnotes: one table for the guide, and the notes a paragraph
 * first called set after it, smaller, into the foot galley, from which the
 * pages take them beside the lines that call them. */
#include "typeset/layout_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One table of footnotes for the whole guide: part p's start at base[p]. */
void mg_lay_notes_init(struct notes *nt, const mg_guide *g)
{
	size_t total = 0;
	nt->base = mg_xcalloc(g->nparts + 1, sizeof(int));
	for (size_t p = 0; p < g->nparts; p++) {
		nt->base[p] = (int)total;
		total += g->parts[p].nfootnotes;
	}
	nt->tab = mg_xcalloc(total + 1, sizeof(struct note));
	for (size_t i = 0; i < total; i++)
		nt->tab[i].f0 = nt->tab[i].f1 = -1;
	mg_vec_init(&nt->calls, sizeof(struct call));
	mg_vec_init(&nt->pending, sizeof(int));
}

void mg_lay_notes_release(struct notes *nt)
{
	free(nt->tab);
	free(nt->base);
	mg_vec_release(&nt->calls);
	mg_vec_release(&nt->pending);
}

/* Note id of the part being set: its number hanging left of its blocks,
 * indented for the widest number of the part; a dest at its first line. */
static void set_note(struct lay *c, int id, int parent_elem)
{
	struct galley *gal = &c->gal;
	struct note *nt = &c->notes.tab[id];
	int part = gal->part, k = id - c->notes.base[part];
	const mg_part *pt = &c->g->parts[part];
	int ne = mg_lay_new_elem(&c->elems, MG_ROLE_NOTE, parent_elem);
	size_t g0 = gal->foot.len;
	char *num = mg_arena_printf(c->A, "%d.", k + 1);
	char *widest = mg_arena_printf(c->A, "%zu.", pt->nfootnotes);
	double ww = mg_lay_text_w(&c->fonts, MG_FACE_REGULAR, widest,
				  strlen(widest), c->fs);

	mg_lay_base_frame(gal, &c->geo, ne);
	mg_lay_push_frame(gal, &c->geo, fmax(c->fs * 1.6, c->fs * 0.6 + ww), ne);
	gal->pending_space = 0;
	gal->space_fixed = 0;
	mg_lay_label_box(c, num, c->fs * 0.4, ne);
	gal->marker = (long)gal->boxes.len - 1;
	mg_lay_blocks(c, pt->footnotes[k].body);
	if (gal->marker >= 0)
		mg_lay_marker_line(c);
	gal->pending_space = 0;
	nt->f0 = (long)((size_t *)gal->foot.items)[g0];
	nt->f1 = (long)((size_t *)gal->foot.items)[gal->foot.len - 1] + 1;
	mg_lay_dest_at(&c->refs, mg_lay_new_dest(&c->refs,
		       mg_lay_note_id(c->g, c->A, part, k)), (size_t)nt->f0, 0);
}

/* Footnotes first called in the paragraph just set: into the foot galley.
 * The body's galley state is kept aside meanwhile and then restored. */
void mg_lay_set_notes(struct lay *c, int parent_elem)
{
	struct galley *gal = &c->gal;
	mg_vec *saved_list = gal->list;
	mg_vec saved_stack = gal->stack;
	double fs = c->fs, lead = c->lead, pend = gal->pending_space;
	int fixed = gal->space_fixed;
	long marker = gal->marker;
	size_t i0 = 0;

	c->notes.in_note = 1;
	gal->list = &gal->foot;
	c->fs = fs * 0.85;	/* smaller, with the body's proportions */
	c->lead = lead * 0.85;
	gal->marker = -1;
	mg_vec_init(&gal->stack, sizeof(struct frame));
	while (i0 < c->notes.pending.len)
		set_note(c, ((int *)c->notes.pending.items)[i0++], parent_elem);
	c->notes.pending.len = 0;
	mg_vec_release(&gal->stack);
	gal->stack = saved_stack;
	gal->list = saved_list;
	c->fs = fs;
	c->lead = lead;
	gal->pending_space = pend;
	gal->space_fixed = fixed;
	gal->marker = marker;
	c->notes.in_note = 0;
}
