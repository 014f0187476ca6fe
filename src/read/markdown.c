/* markdown.c — cmark-gfm's tree of one Markdown file into model nodes.
 * The conversion walks cmark's iterator, never recursion, so thousands of
 * nested quotes or lists cannot overflow the stack. */
#include "read/markdown.h"
#include "core/vec.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CMARK_OPTIONS (CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES)

/* cmark-gfm keeps two pieces of process-wide state: its extension registry
 * (filled once) and the inline parser's table of special characters, which
 * each parse with extensions rewrites. So extensions are registered once and
 * parses are serialised; the rest of the conversion runs in parallel. */
static pthread_once_t register_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t parse_lock = PTHREAD_MUTEX_INITIALIZER;

static void register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

static cmark_node *parse(const char *text, size_t len)
{
	static const char *const names[] = { "table", "strikethrough", "autolink" };
	cmark_parser *p;
	cmark_node *doc;

	pthread_once(&register_once, register_extensions);
	pthread_mutex_lock(&parse_lock);
	p = cmark_parser_new(CMARK_OPTIONS);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(names[i]);
		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	cmark_parser_feed(p, text, len);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	pthread_mutex_unlock(&parse_lock);
	return doc;
}

void mg_lines_init(mg_lines *l, const char *text, size_t len)
{
	mg_vec v;
	mg_vec_init(&v, sizeof(size_t));
	*(size_t *)mg_vec_push(&v) = 0;
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
			i++;
		if (text[i] == '\n' || text[i] == '\r')
			*(size_t *)mg_vec_push(&v) = i + 1;
	}
	l->text = text;
	l->len = len;
	l->start = v.items;
	l->n = v.len;
	l->cur_line = 0;
	l->cur_off = 0;
	l->cur_col = 1;
}

void mg_lines_release(mg_lines *l)
{
	free(l->start);
	memset(l, 0, sizeof(*l));
}

int mg_lines_col(mg_lines *l, int line, int bcol)
{
	size_t i, end;
	int col = 1;
	if (line < 1 || (size_t)line > l->n || bcol < 1)
		return bcol;
	i = l->start[line - 1];
	end = i + (size_t)bcol - 1;
	if (end > l->len)
		end = l->len;
	if (l->cur_line == line && l->cur_off >= i && l->cur_off <= end) {
		i = l->cur_off;
		col = l->cur_col;
	}
	for (; i < end; i++)
		if (((unsigned char)l->text[i] & 0xc0) != 0x80)
			col++;
	l->cur_line = line;
	l->cur_off = end;
	l->cur_col = col;
	return col;
}

struct conv {
	mg_guide *g;
	mg_diag *d;
	const char *file;
	mg_lines lines;
	mg_vec headings, links, images;	/* mg_node * */
	char **labels;			/* per footnote number - 1; heap */
	size_t ndefs;
	mg_vec code_lines;		/* int pairs: first, last line of code blocks */
	size_t errors;
};

static void error_at(struct conv *c, int line, int col, const char *fmt, const char *arg)
	__attribute__((format(printf, 4, 0)));

/* After MG_MD_MAX_ERRORS errors a file's further errors are only counted,
 * so that a file of a million "<b>" costs no more than its size. */
static void error_at(struct conv *c, int line, int col, const char *fmt, const char *arg)
{
	if (c->errors++ < MG_MD_MAX_ERRORS)
		mg_error(c->d, c->file, line, col, fmt, arg);
}

static int line_of(cmark_node *n)
{
	return cmark_node_get_start_line(n);
}

static int col_of(struct conv *c, cmark_node *n)
{
	return mg_lines_col(&c->lines, cmark_node_get_start_line(n),
			    cmark_node_get_start_column(n));
}

/* The first tag of some raw HTML, for the message: up to its '>' or the end
 * of its first line, at most 60 bytes, cut at a character boundary. */
static char *html_excerpt(struct conv *c, const char *html)
{
	size_t n = 0;
	while (html[n] && html[n] != '\n' && html[n] != '\r' && n < 60) {
		if (html[n++] == '>')
			break;
	}
	while (n > 0 && ((unsigned char)html[n] & 0xc0) == 0x80)
		n--;
	return mg_arena_strndup(c->g->arena, html, n);
}

