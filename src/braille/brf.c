/* brf.c — the model walked into braille: title page and contents on
 * preliminary pages (p1, p2, ...), then each part from a new page with its
 * notes at its end; every block translated (translate.h) and placed (format.h). */
#include "braille/brf.h"
#include "braille/format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef MG_VERSION
#define MG_VERSION "0.0.0"
#endif

/* UEB's transcriber's note indicators (dots 4-46-126 and 4-46-345). */
#define TN_OPEN "@.<"
#define TN_CLOSE "@.>"

/* A guide on its way into braille. */
struct brf {
	const mg_guide *g;
	mg_translator t;
	mg_brl_run run;		/* print text not yet translated */
	mg_vec cells;		/* the block's BRF so far (of char) */
	const char *file;	/* where the text comes from, for warnings */
	mg_pager body, prelim;
	mg_pager *to;		/* the pages blocks go on now */
	int *start;		/* each part's first braille page */
	int failed;
};

/* Where a block goes: its indents and, for a list item's first block, the
 * print number before it. */
struct where {
	int first, runover;
	int depth;		/* lists around it */
	const char *prefix;
};

static void flush(struct brf *b)
{
	if (mg_brl_run_flush(&b->t, &b->run, &b->cells) < 0)
		b->failed = 1;
}

static void text_at(struct brf *b, const char *s, size_t len, int tf,
		    const mg_node *at)
{
	while (at && at->line == 0)
		at = at->parent;
	mg_brl_run_add(&b->t, &b->run, s, len, tf, b->file, at ? at->line : 0,
		       at ? at->col : 0);
}

static void text(struct brf *b, const char *s, const mg_node *at)
{
	text_at(b, s, strlen(s), 0, at);
}

/* Cells that are braille already (indicators), after the text before. */
static void raw(struct brf *b, const char *cells)
{
	flush(b);
	mg_vec_append(&b->cells, cells, strlen(cells));
}

/* An image's alt text between transcriber's note indicators. */
static void image(struct brf *b, const mg_node *n)
{
	raw(b, TN_OPEN);
	text(b, n->alt, n);
	raw(b, TN_CLOSE);
}

static void inlines(struct brf *b, const mg_node *n, int tf);

static void link(struct brf *b, const mg_node *n, int tf)
{
	char *shown = mg_node_plain_text_dup(n);

	inlines(b, n, tf);
	if (n->url && strcmp(shown, n->url) &&
	    !(strncmp(n->url, "mailto:", 7) == 0 && !strcmp(shown, n->url + 7))) {
		text(b, " (", n);
		text(b, n->url, n);
		text(b, ")", n);
	}
	free(shown);
}

static void inline_one(struct brf *b, const mg_node *n, int tf)
{
	char ref[32];

	switch (n->type) {
	case MG_NODE_TEXT:
	case MG_NODE_CODE:
		text_at(b, n->text, n->len, tf, n);
		break;
	case MG_NODE_SOFTBREAK:
	case MG_NODE_LINEBREAK:
		text_at(b, " ", 1, tf, n);
		break;
	case MG_NODE_EMPH:
		inlines(b, n, tf | MG_BRL_ITALIC);
		break;
	case MG_NODE_STRONG:
		inlines(b, n, tf | MG_BRL_BOLD);
		break;
	case MG_NODE_LINK:
		link(b, n, tf);
		break;
	case MG_NODE_IMAGE:
		image(b, n);
		break;
	case MG_NODE_FOOTNOTE_REF:
		snprintf(ref, sizeof ref, "[%d]", n->footnote + 1);
		text(b, ref, n);
		break;
	default:
		inlines(b, n, tf);
		break;
	}
}

static void inlines(struct brf *b, const mg_node *n, int tf)
{
	for (const mg_node *c = n->first_child; c; c = c->next)
		inline_one(b, c, tf);
}

/* Translates what is pending and places it as one block. */
static void put(struct brf *b, const mg_brl_layout *l)
{
	flush(b);
	mg_pager_block(b->to, b->cells.items, b->cells.len, l);
	b->cells.len = 0;
}

static void put_at(struct brf *b, int first, int runover)
{
	mg_brl_layout l = { .first = first, .runover = runover };
	put(b, &l);
}

static void blocks(struct brf *b, const mg_node *n, struct where w);

static void heading(struct brf *b, const mg_node *n)
{
	mg_brl_layout l = { .keep = 1 };

	l.first = l.runover = n->level <= 2 ? 4 : 6;	/* cells 5 and 7 */
	l.blank_before = n->level <= 2;
	inlines(b, n, 0);
	put(b, &l);
}

