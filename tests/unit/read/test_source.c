/* test_source.c — the source reader: the bundled guide and the test guides
 * read into the right model, and the rules of DESIGN.md §2 checked on small
 * guides written into a temporary folder. Run from the repository's root. */
#include "core/diag.h"
#include "model/guide.h"
#include "read/images.h"
#include "read/manifest.h"
#include "read/source.h"

#include "mgtest.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmp_root[64];

/* ---- helpers ---- */

/* Writes a guide into a new folder under tmp_root: name, then pairs of file
 * name and content, ending with NULL. Returns the folder (static buffer). */
static const char *guide(const char *name, ...)
{
	static char dir[256];
	char path[512];
	va_list ap;
	snprintf(dir, sizeof(dir), "%s/%s", tmp_root, name);
	mkdir(dir, 0755);
	va_start(ap, name);
	for (;;) {
		const char *file = va_arg(ap, const char *);
		if (!file)
			break;
		const char *text = va_arg(ap, const char *);
		snprintf(path, sizeof(path), "%s/%s", dir, file);
		char *slash = strrchr(path, '/');
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
		FILE *f = fopen(path, "wb");
		fputs(text, f);
		fclose(f);
	}
	va_end(ap);
	return dir;
}

#define YAML_ONE "title: T\nlanguage: en\nchapters: [one.md]\ndisclaimer: d.md\n"
#define DISCLAIMER "d.md", "Not medical advice.\n"

/* 1 if some message of d holds all of want (and, when at is given, starts
 * with "<file>:<at>" where file ends the message's file name). */
static int has_msg(const mg_diag *d, const char *file_end, int line, int col, const char *want)
{
	for (size_t i = 0; i < d->len; i++) {
		const mg_message *m = &d->items[i];
		if (!strstr(m->text, want))
			continue;
		if (file_end && (!m->file || strlen(m->file) < strlen(file_end) ||
				 strcmp(m->file + strlen(m->file) - strlen(file_end), file_end)))
			continue;
		if (line && (m->line != line || m->col != col))
			continue;
		return 1;
	}
	return 0;
}

static void dump(const mg_diag *d)
{
	for (size_t i = 0; i < d->len; i++)
		printf("    # %s:%d:%d: %s\n", d->items[i].file ? d->items[i].file : "-",
		       d->items[i].line, d->items[i].col, d->items[i].text);
}

/* Reads dir expecting failure with a message; checks it. */
static void expect_error(const char *dir, const char *file_end, int line, int col,
			 const char *want)
{
	mg_diag d;
	mg_diag_init(&d);
	mg_guide *g = mg_source_read(dir, &d);
	CHECK(g == NULL);
	CHECK(d.errors > 0);
	if (!has_msg(&d, file_end, line, col, want)) {
		printf("  missing message: %s:%d:%d: %s\n", file_end, line, col, want);
		dump(&d);
		mgt_current_failed = 1;
	}
	mg_guide_free(g);
	mg_diag_release(&d);
}

static mg_guide *read_ok(const char *dir, mg_diag *d)
{
	mg_diag_init(d);
	mg_guide *g = mg_source_read(dir, d);
	if (!g) {
		printf("  %s did not read:\n", dir);
		dump(d);
		mgt_current_failed = 1;
	}
	return g;
}

struct find {
	mg_node_type type;
	int nth;
	const mg_node *found;
	int count;
	int depth, max_depth;
};

static int find_visit(const mg_node *n, int entering, void *ctx)
{
	struct find *f = ctx;
	if (!entering) {
		f->depth--;
		return 0;
	}
	if (++f->depth > f->max_depth)
		f->max_depth = f->depth;
	if (n->type == f->type && f->count++ == f->nth)
		f->found = n;
	return 0;
}

/* The nth node of a type under root (0-based), or NULL. */
static const mg_node *nth(const mg_node *root, mg_node_type type, int n)
{
	struct find f = { .type = type, .nth = n };
	mg_node_walk(root, find_visit, &f);
	return f.found;
}

static int count(const mg_node *root, mg_node_type type)
{
	struct find f = { .type = type, .nth = -1 };
	mg_node_walk(root, find_visit, &f);
	return f.count;
}

static int depth(const mg_node *root)
{
	struct find f = { .type = MG_NODE_DOCUMENT, .nth = -1 };
	mg_node_walk(root, find_visit, &f);
	return f.max_depth;
}

/* ---- the bundled guide and the test guides ---- */

static void test_bundled_guide(void)
{
	mg_diag d;
	unsetenv("SOURCE_DATE_EPOCH");
	mg_guide *g = read_ok("book/naltrexone-self-injury", &d);
	if (!g)
		return;
	CHECK_INT(d.len, 0);
	CHECK_INT(g->nparts, 12);
	CHECK_STR(g->slug, "naltrexone-self-injury");
	CHECK_STR(g->language, "en");
	CHECK_STR(g->title, "Naltrexone: A Promising Treatment for Self-Injury Behaviors");
	/* UUID v5 of "urn:mkguide:<slug>" in the URL namespace (Python's
	 * uuid.uuid5(uuid.NAMESPACE_URL, ...) gives the same) */
	CHECK_STR(g->identifier, "urn:uuid:66677c1a-2070-5344-83c0-d98d86df3cf4");
	CHECK_INT(g->modified, 1795564800);	/* 2026-11-25T00:00:00Z */
	CHECK_INT(g->cover, -1);
	CHECK_STR(g->style, "default");
	CHECK_STR(g->authors[0], "Example Community Clinic, patient education team");
	CHECK_STR(g->reviewed, "2026-11-20");
	CHECK_STR(g->contact, "Example Community Clinic\nPhone: 555-0100\n"
		  "questions@example.org\nhttps://www.example.org/self-injury");
	for (size_t i = 0; i < 10; i++) {
		char name[8];
		snprintf(name, sizeof(name), "ch%02zu", i + 1);
		CHECK_INT(g->parts[i].kind, MG_PART_CHAPTER);
		CHECK_STR(g->parts[i].name, name);
		CHECK_INT(g->parts[i].heading->level, 1);
		CHECK(g->parts[i].heading->id != NULL);
		CHECK(g->parts[i].body->first_child != NULL);
	}
	CHECK_STR(g->parts[0].title, "Understanding Self-Injury Behaviors");
	CHECK_STR(g->parts[0].path, "book/naltrexone-self-injury/01-understanding-self-injury-behaviors.md");
	CHECK_STR(g->parts[2].title, "Naltrexone: A Potential Treatment Option");
	CHECK_INT(count(g->parts[2].body, MG_NODE_HEADING), 1);
	const mg_node *h = nth(g->parts[2].body, MG_NODE_HEADING, 0);
	CHECK(h && h->level == 2);
	if (h)
		CHECK_STR(mg_node_plain_text(g, h), "The Endorphin Connection");
	CHECK_STR(g->parts[9].title, "Conclusion");
	CHECK_INT(g->parts[10].kind, MG_PART_FAQ);
	CHECK_STR(g->parts[10].name, "faq");
	CHECK_STR(g->parts[10].title, "Frequently Asked Questions");
	CHECK_INT(count(g->parts[10].body, MG_NODE_HEADING), 5);
	for (int i = 0; i < 5; i++) {
		const mg_node *q = nth(g->parts[10].body, MG_NODE_HEADING, i);
		CHECK(q && q->level == 2 && q->id);
	}
	CHECK_INT(g->parts[11].kind, MG_PART_DISCLAIMER);
	CHECK_STR(g->parts[11].name, "disclaimer");
	CHECK_STR(g->parts[11].title, "Disclaimer");
	CHECK_INT(mg_guide_disclaimer(g), 11);
	mg_guide_free(g);
	mg_diag_release(&d);
}

