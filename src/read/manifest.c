/* manifest.c — reads guide.yaml with libyaml's document API and checks it
 * against the key table of DESIGN.md §2: unknown keys, missing keys, types,
 * dates and language tags, each reported at its line and column. */
#include "read/manifest.h"
#include "core/vec.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

enum key {
	K_TITLE, K_SUBTITLE, K_LANGUAGE, K_IDENTIFIER, K_AUTHORS, K_PUBLISHER,
	K_DATE, K_DESCRIPTION, K_SUBJECTS, K_REVIEW, K_COVER, K_STYLE,
	K_CHAPTERS, K_FAQ, K_DISCLAIMER, K_CONTACT, K_READABILITY,
	K_BRAILLE, K_BRAILLE_TABLE, K_AUDIO,
	K_COUNT
};

static const char *const key_names[K_COUNT] = {
	"title", "subtitle", "language", "identifier", "authors", "publisher",
	"date", "description", "subjects", "review", "cover", "style",
	"chapters", "faq", "disclaimer", "contact", "readability",
	"braille", "braille_table", "audio",
};

static const char *const review_keys[] = { "reviewer", "reviewed", "next_review" };

/* A contact is a few lines (a phone number, an e-mail address, a web
 * address, perhaps the clinic's name): it is printed on the title page and
 * again on the last page, so it must stay short. */
#define CONTACT_MAX_CHARS 500
#define CONTACT_MAX_LINES 6

/* readability: its keys, and the range each value must lie in. */
static const struct target_key {
	const char *name;
	double min, max;
} target_keys[] = {
	{ "max_grade", 1, 20 },
	{ "min_inflesz", 0, 100 },
};

/* guide.yaml as a small tree, built from libyaml's events (not its document
 * loader) so that nesting is bounded as it is read: libyaml's scanner slows
 * down with the square of the depth of "[[[[...". */
enum ykind { Y_SCALAR, Y_SEQUENCE, Y_MAPPING };

struct ynode {
	enum ykind kind;
	const char *value;	/* SCALAR */
	size_t len;
	int plain;		/* written without quotes */
	int line, col;		/* 1-based */
	struct ynode **items;	/* SEQUENCE: items; MAPPING: key, value, key, ... */
	size_t n;
	mg_vec kids;		/* while it is being read */
	const char *anchor;	/* a collection's anchor, named when it closes */
};

#define MAX_DEPTH 16

struct yctx {
	mg_manifest *m;
	mg_arena *tree;		/* the ynodes; freed after parsing */
	mg_arena *a;
	mg_diag *d;
	size_t errors;
};

static void err(struct yctx *c, const struct ynode *n, const char *fmt, const char *arg)
	__attribute__((format(printf, 3, 0)));