static void code_block(struct brf *b, const mg_node *n)
{
	const char *s = n->text, *end = n->text + n->len;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);
		text_at(b, s, len, 0, n);
		put_at(b, 0, 2);
		s += len + 1;
	}
}

/* Row by row: each cell after its column's header, "Header: cell". */
static void table(struct brf *b, const mg_node *n)
{
	const mg_node *head = n->first_child;

	for (const mg_node *row = head; row; row = row->next) {
		const mg_node *h = head && head->header ? head->first_child : NULL;
		int j = 0;
		if (row->header)
			continue;
		for (const mg_node *c = row->first_child; c; c = c->next, j++) {
			if (h && h->first_child) {
				inlines(b, h, 0);
				text(b, ": ", c);
			}
			inlines(b, c, 0);
			put_at(b, j ? 2 : 0, j ? 4 : 2);
			h = h ? h->next : NULL;
		}
	}
}

static void list(struct brf *b, const mg_node *n, struct where w)
{
	int num = n->start;
	char prefix[32];

	for (const mg_node *it = n->first_child; it; it = it->next, num++) {
		struct where iw = { 2 * w.depth, 2 * w.depth + 2, w.depth + 1, NULL };
		if (n->ordered) {
			snprintf(prefix, sizeof prefix, "%d. ", num);
			iw.prefix = prefix;
		}
		blocks(b, it, iw);
	}
}

static void quote(struct brf *b, const mg_node *n, struct where w)
{
	struct where qw = { 6, 4, w.depth, NULL };

	mg_pager_blank(b->to);
	blocks(b, n, qw);
	mg_pager_blank(b->to);
}

static void block(struct brf *b, const mg_node *n, struct where *w)
{
	mg_brl_layout rule = { .centered = 1 };

	switch (n->type) {
	case MG_NODE_PARAGRAPH:
		if (w->prefix)
			text(b, w->prefix, n);
		inlines(b, n, 0);
		put_at(b, w->first, w->runover);
		break;
	case MG_NODE_HEADING:
		heading(b, n);
		break;
	case MG_NODE_LIST:
		list(b, n, *w);
		break;
	case MG_NODE_BLOCKQUOTE:
		quote(b, n, *w);
		break;
	case MG_NODE_CODE_BLOCK:
		code_block(b, n);
		break;
	case MG_NODE_TABLE:
		table(b, n);
		break;
	case MG_NODE_FIGURE:
		image(b, n);
		put_at(b, 6, 4);
		break;
	case MG_NODE_THEMATIC_BREAK:
		raw(b, "------------");
		put(b, &rule);
		break;
	default:
		blocks(b, n, *w);
		break;
	}
}

/* n's blocks; in a list item, the first at the item's indents and the rest
 * as its runovers. */
static void blocks(struct brf *b, const mg_node *n, struct where w)
{
	for (const mg_node *c = n->first_child; c; c = c->next) {
		block(b, c, &w);
		if (w.prefix || w.first != w.runover) {
			w.prefix = NULL;
			if (w.depth > 0)
				w.first = w.runover;
		}
	}
}

static void notes(struct brf *b, const mg_part *p)
{
	mg_brl_layout l = { .first = 4, .runover = 4, .blank_before = 1, .keep = 1 };
	char ref[32];

	if (p->nfootnotes == 0)
		return;
	text(b, mg_term_text(b->g->language, MG_TERM_FOOTNOTES), p->heading);
	put(b, &l);
	for (size_t i = 0; i < p->nfootnotes; i++) {
		struct where w = { 0, 2, 1, ref };
		snprintf(ref, sizeof ref, "[%zu] ", i + 1);
		blocks(b, p->footnotes[i].body, w);
	}
}

static void part(struct brf *b, size_t i)
{
	const mg_part *p = &b->g->parts[i];
	mg_brl_layout l = { .centered = 1, .keep = 1, .blank_after = 1 };
	struct where w = { 2, 0, 0, NULL };

	b->file = p->path;
	mg_pager_new_page(&b->body);
	inlines(b, p->heading, 0);
	put(b, &l);
	b->start[i] = (int)b->body.pages.len;
	blocks(b, p->body, w);
	notes(b, p);
}

static const char *transcribed(const char *language)
{
	if (strncmp(language, "es", 2) == 0 && (!language[2] || language[2] == '-'))
		return "Transcrito de la edición impresa por mkguide " MG_VERSION;
	return "Transcribed from print by mkguide " MG_VERSION;
}