static void test_es_completa(void)
{
	mg_diag d;
	unsetenv("SOURCE_DATE_EPOCH");
	mg_guide *g = read_ok("tests/guides/es-completa/", &d);
	if (!g)
		return;
	CHECK_INT(d.len, 0);
	CHECK_STR(g->dir, "tests/guides/es-completa");
	CHECK_STR(g->slug, "es-completa");
	CHECK_STR(g->language, "es");
	CHECK_STR(g->subtitle, "¿Qué hacer? ¡Todo lo que necesita saber!");
	CHECK_STR(g->identifier, "urn:isbn:9780000000002");
	CHECK_INT(g->nauthors, 2);
	CHECK_STR(g->authors[0], "Dra. María Peña Ibáñez");
	CHECK_STR(g->publisher, "Clínica Señorío de Güemes");
	CHECK_STR(g->date, "2026-03-15");
	CHECK_INT(g->modified, 1773532800);	/* 2026-03-15T00:00:00Z */
	CHECK_INT(g->nsubjects, 3);
	CHECK_STR(g->reviewer, "Dra. Lucía Ordóñez");
	CHECK_STR(g->reviewed, "2026-03-01");
	CHECK_STR(g->next_review, "2030-01-01");
	CHECK_STR(g->contact, "Clínica Señorío de Güemes, consulta de dermatología\n"
		  "Teléfono: 555-0123\nconsultas@example.org");
	CHECK_INT(g->nparts, 5);
	CHECK_STR(g->parts[3].title, "Preguntas frecuentes");
	CHECK_STR(g->parts[4].title, "Aviso");
	CHECK_INT(count(g->parts[3].body, MG_NODE_HEADING), 3);

	/* images: figure PNG, inline JPEG, cover PNG; each loaded once */
	CHECK_INT(g->nimages, 3);
	CHECK(g->cover >= 0);
	if (g->cover >= 0) {
		CHECK_STR(g->images[g->cover].path, "img/portada.png");
		CHECK_INT(g->images[g->cover].width, 60);
		CHECK_INT(g->images[g->cover].height, 80);
	}
	const mg_part *ch2 = &g->parts[1];
	const mg_node *fig = nth(ch2->body, MG_NODE_FIGURE, 0);
	CHECK(fig != NULL);
	if (fig) {
		CHECK_STR(fig->alt, "Diagrama de la absorción cutánea");
		CHECK_STR(fig->title, "Absorción");
		CHECK(fig->image >= 0 && (size_t)fig->image < g->nimages);
		CHECK(fig->url == NULL);
		CHECK_STR(g->images[fig->image].media_type, "image/png");
		CHECK_INT(g->images[fig->image].width, 40);
		CHECK_INT(g->images[fig->image].height, 30);
	}
	const mg_node *img = nth(ch2->body, MG_NODE_IMAGE, 0);
	CHECK(img != NULL);
	if (img) {
		CHECK_STR(img->alt, "icono de alerta");
		CHECK_STR(g->images[img->image].media_type, "image/jpeg");
		CHECK_INT(g->images[img->image].width, 24);
		CHECK_INT(g->images[img->image].height, 16);
	}

	/* the table: header row first, 3 columns aligned left, right, center */
	const mg_node *t = nth(ch2->body, MG_NODE_TABLE, 0);
	CHECK(t != NULL);
	if (t) {
		CHECK_INT(t->columns, 3);
		CHECK_INT(count(t, MG_NODE_TABLE_ROW), 4);
		CHECK_INT(t->first_child->header, 1);
		CHECK_INT(t->first_child->next->header, 0);
		const mg_node *c = t->first_child->first_child;
		CHECK_INT(c->align, MG_ALIGN_LEFT);
		CHECK_INT(c->next->align, MG_ALIGN_RIGHT);
		CHECK_INT(c->next->next->align, MG_ALIGN_CENTER);
		CHECK_STR(mg_node_plain_text(g, c->next), "Dosis (mg)");
		CHECK_INT(t->first_child->columns, 0);
	}

	/* footnotes: numbered by first reference; ch01's one is cited twice */
	CHECK_INT(g->parts[0].nfootnotes, 1);
	CHECK_STR(g->parts[0].footnotes[0].label, "piel");
	CHECK_INT(count(g->parts[0].body, MG_NODE_FOOTNOTE_REF), 2);
	CHECK_INT(nth(g->parts[0].body, MG_NODE_FOOTNOTE_REF, 1)->footnote, 0);
	CHECK_INT(ch2->nfootnotes, 3);
	CHECK_STR(ch2->footnotes[0].label, "dosis");
	CHECK_STR(ch2->footnotes[1].label, "efectos");
	CHECK_STR(ch2->footnotes[2].label, "picor");
	CHECK_STR(mg_node_plain_text(g, ch2->footnotes[2].body), "Suele desaparecer en pocos días.");
	CHECK_INT(nth(ch2->body, MG_NODE_FOOTNOTE_REF, 2)->footnote, 2);

	/* links: to another chapter's section, to a part, within the part,
	 * external and mailto */
	const mg_node *l = nth(g->parts[0].body, MG_NODE_LINK, 0);
	CHECK(l && !l->url && l->target_part == 1);
	if (l)
		CHECK_STR(l->target_id, "efectos-secundarios");
	l = nth(g->parts[0].body, MG_NODE_LINK, 1);
	CHECK(l && !l->url && l->target_part == 3 && !l->target_id);
	l = nth(g->parts[0].body, MG_NODE_LINK, 2);
	CHECK(l && l->url && !strcmp(l->url, "https://www.who.int/es"));
	l = nth(g->parts[0].body, MG_NODE_LINK, 3);
	CHECK(l && l->title && !strcmp(l->title, "MedlinePlus en español"));
	l = nth(g->parts[0].body, MG_NODE_LINK, 4);
	CHECK(l && l->url && !strcmp(l->url, "mailto:consultas@example.org"));
	l = nth(ch2->body, MG_NODE_LINK, 1);
	CHECK(l && l->target_part == 0);
	if (l)
		CHECK_STR(l->target_id, "por-que-importa");
	l = nth(ch2->body, MG_NODE_LINK, 2);
	CHECK(l && l->target_part == 1);
	if (l)
		CHECK_STR(l->target_id, "tabla-de-dosis");

	/* headings: levels 2 to 4, ids folded to ASCII */
	const mg_node *h = nth(g->parts[0].body, MG_NODE_HEADING, 2);
	CHECK(h && h->level == 4);
	CHECK_STR(g->parts[0].heading->id, "introduccion-al-cuidado-de-la-piel");
	CHECK_STR(nth(g->parts[2].body, MG_NODE_HEADING, 1)->id, "senales-de-alarma");
	CHECK_INT(count(g->parts[0].body, MG_NODE_LIST), 8);
	CHECK_INT(count(g->parts[0].body, MG_NODE_BLOCKQUOTE), 1);
	CHECK_INT(count(ch2->body, MG_NODE_CODE_BLOCK), 1);
	CHECK_INT(count(ch2->body, MG_NODE_CODE), 1);
	CHECK_INT(count(g->parts[0].body, MG_NODE_STRIKE), 1);
	/* the HTML comment left nothing behind */
	CHECK(!strstr(mg_node_plain_text(g, g->parts[0].body), "comentario"));
	mg_guide_free(g);
	mg_diag_release(&d);
}

