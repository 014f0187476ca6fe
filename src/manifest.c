/* manifest.c — reads guide.yaml with libyaml's document API and checks it
 * against the key table of DESIGN.md §2: unknown keys, missing keys, types,
 * dates and language tags, each reported at its line and column. */
#include "manifest.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

enum key {
	K_TITLE, K_SUBTITLE, K_LANGUAGE, K_IDENTIFIER, K_AUTHORS, K_PUBLISHER,
	K_DATE, K_DESCRIPTION, K_SUBJECTS, K_REVIEW, K_COVER, K_STYLE,
	K_CHAPTERS, K_FAQ, K_DISCLAIMER, K_COUNT
};

static const char *const key_names[K_COUNT] = {
	"title", "subtitle", "language", "identifier", "authors", "publisher",
	"date", "description", "subjects", "review", "cover", "style",
	"chapters", "faq", "disclaimer",
};

static const char *const review_keys[] = { "reviewer", "reviewed", "next_review" };

struct yctx {
	mg_manifest *m;
	yaml_document_t *doc;
	mg_arena *a;
	mg_diag *d;
	size_t errors;
};

static void err(struct yctx *c, const yaml_node_t *n, const char *fmt, const char *arg)
	__attribute__((format(printf, 3, 0)));

static void err(struct yctx *c, const yaml_node_t *n, const char *fmt, const char *arg)
{
	int line = n ? (int)n->start_mark.line + 1 : c->m->line;
	int col = n ? (int)n->start_mark.column + 1 : c->m->col;
	mg_error(c->d, c->m->file, line, col, fmt, arg);
	c->errors++;
}

/* The edit distance of two short words, for "did you mean". */
static size_t distance(const char *s, const char *t)
{
	size_t ls = strlen(s), lt = strlen(t), dist[32][32];
	if (ls > 30 || lt > 30)
		return 99;
	for (size_t i = 0; i <= ls; i++)
		dist[i][0] = i;
	for (size_t j = 0; j <= lt; j++)
		dist[0][j] = j;
	for (size_t i = 1; i <= ls; i++) {
		for (size_t j = 1; j <= lt; j++) {
			int a = tolower((unsigned char)s[i - 1]);
			int b = tolower((unsigned char)t[j - 1]);
			size_t best = dist[i - 1][j - 1] + (a != b);
			if (dist[i - 1][j] + 1 < best)
				best = dist[i - 1][j] + 1;
			if (dist[i][j - 1] + 1 < best)
				best = dist[i][j - 1] + 1;
			/* a swap of two neighbours ("sytle") counts as one edit */
			if (i > 1 && j > 1 && a == tolower((unsigned char)t[j - 2]) &&
			    b == tolower((unsigned char)s[i - 2]) && dist[i - 2][j - 2] + 1 < best)
				best = dist[i - 2][j - 2] + 1;
			dist[i][j] = best;
		}
	}
	return dist[ls][lt];
}

static const char *nearest(const char *word, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t bestd = 3;
	for (size_t i = 0; i < n; i++) {
		size_t dist = distance(word, names[i]);
		if (dist < bestd) {
			bestd = dist;
			best = names[i];
		}
	}
	return best;
}

static void unknown_key(struct yctx *c, const yaml_node_t *k, const char *word,
			const char *const *names, size_t n, const char *where)
{
	const char *near = nearest(word, names, n);
	char *msg;
	if (near)
		msg = mg_arena_printf(c->a, "unknown key '%s'%s (did you mean '%s'?)",
				      word, where, near);
	else
		msg = mg_arena_printf(c->a, "unknown key '%s'%s", word, where);
	err(c, k, "%s", msg);
}

static int is_null(const yaml_node_t *n)
{
	const char *v = (const char *)n->data.scalar.value;
	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	return !*v || !strcmp(v, "~") || !strcmp(v, "null") ||
	       !strcmp(v, "Null") || !strcmp(v, "NULL");
}

static int blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Control characters other than tab and line ends can come in through YAML
 * escapes ("\x01"); no product format can hold them. */
static int bad_control(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7f)
			return 1;
	}
	return 0;
}

