/* format.c — BANA page layout: BRF cells into lines of 40 and pages of 25,
 * the braille page number at the top right of each page, blocks at their
 * indents, no word divided between lines, no heading last on a page. */
#include "braille/format.h"

#include <stdio.h>
#include <string.h>

typedef char mg_brl_line[MG_BRL_CELLS + 1];

void mg_pager_init(mg_pager *p, const char *prefix)
{
	mg_vec_init(&p->pages, sizeof(mg_brl_page));
	p->prefix = prefix;
	p->after_heading = 0;
}

void mg_pager_release(mg_pager *p)
{
	mg_vec_release(&p->pages);
}

void mg_brl_number(char *out, size_t size, const char *prefix, int n)
{
	char digits[16];
	size_t used;

	snprintf(digits, sizeof digits, "%d", n);
	used = (size_t)snprintf(out, size, "%s#", prefix);
	for (char *d = digits; *d && used + 1 < size; d++)
		out[used++] = *d == '0' ? 'J' : (char)('A' + (*d - '1'));
	out[used < size ? used : size - 1] = '\0';
}

static mg_brl_page *current(mg_pager *p)
{
	mg_brl_page *pages = p->pages.items;
	return p->pages.len ? &pages[p->pages.len - 1] : NULL;
}

/* Adds a page with its number at the top right. */
static mg_brl_page *add_page(mg_pager *p)
{
	mg_brl_page *pg = mg_vec_push(&p->pages);
	char num[24];
	size_t n;

	mg_brl_number(num, sizeof num, p->prefix, (int)p->pages.len);
	n = strlen(num);
	memset(pg->line[0], ' ', MG_BRL_CELLS - n);
	memcpy(pg->line[0] + MG_BRL_CELLS - n, num, n + 1);
	pg->nlines = 1;
	return pg;
}

void mg_pager_new_page(mg_pager *p)
{
	mg_brl_page *pg = current(p);
	if (!pg || pg->nlines > 1)
		add_page(p);
}

int mg_pager_page(const mg_pager *p)
{
	const mg_brl_page *pages = p->pages.items;
	size_t n = p->pages.len;

	if (n == 0)
		return 1;
	return pages[n - 1].nlines < MG_BRL_LINES ? (int)n : (int)n + 1;
}

/* Lines left on the current page (0 when there is none). */
static int room(mg_pager *p)
{
	mg_brl_page *pg = current(p);
	return pg ? MG_BRL_LINES - pg->nlines : 0;
}

static int at_top(mg_pager *p)
{
	mg_brl_page *pg = current(p);
	return !pg || pg->nlines <= 1;
}

void mg_pager_line(mg_pager *p, const char *cells)
{
	mg_brl_page *pg = room(p) > 0 ? current(p) : add_page(p);
	snprintf(pg->line[pg->nlines++], MG_BRL_CELLS + 1, "%s", cells);
}

void mg_pager_blank(mg_pager *p)
{
	if (!at_top(p) && room(p) > 0)
		mg_pager_line(p, "");
}

/* Ends line cur (of indent + words) into lines. */
static void emit(mg_vec *lines, const char *cur, const mg_brl_layout *l)
{
	char *dst = mg_vec_push(lines);
	size_t n = strlen(cur), pad;

	if (!l->centered) {
		memcpy(dst, cur, n + 1);
		return;
	}
	pad = (MG_BRL_CELLS - n) / 2;
	memset(dst, ' ', pad);
	memcpy(dst + pad, cur, n + 1);
}

/* The next word of s[*i..len): its start and length; 0 at the end. */
static size_t next_word(const char *s, size_t len, size_t *i, const char **w)
{
	size_t n = 0;

	while (*i < len && s[*i] == ' ')
		(*i)++;
	*w = s + *i;
	while (*i < len && s[*i] != ' ') {
		(*i)++;
		n++;
	}
	return n;
}

size_t mg_brl_wrap(const char *cells, size_t len, const mg_brl_layout *l,
		   int width, mg_vec *lines)
{
	mg_brl_line cur;
	size_t i = 0, wn, used, start = lines->len, ind;
	const char *w;
	int have = 0;

	if (l->centered)
		width -= 6;
	ind = (size_t)(l->centered ? 0 : l->first);
	memset(cur, ' ', ind);
	used = ind;
	while ((wn = next_word(cells, len, &i, &w)) > 0) {
		while (wn > 0) {
			size_t gap = have ? 1 : 0, take = wn;
			if (used + gap + wn > (size_t)width && have) {
				cur[used] = '\0';
				emit(lines, cur, l);
				ind = (size_t)(l->centered ? 0 : l->runover);
				memset(cur, ' ', ind);
				used = ind;
				have = 0;
				continue;
			}
			if (used + gap + take > (size_t)width)	/* longer than a line */
				take = (size_t)width - used - gap;
			if (gap)
				cur[used++] = ' ';
			memcpy(cur + used, w, take);
			used += take;
			w += take;
			wn -= take;
			have = 1;
		}
	}
	if (have) {
		cur[used] = '\0';
		emit(lines, cur, l);
	}
	return lines->len - start;
}

void mg_pager_block(mg_pager *p, const char *cells, size_t len,
		    const mg_brl_layout *l)
{
	mg_vec lines;
	size_t n;
	mg_brl_line *ln;
	int need;

	mg_vec_init(&lines, sizeof(mg_brl_line));
	n = mg_brl_wrap(cells, len, l, MG_BRL_CELLS, &lines);
	ln = lines.items;
	if (n == 0)
		goto out;
	if (l->blank_before && !p->after_heading)
		mg_pager_blank(p);
	/* A heading keeps its blank line and at least one line after it. */
	need = (int)n + (l->keep ? 1 + l->blank_after : 0);
	if (l->keep && need > room(p) && need < MG_BRL_LINES - 1)
		add_page(p);
	for (size_t i = 0; i < n; i++)
		mg_pager_line(p, ln[i]);
	p->after_heading = l->keep;
	if (l->blank_after)
		mg_pager_blank(p);
out:
	mg_vec_release(&lines);
}

void mg_pager_write(const mg_pager *p, mg_vec *out)
{
	const mg_brl_page *pages = p->pages.items;

	for (size_t i = 0; i < p->pages.len; i++) {
		const mg_brl_page *pg = &pages[i];
		int last = pg->nlines;
		while (last > 1 && pg->line[last - 1][strspn(pg->line[last - 1], " ")] == '\0')
			last--;
		for (int j = 0; j < last; j++) {
			size_t n = strlen(pg->line[j]);
			while (n > 0 && pg->line[j][n - 1] == ' ')
				n--;
			mg_vec_append(out, pg->line[j], n);
			mg_vec_append(out, "\r\n", 2);
		}
		mg_vec_append(out, "\f", 1);
	}
}