static void test_minimal_and_epoch(void)
{
	mg_diag d;
	setenv("SOURCE_DATE_EPOCH", "1234567890", 1);
	mg_guide *g = read_ok("tests/guides/minimal", &d);
	unsetenv("SOURCE_DATE_EPOCH");
	if (!g)
		return;
	CHECK_INT(g->modified, 1234567890);
	CHECK_INT(g->nparts, 2);
	CHECK_STR(g->parts[1].title, "Disclaimer");
	CHECK(g->subtitle == NULL && g->date == NULL && g->nauthors == 0);
	CHECK(g->contact == NULL && g->reviewed == NULL);
	CHECK(!strncmp(g->identifier, "urn:uuid:", 9));
	mg_guide_free(g);
	mg_diag_release(&d);

	g = read_ok("tests/guides/minimal", &d);
	CHECK_INT(g ? g->modified : -1, 0);	/* no date, no SOURCE_DATE_EPOCH */
	mg_guide_free(g);
	mg_diag_release(&d);
}

/* ---- rules, on small guides ---- */

static void test_manifest_rules(void)
{
	expect_error(guide("m1", "guide.yaml", "title: T\nlanguage: en\nchapters: [one.md]\n"
			   "disclaimer: d.md\nreview:\n  reviewer: X\n  reviewd: 2026-01-01\n",
			   "one.md", "# One\n\nText.\n", DISCLAIMER, NULL),
		     "guide.yaml", 7, 3, "unknown key 'reviewd' in 'review' (did you mean 'reviewed'?)");
	expect_error(guide("m2", "guide.yaml", YAML_ONE "subjects: Health\n",
			   "one.md", "# One\n\nText.\n", DISCLAIMER, NULL),
		     "guide.yaml", 5, 11, "'subjects' must be a list");
	expect_error(guide("m3", "guide.yaml", YAML_ONE "title: Again\n",
			   "one.md", "# One\n\nText.\n", DISCLAIMER, NULL),
		     "guide.yaml", 5, 1, "'title' is given twice (first on line 1)");
	expect_error(guide("m4", "guide.yaml", YAML_ONE "style: ../evil\n",
			   "one.md", "# One\n\nText.\n", DISCLAIMER, NULL),
		     "guide.yaml", 5, 8, "is not a style name");
	expect_error(guide("m5", "guide.yaml", YAML_ONE "review:\n  reviewed: 2026-05-01\n  next_review: 2026-04-01\n",
			   "one.md", "# One\n\nText.\n", DISCLAIMER, NULL),
		     "guide.yaml", 7, 16, "'next_review' (2026-04-01) is before 'reviewed' (2026-05-01)");
	expect_error(guide("m6", "guide.yaml", "- title\n- language\n", NULL),
		     "guide.yaml", 1, 1, "must be a mapping");
	expect_error(guide("m7", "guide.yaml", "", NULL), "guide.yaml", 1, 1, "guide.yaml is empty");
	expect_error(guide("m8", "guide.yaml", YAML_ONE "---\ntitle: Two\n", "one.md", "# One\n\nText.\n",
			   DISCLAIMER, NULL),
		     "guide.yaml", 0, 0, "one YAML document");
	expect_error(guide("m9", "guide.yaml", "title: \"\\x01\"\nlanguage: en\nchapters: [one.md]\ndisclaimer: d.md\n",
			   "one.md", "# One\n\nText.\n", DISCLAIMER, NULL),
		     "guide.yaml", 1, 8, "control character");
	expect_error(guide("m10", "guide.yaml", "title:\nlanguage: en\nchapters: []\ndisclaimer: d.md\n", DISCLAIMER, NULL),
		     "guide.yaml", 3, 11, "'chapters' is an empty list");
	expect_error("tests/no-such-guide", "tests/no-such-guide", 0, 0, "not a guide folder");

	mg_diag d;
	mg_guide *g = read_ok(guide("m11", "guide.yaml", YAML_ONE "authors: Ana\n",
				    "one.md", "\xef\xbb\xbf# One\r\n\r\nText.\r\n", DISCLAIMER, NULL), &d);
	CHECK(g && g->nauthors == 1 && !strcmp(g->authors[0], "Ana"));
	CHECK(g && !strcmp(g->parts[0].title, "One"));
	mg_guide_free(g);
	mg_diag_release(&d);
}