/* 1 if html is nothing but HTML comments and white space. */
static int only_comments(const char *html)
{
	for (;;) {
		while (isspace((unsigned char)*html))
			html++;
		if (!*html)
			return 1;
		if (strncmp(html, "<!--", 4))
			return 0;
		html = strstr(html + 4, "-->");
		if (!html)
			return 0;
		html += 3;
	}
}

static int type_is(cmark_node *n, const char *name)
{
	return !strcmp(cmark_node_get_type_string(n), name);
}

/* Before conversion: drops HTML comments, reports other raw HTML (and drops
 * it too), takes the footnote definitions out of the tree, and notes where
 * code blocks are (for the footnote-definition scan). */
static void prepare(struct conv *c, cmark_node *doc, mg_vec *defs)
{
	mg_vec drop;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;

	mg_vec_init(&drop, sizeof(cmark_node *));
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) {
			const char *html = cmark_node_get_literal(n);
			if (!html)
				html = "";
			if (!only_comments(html))
				error_at(c, line_of(n), col_of(c, n),
					 "raw HTML is not allowed: %s", html_excerpt(c, html));
			*(cmark_node **)mg_vec_push(&drop) = n;
		} else if (t == CMARK_NODE_FOOTNOTE_DEFINITION) {
			*(cmark_node **)mg_vec_push(defs) = n;
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		} else if (t == CMARK_NODE_CODE_BLOCK) {
			int *pair = mg_vec_push(&c->code_lines);
			pair[0] = cmark_node_get_start_line(n);
			pair[1] = cmark_node_get_end_line(n);
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < drop.len; i++) {
		cmark_node *n = ((cmark_node **)drop.items)[i];
		cmark_node_unlink(n);
		cmark_node_free(n);
	}
	mg_vec_release(&drop);
	for (size_t i = 0; i < defs->len; i++)
		cmark_node_unlink(((cmark_node **)defs->items)[i]);
}

/* The plain text of an image's description (its alt text), trimmed. */
static char *alt_text(struct conv *c, cmark_node *img)
{
	mg_vec buf;
	cmark_iter *it = cmark_iter_new(img);
	cmark_event_type ev;
	char *s, *start, *end;

	mg_vec_init(&buf, 1);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		const char *lit = NULL;
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
			lit = cmark_node_get_literal(n);
		else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			lit = " ";
		for (; lit && *lit; lit++)
			*(char *)mg_vec_push(&buf) = *lit;
	}
	cmark_iter_free(it);
	*(char *)mg_vec_push(&buf) = '\0';
	start = buf.items;
	while (isspace((unsigned char)*start))
		start++;
	end = start + strlen(start);
	while (end > start && isspace((unsigned char)end[-1]))
		end--;
	s = mg_arena_strndup(c->g->arena, start, (size_t)(end - start));
	mg_vec_release(&buf);
	return s;
}

static const char *title_of(struct conv *c, cmark_node *n)
{
	const char *t = cmark_node_get_title(n);
	return t && *t ? mg_arena_strdup(c->g->arena, t) : NULL;
}

/* Text that reached the model through entities may hold control characters
 * that no product format can carry. */
static void check_controls(struct conv *c, const mg_node *m, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f) {
			char code[8];
			snprintf(code, sizeof(code), "U+%04X", *p);
			error_at(c, m->line, m->col,
				 "the control character %s is not allowed", code);
			return;
		}
	}
}

/* "[^label]" left as text: a footnote reference without a definition. */
static void check_orphan_refs(struct conv *c, const mg_node *m)
{
	const char *s = m->text, *q = s;
	int col = m->col, one_line = !strchr(s, '\n');
	for (const char *p = strstr(s, "[^"); p; p = strstr(p + 2, "[^")) {
		size_t n = strcspn(p + 2, "] \t\n[");
		if (n == 0 || p[2 + n] != ']')
			continue;
		for (; one_line && q < p; q++)
			col += ((unsigned char)*q & 0xc0) != 0x80;
		error_at(c, m->line, col, "footnote %s has no definition",
			 mg_arena_strndup(c->g->arena, p, n + 3));
	}
}

static void note_label(struct conv *c, cmark_node *n, int index)
{
	int line = cmark_node_get_start_line(n), bcol = cmark_node_get_start_column(n);
	size_t off, end;
	if (index < 0 || (size_t)index >= c->ndefs || c->labels[index])
		return;
	if (line < 1 || (size_t)line > c->lines.n || bcol < 1)
		return;
	off = c->lines.start[line - 1] + (size_t)bcol - 1;
	if (off + 2 >= c->lines.len || strncmp(c->lines.text + off, "[^", 2))
		return;
	for (end = off + 2; end < c->lines.len && c->lines.text[end] != ']' &&
			    c->lines.text[end] != '\n'; end++)
		;
	if (end < c->lines.len && c->lines.text[end] == ']' && end > off + 2)
		c->labels[index] = mg_xstrdup(mg_arena_strndup(c->g->arena,
				c->lines.text + off + 2, end - off - 2));
}

