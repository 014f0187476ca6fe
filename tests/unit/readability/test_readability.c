/* test_readability.c — the counts of a part's body text (and only of body
 * text), where sentences start, the formulas on texts computed by hand,
 * the targets, and the warnings, table and JSON made of them. */
#include "core/diag.h"
#include "model/guide.h"
#include "readability/figures.h"
#include "readability/readability.h"
#include "readability/report.h"

#include "mgtest.h"

#include <math.h>
#include <string.h>

#define CHECK_NEAR(got, want) CHECK(fabs((got) - (want)) < 0.051)

/* ---- the formulas, by hand ---- */

/* "The cat sat on the mat. A happy family visited the hospital today."
 * S = 2; W = 6 + 7 = 13; Sy = 6 (The cat sat on the mat) + 1 + 2 + 3 + 3 +
 * 1 + 3 + 2 (A hap-py fam-i-ly vis-it-ed the hos-pi-tal to-day) = 21;
 * P = 3 (family, visited, hospital).
 * Flesch = 206.835 - 1.015 * 13/2 - 84.6 * 21/13
 *        = 206.835 - 6.5975 - 136.6615 = 63.576          -> 63.6
 * F-K    = 0.39 * 6.5 + 11.8 * 1.615385 - 15.59
 *        = 2.535 + 19.061538 - 15.59 = 6.006538          -> 6.0
 * SMOG   = 1.0430 * sqrt(3 * 30 / 2) + 3.1291
 *        = 1.0430 * 6.708204 + 3.1291 = 10.125757        -> 10.1 */
static void english_by_hand(void)
{
	mg_read_counts c = mg_readability_text(
		"The cat sat on the mat. A happy family visited the hospital today.",
		MG_LANG_EN);
	mg_read_figures f = mg_read_figures_of(&c, MG_LANG_EN);

	CHECK_INT(c.sentences, 2);
	CHECK_INT(c.words, 13);
	CHECK_INT(c.syllables, 21);
	CHECK_INT(c.polysyllables, 3);
	CHECK(f.valid);
	CHECK_NEAR(f.flesch, 63.6);
	CHECK_NEAR(f.fk_grade, 6.0);
	CHECK_NEAR(f.smog, 10.1);
	CHECK(f.smog_indicative);
}

/* "El niño come pan. La médica explica el tratamiento con calma."
 * S = 2; W = 4 + 7 = 11; Sy = 1 + 2 + 2 + 1 (El ni-ño co-me pan) + 1 + 3 +
 * 3 + 1 + 4 + 1 + 2 (La mé-di-ca ex-pli-ca el tra-ta-mien-to con cal-ma) = 21.
 * Szigriszt = 206.835 - 62.3 * 21/11 - 11/2
 *           = 206.835 - 118.936364 - 5.5 = 82.398636     -> 82.4, muy fácil
 * F-Huerta  = 206.84 - 0.60 * (100 * 21/11) - 1.02 * 11/2
 *           = 206.84 - 114.545455 - 5.61 = 86.684545     -> 86.7 */
static void spanish_by_hand(void)
{
	mg_read_counts c = mg_readability_text(
		"El ni\xc3\xb1o come pan. La m\xc3\xa9""dica explica el tratamiento con calma.",
		MG_LANG_ES);
	mg_read_figures f = mg_read_figures_of(&c, MG_LANG_ES);

	CHECK_INT(c.sentences, 2);
	CHECK_INT(c.words, 11);
	CHECK_INT(c.syllables, 21);
	CHECK(f.valid);
	CHECK_NEAR(f.szigriszt, 82.4);
	CHECK_STR(f.inflesz, "muy f\xc3\xa1""cil");
	CHECK_NEAR(f.fernandez_huerta, 86.7);
}

/* 30 sentences make a SMOG that is more than indicative; other languages
 * get counts and no figures; no words, no figures. */
static void limits(void)
{
	mg_read_counts c = { 300, 30, 420, 12 }, none = { 0, 0, 0, 0 };
	mg_read_figures f = mg_read_figures_of(&c, MG_LANG_EN);

	CHECK(f.valid && !f.smog_indicative);
	/* 1.0430 * sqrt(12 * 30 / 30) + 3.1291 = 1.0430 * 3.464102 + 3.1291 = 6.74 */
	CHECK_NEAR(f.smog, 6.7);
	CHECK(!mg_read_figures_of(&c, MG_LANG_OTHER).valid);
	CHECK(!mg_read_figures_of(&none, MG_LANG_EN).valid);
	c = mg_readability_text("Uma frase curta. Outra frase.", MG_LANG_OTHER);
	CHECK_INT(c.words, 5);
	CHECK_INT(c.sentences, 2);
	CHECK_INT(c.syllables, 0);
}