/* contact: text, trimmed line by line; a list, a mapping, an empty text, more
 * than 500 characters or 6 lines are errors at the value. */
static void test_contact(void)
{
	char yaml[1400], *x;
	mg_diag d;
	mg_guide *g = read_ok(guide("c1", "guide.yaml", YAML_ONE "contact: |\n  Riverside Clinic \n\n"
				    "  Phone 555-0100\n  info@example.org\n",
				    "one.md", "# One\n\nText.\n", DISCLAIMER, NULL), &d);
	CHECK_STR(g ? g->contact : NULL, "Riverside Clinic\nPhone 555-0100\ninfo@example.org");
	mg_guide_free(g);
	mg_diag_release(&d);

	/* 500 characters is the limit, not 500 bytes: 500 'ñ' are 1000 bytes */
	x = yaml + sprintf(yaml, YAML_ONE "contact: ");
	for (int i = 0; i < 500; i++)
		x += sprintf(x, "\xc3\xb1");
	strcpy(x, "\n");
	g = read_ok(guide("c2", "guide.yaml", yaml, "one.md", "# One\n\nText.\n", DISCLAIMER, NULL), &d);
	CHECK_INT(g && g->contact ? strlen(g->contact) : 0, 1000);
	mg_guide_free(g);
	mg_diag_release(&d);
	strcpy(yaml + strlen(yaml) - 1, "x\n");
	expect_error(guide("c3", "guide.yaml", yaml, "one.md", "# One\n\nText.\n", DISCLAIMER, NULL),
		     "guide.yaml", 5, 10, "'contact' is too long: 501 characters (at most 500)");

	expect_error(guide("c4", "guide.yaml", YAML_ONE "contact: [555-0100, info@example.org]\n",
			   "one.md", "# One\n\nText.\n", DISCLAIMER, NULL),
		     "guide.yaml", 5, 10, "'contact' must be text, not a list or mapping");
	expect_error(guide("c5", "guide.yaml", YAML_ONE "contact:\n  phone: 555-0100\n",
			   "one.md", "# One\n\nText.\n", DISCLAIMER, NULL),
		     "guide.yaml", 6, 3, "'contact' must be text, not a list or mapping");
	expect_error(guide("c6", "guide.yaml", YAML_ONE "contact: \"  \"\n",
			   "one.md", "# One\n\nText.\n", DISCLAIMER, NULL),
		     "guide.yaml", 5, 10, "'contact' has no value");
	expect_error(guide("c7", "guide.yaml", YAML_ONE "contact: |\n  1\n  2\n  3\n  4\n  5\n  6\n  7\n",
			   "one.md", "# One\n\nText.\n", DISCLAIMER, NULL),
		     "guide.yaml", 5, 10, "'contact' has 7 lines (at most 6");
	expect_error(guide("c8", "guide.yaml", YAML_ONE "contcat: 555-0100\n",
			   "one.md", "# One\n\nText.\n", DISCLAIMER, NULL),
		     "guide.yaml", 5, 1, "unknown key 'contcat' (did you mean 'contact'?)");
}

static void test_values(void)
{
	static const char *const good[] = {
		"en", "es", "pt-BR", "es-419", "zh-Hant-TW", "sr-Latn-RS",
		"de-CH-1901", "en-US-x-twain", "x-private", "zh-yue-HK", "en-a-bbb-x-a",
	};
	static const char *const bad[] = {
		"", "e", "english", "en_US", "en-", "-en", "123", "en--US", "en-US-",
		"ñ", "en-x", "en-a", "toolongprimary", "en-Latn-Latn",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!mg_language_tag_ok(good[i])) {
			printf("  '%s' should be a language tag\n", good[i]);
			mgt_current_failed = 1;
		}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (mg_language_tag_ok(bad[i])) {
			printf("  '%s' should not be a language tag\n", bad[i]);
			mgt_current_failed = 1;
		}
	CHECK(mg_date_ok("2024-02-29"));
	CHECK(mg_date_ok("2030-01-01"));
	CHECK(!mg_date_ok("2023-02-29"));
	CHECK(!mg_date_ok("2026-04-31"));
	CHECK(!mg_date_ok("2026-1-01"));
	CHECK(!mg_date_ok("2026-01-01T00"));
	CHECK(!mg_date_ok("0000-01-01"));
	CHECK(!mg_date_ok(""));
}

static void test_path_rules(void)
{
	expect_error(guide("p1", "guide.yaml", YAML_ONE "faq: one.md\n", "one.md", "# One\n\nText.\n",
			   DISCLAIMER, NULL),
		     "guide.yaml", 3, 12, "'one.md' is already the FAQ");
	expect_error(guide("p2", "guide.yaml", YAML_ONE "cover: ./../x.png\n", "one.md", "# One\n\nText.\n",
			   DISCLAIMER, NULL),
		     "guide.yaml", 5, 8, "'..' is not allowed");
	expect_error(guide("p3", "guide.yaml", YAML_ONE "cover: img\n", "img/x.txt", "x",
			   "one.md", "# One\n\nText.\n", DISCLAIMER, NULL),
		     "guide.yaml", 5, 8, "image 'img' is not a regular file");

	/* a file over the limit is refused before it is read */
	const char *dir = guide("p4", "guide.yaml", YAML_ONE, "one.md", "# One\n", DISCLAIMER, NULL);
	char path[512];
	snprintf(path, sizeof(path), "%s/one.md", dir);
	CHECK(truncate(path, MG_SOURCE_MAX_FILE + 1) == 0);
	expect_error(dir, "guide.yaml", 3, 12, "is too large: 16777217 bytes (the limit is 16777216 bytes");

	/* a symlink inside the folder is fine; one leading out is not */
	dir = guide("p5", "guide.yaml", YAML_ONE, "text/one.md", "# One\n\nText.\n", DISCLAIMER, NULL);
	snprintf(path, sizeof(path), "%s/one.md", dir);
	CHECK(symlink("text/one.md", path) == 0);
	mg_diag d;
	mg_guide *g = read_ok(dir, &d);
	mg_guide_free(g);
	mg_diag_release(&d);
	dir = guide("p6", "guide.yaml", YAML_ONE, DISCLAIMER, NULL);
	snprintf(path, sizeof(path), "%s/one.md", dir);
	CHECK(symlink("../p5/text/one.md", path) == 0);
	expect_error(dir, "guide.yaml", 3, 12, "symlink that leads outside the guide's folder");
	/* an absolute symlink is refused by openat2's RESOLVE_BENEATH; realpath
	 * then finds that this one stays inside */
	dir = guide("p8", "guide.yaml", YAML_ONE, "text/one.md", "# One\n\nText.\n", DISCLAIMER, NULL);
	char *real = realpath(dir, NULL), target[600];
	CHECK(real != NULL);
	snprintf(target, sizeof(target), "%s/text/one.md", real ? real : "");
	free(real);
	snprintf(path, sizeof(path), "%s/one.md", dir);
	CHECK(symlink(target, path) == 0);
	g = read_ok(dir, &d);
	CHECK(g != NULL);
	mg_guide_free(g);
	mg_diag_release(&d);

	/* a FIFO is not read (and does not hang the reader) */
	dir = guide("p7", "guide.yaml", YAML_ONE, DISCLAIMER, NULL);
	snprintf(path, sizeof(path), "%s/one.md", dir);
	CHECK(mkfifo(path, 0644) == 0);
	expect_error(dir, "guide.yaml", 3, 12, "chapter 'one.md' is not a regular file");
}