/* The alignment of a cell: index is its column (cells counted so far in
 * its row, so that wide tables cost no more than their size). */
static mg_align cell_align(cmark_node *cell, int index)
{
	cmark_node *row = cmark_node_parent(cell);
	cmark_node *table = row ? cmark_node_parent(row) : NULL;
	uint8_t *aligns;
	if (!table || index < 0 || index >= cmark_gfm_extensions_get_table_columns(table))
		return MG_ALIGN_NONE;
	aligns = cmark_gfm_extensions_get_table_alignments(table);
	switch (aligns ? aligns[index] : 0) {
	case 'l': return MG_ALIGN_LEFT;
	case 'c': return MG_ALIGN_CENTER;
	case 'r': return MG_ALIGN_RIGHT;
	default: return MG_ALIGN_NONE;
	}
}

/* The model node for an extension node (table parts, strikethrough). */
static mg_node *extension_node(struct conv *c, cmark_node *n, mg_node *parent,
			       int line, int col)
{
	mg_node *m = NULL;
	if (type_is(n, "table")) {
		m = mg_node_new(c->g, MG_NODE_TABLE, line, col);
		m->columns = cmark_gfm_extensions_get_table_columns(n);
	} else if (type_is(n, "table_row") || type_is(n, "table_header")) {
		m = mg_node_new(c->g, MG_NODE_TABLE_ROW, line, col);
		m->header = cmark_gfm_extensions_get_table_row_is_header(n) != 0;
	} else if (type_is(n, "table_cell")) {
		m = mg_node_new(c->g, MG_NODE_TABLE_CELL, line, col);
		m->align = cell_align(n, parent->type == MG_NODE_TABLE_ROW ? parent->columns++ : -1);
	} else if (type_is(n, "strikethrough")) {
		m = mg_node_new(c->g, MG_NODE_STRIKE, line, col);
	}
	return m;
}

static mg_node *image_node(struct conv *c, cmark_node *img, mg_node_type type,
			   int line, int col)
{
	mg_node *m = mg_node_new(c->g, type, line, col);
	const char *url = cmark_node_get_url(img);
	m->url = mg_arena_strdup(c->g->arena, url ? url : "");
	m->title = title_of(c, img);
	m->alt = alt_text(c, img);
	if (!*m->alt) {
		error_at(c, line, col, "image '%s' has no alt text: write ![what it shows](file)",
			 m->url);
		m->alt = m->url;
	}
	check_controls(c, m, m->alt);
	*(mg_node **)mg_vec_push(&c->images) = m;
	return m;
}

static mg_node *text_node(struct conv *c, mg_node_type type, cmark_node *n,
			  int line, int col)
{
	const char *lit = cmark_node_get_literal(n);
	mg_node *m = mg_node_new(c->g, type, line, col);
	if (!lit)
		lit = "";
	if (type == MG_NODE_CODE_BLOCK && (!*lit || lit[strlen(lit) - 1] != '\n'))
		m->text = mg_arena_printf(c->g->arena, "%s\n", lit);
	else
		m->text = mg_arena_strdup(c->g->arena, lit);
	m->len = strlen(m->text);
	check_controls(c, m, m->text);
	if (type == MG_NODE_TEXT)
		check_orphan_refs(c, m);
	return m;
}

static mg_node *heading_node(struct conv *c, cmark_node *n, mg_node *parent,
			     int top, int line, int col)
{
	int level = cmark_node_get_heading_level(n);
	mg_node *m = mg_node_new(c->g, MG_NODE_HEADING, line, col);
	m->level = level;
	if (level > 4) {
		char what[16];
		snprintf(what, sizeof(what), "%d", level);
		error_at(c, line, col,
			 "heading level %s is too deep: use ## to #### for sections", what);
		m->level = 4;
	}
	if (!cmark_node_first_child(n))
		error_at(c, line, col, "%s", "empty heading");
	if (parent->parent || !top)
		error_at(c, line, col, "%s",
			 "a heading cannot be inside a quote, list, table or footnote");
	else
		*(mg_node **)mg_vec_push(&c->headings) = m;
	return m;
}

