/* translate.c — liblouis calls, under the one lock liblouis needs; the
 * guide's tables; and mkguide's own spellings of the characters a table
 * cannot translate (liblouis would write an escape such as '\x00b0'). */
#include "braille/translate.h"
#include "readability/text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A character tried against the guide's table. */
struct mg_probe {
	widechar c;
	int ok;			/* the table translates it into cells */
	int warned;
};

/* The tables mkguide knows by language (the display table comes first). */
static const struct {
	const char *lang, *table;
} lang_tables[] = {
	{ "en", "en-ueb-g2.ctb" },	/* Unified English Braille, contracted */
	{ "es", "es-g1.ctb" },		/* Spanish, uncontracted */
};

#define DISPLAY "en-us-brf.dis"	/* North American Braille Computer Code */

/* Words for characters some tables lack: English, Spanish. A symbol is
 * spelled as a word (set apart by spaces); punctuation by its ASCII look. */
static const struct spelling {
	widechar c;
	int word;
	const char *en, *es;
} spellings[] = {
	{ 0x00B0, 1, "degrees", "grados" },
	{ 0x2248, 1, "approximately", "aproximadamente" },
	{ 0x00B5, 1, "micro", "micro" },
	{ 0x03BC, 1, "micro", "micro" },
	{ 0x2265, 1, "greater than or equal to", "mayor o igual que" },
	{ 0x2264, 1, "less than or equal to", "menor o igual que" },
	{ 0x00B1, 1, "plus or minus", "más o menos" },
	{ 0x00D7, 1, "times", "por" },
	{ 0x00F7, 1, "divided by", "dividido por" },
	{ 0x2192, 1, "to", "a" },
	{ 0x2122, 1, "trademark", "marca registrada" },
	{ 0x00AE, 1, "registered", "registrada" },
	{ 0x00A9, 1, "copyright", "copyright" },
	{ 0x2030, 1, "per mille", "por mil" },
	{ '_', 1, "underscore", "guion bajo" },
	{ 0x00A0, 0, " ", " " },
	{ 0x2018, 0, "'", "'" },
	{ 0x2019, 0, "'", "'" },
	{ 0x201C, 0, "\"", "\"" },
	{ 0x201D, 0, "\"", "\"" },
	{ 0x2013, 0, "-", "-" },
	{ 0x2014, 0, "-", "-" },
	{ 0x2026, 0, "...", "..." },
	{ 0x2022, 0, "-", "-" },
};

static void quiet_log(logLevels level, const char *message)
{
	(void)level;
	(void)message;
}

mg_braillelib *mg_braillelib_new(void)
{
	mg_braillelib *lib = mg_xcalloc(1, sizeof *lib);

	pthread_mutex_init(&lib->lock, NULL);
	/* liblouis's messages would go to stderr; mkguide reports its own. */
	lou_registerLogCallback(quiet_log);
	return lib;
}

void mg_braillelib_free(mg_braillelib *lib)
{
	if (!lib)
		return;
	pthread_mutex_destroy(&lib->lock);
	free(lib);
}

/* A table list of plain file names: nothing that reaches outside
 * liblouis's own table folder. */
static int table_name_ok(const char *s)
{
	if (!*s || strlen(s) > 400)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("-_.,", *s))
			return 0;
	return 1;
}

/* Lists what liblouis has for lang into buf, for the error message. */
static void tables_for(const char *lang, char *buf, size_t size)
{
	char query[64], **found;
	size_t used = 0;

	buf[0] = '\0';
	snprintf(query, sizeof query, "language:%s", lang);
	found = lou_findTables(query);
	for (size_t i = 0; found && found[i] && i < 8 && used + 2 < size; i++) {
		const char *base = strrchr(found[i], '/');
		int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
				 base ? base + 1 : found[i]);
		used += n > 0 ? (size_t)n : 0;
		if (used >= size)
			buf[size - 1] = '\0';
	}
	for (size_t i = 0; found && found[i]; i++)
		free(found[i]);
	free(found);
}

static void no_table(mg_translator *t, const mg_guide *g, const char *yaml,
		     const char *lang)
{
	char theirs[400];

	tables_for(lang, theirs, sizeof theirs);
	mg_error(t->d, yaml, 0, 0,
		 "no braille table for language '%s': mkguide has en (%s) and es (%s)%s%s%s; "
		 "name one with 'braille_table:'",
		 g->language, lang_tables[0].table, lang_tables[1].table,
		 *theirs ? ", liblouis has " : "", theirs,
		 *theirs ? " for it" : "");
}