static void test_markdown_rules(void)
{
	expect_error(guide("k1", "guide.yaml", YAML_ONE,
			   "one.md", "# One\n\nText <span onclick=\"x()\">here</span>.\n", DISCLAIMER, NULL),
		     "one.md", 3, 6, "raw HTML is not allowed: <span onclick=\"x()\">");
	expect_error(guide("k2", "guide.yaml", YAML_ONE,
			   "one.md", "# One\n\n> ## Inside\n>\n> text\n", DISCLAIMER, NULL),
		     "one.md", 3, 3, "a heading cannot be inside a quote");
	expect_error(guide("k3", "guide.yaml", YAML_ONE,
			   "one.md", "# One\n\nSee [](http://example.org).\n", DISCLAIMER, NULL),
		     "one.md", 3, 5, "link to 'http://example.org' has no text");
	expect_error(guide("k4", "guide.yaml", YAML_ONE,
			   "one.md", "# One\n\nA <javascript:alert(1)> link.\n", DISCLAIMER, NULL),
		     "one.md", 3, 3, "link to 'javascript:alert(1)' is not allowed");
	expect_error(guide("k5", "guide.yaml", YAML_ONE,
			   "one.md", "# One\n\n![A logo](https://example.org/logo.png)\n", DISCLAIMER, NULL),
		     "one.md", 3, 1, "must be a PNG or JPEG file inside the guide's folder");
	expect_error(guide("k6", "guide.yaml", YAML_ONE,
			   "one.md", "# One\n\n[x](data:text/html,hi)\n", DISCLAIMER, NULL),
		     "one.md", 3, 1, "link to 'data:text/html,hi' is not allowed");
	expect_error(guide("k7", "guide.yaml", YAML_ONE,
			   "one.md", "# One\n\nA &#1; here.\n", DISCLAIMER, NULL),
		     "one.md", 3, 1, "the control character U+0001 is not allowed");
	expect_error(guide("k8", "guide.yaml", YAML_ONE,
			   "one.md", "# One\n\n```\ncode\n```\n\nçé\x80 x\n", DISCLAIMER, NULL),
		     "one.md", 7, 3, "invalid UTF-8 (byte 0x80)");
	expect_error(guide("k9", "guide.yaml", YAML_ONE,
			   "one.md", "# One\n\nText.\n", "d.md", "# Disclaimer\n\nText.\n", NULL),
		     "d.md", 1, 1, "this file's heading is fixed ('Disclaimer')");
	expect_error(guide("k10", "guide.yaml", YAML_ONE,
			   "one.md", "# One\n\nText.\n", "d.md", "<!-- nothing -->\n", NULL),
		     "d.md", 1, 1, "the disclaimer is empty");
	expect_error(guide("k11", "guide.yaml", YAML_ONE "faq: faq.md\n",
			   "one.md", "# One\n\nText.\n", "faq.md", "Intro.\n\n## Q?\n\nA.\n", DISCLAIMER, NULL),
		     "faq.md", 1, 1, "the FAQ must begin with a question");
	expect_error(guide("k12", "guide.yaml", YAML_ONE,
			   "one.md", "# One\n\nText.[^a]\n\n[^a]:\n", DISCLAIMER, NULL),
		     "one.md", 5, 1, "footnote [^a] is empty");
	expect_error(guide("k13", "guide.yaml", YAML_ONE,
			   "one.md", "# \n\nText.\n", DISCLAIMER, NULL),
		     "one.md", 1, 1, "empty heading");
	expect_error(guide("k14", "guide.yaml", YAML_ONE,
			   "one.md", "# One\n\n![ ](x.png)\n", "x.png", "", DISCLAIMER, NULL),
		     "one.md", 3, 1, "image 'x.png' has no alt text");
	expect_error(guide("k15", "guide.yaml", YAML_ONE,
			   "one.md", "# One\n\n[a](one.md#one) [b](#missing)\n", DISCLAIMER, NULL),
		     "one.md", 3, 17, "link to '#missing' in one.md");
	expect_error(guide("k17", "guide.yaml", YAML_ONE,
			   "one.md", "---\ntitle: One\n---\n\n# One\n\nText.\n", DISCLAIMER, NULL),
		     "one.md", 1, 1, "front matter ('---' at the top) is not read");
	expect_error(guide("k16", "guide.yaml", YAML_ONE,
			   "one.md", "# One\n\n[up](../x.md)\n", DISCLAIMER, NULL),
		     "one.md", 3, 1, "link '../x.md' leads out of the guide's folder");
}

/* cmark-gfm's tables are slow when wide and can be padded to millions of
 * cells: such tables are refused before parsing. */
