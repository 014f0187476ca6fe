/* readability.c — walks a part's body for the text a reader reads, splits
 * it into sentences and words, counts syllables, and keeps each sentence's
 * length and where it starts (the text node's line:col plus the offset). */
#include "readability/readability.h"
#include "core/vec.h"
#include "readability/sentences.h"
#include "readability/syllables.h"

#include <string.h>

#define EXCERPT_WORDS 10

/* Where a run of a block's text came from: the byte it starts at in the
 * block's text, and the line:col of its node (0 when unknown). */
struct seg {
	size_t off;
	int line, col;
};

/* A block's text being gathered, and what is counted into. */
struct walk {
	mg_arena *a;
	mg_read_lang lang;
	mg_vec text;		/* of char */
	mg_vec segs;		/* of struct seg */
	mg_vec sentences;	/* of mg_read_sentence */
	mg_read_counts *counts;
	int line, col;		/* the block's own position */
	size_t cursor;		/* the seg of the last sentence's start */
	size_t at;		/* and that start's byte, */
	int at_col;		/* and its column (0: not known yet) */
};

static void add_text(struct walk *w, const mg_node *n, const char *s, size_t len)
{
	struct seg *g = mg_vec_push(&w->segs);

	g->off = w->text.len;
	g->line = n->line;
	g->col = n->col;
	mg_vec_append(&w->text, s, len);
}

/* Appends the text of inline n and its children: TEXT as it is, breaks,
 * code spans and images as a space (their words are not body text). */
static int gather(const mg_node *n, int entering, void *ctx)
{
	struct walk *w = ctx;

	if (!entering)
		return 0;
	switch (n->type) {
	case MG_NODE_TEXT:
		add_text(w, n, n->text, n->len);
		break;
	case MG_NODE_SOFTBREAK:
	case MG_NODE_LINEBREAK:
	case MG_NODE_CODE:
	case MG_NODE_IMAGE:
		mg_vec_append(&w->text, " ", 1);
		break;
	default:
		break;
	}
	return 0;
}

/* The line:col of byte off of the block's text. Sentences come in order,
 * so the seg and the column found for the last one are where to go on. */
static void position(struct walk *w, size_t off, int *line, int *col)
{
	const struct seg *g = w->segs.items;
	const char *text = w->text.items;

	while (w->cursor + 1 < w->segs.len && g[w->cursor + 1].off <= off) {
		w->cursor++;
		w->at_col = 0;
	}
	if (!w->segs.len || g[w->cursor].off > off || g[w->cursor].line <= 0) {
		*line = w->line;
		*col = w->col;
		return;
	}
	if (!w->at_col) {
		w->at = g[w->cursor].off;
		w->at_col = g[w->cursor].col > 0 ? g[w->cursor].col : 1;
	}
	for (; w->at < off; w->at++)
		if (((unsigned char)text[w->at] & 0xc0) != 0x80)
			w->at_col++;
	*line = g[w->cursor].line;
	*col = w->at_col;
}

/* The sentence's first EXCERPT_WORDS words, " ..." when it has more. */
static const char *excerpt(struct walk *w, mg_span s, size_t cut, int words)
{
	const char *text = w->text.items;

	if (words <= EXCERPT_WORDS)
		return mg_arena_strndup(w->a, text + s.start, s.end - s.start);
	return mg_arena_printf(w->a, "%.*s ...", (int)(cut - s.start), text + s.start);
}

/* Counts one sentence's words and syllables. */
static void count_sentence(struct walk *w, mg_span s)
{
	const char *text = w->text.items;
	mg_read_sentence *rs = mg_vec_push(&w->sentences);
	size_t pos = s.start, cut = s.end;
	mg_span word;

	while (mg_word_next(text, s.end, &pos, &word)) {
		int syl = mg_syllables_word(w->lang, text + word.start,
					    word.end - word.start);
		rs->words++;
		w->counts->syllables += syl;
		w->counts->polysyllables += syl >= 3;
		if (rs->words == EXCERPT_WORDS)
			cut = word.end;
	}
	w->counts->words += rs->words;
	w->counts->sentences++;
	position(w, s.start, &rs->line, &rs->col);
	rs->excerpt = excerpt(w, s, cut, rs->words);
}