static void err(struct yctx *c, const struct ynode *n, const char *fmt, const char *arg)
{
	int line = n ? n->line : c->m->line;
	int col = n ? n->col : c->m->col;
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

static void unknown_key(struct yctx *c, const struct ynode *k, const char *word,
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

/* The index in names[0..n) of the mapping key k, noted in seen[]; -1, the
 * error reported, when k is not a plain word, not one of names or given
 * twice. in is the mapping the key is in ("review"), NULL at the top. */
static int mapping_key(struct yctx *c, const struct ynode *k, const char *const *names,
		       size_t n, const struct ynode **seen, const char *in)
{
	size_t i;
	char *msg;

	if (k->kind != Y_SCALAR) {
		err(c, k, "%s", "a key must be a plain word");
		return -1;
	}
	for (i = 0; i < n && strcmp(k->value, names[i]); i++)
		;
	if (i == n) {
		unknown_key(c, k, k->value, names, n,
			    in ? mg_arena_printf(c->a, " in '%s'", in) : "");
		return -1;
	}
	if (seen[i]) {
		if (in)
			msg = mg_arena_printf(c->a, "'%s' is given twice in '%s'", k->value, in);
		else
			msg = mg_arena_printf(c->a, "'%s' is given twice (first on line %d)",
					      k->value, seen[i]->line);
		err(c, k, "%s", msg);
		return -1;
	}
	seen[i] = k;
	return (int)i;
}

static int is_null(const struct ynode *n)
{
	const char *v = n->value;
	if (!n->plain)
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
static int scalar(struct yctx *c, const struct ynode *n, const char *what, mg_mvalue *out)
{
	if (!n || n->kind != Y_SCALAR) {
		err(c, n, "'%s' must be text, not a list or mapping", what);
		return -1;
	}
	const char *v = n->value;
	size_t len = n->len;
	if (is_null(n) || blank(v, len)) {
		err(c, n, "'%s' has no value", what);
		return -1;
	}
	if (bad_control(v, len)) {
		err(c, n, "'%s' holds a control character", what);
		return -1;
	}
	out->str = mg_arena_strndup(c->a, v, len);
	out->line = n->line;
	out->col = n->col;
	return 0;
}

/* A list of text values; a single text is accepted when one_ok. */
static mg_mvalue *list(struct yctx *c, const struct ynode *n, const char *what,
		       int one_ok, size_t *count)
{
	mg_vec v;
	mg_vec_init(&v, sizeof(mg_mvalue));
	*count = 0;
	if (n->kind == Y_SCALAR && one_ok && !is_null(n)) {
		mg_mvalue *x = mg_vec_push(&v);
		if (scalar(c, n, what, x))
			v.len--;
	} else if (n->kind != Y_SEQUENCE) {
		err(c, n, one_ok ? "'%s' must be text or a list" : "'%s' must be a list",
		    what);
	} else if (n->n == 0) {
		err(c, n, "'%s' is an empty list", what);
	} else {
		for (size_t i = 0; i < n->n; i++) {
			mg_mvalue *x = mg_vec_push(&v);
			if (scalar(c, n->items[i], what, x))
				v.len--;
		}
	}
	*count = v.len;
	return mg_vec_finish(&v, c->a);
}

static void check_date(struct yctx *c, const struct ynode *n, mg_mvalue *v, const char *what)
{
	if (!v->str || mg_date_ok(v->str))
		return;
	char *msg = mg_arena_printf(c->a, "'%s' is not a date: '%s' (write YYYY-MM-DD, e.g. 2026-01-31)",
				    what, v->str);
	err(c, n, "%s", msg);
	v->str = NULL;
}

static void review(struct yctx *c, const struct ynode *n)
{
	mg_mvalue *slots[3] = { &c->m->reviewer, &c->m->reviewed, &c->m->next_review };
	const struct ynode *seen[3] = { NULL, NULL, NULL }, *vals[3] = { NULL, NULL, NULL };
	if (n->kind != Y_MAPPING) {
		err(c, n, "'%s' must be a mapping with reviewer, reviewed and next_review", "review");
		return;
	}
	for (size_t pair = 0; pair + 1 < n->n; pair += 2) {
		int i = mapping_key(c, n->items[pair], review_keys, 3, seen, "review");
		if (i < 0)
			continue;
		vals[i] = n->items[pair + 1];
		scalar(c, vals[i], review_keys[i], slots[i]);
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

/* s with each line trimmed and blank lines left out, joined by '\n' (a
 * YAML block keeps its line ends, and its last one); counts its characters
 * (not bytes) and lines. */
static char *contact_lines(mg_arena *a, const char *s, size_t *chars, size_t *lines)
{
	char *out = mg_arena_alloc(a, strlen(s) + 1), *o = out;
	*chars = *lines = 0;
	while (*s) {
		size_t len = strcspn(s, "\r\n");
		const char *end = s + len;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end > s) {
			if (o > out)
				*o++ = '\n';
			memcpy(o, s, (size_t)(end - s));
			o += end - s;
			++*lines;
		}
		s += strcspn(s, "\r\n");
		s += strspn(s, "\r\n");
	}
	*o = '\0';
	for (o = out; *o; o++)
		*chars += ((unsigned char)*o & 0xC0) != 0x80;
	return out;
}

/* contact: text of at most CONTACT_MAX_CHARS characters and
 * CONTACT_MAX_LINES lines. */
static void contact(struct yctx *c, const struct ynode *n)
{
	mg_mvalue *v = &c->m->contact;
	size_t chars, lines;
	char *msg = NULL;

	if (n->kind != Y_SCALAR) {
		err(c, n, "%s", "'contact' must be text, not a list or mapping "
		    "(for several lines write 'contact: |' and the lines under it)");
		return;
	}
	if (scalar(c, n, "contact", v))
		return;
	v->str = contact_lines(c->a, v->str, &chars, &lines);
	if (chars > CONTACT_MAX_CHARS)
		msg = mg_arena_printf(c->a, "'contact' is too long: %zu characters (at most %d)",
				      chars, CONTACT_MAX_CHARS);
	else if (lines > CONTACT_MAX_LINES)
		msg = mg_arena_printf(c->a, "'contact' has %zu lines (at most %d: a phone, an e-mail or a web address)",
				      lines, CONTACT_MAX_LINES);
	if (msg) {
		err(c, n, "%s", msg);
		v->str = NULL;
	}
}

/* A number of readability: between t's bounds, written plainly. */
static void target_number(struct yctx *c, const struct ynode *n,
			  const struct target_key *t, double *out, int *has)
{
	char *end = NULL, *msg;
	double x = 0;

	if (n->kind == Y_SCALAR && n->plain && n->len && !isspace((unsigned char)n->value[0])) {
		x = strtod(n->value, &end);
		if (*end == '\0' && isfinite(x) && x >= t->min && x <= t->max) {
			*out = x;
			*has = 1;
			return;
		}
	}
	if (n->kind == Y_SCALAR)
		msg = mg_arena_printf(c->a, "'%s' must be a number from %g to %g, not '%s'",
				      t->name, t->min, t->max, n->value);
	else
		msg = mg_arena_printf(c->a, "'%s' must be a number from %g to %g, not a list or mapping",
				      t->name, t->min, t->max);
	err(c, n, "%s", msg);
}

/* readability: max_grade (English) and min_inflesz (Spanish). */
static void readability(struct yctx *c, const struct ynode *n)
{
	const char *names[2] = { target_keys[0].name, target_keys[1].name };
	double *slots[2] = { &c->m->max_grade, &c->m->min_inflesz };
	int *has[2] = { &c->m->has_max_grade, &c->m->has_min_inflesz };
	const struct ynode *seen[2] = { NULL, NULL };

	if (n->kind != Y_MAPPING) {
		err(c, n, "'%s' must be a mapping with max_grade or min_inflesz", "readability");
		return;
	}
	for (size_t pair = 0; pair + 1 < n->n; pair += 2) {
		int i = mapping_key(c, n->items[pair], names, 2, seen, "readability");
		if (i >= 0)
			target_number(c, n->items[pair + 1], &target_keys[i], slots[i], has[i]);
	}
}

/* braille: or audio: true or false, written plainly (YAML 1.2's core booleans). */
static void boolean(struct yctx *c, const struct ynode *n, const char *what,
		    int *out, int *given)
{
	static const char *const yes[] = { "true", "True", "TRUE" };
	static const char *const no[] = { "false", "False", "FALSE" };

	*given = 1;
	for (size_t i = 0; n && n->kind == Y_SCALAR && n->plain && i < 3; i++) {
		if (!strcmp(n->value, yes[i]) || !strcmp(n->value, no[i])) {
			*out = !strcmp(n->value, yes[i]);
			return;
		}
	}
	err(c, n, "'%s' must be true or false", what);
}

static void value(struct yctx *c, enum key k, const struct ynode *n)
{
	mg_manifest *m = c->m;
	mg_mvalue *simple[K_COUNT] = {
		[K_TITLE] = &m->title, [K_SUBTITLE] = &m->subtitle,
		[K_LANGUAGE] = &m->language, [K_IDENTIFIER] = &m->identifier,
		[K_PUBLISHER] = &m->publisher, [K_DATE] = &m->date,
		[K_DESCRIPTION] = &m->description, [K_COVER] = &m->cover,
		[K_STYLE] = &m->style, [K_FAQ] = &m->faq,
		[K_DISCLAIMER] = &m->disclaimer,
		[K_BRAILLE_TABLE] = &m->braille_table,
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
	case K_CONTACT:
		contact(c, n);
		return;
	case K_READABILITY:
		readability(c, n);
		return;
	case K_BRAILLE:
		boolean(c, n, "braille", &m->braille, &m->has_braille);
		return;
	case K_AUDIO:
		boolean(c, n, "audio", &m->audio, &m->has_audio);
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

static void root(struct yctx *c, const struct ynode *n)
{
	const struct ynode *seen[K_COUNT] = { 0 };
	static const enum key required[] = { K_TITLE, K_LANGUAGE, K_CHAPTERS, K_DISCLAIMER };

	c->m->line = n->line;
	c->m->col = n->col;
	if (n->kind != Y_MAPPING) {
		err(c, n, "%s", "guide.yaml must be a mapping of keys (title: ..., language: ...)");
		return;
	}
	for (size_t pair = 0; pair + 1 < n->n; pair += 2) {
		int i = mapping_key(c, n->items[pair], key_names, K_COUNT, seen, NULL);
		if (i >= 0)
			value(c, (enum key)i, n->items[pair + 1]);
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

static struct ynode *new_node(struct yctx *c, enum ykind kind, const yaml_event_t *ev)
{
	struct ynode *n = mg_arena_alloc(c->tree, sizeof(*n));
	n->kind = kind;
	n->line = (int)ev->start_mark.line + 1;
	n->col = (int)ev->start_mark.column + 1;
	mg_vec_init(&n->kids, sizeof(struct ynode *));
	return n;
}

struct anchor {
	const char *name;
	struct ynode *node;
};

static void name_anchor(struct yctx *c, mg_vec *anchors, const yaml_char_t *name,
			struct ynode *n)
{
	struct anchor *an;
	if (!name)
		return;
	an = mg_vec_push(anchors);
	an->name = mg_arena_strdup(c->tree, (const char *)name);
	an->node = n;
}

static struct ynode *find_anchor(const mg_vec *anchors, const yaml_char_t *name)
{
	const struct anchor *an = anchors->items;
	for (size_t i = anchors->len; i-- > 0;)
		if (!strcmp(an[i].name, (const char *)name))
			return an[i].node;
	return NULL;
}

static const yaml_char_t *anchor_of(const yaml_event_t *ev)
{
	if (ev->type == YAML_SEQUENCE_START_EVENT)
		return ev->data.sequence_start.anchor;
	return ev->data.mapping_start.anchor;
}

/* Reads the next document of the stream as a tree: 0 and *root (NULL at the
 * end of the stream), or -1 after reporting a problem. */
static int load(struct yctx *c, yaml_parser_t *p, struct ynode **root)
{
	struct ynode *stack[MAX_DEPTH], *n;
	size_t depth = 0;
	mg_vec anchors;
	yaml_event_t ev;
	int rc = -1, done = 0, line, col;

	*root = NULL;
	mg_vec_init(&anchors, sizeof(struct anchor));
	while (!done) {
		if (!yaml_parser_parse(p, &ev)) {
			syntax_error(c, p);
			goto out;
		}
		n = NULL;
		line = (int)ev.start_mark.line + 1;
		col = (int)ev.start_mark.column + 1;
		switch (ev.type) {
		case YAML_NO_EVENT:
		case YAML_STREAM_END_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			done = 1;
			break;
		case YAML_ALIAS_EVENT:
			n = find_anchor(&anchors, ev.data.alias.anchor);
			if (!n) {
				mg_error(c->d, c->m->file, line, col, "unknown alias '*%s'",
					 (const char *)ev.data.alias.anchor);
				c->errors++;
				yaml_event_delete(&ev);
				goto out;
			}
			break;
		case YAML_SCALAR_EVENT:
			n = new_node(c, Y_SCALAR, &ev);
			n->len = ev.data.scalar.length;
			n->value = mg_arena_strndup(c->tree, (const char *)ev.data.scalar.value, n->len);
			n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			name_anchor(c, &anchors, ev.data.scalar.anchor, n);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth == MAX_DEPTH) {
				mg_error(c->d, c->m->file, line, col,
					 "guide.yaml nests deeper than %d levels", MAX_DEPTH);
				c->errors++;
				yaml_event_delete(&ev);
				goto out;
			}
			n = new_node(c, ev.type == YAML_SEQUENCE_START_EVENT ? Y_SEQUENCE : Y_MAPPING, &ev);
			if (anchor_of(&ev))
				n->anchor = mg_arena_strdup(c->tree, (const char *)anchor_of(&ev));
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			/* an anchor on a collection is named when it closes, so
			 * that no alias inside it can make a loop */
			n = stack[--depth];
			n->n = n->kids.len;
			n->items = mg_vec_finish(&n->kids, c->tree);
			name_anchor(c, &anchors, (const yaml_char_t *)n->anchor, n);
			n = NULL;
			break;
		default:
			break;
		}
		if (n && depth)
			*(struct ynode **)mg_vec_push(&stack[depth - 1]->kids) = n;
		else if (n)
			*root = n;
		if (ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT)
			stack[depth++] = n;
		yaml_event_delete(&ev);
	}
	rc = 0;
out:
	while (depth > 0)
		mg_vec_release(&stack[--depth]->kids);
	mg_vec_release(&anchors);
	return rc;
}

size_t mg_manifest_parse(mg_manifest *m, const char *file, const char *text,
			 size_t len, mg_arena *a, mg_diag *d)
{
	yaml_parser_t parser;
	struct yctx c = { .m = m, .a = a, .d = d };
	struct ynode *top, *extra;

	memset(m, 0, sizeof(*m));
	m->file = file;
	m->line = m->col = 1;
	if (!yaml_parser_initialize(&parser)) {
		mg_error(d, file, 0, 0, "out of memory reading YAML");
		return 1;
	}
	c.tree = mg_arena_new();
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (load(&c, &parser, &top))
		goto out;
	if (!top)
		err(&c, NULL, "%s", "guide.yaml is empty: it needs at least title, language, chapters and disclaimer");
	else
		root(&c, top);
	if (load(&c, &parser, &extra))
		goto out;
	if (extra)
		err(&c, extra, "%s", "guide.yaml must hold one YAML document, not several");
out:
	yaml_parser_delete(&parser);
	mg_arena_free(c.tree);
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