static void test_table_limits(void)
{
	char *md = malloc(4 * 1000 * 1000);
	char *p = md + sprintf(md, "# One\n\nText.\n\n");
	for (int i = 0; i < 201; i++)
		p += sprintf(p, "|a");
	p += sprintf(p, "|\n");
	for (int i = 0; i < 201; i++)
		p += sprintf(p, "|-");
	strcpy(p, "|\n");
	expect_error(guide("t1", "guide.yaml", YAML_ONE, "one.md", md, DISCLAIMER, NULL),
		     "one.md", 6, 1, "a table of 201 columns is too wide: the limit is 200");

	/* 200 columns, 2,600 one-cell rows: 520,200 cells once padded */
	p = md + sprintf(md, "# One\n\n> ");
	for (int i = 0; i < 200; i++)
		p += sprintf(p, "|a");
	p += sprintf(p, "|\n> ");
	for (int i = 0; i < 200; i++)
		p += sprintf(p, "| :-: ");
	p += sprintf(p, "|\n");
	for (int i = 0; i < 2600; i++)
		p += sprintf(p, "> x\n");
	expect_error(guide("t2", "guide.yaml", YAML_ONE, "one.md", md, DISCLAIMER, NULL),
		     "one.md", 4, 1, "the tables of this file hold too many cells");

	/* the same table, 2,000 rows, is read */
	p = md + sprintf(md, "# One\n\n");
	for (int i = 0; i < 200; i++)
		p += sprintf(p, "|a");
	p += sprintf(p, "|\n");
	for (int i = 0; i < 200; i++)
		p += sprintf(p, "|-");
	p += sprintf(p, "|\n");
	for (int i = 0; i < 2000; i++)
		p += sprintf(p, "x\n");
	mg_diag d;
	mg_guide *g = read_ok(guide("t3", "guide.yaml", YAML_ONE, "one.md", md, DISCLAIMER, NULL), &d);
	free(md);
	if (!g)
		return;
	const mg_node *t = nth(g->parts[0].body, MG_NODE_TABLE, 0);
	CHECK(t && t->columns == 200);
	CHECK_INT(count(g->parts[0].body, MG_NODE_TABLE_CELL), 2001 * 200);
	mg_guide_free(g);
	mg_diag_release(&d);
}

static void test_comments_dropped(void)
{
	mg_diag d;
	mg_guide *g = read_ok(guide("c1", "guide.yaml", YAML_ONE,
				    "one.md", "<!-- draft -->\n# One\n\nA <!-- note --> b.\n\n<!-- a -->\n<!-- b -->\n\nEnd.\n",
				    DISCLAIMER, NULL), &d);
	if (!g)
		return;
	CHECK_INT(d.len, 0);
	CHECK_STR(g->parts[0].title, "One");
	CHECK_INT(count(g->parts[0].body, MG_NODE_PARAGRAPH), 2);
	CHECK_STR(mg_node_plain_text(g, g->parts[0].body->first_child), "A  b.");
	mg_guide_free(g);
	mg_diag_release(&d);
}

/* Ids are unique across the guide; links name the anchor of their file. */
static void test_ids_and_links(void)
{
	mg_diag d;
	mg_guide *g = read_ok(guide("i1", "guide.yaml",
				    "title: T\nlanguage: es\nchapters: [a.md, b.md]\ndisclaimer: d.md\n",
				    "a.md", "# Resumen\n\n## Resumen\n\n## Sección 1\n\nVer [b](b.md#resumen), "
					    "[b2](b.md#sección-1) y [c](b.md#Resumen-1).\n",
				    "b.md", "# Otro\n\n## Resumen\n\n## Sección 1\n\n## Resumen\n\n## 2 dosis\n\n"
					    "[y](#2-dosis)\n",
				    DISCLAIMER, NULL), &d);
	if (!g)
		return;
	CHECK_STR(g->parts[0].heading->id, "resumen");
	CHECK_STR(nth(g->parts[0].body, MG_NODE_HEADING, 0)->id, "resumen-1");
	CHECK_STR(nth(g->parts[0].body, MG_NODE_HEADING, 1)->id, "seccion-1");
	CHECK_STR(nth(g->parts[1].body, MG_NODE_HEADING, 0)->id, "resumen-2");
	CHECK_STR(nth(g->parts[1].body, MG_NODE_HEADING, 1)->id, "seccion-1-1");
	CHECK_STR(nth(g->parts[1].body, MG_NODE_HEADING, 2)->id, "resumen-1-1");
	CHECK_STR(nth(g->parts[1].body, MG_NODE_HEADING, 3)->id, "h-2-dosis");
	CHECK_STR(nth(g->parts[0].body, MG_NODE_LINK, 0)->target_id, "resumen-2");
	CHECK_STR(nth(g->parts[0].body, MG_NODE_LINK, 1)->target_id, "seccion-1-1");
	CHECK_STR(nth(g->parts[0].body, MG_NODE_LINK, 2)->target_id, "resumen-1-1");
	CHECK_INT(nth(g->parts[0].body, MG_NODE_LINK, 2)->target_part, 1);
	CHECK_STR(nth(g->parts[1].body, MG_NODE_LINK, 0)->target_id, "h-2-dosis");
	CHECK_STR(g->parts[2].heading->id, "aviso");
	mg_guide_free(g);
	mg_diag_release(&d);
}

/* Many equal headings: ids a, a-1, ... a-N (this took minutes and
 * gigabytes when each id was searched for from -1 on). */
static void test_many_equal_headings(void)
{
	char *md = malloc(20000 * 12 + 64), *p = md + sprintf(md, "# A\n\n");
	for (int i = 0; i < 20000; i++)
		p += sprintf(p, "## A\n\nx\n\n");
	mg_diag d;
	mg_guide *g = read_ok(guide("h1", "guide.yaml", YAML_ONE, "one.md", md, DISCLAIMER, NULL), &d);
	free(md);
	if (!g)
		return;
	CHECK_STR(g->parts[0].heading->id, "a");
	CHECK_STR(nth(g->parts[0].body, MG_NODE_HEADING, 0)->id, "a-1");
	CHECK_STR(nth(g->parts[0].body, MG_NODE_HEADING, 19999)->id, "a-20000");
	mg_guide_free(g);
	mg_diag_release(&d);
}

/* A file's errors past the hundredth are counted in one note; columns on a
 * very long line stay right (and cheap). */
static void test_error_cap(void)
{
	char *md = malloc(150 * 4 + 64), *p = md + sprintf(md, "# One\n\n");
	for (int i = 0; i < 150; i++)
		p += sprintf(p, "<b> ");
	strcpy(p, "\n");
	mg_diag d;
	mg_diag_init(&d);
	mg_guide *g = mg_source_read(guide("x1", "guide.yaml", YAML_ONE, "one.md", md, DISCLAIMER, NULL), &d);
	free(md);
	CHECK(g == NULL);
	CHECK_INT(d.errors, 100);
	CHECK_INT(d.len, 101);
	CHECK(has_msg(&d, "one.md", 3, 397, "raw HTML"));
	CHECK(d.len == 101 && d.items[100].severity == MG_NOTE &&
	      strstr(d.items[100].text, "50 more errors in this file are not shown"));
	mg_guide_free(g);
	mg_diag_release(&d);
}