/* A non-empty text value; what names the key in messages. */
static int scalar(struct yctx *c, const yaml_node_t *n, const char *what, mg_mvalue *out)
{
	if (!n || n->type != YAML_SCALAR_NODE) {
		err(c, n, "'%s' must be text, not a list or mapping", what);
		return -1;
	}
	const char *v = (const char *)n->data.scalar.value;
	size_t len = n->data.scalar.length;
	if (is_null(n) || blank(v, len)) {
		err(c, n, "'%s' has no value", what);
		return -1;
	}
	if (bad_control(v, len)) {
		err(c, n, "'%s' holds a control character", what);
		return -1;
	}
	out->str = mg_arena_strndup(c->a, v, len);
	out->line = (int)n->start_mark.line + 1;
	out->col = (int)n->start_mark.column + 1;
	return 0;
}

/* A list of text values; a single text is accepted when one_ok. */
static mg_mvalue *list(struct yctx *c, const yaml_node_t *n, const char *what,
		       int one_ok, size_t *count)
{
	mg_vec v;
	mg_vec_init(&v, sizeof(mg_mvalue));
	*count = 0;
	if (n->type == YAML_SCALAR_NODE && one_ok && !is_null(n)) {
		mg_mvalue *x = mg_vec_push(&v);
		if (scalar(c, n, what, x))
			v.len--;
	} else if (n->type != YAML_SEQUENCE_NODE) {
		err(c, n, one_ok ? "'%s' must be text or a list" : "'%s' must be a list",
		    what);
	} else if (n->data.sequence.items.start == n->data.sequence.items.top) {
		err(c, n, "'%s' is an empty list", what);
	} else {
		for (yaml_node_item_t *it = n->data.sequence.items.start;
		     it < n->data.sequence.items.top; it++) {
			yaml_node_t *item = yaml_document_get_node(c->doc, *it);
			mg_mvalue *x = mg_vec_push(&v);
			if (scalar(c, item, what, x))
				v.len--;
		}
	}
	*count = v.len;
	return mg_vec_finish(&v, c->a);
}

static void check_date(struct yctx *c, const yaml_node_t *n, mg_mvalue *v, const char *what)
{
	if (!v->str || mg_date_ok(v->str))
		return;
	char *msg = mg_arena_printf(c->a, "'%s' is not a date: '%s' (write YYYY-MM-DD, e.g. 2026-01-31)",
				    what, v->str);
	err(c, n, "%s", msg);
	v->str = NULL;
}

static void review(struct yctx *c, const yaml_node_t *n)
{
	mg_mvalue *slots[3] = { &c->m->reviewer, &c->m->reviewed, &c->m->next_review };
	const yaml_node_t *vals[3] = { NULL, NULL, NULL };
	if (n->type != YAML_MAPPING_NODE) {
		err(c, n, "'%s' must be a mapping with reviewer, reviewed and next_review", "review");
		return;
	}
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
	     p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(c->doc, p->value);
		const char *word;
		size_t i;
		if (k->type != YAML_SCALAR_NODE) {
			err(c, k, "%s", "a key must be a plain word");
			continue;
		}
		word = (const char *)k->data.scalar.value;
		for (i = 0; i < 3 && strcmp(word, review_keys[i]); i++)
			;
		if (i == 3) {
			unknown_key(c, k, word, review_keys, 3, " in 'review'");
			continue;
		}
		if (vals[i]) {
			err(c, k, "'%s' is given twice in 'review'", word);
			continue;
		}
		vals[i] = v;
		scalar(c, v, review_keys[i], slots[i]);
	}
	if (vals[1])
		check_date(c, vals[1], slots[1], "reviewed");
	if (vals[2])
		check_date(c, vals[2], slots[2], "next_review");
	if (c->m->reviewed.str && c->m->next_review.str &&
	    strcmp(c->m->next_review.str, c->m->reviewed.str) < 0) {
		char *msg = mg_arena_printf(c->a, "'next_review' (%s) is before 'reviewed' (%s)",
					    c->m->next_review.str, c->m->reviewed.str);
		err(c, vals[2], "%s", msg);
	}
}

