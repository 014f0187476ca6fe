/* test_model.c — the model, the arena, diagnostics and styles: construction,
 * iterative walking (deep trees), plain text, localised terms, message format
 * and style loading. */
#include "core/arena.h"
#include "core/vec.h"
#include "core/diag.h"
#include "model/guide.h"
#include "read/style.h"

#include "mgtest.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_arena_strings(void)
{
	mg_arena *a = mg_arena_new();
	char *s = mg_arena_strndup(a, "naltrexone", 3);
	CHECK_STR(s, "nal");
	CHECK_STR(mg_arena_printf(a, "%s-%d", "ch", 7), "ch-7");
	/* larger than a chunk */
	char *big = mg_arena_alloc(a, 1 << 20);
	CHECK(big[0] == 0 && big[(1 << 20) - 1] == 0);
	mg_arena_free(a);
}

static void test_vec(void)
{
	mg_arena *a = mg_arena_new();
	mg_vec v;
	mg_vec_init(&v, sizeof(int));
	for (int i = 0; i < 1000; i++)
		*(int *)mg_vec_push(&v) = i;
	size_t n = v.len;
	int *items = mg_vec_finish(&v, a);
	CHECK_INT(n, 1000);
	CHECK_INT(items[999], 999);
	mg_arena_free(a);
}

static int count_visit(const mg_node *n, int entering, void *ctx)
{
	if (entering)
		(*(int *)ctx)++;
	return 0;
}

static void test_walk_deep_tree(void)
{
	mg_guide *g = mg_guide_new();
	mg_node *root = mg_node_new(g, MG_NODE_DOCUMENT, 1, 1), *cur = root;
	/* 100,000 nested quotes: a recursive walk would overflow the stack */
	for (int i = 0; i < 100000; i++) {
		mg_node *q = mg_node_new(g, MG_NODE_BLOCKQUOTE, i + 1, 1);
		mg_node_append(cur, q);
		cur = q;
	}
	mg_node *p = mg_node_new(g, MG_NODE_PARAGRAPH, 1, 1);
	mg_node_append(cur, p);
	mg_node_append(p, mg_node_new_text(g, "deep", 4));
	int count = 0;
	mg_node_walk(root, count_visit, &count);
	CHECK_INT(count, 100003);
	CHECK_STR(mg_node_plain_text(g, root), "deep");
	mg_guide_free(g);
}

static void test_plain_text(void)
{
	mg_guide *g = mg_guide_new();
	mg_node *p = mg_node_new(g, MG_NODE_PARAGRAPH, 1, 1);
	mg_node *em = mg_node_new(g, MG_NODE_EMPH, 1, 1);
	mg_node_append(p, mg_node_new_text(g, "Take ", 5));
	mg_node_append(p, em);
	mg_node_append(em, mg_node_new_text(g, "50 mg", 5));
	mg_node_append(p, mg_node_new(g, MG_NODE_SOFTBREAK, 1, 1));
	mg_node_append(p, mg_node_new_text(g, "daily.", 6));
	CHECK_STR(mg_node_plain_text(g, p), "Take 50 mg daily.");
	CHECK(mg_node_is_block(p));
	CHECK(!mg_node_is_block(em));
	mg_guide_free(g);
}

static void test_terms(void)
{
	CHECK_STR(mg_term_text("en", MG_TERM_FAQ), "Frequently Asked Questions");
	CHECK_STR(mg_term_text("es", MG_TERM_FAQ), "Preguntas frecuentes");
	CHECK_STR(mg_term_text("es-MX", MG_TERM_DISCLAIMER), "Aviso");
	CHECK_STR(mg_term_text("en-GB", MG_TERM_DISCLAIMER), "Disclaimer");
	/* "est" (Estonian) is not Spanish */
	CHECK_STR(mg_term_text("est", MG_TERM_DISCLAIMER), "Disclaimer");
	CHECK_STR(mg_term_text("pt-BR", MG_TERM_CONTENTS), "Contents");
	for (int t = 0; t < MG_TERM_COUNT; t++) {
		CHECK(mg_term_text("en", (mg_term)t)[0] != '\0');
		CHECK(mg_term_text("es", (mg_term)t)[0] != '\0');
	}
}