static void test_images_once(void)
{
	static const unsigned char jpeg[] = {
		0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00,	/* APP0, 2 bytes */
		0xff, 0xc2, 0x00, 0x0b, 0x08, 0x01, 0x2c, 0x02, 0x58, 0x01, 0x01, 0x11, 0x00,
		0xff, 0xd9,
	};
	char path[512];
	const char *dir = guide("g1", "guide.yaml", YAML_ONE "cover: img/p.jpg\n",
				"one.md", "# One\n\n![A](img/p.jpg)\n\nInline ![B](./img//p.jpg) and "
					  "![C](img/p%2Ejpg).\n", DISCLAIMER, NULL);
	snprintf(path, sizeof(path), "%s/img", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/img/p.jpg", dir);
	FILE *f = fopen(path, "wb");
	fwrite(jpeg, 1, sizeof(jpeg), f);
	fclose(f);
	mg_diag d;
	mg_guide *g = read_ok(dir, &d);
	if (!g)
		return;
	CHECK_INT(g->nimages, 1);
	CHECK_INT(g->cover, 0);
	CHECK_STR(g->images[0].path, "img/p.jpg");
	CHECK_STR(g->images[0].media_type, "image/jpeg");
	CHECK_INT(g->images[0].width, 600);
	CHECK_INT(g->images[0].height, 300);
	CHECK_INT(g->images[0].size, sizeof(jpeg));
	CHECK_INT(count(g->parts[0].body, MG_NODE_IMAGE), 2);
	CHECK_INT(nth(g->parts[0].body, MG_NODE_IMAGE, 1)->image, 0);
	mg_guide_free(g);
	mg_diag_release(&d);

	/* a PNG cut short is not a PNG */
	dir = guide("g2", "guide.yaml", YAML_ONE, "one.md", "# One\n\n![A](x.png)\n",
		    "x.png", "\x89PNG\r\n\x1a\n\1\1\1\1IHDR", DISCLAIMER, NULL);
	expect_error(dir, "one.md", 3, 1, "image 'x.png' is not a PNG or JPEG file");
}

/* The start of a PNG: the signature, an IHDR chunk saying w x h (grey,
 * 8 bits) and IEND, without picture data or true CRCs: enough for a size
 * the reader refuses before it reads further (test_images.c builds whole
 * PNGs). Returns its size. */
static size_t png_header(unsigned char *p, unsigned long w, unsigned long h)
{
	static const unsigned char start[16] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
	};
	static const unsigned char end[12] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D' };
	memset(p, 0, 45);
	memcpy(p, start, sizeof start);
	for (int k = 0; k < 4; k++) {
		p[16 + k] = (unsigned char)(w >> (24 - 8 * k));
		p[20 + k] = (unsigned char)(h >> (24 - 8 * k));
	}
	p[24] = 8;
	memcpy(p + 33, end, sizeof end);
	return 45;
}

/* A JPEG: SOI, an APP0 segment, a baseline frame header (SOF0) saying
 * w x h, EOI. Returns its size. */
static size_t jpeg_header(unsigned char *p, unsigned w, unsigned h)
{
	static const unsigned char start[] = {
		0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00,	/* APP0, 2 bytes */
		0xff, 0xc0, 0x00, 0x0b, 0x08,			/* SOF0, 8 bits */
	};
	size_t n = sizeof start;
	memcpy(p, start, n);
	p[n++] = (unsigned char)(h >> 8);
	p[n++] = (unsigned char)h;
	p[n++] = (unsigned char)(w >> 8);
	p[n++] = (unsigned char)w;
	memcpy(p + n, "\x01\x01\x11\x00\xff\xd9", 6);
	return n + 6;
}

static mg_image_status probe_png(unsigned long w, unsigned long h, mg_image_info *info)
{
	unsigned char p[64];
	return mg_image_probe(p, png_header(p, w, h), info);
}

static mg_image_status probe_jpeg(unsigned w, unsigned h, mg_image_info *info)
{
	unsigned char p[64];
	return mg_image_probe(p, jpeg_header(p, w, h), info);
}

/* Sizes come from the header; a handout takes at most 12,000 pixels a side
 * and 40 megapixels, and an image must have pixels (PNGs of the largest
 * sizes allowed are in test_images.c: they need their picture data). */
static void test_image_dimensions(void)
{
	mg_image_info info;

	CHECK_INT(probe_png(12001, 1, &info), MG_IMAGE_TOO_LARGE);
	CHECK_STR(info.media_type, "image/png");
	CHECK_INT(info.width, 12001);
	CHECK_INT(info.height, 1);
	CHECK_INT(probe_png(1, 12001, &info), MG_IMAGE_TOO_LARGE);
	CHECK_INT(probe_png(12000, 3334, &info), MG_IMAGE_TOO_LARGE);	/* 40,008,000 px */
	CHECK_INT(probe_png(6325, 6325, &info), MG_IMAGE_TOO_LARGE);
	CHECK_INT(probe_png(30000, 30000, &info), MG_IMAGE_TOO_LARGE);
	CHECK_INT(probe_png(0xffffffffUL, 0xffffffffUL, &info), MG_IMAGE_TOO_LARGE);
	CHECK_INT(info.width, 0xffffffffUL);
	CHECK_INT(probe_png(0, 10, &info), MG_IMAGE_EMPTY);
	CHECK_INT(probe_png(10, 0, &info), MG_IMAGE_EMPTY);

	CHECK_INT(probe_jpeg(12000, 3333, &info), MG_IMAGE_OK);
	CHECK_STR(info.media_type, "image/jpeg");
	CHECK_INT(info.width, 12000);
	CHECK_INT(info.height, 3333);
	CHECK_INT(probe_jpeg(6325, 6324, &info), MG_IMAGE_OK);
	CHECK_INT(probe_jpeg(12001, 2, &info), MG_IMAGE_TOO_LARGE);
	CHECK_INT(probe_jpeg(3, 12001, &info), MG_IMAGE_TOO_LARGE);
	CHECK_INT(info.height, 12001);
	CHECK_INT(probe_jpeg(6325, 6325, &info), MG_IMAGE_TOO_LARGE);
	CHECK_INT(probe_jpeg(65535, 65535, &info), MG_IMAGE_TOO_LARGE);
	CHECK_INT(probe_jpeg(640, 0, &info), MG_IMAGE_EMPTY);
	CHECK_INT(probe_jpeg(0, 480, &info), MG_IMAGE_EMPTY);

	/* a JPEG whose scan (SOS) or end comes before any frame header */
	static const unsigned char scan_first[] = {
		0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00,
		0x00, 0xff, 0xd9,
	};
	static const unsigned char app_only[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00 };
	CHECK_INT(mg_image_probe(scan_first, sizeof scan_first, &info), MG_IMAGE_NO_FRAME);
	CHECK_INT(mg_image_probe(app_only, sizeof app_only, &info), MG_IMAGE_NO_FRAME);
	CHECK_INT(mg_image_probe((const unsigned char *)"GIF89a, not a PNG", 17, &info),
		  MG_IMAGE_UNKNOWN);
	CHECK(info.media_type == NULL);

	/* through the reader: refused at the image's place in the Markdown */
	unsigned char png[64];
	char path[512];
	const char *dir = guide("g3", "guide.yaml", YAML_ONE, "one.md",
				"# One\n\nText.\n\n  ![A scan](big.png)\n", DISCLAIMER, NULL);
	snprintf(path, sizeof(path), "%s/big.png", dir);
	CHECK(mgt_write_file(path, png, png_header(png, 30000, 30000)) == 0);
	expect_error(dir, "one.md", 5, 3, "image 'big.png' is 30000 x 30000 pixels; the most "
		     "a handout can use is 12000 pixels a side and 40 megapixels");
}