static void value(struct yctx *c, enum key k, const yaml_node_t *n)
{
	mg_manifest *m = c->m;
	mg_mvalue *simple[K_COUNT] = {
		[K_TITLE] = &m->title, [K_SUBTITLE] = &m->subtitle,
		[K_LANGUAGE] = &m->language, [K_IDENTIFIER] = &m->identifier,
		[K_PUBLISHER] = &m->publisher, [K_DATE] = &m->date,
		[K_DESCRIPTION] = &m->description, [K_COVER] = &m->cover,
		[K_STYLE] = &m->style, [K_FAQ] = &m->faq,
		[K_DISCLAIMER] = &m->disclaimer,
	};
	switch (k) {
	case K_AUTHORS:
		m->authors = list(c, n, "authors", 1, &m->nauthors);
		return;
	case K_SUBJECTS:
		m->subjects = list(c, n, "subjects", 0, &m->nsubjects);
		return;
	case K_CHAPTERS:
		m->has_chapters = 1;
		m->chapters = list(c, n, "chapters", 0, &m->nchapters);
		return;
	case K_REVIEW:
		review(c, n);
		return;
	default:
		break;
	}
	if (scalar(c, n, key_names[k], simple[k]))
		return;
	if (k == K_DATE)
		check_date(c, n, simple[k], "date");
	if (k == K_LANGUAGE && !mg_language_tag_ok(m->language.str)) {
		char *msg = mg_arena_printf(c->a,
			"'%s' is not a BCP 47 language tag (e.g. en, es, pt-BR)",
			m->language.str);
		err(c, n, "%s", msg);
		m->language.str = NULL;
	}
	if (k == K_STYLE) {
		const char *s = m->style.str;
		int ok = *s != '\0' && strlen(s) <= 64;
		for (; *s && ok; s++)
			ok = isalnum((unsigned char)*s) || *s == '-' || *s == '_';
		if (!ok) {
			char *msg = mg_arena_printf(c->a,
				"'%s' is not a style name (letters, digits, '-' and '_')",
				m->style.str);
			err(c, n, "%s", msg);
			m->style.str = NULL;
		}
	}
}

static void root(struct yctx *c, const yaml_node_t *n)
{
	const yaml_node_t *seen[K_COUNT] = { 0 };
	static const enum key required[] = { K_TITLE, K_LANGUAGE, K_CHAPTERS, K_DISCLAIMER };

	c->m->line = (int)n->start_mark.line + 1;
	c->m->col = (int)n->start_mark.column + 1;
	if (n->type != YAML_MAPPING_NODE) {
		err(c, n, "%s", "guide.yaml must be a mapping of keys (title: ..., language: ...)");
		return;
	}
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
	     p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(c->doc, p->value);
		const char *word;
		int i;
		if (k->type != YAML_SCALAR_NODE) {
			err(c, k, "%s", "a key must be a plain word");
			continue;
		}
		word = (const char *)k->data.scalar.value;
		for (i = 0; i < K_COUNT && strcmp(word, key_names[i]); i++)
			;
		if (i == K_COUNT) {
			unknown_key(c, k, word, key_names, K_COUNT, "");
			continue;
		}
		if (seen[i]) {
			char *msg = mg_arena_printf(c->a, "'%s' is given twice (first on line %d)",
						    word, (int)seen[i]->start_mark.line + 1);
			err(c, k, "%s", msg);
			continue;
		}
		seen[i] = k;
		value(c, (enum key)i, v);
	}
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (!seen[required[i]])
			err(c, NULL, "missing required key '%s'", key_names[required[i]]);
}

static void syntax_error(struct yctx *c, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "cannot be read";
	int line = (int)p->problem_mark.line + 1, col = (int)p->problem_mark.column + 1;
	c->errors++;
	if (p->context && (p->context_mark.line != p->problem_mark.line ||
			   p->context_mark.column != p->problem_mark.column))
		mg_error(c->d, c->m->file, line, col,
			 "YAML syntax error: %s (%s at line %d, column %d)", problem,
			 p->context, (int)p->context_mark.line + 1,
			 (int)p->context_mark.column + 1);
	else if (p->context)
		mg_error(c->d, c->m->file, line, col, "YAML syntax error: %s %s",
			 p->context, problem);
	else if (!strcmp(problem, "mapping values are not allowed in this context"))
		mg_error(c->d, c->m->file, line, col,
			 "YAML syntax error: %s (put a value holding ': ' in quotes)", problem);
	else
		mg_error(c->d, c->m->file, line, col, "YAML syntax error: %s", problem);
}

