/* test_manifest.c — guide.yaml's readability: mapping: its two targets,
 * their ranges, and every mistake reported at its line:col like any other
 * key of guide.yaml. */
#include "core/diag.h"
#include "read/manifest.h"

#include "mgtest.h"

#include <string.h>

#define HEAD "title: T\nlanguage: en\nchapters: [one.md]\ndisclaimer: d.md\n"

/* Parses yaml into m (in arena a) and d; returns the error count. */
static size_t parse(const char *yaml, mg_manifest *m, mg_arena *a, mg_diag *d)
{
	mg_diag_init(d);
	return mg_manifest_parse(m, "g/guide.yaml", yaml, strlen(yaml), a, d);
}

/* 1 if d holds exactly one message, an error at line:col saying want. */
static int one_error(const mg_diag *d, int line, int col, const char *want)
{
	if (d->len != 1 || d->errors != 1) {
		for (size_t i = 0; i < d->len; i++)
			printf("  got %d:%d: %s\n", d->items[i].line, d->items[i].col,
			       d->items[i].text);
		return 0;
	}
	if (d->items[0].line != line || d->items[0].col != col ||
	    strcmp(d->items[0].text, want)) {
		printf("  got %d:%d: %s\n", d->items[0].line, d->items[0].col,
		       d->items[0].text);
		return 0;
	}
	return 1;
}

static void targets_read(void)
{
	mg_arena *a = mg_arena_new();
	mg_manifest m;
	mg_diag d;

	CHECK_INT(parse(HEAD "readability:\n  max_grade: 6\n  min_inflesz: 62.5\n", &m, a, &d), 0);
	CHECK(m.has_max_grade && m.max_grade == 6);
	CHECK(m.has_min_inflesz && m.min_inflesz == 62.5);
	mg_diag_release(&d);
	CHECK_INT(parse(HEAD "readability: {max_grade: 20}\n", &m, a, &d), 0);
	CHECK(m.has_max_grade && m.max_grade == 20 && !m.has_min_inflesz);
	mg_diag_release(&d);
	CHECK_INT(parse(HEAD, &m, a, &d), 0);
	CHECK(!m.has_max_grade && !m.has_min_inflesz);
	mg_diag_release(&d);
	mg_arena_free(a);
}

static void unknown_key(void)
{
	mg_arena *a = mg_arena_new();
	mg_manifest m;
	mg_diag d;

	parse(HEAD "readability:\n  max_grad: 8\n", &m, a, &d);
	CHECK(one_error(&d, 6, 3, "unknown key 'max_grad' in 'readability' (did you mean 'max_grade'?)"));
	mg_diag_release(&d);
	parse(HEAD "readability:\n  grade: 8\n", &m, a, &d);
	CHECK(one_error(&d, 6, 3, "unknown key 'grade' in 'readability'"));
	mg_diag_release(&d);
	parse(HEAD "readabilty:\n  max_grade: 8\n", &m, a, &d);
	CHECK(one_error(&d, 5, 1, "unknown key 'readabilty' (did you mean 'readability'?)"));
	mg_diag_release(&d);
	mg_arena_free(a);
}

static void bad_values(void)
{
	mg_arena *a = mg_arena_new();
	mg_manifest m;
	mg_diag d;

	parse(HEAD "readability:\n  max_grade: 0.5\n", &m, a, &d);
	CHECK(one_error(&d, 6, 14, "'max_grade' must be a number from 1 to 20, not '0.5'"));
	CHECK(!m.has_max_grade);
	mg_diag_release(&d);
	parse(HEAD "readability:\n  max_grade: 21\n", &m, a, &d);
	CHECK(one_error(&d, 6, 14, "'max_grade' must be a number from 1 to 20, not '21'"));
	mg_diag_release(&d);
	parse(HEAD "readability:\n  min_inflesz: -1\n", &m, a, &d);
	CHECK(one_error(&d, 6, 16, "'min_inflesz' must be a number from 0 to 100, not '-1'"));
	mg_diag_release(&d);
	parse(HEAD "readability:\n  min_inflesz: 101\n", &m, a, &d);
	CHECK(one_error(&d, 6, 16, "'min_inflesz' must be a number from 0 to 100, not '101'"));
	mg_diag_release(&d);
	parse(HEAD "readability:\n  max_grade: eight\n", &m, a, &d);
	CHECK(one_error(&d, 6, 14, "'max_grade' must be a number from 1 to 20, not 'eight'"));
	mg_diag_release(&d);
	parse(HEAD "readability:\n  max_grade: \"8\"\n", &m, a, &d);
	CHECK(one_error(&d, 6, 14, "'max_grade' must be a number from 1 to 20, not '8'"));
	mg_diag_release(&d);
	parse(HEAD "readability:\n  max_grade: .nan\n", &m, a, &d);
	CHECK(one_error(&d, 6, 14, "'max_grade' must be a number from 1 to 20, not '.nan'"));
	mg_diag_release(&d);
	parse(HEAD "readability:\n  max_grade: [8]\n", &m, a, &d);
	CHECK(one_error(&d, 6, 14, "'max_grade' must be a number from 1 to 20, not a list or mapping"));
	mg_diag_release(&d);
	parse(HEAD "readability: 8\n", &m, a, &d);
	CHECK(one_error(&d, 5, 14, "'readability' must be a mapping with max_grade or min_inflesz"));
	mg_diag_release(&d);
	parse(HEAD "readability:\n  max_grade: 8\n  max_grade: 9\n", &m, a, &d);
	CHECK(one_error(&d, 7, 3, "'max_grade' is given twice in 'readability'"));
	mg_diag_release(&d);
	mg_arena_free(a);
}

int main(void)
{
	RUN(targets_read);
	RUN(unknown_key);
	RUN(bad_values);
	return MGT_DONE();
}