static void centered(struct brf *b, const char *s, int blank_after)
{
	mg_brl_layout l = { .centered = 1, .blank_after = blank_after };

	text(b, s, NULL);
	put(b, &l);
}

/* Title, subtitle, authors, publisher, date, and who transcribed it. */
static void title_page(struct brf *b)
{
	const mg_guide *g = b->g;
	char by[64];

	b->to = &b->prelim;
	mg_pager_new_page(b->to);
	mg_pager_blank(b->to);
	mg_pager_line(b->to, "");
	centered(b, g->title, !g->subtitle);
	if (g->subtitle)
		centered(b, g->subtitle, 1);
	for (size_t i = 0; i < g->nauthors; i++) {
		snprintf(by, sizeof by, "%s ", mg_term_text(g->language, MG_TERM_BY));
		if (i == 0)
			text(b, by, NULL);
		centered(b, g->authors[i], i + 1 == g->nauthors);
	}
	if (g->publisher)
		centered(b, g->publisher, !g->date);
	if (g->date)
		centered(b, g->date, 1);
	centered(b, transcribed(g->language), 0);
}

/* One entry: the title, guide dots (dot 5), the braille page number. */
static void entry(struct brf *b, const char *title, int page)
{
	mg_brl_layout l = { .first = 0, .runover = 2 };
	char num[24], line[MG_BRL_CELLS + 1];
	mg_vec lines;
	size_t n, used;

	mg_brl_number(num, sizeof num, "", page);
	text(b, title, NULL);
	flush(b);
	mg_vec_init(&lines, MG_BRL_CELLS + 1);
	n = mg_brl_wrap(b->cells.items, b->cells.len, &l,
			MG_BRL_CELLS - 4 - (int)strlen(num), &lines);
	b->cells.len = 0;
	for (size_t i = 0; i < n; i++) {
		snprintf(line, sizeof line, "%s", (char *)lines.items + i * (MG_BRL_CELLS + 1));
		if (i + 1 == n) {
			used = strlen(line);
			line[used++] = ' ';
			while (used < MG_BRL_CELLS - strlen(num) - 1)
				line[used++] = '"';
			line[used++] = ' ';
			memcpy(line + used, num, strlen(num) + 1);
		}
		mg_pager_line(b->to, line);
	}
	mg_vec_release(&lines);
}

static void contents(struct brf *b)
{
	mg_brl_layout l = { .centered = 1, .blank_after = 1, .keep = 1 };

	mg_pager_new_page(b->to);
	text(b, mg_term_text(b->g->language, MG_TERM_CONTENTS), NULL);
	put(b, &l);
	for (size_t i = 0; i < b->g->nparts; i++)
		entry(b, b->g->parts[i].title, b->start[i]);
}

/* Every byte a BRF may hold: cells, CR LF, form feeds. */
static int brf_ok(const mg_vec *v)
{
	const unsigned char *s = v->items;
	for (size_t i = 0; i < v->len; i++)
		if ((s[i] < 0x20 || s[i] > 0x5F) && s[i] != '\r' && s[i] != '\n' &&
		    s[i] != '\f')
			return 0;
	return 1;
}

int mg_brf_write(const mg_guide *g, mg_braillelib *lib, mg_bytes *out,
		 mg_diag *d)
{
	struct brf b = { .g = g };
	mg_vec file;
	int rc = -1;

	mg_vec_init(&file, 1);
	mg_brl_run_init(&b.run);
	mg_vec_init(&b.cells, 1);
	mg_pager_init(&b.body, "");
	mg_pager_init(&b.prelim, "P");
	b.start = mg_xcalloc(g->nparts ? g->nparts : 1, sizeof *b.start);
	if (mg_translator_open(&b.t, lib, g, d) < 0)
		goto out;
	b.to = &b.body;
	for (size_t i = 0; i < g->nparts; i++)
		part(&b, i);
	b.file = NULL;
	title_page(&b);
	contents(&b);
	if (b.failed)
		goto out;
	mg_pager_write(&b.prelim, &file);
	mg_pager_write(&b.body, &file);
	if (!brf_ok(&file)) {
		mg_error(d, g->dir, 0, 0, "braille: a character outside BRF reached the file");
		goto out;
	}
	out->data = file.items;
	out->len = file.len;
	mg_vec_init(&file, 1);
	rc = 0;
out:
	mg_translator_close(&b.t);
	mg_vec_release(&file);
	mg_brl_run_release(&b.run);
	mg_vec_release(&b.cells);
	mg_pager_release(&b.body);
	mg_pager_release(&b.prelim);
	free(b.start);
	return rc;
}