size_t mg_manifest_parse(mg_manifest *m, const char *file, const char *text,
			 size_t len, mg_arena *a, mg_diag *d)
{
	yaml_parser_t parser;
	yaml_document_t doc, extra;
	struct yctx c = { .m = m, .doc = &doc, .a = a, .d = d };
	yaml_node_t *top;

	memset(m, 0, sizeof(*m));
	m->file = file;
	m->line = m->col = 1;
	if (!yaml_parser_initialize(&parser)) {
		mg_error(d, file, 0, 0, "out of memory reading YAML");
		return 1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		syntax_error(&c, &parser);
		goto out;
	}
	top = yaml_document_get_root_node(&doc);
	if (!top) {
		err(&c, NULL, "%s", "guide.yaml is empty: it needs at least title, language, chapters and disclaimer");
	} else {
		root(&c, top);
	}
	yaml_document_delete(&doc);
	if (!yaml_parser_load(&parser, &extra)) {
		syntax_error(&c, &parser);
		goto out;
	}
	top = yaml_document_get_root_node(&extra);
	if (top)
		err(&c, top, "%s", "guide.yaml must hold one YAML document, not several");
	yaml_document_delete(&extra);
out:
	yaml_parser_delete(&parser);
	return c.errors;
}

int mg_date_ok(const char *s)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, mo, da;
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (!isdigit((unsigned char)s[i])) {
			return 0;
		}
	}
	if (s[10])
		return 0;
	y = atoi(s);
	mo = atoi(s + 5);
	da = atoi(s + 8);
	if (y < 1 || mo < 1 || mo > 12 || da < 1 || da > mdays[mo - 1])
		return 0;
	if (mo == 2 && da == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	return 1;
}

/* Length of the run of letters/digits at s; sets *alpha and *digit when the
 * run is all letters or all digits. */
static size_t subtag(const char *s, int *alpha, int *digit)
{
	size_t n = 0;
	*alpha = *digit = 1;
	for (; s[n] && s[n] != '-'; n++) {
		unsigned char ch = (unsigned char)s[n];
		if (!isascii(ch) || !isalnum(ch))
			return 0;
		if (!isalpha(ch))
			*alpha = 0;
		if (!isdigit(ch))
			*digit = 0;
	}
	return n;
}

int mg_language_tag_ok(const char *tag)
{
	const char *s = tag;
	int alpha, digit, stage = 0;	/* 0 lang, 1 extlang, 2 script, 3 region, 4 variant, 5 ext */
	size_t n, extlangs = 0;

	if (!s || !*s || strlen(s) > 64)
		return 0;
	n = subtag(s, &alpha, &digit);
	if (n == 1 && (*s == 'x' || *s == 'X'))
		stage = 6;	/* the whole tag is private use */
	else if (!alpha || n < 2 || n > 3)
		return 0;
	for (s += n; *s; s += n) {
		if (*s != '-' || !*++s)
			return 0;
		n = subtag(s, &alpha, &digit);
		if (n == 0)
			return 0;
		if (stage == 6) {	/* private use: 1*8 alphanum */
			if (n > 8)
				return 0;
		} else if (n == 1) {	/* an extension or private-use singleton */
			stage = (*s == 'x' || *s == 'X') ? 6 : 5;
			if (!s[1])
				return 0;
			s += n;
			if (*s != '-' || !s[1])
				return 0;
			n = 0;
		} else if (stage == 5) {
			if (n < 2 || n > 8)
				return 0;
		} else if (stage <= 1 && alpha && n == 3 && extlangs < 3) {
			stage = 1;
			extlangs++;
		} else if (stage <= 1 && alpha && n == 4) {
			stage = 2;
		} else if (stage <= 2 && ((alpha && n == 2) || (digit && n == 3))) {
			stage = 3;
		} else if ((n >= 5 && n <= 8) || (n == 4 && isdigit((unsigned char)*s))) {
			stage = 4;
		} else {
			return 0;
		}
	}
	return 1;
}
