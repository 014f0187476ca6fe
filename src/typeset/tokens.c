/* tokens.c — a paragraph's inline content as tokens: words with their face,
 * size and element, spaces, hard breaks; links and footnote calls get their
 * elements here, and a note's first call queues the note to be set. */
#include "typeset/layout_int.h"

#include <string.h>

static void add_space(struct para *pa)
{
	if (pa->toks.len && tokat(pa, pa->toks.len - 1)->kind == T_TEXT)
		tokat(pa, pa->toks.len - 1)->space = 1;
}

static void add_break(struct para *pa)
{
	struct tok *t = mg_vec_push(&pa->toks);
	t->kind = T_BREAK;
	t->note = -1;
}

void mg_lay_add_word(struct para *pa, const struct fonts *fn, const char *s,
		     size_t len, const struct style *st)
{
	struct tok *t = mg_vec_push(&pa->toks);
	t->kind = T_TEXT;
	t->s = s;
	t->len = len;
	t->st = *st;
	t->note = -1;
	t->w = mg_lay_text_w(fn, st->face, s, len, st->size);
}

static int is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static void add_text(struct lay *c, const char *s, size_t len,
		     const struct style *st)
{
	size_t i = 0;
	mg_lay_check_glyphs(&c->fonts, c->d, part_path(c), st->face, s, len);
	while (i < len) {
		if (is_space(s[i])) {
			add_space(&c->para);
			while (i < len && is_space(s[i]))
				i++;
			continue;
		}
		size_t j = i;
		while (j < len && !is_space(s[j]))
			j++;
		mg_lay_add_word(&c->para, &c->fonts, s + i, j - i, st);
		i = j;
	}
}

static mg_face face_for(mg_face base, int emph, int strong)
{
	if (base == MG_FACE_HEADING || base == MG_FACE_MONO)
		return base;
	if (base == MG_FACE_BOLD)
		strong = 1;
	if (base == MG_FACE_ITALIC)
		emph = 1;
	if (emph && strong)
		return MG_FACE_BOLD_ITALIC;
	if (strong)
		return MG_FACE_BOLD;
	if (emph)
		return MG_FACE_ITALIC;
	return MG_FACE_REGULAR;
}

const char *mg_lay_note_id(const mg_guide *g, mg_arena *A, int part, int k)
{
	return mg_arena_printf(A, "%s-fn%d", g->parts[part].name ?
			       g->parts[part].name : "part", k + 1);
}

const char *mg_lay_part_id(const mg_guide *g, mg_arena *A, size_t p)
{
	const mg_part *pt = &g->parts[p];
	if (pt->heading && pt->heading->id)
		return pt->heading->id;
	return pt->name ? pt->name : mg_arena_printf(A, "part%zu", p);
}

struct inl {			/* state of the inline walk */
	int emph, strong, strike, link, link_elem;
};

/* A link: its element, and where it goes once dests are known. */
static void link_enter(struct lay *c, const mg_node *n, const struct pstyle *ps,
		       struct inl *st)
{
	struct lsrc *l = mg_vec_push(&c->refs.lsrcs);
	l->uri = n->url;
	if (!n->url) {
		if (n->target_id)
			l->target = n->target_id;
		else if (n->target_part >= 0 &&
			 (size_t)n->target_part < c->g->nparts)
			l->target = mg_lay_part_id(c->g, c->A,
						   (size_t)n->target_part);
	}
	l->contents = mg_node_plain_text_in(c->A, n);
	l->elem = mg_lay_new_elem(&c->elems, MG_ROLE_LINK, ps->elem);
	l->decorate = 1;
	st->link = (int)c->refs.lsrcs.len - 1;
	st->link_elem = l->elem;
}

/* A footnote call: a raised number, a Reference holding a Link to the note;
 * the first call of a note has it set after the paragraph. */