/* Gathers block n's text and counts its sentences. */
static void count_block(struct walk *w, const mg_node *n)
{
	size_t pos = 0;
	mg_span s;

	w->text.len = 0;
	w->segs.len = 0;
	w->cursor = 0;
	w->at_col = 0;
	w->line = n->line;
	w->col = n->col;
	for (const mg_node *c = n->first_child; c; c = c->next)
		mg_node_walk(c, gather, w);
	while (mg_sentence_next(w->text.items, w->text.len, &pos, &s))
		count_sentence(w, s);
}

/* Every paragraph under root is a block: in lists, quotes, footnotes.
 * Headings, tables, code blocks and figures hold none. */
static int paragraphs(const mg_node *n, int entering, void *ctx)
{
	if (entering && n->type == MG_NODE_PARAGRAPH)
		count_block(ctx, n);
	return 0;
}

/* The part's file relative to the guide's folder dir. */
static const char *relative(const char *path, const char *dir)
{
	size_t l = dir ? strlen(dir) : 0;

	if (l && !strncmp(path, dir, l) && path[l] == '/')
		return path + l + 1;
	return path;
}

static void walk_init(struct walk *w, mg_arena *a, mg_read_lang lang,
		      mg_read_counts *counts)
{
	memset(w, 0, sizeof *w);
	w->a = a;
	w->lang = lang;
	w->counts = counts;
	mg_vec_init(&w->text, 1);
	mg_vec_init(&w->segs, sizeof(struct seg));
	mg_vec_init(&w->sentences, sizeof(mg_read_sentence));
	mg_vec_append(&w->text, "", 1);	/* so that items is never NULL */
}

static void walk_release(struct walk *w)
{
	mg_vec_release(&w->text);
	mg_vec_release(&w->segs);
	mg_vec_release(&w->sentences);
}

void mg_readability_part(mg_arena *a, const mg_part *p, mg_read_lang lang,
			 mg_read_part *out)
{
	struct walk w;

	memset(out, 0, sizeof *out);
	out->path = p->path;
	out->file = p->path;
	walk_init(&w, a, lang, &out->counts);
	mg_node_walk(p->body, paragraphs, &w);
	for (size_t i = 0; i < p->nfootnotes; i++)
		mg_node_walk(p->footnotes[i].body, paragraphs, &w);
	out->nsentences = w.sentences.len;
	out->sentences = mg_vec_finish(&w.sentences, a);
	walk_release(&w);
}

static void add_counts(mg_read_counts *to, const mg_read_counts *c)
{
	to->words += c->words;
	to->sentences += c->sentences;
	to->syllables += c->syllables;
	to->polysyllables += c->polysyllables;
}

mg_read_guide *mg_readability_guide(const mg_guide *g)
{
	mg_arena *a = mg_arena_new();
	mg_read_guide *r = mg_arena_alloc(a, sizeof *r);

	r->arena = a;
	r->slug = g->slug;
	r->language = g->language;
	r->lang = mg_read_lang_of(g->language);
	r->max_grade = g->max_grade;
	r->min_inflesz = g->min_inflesz;
	r->nparts = g->nparts;
	r->parts = mg_arena_alloc(a, (g->nparts ? g->nparts : 1) * sizeof *r->parts);
	for (size_t i = 0; i < g->nparts; i++) {
		mg_readability_part(a, &g->parts[i], r->lang, &r->parts[i]);
		r->parts[i].file = relative(g->parts[i].path, g->dir);
		add_counts(&r->total, &r->parts[i].counts);
	}
	return r;
}

void mg_readability_free(mg_read_guide *r)
{
	if (r)
		mg_arena_free(r->arena);
}

mg_read_counts mg_readability_text(const char *text, mg_read_lang lang)
{
	mg_read_counts c = { 0, 0, 0, 0 };
	mg_arena *a = mg_arena_new();
	struct walk w;
	mg_node block = { .type = MG_NODE_PARAGRAPH, .line = 1, .col = 1 };

	walk_init(&w, a, lang, &c);
	while (*text) {
		size_t len = strcspn(text, "\n"), pos = 0;
		mg_span s;
		w.text.len = 0;
		w.segs.len = 0;
		w.cursor = 0;
		w.at_col = 0;
		w.line = block.line;
		w.col = 1;
		add_text(&w, &block, text, len);
		while (mg_sentence_next(w.text.items, w.text.len, &pos, &s))
			count_sentence(&w, s);
		text += len + (text[len] == '\n');
		block.line++;
	}
	walk_release(&w);
	mg_arena_free(a);
	return c;
}