static void inflesz_bands(void)
{
	CHECK_STR(mg_inflesz_band(39.9), "muy dif\xc3\xad""cil");
	CHECK_STR(mg_inflesz_band(40), "algo dif\xc3\xad""cil");
	CHECK_STR(mg_inflesz_band(54.9), "algo dif\xc3\xad""cil");
	CHECK_STR(mg_inflesz_band(55), "normal");
	CHECK_STR(mg_inflesz_band(65), "bastante f\xc3\xa1""cil");
	CHECK_STR(mg_inflesz_band(80), "bastante f\xc3\xa1""cil");
	CHECK_STR(mg_inflesz_band(80.1), "muy f\xc3\xa1""cil");
}

static void judging(void)
{
	mg_read_figures f = { .valid = 1, .fk_grade = 8.0, .smog = 8.1, .szigriszt = 54.9 };
	mg_read_miss m = mg_read_judge(&f, MG_LANG_EN, 8, 55);

	CHECK(!m.fk && m.smog && !m.szigriszt);
	m = mg_read_judge(&f, MG_LANG_ES, 8, 55);
	CHECK(!m.fk && !m.smog && m.szigriszt);
	m = mg_read_judge(&f, MG_LANG_ES, 8, 54.9);
	CHECK(!m.szigriszt);
	m = mg_read_judge(&f, MG_LANG_OTHER, 1, 100);
	CHECK(!m.fk && !m.smog && !m.szigriszt);
}

/* ---- the walk ---- */

static mg_node *text(mg_guide *g, mg_node *parent, const char *s, int line, int col)
{
	mg_node *t = mg_node_new_text(g, s, strlen(s));

	t->line = line;
	t->col = col;
	mg_node_append(parent, t);
	return t;
}

static mg_node *block(mg_guide *g, mg_node *parent, mg_node_type type, int line)
{
	mg_node *n = mg_node_new(g, type, line, 1);

	mg_node_append(parent, n);
	return n;
}

/* A chapter whose heading, table, code block, code span and images hold
 * words that must not be counted, beside body text that must. */
static mg_guide *chapter(void)
{
	mg_guide *g = mg_guide_new();
	mg_part *p = mg_arena_alloc(g->arena, sizeof *p);
	mg_node *body = mg_node_new(g, MG_NODE_DOCUMENT, 1, 1), *n, *row, *cell;

	g->parts = p;
	g->nparts = 1;
	g->language = "en";
	g->slug = "walk";
	g->dir = "book/walk";
	p->path = "book/walk/one.md";
	p->body = body;
	n = block(g, body, MG_NODE_HEADING, 1);
	text(g, n, "Heading words are not counted", 1, 3);
	n = block(g, body, MG_NODE_PARAGRAPH, 3);
	text(g, n, "First one here. Second one.", 3, 1);		/* 5 words, 2 sentences */
	n = block(g, body, MG_NODE_TABLE, 5);
	row = block(g, n, MG_NODE_TABLE_ROW, 5);
	cell = block(g, row, MG_NODE_TABLE_CELL, 5);
	text(g, cell, "Cell words here.", 5, 3);
	n = block(g, body, MG_NODE_CODE_BLOCK, 8);
	n->text = "code words in a block.\n";
	n->len = strlen(n->text);
	n = block(g, body, MG_NODE_FIGURE, 11);
	n->alt = "Alt text of a figure.";
	n = block(g, body, MG_NODE_PARAGRAPH, 13);
	text(g, n, "Take ", 13, 1);					/* 2 words, 1 sentence */
	block(g, n, MG_NODE_CODE, 13)->text = "two pills";
	text(g, n, " daily", 13, 17);
	block(g, n, MG_NODE_IMAGE, 13)->alt = "a picture of pills";
	n = block(g, body, MG_NODE_LIST, 15);
	n = block(g, n, MG_NODE_ITEM, 15);
	n = block(g, n, MG_NODE_PARAGRAPH, 15);
	text(g, n, "A list item", 15, 3);				/* 3 words, 1 sentence */
	mg_node_append(n, mg_node_new(g, MG_NODE_SOFTBREAK, 15, 14));
	text(g, n, "goes on. And ends", 16, 3);			/* 4 words, 2 sentences in all */
	n = block(g, body, MG_NODE_BLOCKQUOTE, 18);
	n = block(g, n, MG_NODE_PARAGRAPH, 18);
	n = block(g, n, MG_NODE_EMPH, 18);
	text(g, n, "Quoted and emphasised.", 18, 4);			/* 3 words, 1 sentence */
	return g;
}

static void only_body_text(void)
{
	mg_guide *g = chapter();
	mg_read_guide *r = mg_readability_guide(g);
	const mg_read_part *p = &r->parts[0];

	CHECK_INT(r->nparts, 1);
	CHECK_STR(p->file, "one.md");
	CHECK_STR(p->path, "book/walk/one.md");
	CHECK_INT(p->counts.words, 5 + 2 + 4 + 3 + 3);
	CHECK_INT(p->counts.sentences, 2 + 1 + 2 + 1);
	CHECK_INT(r->total.words, p->counts.words);
	CHECK_INT(p->nsentences, 6);
	mg_readability_free(r);
	mg_guide_free(g);
}