static void footnote_ref(struct lay *c, const mg_node *n,
			 const struct pstyle *ps, struct style *sty, int dry)
{
	struct notes *nt = &c->notes;
	int part = c->gal.part, k = n->footnote, id;
	char *num;
	if (part < 0 || (size_t)part >= c->g->nparts || k < 0 ||
	    (size_t)k >= c->g->parts[part].nfootnotes)
		return;
	id = nt->base[part] + k;
	num = mg_arena_printf(c->A, "%d", k + 1);
	sty->face = ps->face == MG_FACE_HEADING ? MG_FACE_HEADING :
						  MG_FACE_REGULAR;
	sty->size = ps->size * 0.65;
	sty->rise = ps->size * 0.38;
	sty->strike = 0;
	if (!dry) {
		int ref = mg_lay_new_elem(&c->elems, MG_ROLE_REFERENCE, ps->elem);
		struct lsrc *l = mg_vec_push(&c->refs.lsrcs);
		l->target = mg_lay_note_id(c->g, c->A, part, k);
		l->contents = mg_arena_printf(c->A, "%s %d",
			mg_term_text(c->g->language, MG_TERM_FOOTNOTES), k + 1);
		l->elem = mg_lay_new_elem(&c->elems, MG_ROLE_LINK, ref);
		sty->elem = l->elem;
		sty->link = (int)c->refs.lsrcs.len - 1;
	}
	mg_lay_add_word(&c->para, &c->fonts, num, strlen(num), sty);
	if (!dry && !nt->in_note && !nt->tab[id].called) {
		nt->tab[id].called = 1;
		tokat(&c->para, c->para.toks.len - 1)->note = id;
		*(int *)mg_vec_push(&nt->pending) = id;
	}
}

static void inline_enter(struct lay *c, const mg_node *n,
			 const struct pstyle *ps, struct inl *st, int dry)
{
	struct style sty = { face_for(ps->face, st->emph, st->strong), ps->size, 0,
			     st->link_elem >= 0 ? st->link_elem : ps->elem,
			     st->link, st->strike > 0 };
	switch (n->type) {
	case MG_NODE_TEXT:
		add_text(c, n->text, n->len, &sty);
		break;
	case MG_NODE_SOFTBREAK:
		add_space(&c->para);
		break;
	case MG_NODE_LINEBREAK:
		add_break(&c->para);
		break;
	case MG_NODE_CODE:
		sty.face = MG_FACE_MONO;
		sty.size = ps->size * 0.9;
		if (!dry)
			sty.elem = mg_lay_new_elem(&c->elems, MG_ROLE_CODE,
						   sty.elem);
		add_text(c, n->text, n->len, &sty);
		break;
	case MG_NODE_EMPH:
		st->emph++;
		break;
	case MG_NODE_STRONG:
		st->strong++;
		break;
	case MG_NODE_STRIKE:
		st->strike++;
		break;
	case MG_NODE_LINK:
		if (!dry && st->link < 0)
			link_enter(c, n, ps, st);
		break;
	case MG_NODE_IMAGE: {
		const char *alt = n->alt ? n->alt : "image";
		char *s = mg_arena_printf(c->A, "[%s]", alt);
		sty.face = face_for(ps->face, 1, st->strong);
		add_text(c, s, strlen(s), &sty);
		break;
	}
	case MG_NODE_FOOTNOTE_REF:
		footnote_ref(c, n, ps, &sty, dry);
		break;
	default:
		break;
	}
}

static void inline_leave(const mg_node *n, struct inl *st)
{
	switch (n->type) {
	case MG_NODE_EMPH:
		st->emph--;
		break;
	case MG_NODE_STRONG:
		st->strong--;
		break;
	case MG_NODE_STRIKE:
		st->strike--;
		break;
	case MG_NODE_LINK:
		st->link = -1;
		st->link_elem = -1;
		break;
	default:
		break;
	}
}

static int inline_descends(const mg_node *n)
{
	return n->type == MG_NODE_EMPH || n->type == MG_NODE_STRONG ||
	       n->type == MG_NODE_STRIKE || n->type == MG_NODE_LINK;
}

/* Tokens of the inline children of parent, iteratively (any nesting depth).
 * dry: only measure (no elements, links or note calls are made). */
void mg_lay_tokens_of(struct lay *c, const mg_node *parent,
		      const struct pstyle *ps, int dry)
{
	struct inl st = { 0, 0, 0, -1, -1 };
	const mg_node *n = parent->first_child;
	c->para.toks.len = 0;
	while (n) {
		inline_enter(c, n, ps, &st, dry);
		if (inline_descends(n) && n->first_child) {
			n = n->first_child;
			continue;
		}
		inline_leave(n, &st);
		while (!n->next) {
			n = n->parent;
			if (!n || n == parent)
				return;
			inline_leave(n, &st);
		}
		n = n->next;
	}
}

void mg_lay_tokens_of_string(struct lay *c, const char *s,
			     const struct style *st)
{
	c->para.toks.len = 0;
	if (s)
		add_text(c, s, strlen(s), st);
}