/* Reports every problem, from every file, in reading order. */
static void test_every_problem(void)
{
	mg_diag d;
	mg_diag_init(&d);
	const char *dir = guide("e1", "guide.yaml",
				"title: T\nlanguage: en\ncolour: red\nchapters: [a.md, b.md, gone.md]\ndisclaimer: d.md\n",
				"a.md", "Intro first.\n",
				"b.md", "# B\n\n<b>bold</b>\n\n![](b.png)\n", DISCLAIMER, NULL);
	mg_guide *g = mg_source_read(dir, &d);
	CHECK(g == NULL);
	CHECK_INT(d.errors, 7);
	if (d.len == 7) {
		CHECK(strstr(d.items[0].text, "unknown key 'colour'") != NULL);
		CHECK(strstr(d.items[1].text, "chapter 'gone.md' not found") != NULL);
		CHECK(strstr(d.items[2].text, "must begin with its title") != NULL);
		CHECK(strstr(d.items[3].text, "raw HTML") && d.items[3].line == 3 && d.items[3].col == 1);
		CHECK(strstr(d.items[4].text, "raw HTML") && d.items[4].col == 8);
		CHECK(strstr(d.items[5].text, "no alt text") != NULL);
		CHECK(strstr(d.items[6].text, "image 'b.png' not found") != NULL);
	} else {
		dump(&d);
	}
	mg_guide_free(g);
	mg_diag_release(&d);
}

static void test_deep_nesting(void)
{
	char *quotes = malloc(2 * 5000 + 64), *lists = malloc(3000 * 3000 + 3000 * 16);
	char *p = quotes + sprintf(quotes, "# One\n\n");
	for (int i = 0; i < 5000; i++)
		p += sprintf(p, "> ");
	strcpy(p, "deep\n");
	p = lists + sprintf(lists, "# Two\n\n");
	for (int i = 0; i < 3000; i++) {
		memset(p, ' ', 2 * (size_t)i);
		p += 2 * i;
		p += sprintf(p, "- l%d\n", i);
	}
	mg_diag d;
	mg_guide *g = read_ok(guide("n1", "guide.yaml",
				    "title: T\nlanguage: en\nchapters: [one.md, two.md]\ndisclaimer: d.md\n",
				    "one.md", quotes, "two.md", lists, DISCLAIMER, NULL), &d);
	free(quotes);
	free(lists);
	if (!g)
		return;
	CHECK_INT(count(g->parts[0].body, MG_NODE_BLOCKQUOTE), 5000);
	CHECK(depth(g->parts[0].body) > 5000);
	CHECK_INT(count(g->parts[1].body, MG_NODE_LIST), 3000);
	CHECK(depth(g->parts[1].body) > 6000);
	mg_guide_free(g);
	mg_diag_release(&d);
}

/* Several guides read at once (the build is threaded): each read gets the
 * same model. Run under the sanitizer build (and ThreadSanitizer by hand). */
static void *read_many(void *arg)
{
	long *bad = arg;
	for (int i = 0; i < 10; i++) {
		mg_diag d;
		mg_diag_init(&d);
		mg_guide *g = mg_source_read(i % 2 ? "tests/guides/es-completa" : "book/naltrexone-self-injury", &d);
		if (!g || d.len || g->nparts != (i % 2 ? 5u : 12u) ||
		    (i % 2 && g->parts[1].nfootnotes != 3))
			(*bad)++;
		mg_guide_free(g);
		mg_diag_release(&d);
	}
	return NULL;
}

static void test_threads(void)
{
	pthread_t t[6];
	long bad[6] = { 0 };
	for (int i = 0; i < 6; i++)
		CHECK(pthread_create(&t[i], NULL, read_many, &bad[i]) == 0);
	for (int i = 0; i < 6; i++) {
		pthread_join(t[i], NULL);
		CHECK_INT(bad[i], 0);
	}
}

int main(void)
{
	strcpy(tmp_root, "/tmp/mkguide-source-XXXXXX");
	if (!mkdtemp(tmp_root)) {
		printf("not ok - cannot make a temporary folder\n");
		return 1;
	}
	RUN(test_bundled_guide);
	RUN(test_es_completa);
	RUN(test_minimal_and_epoch);
	RUN(test_manifest_rules);
	RUN(test_contact);
	RUN(test_values);
	RUN(test_path_rules);
	RUN(test_markdown_rules);
	RUN(test_table_limits);
	RUN(test_comments_dropped);
	RUN(test_ids_and_links);
	RUN(test_many_equal_headings);
	RUN(test_error_cap);
	RUN(test_images_once);
	RUN(test_image_dimensions);
	RUN(test_every_problem);
	RUN(test_deep_nesting);
	RUN(test_threads);
	if (mgt_remove_tree(tmp_root) != 0)
		printf("  could not remove %s\n", tmp_root);
	return MGT_DONE();
}