/* The model node for cmark node n, or NULL to leave n (and what it holds) out.
 * *descend is set when n's children should be converted into the result. */
static mg_node *node_for(struct conv *c, cmark_node *n, mg_node *parent, int top,
			 int *descend)
{
	int line = line_of(n), col = col_of(c, n);
	mg_node *m = NULL;
	cmark_node *first = cmark_node_first_child(n);

	if (line <= 0) {
		line = parent->line;
		col = parent->col;
	}
	/* cmark-gfm misplaces autolinks ("<https://...>"): their text is right */
	if (cmark_node_get_type(n) == CMARK_NODE_LINK && first &&
	    line_of(first) == line && col_of(c, first) > 1 && col_of(c, first) <= col)
		col = col_of(c, first) - 1;
	*descend = first != NULL;
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_BLOCK_QUOTE:
		return mg_node_new(c->g, MG_NODE_BLOCKQUOTE, line, col);
	case CMARK_NODE_LIST:
		m = mg_node_new(c->g, MG_NODE_LIST, line, col);
		m->ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
		m->start = m->ordered ? cmark_node_get_list_start(n) : 0;
		m->tight = cmark_node_get_list_tight(n);
		return m;
	case CMARK_NODE_ITEM:
		return mg_node_new(c->g, MG_NODE_ITEM, line, col);
	case CMARK_NODE_CODE_BLOCK:
		return text_node(c, MG_NODE_CODE_BLOCK, n, line, col);
	case CMARK_NODE_PARAGRAPH:
		if (!first)
			return NULL;
		if (first == cmark_node_last_child(n) &&
		    cmark_node_get_type(first) == CMARK_NODE_IMAGE) {
			*descend = 0;
			return image_node(c, first, MG_NODE_FIGURE, line, col);
		}
		return mg_node_new(c->g, MG_NODE_PARAGRAPH, line, col);
	case CMARK_NODE_HEADING:
		return heading_node(c, n, parent, top, line, col);
	case CMARK_NODE_THEMATIC_BREAK:
		return mg_node_new(c->g, MG_NODE_THEMATIC_BREAK, line, col);
	case CMARK_NODE_TEXT:
		return text_node(c, MG_NODE_TEXT, n, line, col);
	case CMARK_NODE_CODE:
		return text_node(c, MG_NODE_CODE, n, line, col);
	case CMARK_NODE_SOFTBREAK:
		return mg_node_new(c->g, MG_NODE_SOFTBREAK, line, col);
	case CMARK_NODE_LINEBREAK:
		return mg_node_new(c->g, MG_NODE_LINEBREAK, line, col);
	case CMARK_NODE_EMPH:
		return mg_node_new(c->g, MG_NODE_EMPH, line, col);
	case CMARK_NODE_STRONG:
		return mg_node_new(c->g, MG_NODE_STRONG, line, col);
	case CMARK_NODE_LINK: {
		const char *url = cmark_node_get_url(n);
		m = mg_node_new(c->g, MG_NODE_LINK, line, col);
		m->url = mg_arena_strdup(c->g->arena, url ? url : "");
		m->title = title_of(c, n);
		if (!first)
			error_at(c, line, col, "link to '%s' has no text", m->url);
		*(mg_node **)mg_vec_push(&c->links) = m;
		return m;
	}
	case CMARK_NODE_IMAGE:
		*descend = 0;
		return image_node(c, n, MG_NODE_IMAGE, line, col);
	case CMARK_NODE_FOOTNOTE_REFERENCE: {
		const char *lit = cmark_node_get_literal(n);
		*descend = 0;
		m = mg_node_new(c->g, MG_NODE_FOOTNOTE_REF, line, col);
		m->footnote = lit ? atoi(lit) - 1 : -1;
		if (m->footnote < 0 || (size_t)m->footnote >= c->ndefs) {
			error_at(c, line, col, "%s", "footnote reference without a definition");
			return NULL;
		}
		note_label(c, n, m->footnote);
		return m;
	}
	default:
		break;
	}
	m = extension_node(c, n, parent, line, col);
	if (!m)
		*descend = 0;
	return m;
}

/* Converts the children of cmark node root into children of out. top is 0
 * inside footnotes. */
