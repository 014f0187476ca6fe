/* test_format.c — the braille page layout (src/braille/format.c): page
 * numbers in braille, words never divided, indents, headings never last on
 * a page, and the BRF's line and page ends. */
#include "mgtest.h"
#include "braille/format.h"

#include <string.h>

static void test_numbers(void)
{
	char s[24];
	mg_brl_number(s, sizeof s, "", 1);
	CHECK_STR(s, "#A");
	mg_brl_number(s, sizeof s, "", 40);
	CHECK_STR(s, "#DJ");
	mg_brl_number(s, sizeof s, "P", 2);
	CHECK_STR(s, "P#B");
}

static void test_wrap(void)
{
	const char *t = "ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN ELEVEN";
	mg_brl_layout l = { .first = 2, .runover = 0 };
	mg_vec lines;
	char (*ln)[MG_BRL_CELLS + 1];
	size_t n;

	mg_vec_init(&lines, MG_BRL_CELLS + 1);
	n = mg_brl_wrap(t, strlen(t), &l, MG_BRL_CELLS, &lines);
	ln = lines.items;
	CHECK_INT(n, 2);
	CHECK_STR(ln[0], "  ONE TWO THREE FOUR FIVE SIX SEVEN");
	CHECK_STR(ln[1], "EIGHT NINE TEN ELEVEN");
	mg_vec_release(&lines);
}

static void test_long_word_cut(void)
{
	char w[61];
	mg_brl_layout l = { .first = 0, .runover = 2 };
	mg_vec lines;

	memset(w, 'A', 60);
	w[60] = '\0';
	mg_vec_init(&lines, MG_BRL_CELLS + 1);
	CHECK_INT(mg_brl_wrap(w, 60, &l, MG_BRL_CELLS, &lines), 2);
	CHECK_INT(strlen((char *)lines.items), 40);
	mg_vec_release(&lines);
}

/* 24 text lines a page: a heading that would be the last goes over. */
static void test_heading_kept(void)
{
	mg_pager p;
	mg_brl_layout para = { .first = 2 }, head = { .first = 4, .runover = 4, .keep = 1 };
	mg_brl_page *pg;

	mg_pager_init(&p, "");
	for (int i = 0; i < 23; i++)
		mg_pager_block(&p, "WORD", 4, &para);
	mg_pager_block(&p, "HEAD", 4, &head);
	mg_pager_block(&p, "TEXT", 4, &para);
	CHECK_INT(p.pages.len, 2);
	pg = p.pages.items;
	CHECK_INT(pg[0].nlines, 24);
	CHECK_STR(pg[1].line[1], "    HEAD");
	CHECK_STR(pg[0].line[0] + 38, "#A");
	mg_pager_release(&p);
}

static void test_write(void)
{
	mg_pager p;
	mg_brl_layout para = { .first = 2 };
	mg_vec out;
	const char want[] = "                                      #A\r\n  HI\r\n\f";

	mg_pager_init(&p, "");
	mg_vec_init(&out, 1);
	mg_pager_block(&p, "HI", 2, &para);
	mg_pager_write(&p, &out);
	CHECK_INT(out.len, sizeof want - 1);
	CHECK(memcmp(out.items, want, sizeof want - 1) == 0);
	mg_vec_release(&out);
	mg_pager_release(&p);
}

int main(void)
{
	RUN(test_numbers);
	RUN(test_wrap);
	RUN(test_long_word_cut);
	RUN(test_heading_kept);
	RUN(test_write);
	return MGT_DONE();
}