/* The tables for g: braille_table, else its language's. 0 or -1. Locked. */
static int choose(mg_translator *t, const mg_guide *g, const char *yaml)
{
	char lang[16];
	size_t n = strcspn(g->language, "-_");

	snprintf(lang, sizeof lang, "%.*s", (int)(n < 15 ? n : 15), g->language);
	for (char *p = lang; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	t->lang = !strcmp(lang, "es") ? "es" : "en";
	if (g->braille_table) {
		snprintf(t->tables, sizeof t->tables, "%s,%s", DISPLAY, g->braille_table);
		if (table_name_ok(g->braille_table) && lou_getTable(t->tables))
			return 0;
		mg_error(t->d, yaml, g->braille_table_line, g->braille_table_col,
			 "braille_table: liblouis has no table '%s'", g->braille_table);
		return -1;
	}
	for (size_t i = 0; i < sizeof lang_tables / sizeof lang_tables[0]; i++) {
		if (strcmp(lang, lang_tables[i].lang))
			continue;
		snprintf(t->tables, sizeof t->tables, "%s,%s", DISPLAY, lang_tables[i].table);
		if (lou_getTable(t->tables))
			return 0;
		mg_error(t->d, yaml, 0, 0, "cannot load the braille table '%s' "
			 "(is liblouis-data installed?)", t->tables);
		return -1;
	}
	no_table(t, g, yaml, lang);
	return -1;
}

int mg_translator_open(mg_translator *t, mg_braillelib *lib, const mg_guide *g,
		       mg_diag *d)
{
	char yaml[4200];
	int rc, it, bo;

	memset(t, 0, sizeof *t);
	t->lib = lib;
	t->d = d;
	mg_vec_init(&t->probed, sizeof(struct mg_probe));
	snprintf(yaml, sizeof yaml, "%s/guide.yaml", g->dir);
	pthread_mutex_lock(&lib->lock);
	rc = choose(t, g, yaml);
	if (rc == 0) {
		it = lou_getTypeformForEmphClass(t->tables, "italic");
		bo = lou_getTypeformForEmphClass(t->tables, "bold");
		t->italic = (formtype)(it > 0 ? it : 0);
		t->bold = (formtype)(bo > 0 ? bo : 0);
	}
	pthread_mutex_unlock(&lib->lock);
	return rc;
}

void mg_translator_close(mg_translator *t)
{
	mg_vec_release(&t->probed);
}

void mg_brl_run_init(mg_brl_run *r)
{
	mg_vec_init(&r->chars, sizeof(widechar));
	mg_vec_init(&r->forms, sizeof(formtype));
}

void mg_brl_run_release(mg_brl_run *r)
{
	mg_vec_release(&r->chars);
	mg_vec_release(&r->forms);
}

/* liblouis: in[0..n) with typeforms tf into out (a vec of char). Cells
 * outside BRF's 0x20-0x5F are counted in *bad and left out. liblouis
 * rewrites the typeforms for its output, as long as the output buffer: it
 * gets a copy that long. Locked. */
static int translate(mg_translator *t, const widechar *in, const formtype *tf,
		     int n, mg_vec *out, int *bad)
{
	int cap = n * 4 + 64, inlen, outlen, rc = -1;
	widechar *buf = NULL;
	formtype *forms = NULL;

	for (int tries = 0; tries < 4; tries++, cap *= 4) {
		free(buf);
		free(forms);
		buf = mg_xmalloc((size_t)cap * sizeof *buf);
		forms = mg_xcalloc((size_t)cap, sizeof *forms);
		memcpy(forms, tf, (size_t)n * sizeof *forms);
		inlen = n;
		outlen = cap;
		if (!lou_translate(t->tables, in, &inlen, buf, &outlen, forms, NULL,
				   NULL, NULL, NULL, 0))
			goto out;
		if (inlen == n && outlen < cap)
			break;
	}
	for (int i = 0; i < outlen; i++) {
		if (buf[i] < 0x20 || buf[i] > 0x5F) {
			(*bad)++;
			continue;
		}
		*(char *)mg_vec_push(out) = (char)buf[i];
	}
	rc = 0;
out:
	free(buf);
	free(forms);
	return rc;
}

/* Whether the table translates c into cells (and not an escape). */
static struct mg_probe *probe(mg_translator *t, widechar c)
{
	struct mg_probe *p = t->probed.items;
	mg_vec cells;
	formtype tf = 0;
	int bad = 0, rc;

	for (size_t i = 0; i < t->probed.len; i++)
		if (p[i].c == c)
			return &p[i];
	mg_vec_init(&cells, 1);
	pthread_mutex_lock(&t->lib->lock);
	rc = translate(t, &c, &tf, 1, &cells, &bad);
	pthread_mutex_unlock(&t->lib->lock);
	p = mg_vec_push(&t->probed);
	p->c = c;
	p->ok = rc == 0 && bad == 0 && cells.len > 0;
	mg_vec_release(&cells);
	return p;
}

static const struct spelling *spelling_of(widechar c)
{
	for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++)
		if (spellings[i].c == c)
			return &spellings[i];
	return NULL;
}