static void convert(struct conv *c, cmark_node *root, mg_node *out, int top)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	mg_node *cur = out;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		mg_node *m;
		int descend;
		if (n == root)
			continue;
		if (ev == CMARK_EVENT_EXIT) {
			if (cur->type == MG_NODE_TABLE_ROW)
				cur->columns = 0;	/* was the count of its cells */
			cur = cur->parent;
			continue;
		}
		m = node_for(c, n, cur, top, &descend);
		if (m)
			mg_node_append(cur, m);
		if (m && descend)
			cur = m;
		else
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
	}
	cmark_iter_free(it);
}

static int in_code(const struct conv *c, int line)
{
	const int *p = c->code_lines.items;
	for (size_t i = 0; i < c->code_lines.len; i++)
		if (line >= p[2 * i] && line <= p[2 * i + 1])
			return 1;
	return 0;
}

static int cmp_label(const void *a, const void *b)
{
	return strcasecmp(*(char *const *)a, *(char *const *)b);
}

/* cmark-gfm drops footnote definitions that nothing refers to: find them in
 * the source ("[^label]:" at the start of a line) to warn about them. */
static void warn_unused(struct conv *c)
{
	char **used = mg_xcalloc(c->ndefs + 1, sizeof(char *));
	size_t nused = 0;
	for (size_t i = 0; i < c->ndefs; i++)
		if (c->labels[i])
			used[nused++] = c->labels[i];
	qsort(used, nused, sizeof(char *), cmp_label);
	for (size_t i = 0; i < c->lines.n; i++) {
		const char *p = c->lines.text + c->lines.start[i];
		const char *end = c->lines.text + c->lines.len;
		int indent = 0;
		while (p < end && *p == ' ' && indent < 4) {
			p++;
			indent++;
		}
		if (indent > 3 || end - p < 5 || strncmp(p, "[^", 2))
			continue;
		size_t n = 0;
		while (p + 2 + n < end && p[2 + n] != ']' && p[2 + n] != '\n' && p[2 + n] != '\r')
			n++;
		if (n == 0 || p + 3 + n >= end || p[2 + n] != ']' || p[3 + n] != ':')
			continue;
		if (in_code(c, (int)i + 1))
			continue;
		char *label = mg_xstrdup(mg_arena_strndup(c->g->arena, p + 2, n));
		if (!bsearch(&label, used, nused, sizeof(char *), cmp_label))
			mg_warning(c->d, c->file, (int)i + 1, indent + 1,
				   "footnote [^%s] is never referred to", label);
		free(label);
	}
	free(used);
}

static void footnotes(struct conv *c, mg_vec *defs, mg_md *out)
{
	mg_footnote *fn = mg_arena_alloc(c->g->arena, (defs->len ? defs->len : 1) * sizeof(*fn));
	for (size_t i = 0; i < defs->len; i++) {
		cmark_node *def = ((cmark_node **)defs->items)[i];
		fn[i].body = mg_node_new(c->g, MG_NODE_DOCUMENT, line_of(def), 1);
		fn[i].line = line_of(def);
		cmark_consolidate_text_nodes(def);
		convert(c, def, fn[i].body, 0);
	}
	for (size_t i = 0; i < defs->len; i++) {
		fn[i].label = c->labels[i] ? mg_arena_strdup(c->g->arena, c->labels[i])
					   : mg_arena_printf(c->g->arena, "%zu", i + 1);
		if (!fn[i].body->first_child)
			error_at(c, fn[i].line, 1, "footnote [^%s] is empty", fn[i].label);
	}
	out->footnotes = fn;
	out->nfootnotes = defs->len;
}

/* The line as cmark-gfm's table extension would see it, without the
 * markers of quotes and the indentation of lists: [*s, *e). */
static void strip_containers(const char **s, const char *e)
{
	while (*s < e && (**s == ' ' || **s == '\t' || **s == '>'))
		(*s)++;
}

/* Columns of a table delimiter row ("| :-- | --: |"), or 0 if it is not one. */
static size_t delimiter_columns(const char *s, const char *e)
{
	size_t columns = 0, pipes = 0;
	int in_dashes = 0;
	for (; s < e; s++) {
		if (*s == '-' || *s == ':') {
			columns += !in_dashes && *s == '-';
			in_dashes = *s == '-' || in_dashes;
		} else if (*s == '|') {
			pipes++;
			in_dashes = 0;
		} else if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') {
			return 0;
		}
	}
	return pipes ? columns : 0;
}