/* Each sentence starts where its text node does, plus the characters
 * before it in the node. */
static void where_sentences_start(void)
{
	mg_guide *g = chapter();
	mg_read_guide *r = mg_readability_guide(g);
	const mg_read_sentence *s = r->parts[0].sentences;

	CHECK(s[0].line == 3 && s[0].col == 1);
	CHECK(s[1].line == 3 && s[1].col == 17);	/* "Second one." */
	CHECK(s[2].line == 13 && s[2].col == 1);
	CHECK(s[3].line == 15 && s[3].col == 3);	/* "A list item goes on." */
	CHECK(s[4].line == 16 && s[4].col == 12);	/* "And ends" */
	CHECK(s[5].line == 18 && s[5].col == 4);
	CHECK_INT(s[3].words, 5);
	CHECK_STR(s[3].excerpt, "A list item goes on.");
	mg_readability_free(r);
	mg_guide_free(g);
}

/* ---- warnings, table, JSON ---- */

static mg_guide *long_chapter(const char *language)
{
	mg_guide *g = chapter();
	mg_node *n = mg_node_new(g, MG_NODE_PARAGRAPH, 20, 1);

	g->language = language;
	mg_node_append(g->parts[0].body, n);
	text(g, n, "Comprehensive pharmacological interventions necessitate considerable "
		   "understanding of individualised psychological considerations, "
		   "particularly regarding \"quotes\" and back\\slashes.", 20, 1);
	return g;
}

static void warning_and_notes(void)
{
	mg_guide *g = long_chapter("en");
	mg_read_guide *r = mg_readability_guide(g);
	mg_diag d;

	mg_diag_init(&d);
	mg_report_warnings(r, &d);
	CHECK_INT(d.warnings, 1);
	CHECK_INT(d.len, 4);	/* the warning and the 3 longest sentences */
	CHECK(d.len > 0 && d.items[0].severity == MG_WARNING);
	CHECK(d.len > 0 && d.items[0].line == 0);
	CHECK(d.len > 0 && strstr(d.items[0].text, "(Flesch-Kincaid) and ") &&
	      strstr(d.items[0].text, "(SMOG, indicative on 7 sentences); the guide's target is grade 8 or below"));
	CHECK(d.len > 1 && d.items[1].severity == MG_NOTE && d.items[1].line == 20 &&
	      d.items[1].col == 1);
	CHECK_STR(d.len > 1 ? d.items[1].text : "",
		  "15 words: \"Comprehensive pharmacological interventions necessitate considerable "
		  "understanding of individualised psychological considerations ...\"");
	CHECK(d.len > 3 && d.items[2].line == 15 && d.items[3].line == 3);
	mg_diag_release(&d);
	/* a high enough target: nothing to say */
	r->max_grade = 20;
	mg_report_warnings(r, &d);
	CHECK_INT(d.len, 0);
	mg_diag_release(&d);
	mg_readability_free(r);
	mg_guide_free(g);
}

static void json_escapes(void)
{
	mg_guide *g = long_chapter("es-MX");
	mg_read_guide *r;
	char *json;

	g->slug = "a\"b\\c\n";
	r = mg_readability_guide(g);
	json = mg_report_json(r);
	CHECK(json && !strncmp(json, "{\"slug\":\"a\\\"b\\\\c\\u000a\",\"language\":\"es-MX\"",
			       strlen("{\"slug\":\"a\\\"b\\\\c\\u000a\",\"language\":\"es-MX\"")));
	CHECK(json && strstr(json, "\"szigriszt_pazos\":") && strstr(json, "\"inflesz_band\":\"") &&
	      strstr(json, "\"fernandez_huerta\":") && !strstr(json, "smog"));
	free(json);
	mg_readability_free(r);
	g->language = "pt-BR";
	r = mg_readability_guide(g);
	json = mg_report_json(r);
	CHECK(json && strstr(json, "{\"file\":\"one.md\",\"words\":") && !strstr(json, "syllables"));
	free(json);
	json = mg_report_text(r);
	CHECK(json && strstr(json, "counts only, no readability formula"));
	free(json);
	mg_readability_free(r);
	mg_guide_free(g);
}

int main(void)
{
	RUN(english_by_hand);
	RUN(spanish_by_hand);
	RUN(limits);
	RUN(inflesz_bands);
	RUN(judging);
	RUN(only_body_text);
	RUN(where_sentences_start);
	RUN(warning_and_notes);
	RUN(json_escapes);
	return MGT_DONE();
}