static void push(mg_brl_run *r, widechar c, formtype tf)
{
	*(widechar *)mg_vec_push(&r->chars) = c;
	*(formtype *)mg_vec_push(&r->forms) = tf;
}

static void push_ascii(mg_brl_run *r, const char *s, formtype tf)
{
	size_t len = strlen(s), i = 0;

	while (i < len)
		push(r, mg_text_next(s, len, &i), tf);
}

static int last_is_space(const mg_brl_run *r)
{
	const widechar *c = r->chars.items;
	return r->chars.len == 0 || c[r->chars.len - 1] == ' ';
}

/* c, which the table lacks: its spelling, or its code point. */
static void substitute(mg_translator *t, mg_brl_run *r, struct mg_probe *p,
		       widechar next, formtype tf, const char *file, int line,
		       int col)
{
	const struct spelling *sp = spelling_of(p->c);
	const char *word = sp ? (strcmp(t->lang, "es") ? sp->en : sp->es) : NULL;
	char code[16];

	if (!p->warned) {
		p->warned = 1;
		if (word)
			mg_warning(t->d, file, line, col,
				   "braille: the table has no U+%04X: written as '%s'",
				   (unsigned)p->c, word);
		else
			mg_warning(t->d, file, line, col,
				   "braille: the table has no U+%04X and mkguide no word for it: "
				   "written as its code", (unsigned)p->c);
	}
	if (!word) {
		snprintf(code, sizeof code, "U+%04X", (unsigned)p->c);
		word = code;
	}
	if ((!sp || sp->word) && !last_is_space(r))
		push(r, ' ', tf);
	push_ascii(r, word, tf);
	if ((!sp || sp->word) && next != ' ' && next != 0)
		push(r, ' ', tf);
}

void mg_brl_run_add(mg_translator *t, mg_brl_run *r, const char *s, size_t len,
		    int tf, const char *file, int line, int col)
{
	formtype form = (formtype)(((tf & MG_BRL_ITALIC) ? t->italic : 0) |
				   ((tf & MG_BRL_BOLD) ? t->bold : 0));
	size_t i = 0;

	while (i < len) {
		widechar c = mg_text_next(s, len, &i), next = 0;
		struct mg_probe *p;
		if (i < len) {
			size_t j = i;
			next = mg_text_next(s, len, &j);
		}
		if (c == '\n' || c == '\t' || c == '\r')
			c = ' ';
		if ((c < 0x80 && (isalnum((int)c) || c == ' ' || c < 0x20)) ||
		    (p = probe(t, c))->ok) {
			if (c >= 0x20)
				push(r, c, form);
			continue;
		}
		substitute(t, r, p, next, form, file, line, col);
	}
}

int mg_brl_run_flush(mg_translator *t, mg_brl_run *r, mg_vec *out)
{
	int bad = 0, rc;

	if (r->chars.len == 0)
		return 0;
	pthread_mutex_lock(&t->lib->lock);
	rc = translate(t, r->chars.items, r->forms.items, (int)r->chars.len, out,
		       &bad);
	pthread_mutex_unlock(&t->lib->lock);
	r->chars.len = 0;
	r->forms.len = 0;
	if (rc < 0)
		mg_error(t->d, NULL, 0, 0, "braille: liblouis could not translate with '%s'",
			 t->tables);
	else if (bad)
		mg_warning(t->d, NULL, 0, 0, "braille: %d cells outside BRF were left out",
			   bad);
	return rc;
}