static size_t count_pipes(const char *s, const char *e)
{
	size_t n = 0;
	for (; s < e; s++)
		n += *s == '|';
	return n;
}

static int blank_line(const char *s, const char *e)
{
	strip_containers(&s, e);
	while (s < e && (*s == '\r' || *s == '\n'))
		s++;
	return s == e;
}

/* Refuses tables that would be too wide or hold too many cells, before
 * cmark-gfm sees them. Returns the number of errors reported. */
static size_t table_guard(struct conv *c)
{
	const mg_lines *l = &c->lines;
	size_t cells = 0, errors = 0;
	for (size_t i = 1; i < l->n && !errors; i++) {
		const char *s = l->text + l->start[i];
		const char *e = i + 1 < l->n ? l->text + l->start[i + 1] : l->text + l->len;
		const char *hs = l->text + l->start[i - 1];
		size_t columns, rows = 0, header;
		strip_containers(&s, e);
		columns = delimiter_columns(s, e);
		if (!columns)
			continue;
		header = count_pipes(hs, s) + 1;
		if (columns > MG_MD_MAX_COLUMNS || header > MG_MD_MAX_COLUMNS + 2) {
			mg_error(c->d, c->file, (int)i + 1, 1,
				 "a table of %zu columns is too wide: the limit is %d",
				 columns > MG_MD_MAX_COLUMNS ? columns : header - 2,
				 MG_MD_MAX_COLUMNS);
			c->errors++;
			errors++;
			break;
		}
		for (size_t k = i + 1; k < l->n; k++, rows++) {
			const char *rs = l->text + l->start[k];
			const char *re = k + 1 < l->n ? l->text + l->start[k + 1] : l->text + l->len;
			if (blank_line(rs, re))
				break;
		}
		cells += (rows + 1) * columns;
		if (cells > MG_MD_MAX_CELLS) {
			mg_error(c->d, c->file, (int)i + 1, 1,
				 "the tables of this file hold too many cells: the limit is %d",
				 MG_MD_MAX_CELLS);
			c->errors++;
			errors++;
		}
	}
	return errors;
}

size_t mg_markdown_parse(mg_guide *g, const char *file, const char *text,
			 size_t len, mg_md *out, mg_diag *d)
{
	struct conv c = { .g = g, .d = d, .file = file };
	mg_vec defs;
	cmark_node *doc;

	memset(out, 0, sizeof(*out));
	mg_lines_init(&c.lines, text, len);
	mg_vec_init(&c.headings, sizeof(mg_node *));
	mg_vec_init(&c.links, sizeof(mg_node *));
	mg_vec_init(&c.images, sizeof(mg_node *));
	mg_vec_init(&c.code_lines, 2 * sizeof(int));
	mg_vec_init(&defs, sizeof(cmark_node *));

	out->body = mg_node_new(g, MG_NODE_DOCUMENT, 1, 1);
	if (table_guard(&c)) {
		out->refused = 1;
		mg_vec_release(&c.headings);
		mg_vec_release(&c.links);
		mg_vec_release(&c.images);
		mg_vec_release(&c.code_lines);
		mg_vec_release(&defs);
		mg_lines_release(&c.lines);
		return c.errors;
	}
	doc = parse(text, len);
	prepare(&c, doc, &defs);
	c.ndefs = defs.len;
	c.labels = mg_xcalloc(defs.len + 1, sizeof(char *));
	cmark_consolidate_text_nodes(doc);
	convert(&c, doc, out->body, 1);
	footnotes(&c, &defs, out);
	warn_unused(&c);
	if (c.errors > MG_MD_MAX_ERRORS)
		mg_diag_report(d, MG_NOTE, file, 0, 0, "%zu more errors in this file are not shown",
			       c.errors - MG_MD_MAX_ERRORS);

	out->headings = mg_vec_finish(&c.headings, g->arena);
	out->nheadings = c.headings.len;
	out->links = mg_vec_finish(&c.links, g->arena);
	out->nlinks = c.links.len;
	out->images = mg_vec_finish(&c.images, g->arena);
	out->nimages = c.images.len;

	for (size_t i = 0; i < defs.len; i++)
		cmark_node_free(((cmark_node **)defs.items)[i]);
	for (size_t i = 0; i < c.ndefs; i++)
		free(c.labels[i]);
	free(c.labels);
	mg_vec_release(&defs);
	mg_vec_release(&c.code_lines);
	mg_lines_release(&c.lines);
	cmark_node_free(doc);
	return c.errors;
}