static void test_diag_format(void)
{
	mg_diag d;
	char buf[512] = { 0 };
	mg_diag_init(&d);
	mg_error(&d, "book/x/one.md", 12, 5, "image '%s' has no alt text", "a.png");
	mg_warning(&d, "book/x/guide.yaml", 3, 0, "old");
	mg_error(&d, NULL, 0, 0, "plain");
	CHECK_INT(d.errors, 2);
	CHECK_INT(d.warnings, 1);
	FILE *f = fmemopen(buf, sizeof(buf) - 1, "w");
	mg_diag_print(&d, f);
	fclose(f);
	CHECK_STR(buf, "book/x/one.md:12:5: error: image 'a.png' has no alt text\n"
		       "book/x/guide.yaml:3: warning: old\n"
		       "mkguide: error: plain\n");
	mg_diag_release(&d);
}

static void test_style_load(void)
{
	mg_diag d;
	mg_diag_init(&d);
	mg_style *s = mg_style_load("default", &d);
	CHECK(s != NULL);
	if (s) {
		CHECK(s->page_width > 595 && s->page_width < 596); /* A4 */
		CHECK(s->css_len > 0);
		CHECK(s->leading >= s->font_size);
	}
	mg_style_free(s);
	s = mg_style_load("letter", &d);
	CHECK(s && s->page_width == 612 && s->page_height == 792);
	mg_style_free(s);
	s = mg_style_load("large-print", &d);
	CHECK(s && s->font_size >= 16);
	mg_style_free(s);
	/* the handouts: 12 pt and up, leading 1.5 times the size, ragged */
	const char *const handouts[] = { "default", "letter", "large-print" };
	for (size_t i = 0; i < 3; i++) {
		s = mg_style_load(handouts[i], &d);
		CHECK(s && s->font_size >= 12 &&
		      s->leading >= 1.5 * s->font_size && !s->justify);
		mg_style_free(s);
	}
	CHECK_INT(d.errors, 0);
	CHECK(mg_style_load("../etc", &d) == NULL);
	CHECK(mg_style_load("no-such-style", &d) == NULL);
	CHECK_INT(d.errors, 2);
	mg_diag_release(&d);
}

/* Loads the style written as yaml into a test folder's styles/t/ (with an
 * empty style.css); d gets its messages. */
static mg_style *style_from(const char *yaml, mg_diag *d)
{
	char dir[] = "/tmp/mkguide-style-XXXXXX", old[4096], path[256];
	mg_style *s = NULL;
	if (!mkdtemp(dir) || !getcwd(old, sizeof old))
		return NULL;
	snprintf(path, sizeof path, "%s/styles", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/styles/t", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/styles/t/style.css", dir);
	CHECK(mgt_write_file(path, "", 0) == 0);
	snprintf(path, sizeof path, "%s/styles/t/style.yaml", dir);
	CHECK(mgt_write_file(path, yaml, strlen(yaml)) == 0);
	if (chdir(dir) == 0) {
		s = mg_style_load("t", d);
		CHECK(chdir(old) == 0);
	}
	mgt_remove_tree(dir);
	return s;
}

/* "align": left (the default) or justify; anything else is an error at
 * its line and column, like every other key. */
static void test_style_align(void)
{
	mg_diag d;
	char buf[512] = { 0 };
	mg_diag_init(&d);
	mg_style *s = style_from("page: A4\n", &d);
	CHECK(s && !s->justify);
	mg_style_free(s);
	s = style_from("page: A4\nalign: justify\n", &d);
	CHECK(s && s->justify);
	mg_style_free(s);
	s = style_from("page: A4\nalign: left\n", &d);
	CHECK(s && !s->justify);
	mg_style_free(s);
	CHECK_INT(d.errors, 0);
	CHECK(style_from("page: A4\nalign: centre\n", &d) == NULL);
	CHECK_INT(d.errors, 1);
	FILE *f = fmemopen(buf, sizeof(buf) - 1, "w");
	mg_diag_print(&d, f);
	fclose(f);
	CHECK(strstr(buf, "styles/t/style.yaml:2:8: error: bad value 'centre' for 'align'") != NULL);
	mg_diag_release(&d);
}

int main(void)
{
	RUN(test_arena_strings);
	RUN(test_vec);
	RUN(test_walk_deep_tree);
	RUN(test_plain_text);
	RUN(test_terms);
	RUN(test_diag_format);
	RUN(test_style_load);
	RUN(test_style_align);
	return MGT_DONE();
}
