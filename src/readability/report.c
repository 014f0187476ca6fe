/* report.c — readability's warnings (diag.h), its table and its JSON. The
 * figures are the ones figures.c rounds, so that a table, a warning and a
 * JSON object of one part always say the same. */
#include "readability/report.h"
#include "core/arena.h"
#include "readability/figures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- warnings ---- */

/* The grade figures that miss, as "14.7 (Flesch-Kincaid) and 16.3 (SMOG)". */
static char *grades(mg_arena *a, const mg_read_figures *f, mg_read_miss m,
		    long sentences)
{
	char *fk = mg_arena_printf(a, "%.1f (Flesch-Kincaid)", f->fk_grade);
	char *smog = f->smog_indicative
		? mg_arena_printf(a, "%.1f (SMOG, indicative on %ld sentence%s)",
				  f->smog, sentences, sentences == 1 ? "" : "s")
		: mg_arena_printf(a, "%.1f (SMOG)", f->smog);

	if (m.fk && m.smog)
		return mg_arena_printf(a, "%s and %s", fk, smog);
	return m.fk ? fk : smog;
}

/* Indexes of p's longest sentences, longest first (the earlier of two
 * alike); returns how many (at most MG_REPORT_LONGEST). */
static size_t longest(const mg_read_part *p, size_t *at)
{
	size_t n = 0;

	for (size_t i = 0; i < p->nsentences; i++) {
		int words = p->sentences[i].words;
		size_t k;
		if (n == MG_REPORT_LONGEST && words <= p->sentences[at[n - 1]].words)
			continue;
		k = n < MG_REPORT_LONGEST ? n++ : n - 1;
		while (k > 0 && p->sentences[at[k - 1]].words < words) {
			at[k] = at[k - 1];
			k--;
		}
		at[k] = i;
	}
	return n;
}

static void notes(const mg_read_part *p, mg_diag *d)
{
	size_t at[MG_REPORT_LONGEST], n = longest(p, at);

	for (size_t i = 0; i < n; i++) {
		const mg_read_sentence *s = &p->sentences[at[i]];
		mg_diag_report(d, MG_NOTE, p->path, s->line, s->col,
			       "%d word%s: \"%s\"", s->words,
			       s->words == 1 ? "" : "s", s->excerpt);
	}
}

void mg_report_warnings(const mg_read_guide *r, mg_diag *d)
{
	mg_arena *a = mg_arena_new();

	for (size_t i = 0; i < r->nparts; i++) {
		const mg_read_part *p = &r->parts[i];
		mg_read_figures f = mg_read_figures_of(&p->counts, r->lang);
		mg_read_miss m = mg_read_judge(&f, r->lang, r->max_grade, r->min_inflesz);
		if (m.fk || m.smog)
			mg_warning(d, p->path, 0, 0,
				   "reads at grade %s; the guide's target is grade %g or below",
				   grades(a, &f, m, p->counts.sentences), r->max_grade);
		else if (m.szigriszt)
			mg_warning(d, p->path, 0, 0,
				   "reads at %.1f on the INFLESZ scale (Szigriszt-Pazos, \"%s\"); "
				   "the guide's target is %g or above",
				   f.szigriszt, f.inflesz, r->min_inflesz);
		else
			continue;
		notes(p, d);
	}
	mg_arena_free(a);
}

/* ---- the table ---- */

/* Characters (not bytes) of UTF-8 s. */
static int width(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void pad(FILE *f, const char *s, int to)
{
	fputs(s, f);
	for (int n = width(s); n < to; n++)
		fputc(' ', f);
}

static const char *target_word(const mg_read_figures *f, mg_read_miss m)
{
	if (!f->valid)
		return "-";
	return m.fk || m.smog || m.szigriszt ? "missed" : "ok";
}

static void row_en(FILE *f, const mg_read_counts *c, const mg_read_figures *x,
		   const char *target)
{
	fprintf(f, " %6ld %9ld %9ld %5ld", c->words, c->sentences, c->syllables,
		c->polysyllables);
	if (x->valid)
		fprintf(f, " %7.1f %9.1f %5.1f%s %s\n", x->flesch, x->fk_grade,
			x->smog, x->smog_indicative ? "*" : " ", target);
	else
		fprintf(f, " %7s %9s %5s  %s\n", "-", "-", "-", target);
}

static void row_es(FILE *f, const mg_read_counts *c, const mg_read_figures *x,
		   const char *target)
{
	fprintf(f, " %6ld %9ld %9ld", c->words, c->sentences, c->syllables);
	if (x->valid) {
		fprintf(f, " %9.1f  ", x->szigriszt);
		pad(f, x->inflesz, 14);
		fprintf(f, " %16.1f %s\n", x->fernandez_huerta, target);
	} else {
		fprintf(f, " %9s  %-14s %16s %s\n", "-", "-", "-", target);
	}
}

static void row(FILE *f, const mg_read_guide *r, const char *name, int w,
		const mg_read_counts *c)
{
	mg_read_figures x = mg_read_figures_of(c, r->lang);
	mg_read_miss m = mg_read_judge(&x, r->lang, r->max_grade, r->min_inflesz);

	pad(f, name, w);
	if (r->lang == MG_LANG_EN)
		row_en(f, c, &x, target_word(&x, m));
	else if (r->lang == MG_LANG_ES)
		row_es(f, c, &x, target_word(&x, m));
	else
		fprintf(f, " %6ld %9ld\n", c->words, c->sentences);
}

static void header(FILE *f, const mg_read_guide *r, int w)
{
	if (r->lang == MG_LANG_EN)
		fprintf(f, "readability of %s (%s): target grade %g or below "
			"(Flesch-Kincaid and SMOG)\n", r->slug, r->language, r->max_grade);
	else if (r->lang == MG_LANG_ES)
		fprintf(f, "readability of %s (%s): target %g or above on the INFLESZ "
			"scale (Szigriszt-Pazos)\n", r->slug, r->language, r->min_inflesz);
	else
		fprintf(f, "readability of %s (%s): counts only, no readability "
			"formula for this language\n", r->slug, r->language);
	pad(f, "file", w);
	if (r->lang == MG_LANG_EN)
		fputs("  words sentences syllables poly.  Flesch F-K grade  SMOG  target\n", f);
	else if (r->lang == MG_LANG_ES)
		fputs("  words sentences syllables Szigriszt  INFLESZ        Fernández-Huerta target\n", f);
	else
		fputs("  words sentences\n", f);
}

/* Writes r's table to f. */
static void table(FILE *f, const mg_read_guide *r)
{
	int w = (int)strlen("total");

	for (size_t i = 0; i < r->nparts; i++)
		if (width(r->parts[i].file) > w)
			w = width(r->parts[i].file);
	header(f, r, w);
	for (size_t i = 0; i < r->nparts; i++)
		row(f, r, r->parts[i].file, w, &r->parts[i].counts);
	row(f, r, "total", w, &r->total);
	if (r->lang == MG_LANG_EN)
		fprintf(f, "* SMOG on fewer than %d sentences is indicative.\n",
			MG_SMOG_SENTENCES);
	fputc('\n', f);
}

/* What print(f, r) writes, as a string; NULL if no stream can be opened. */
static char *to_string(void (*print)(FILE *, const mg_read_guide *), const mg_read_guide *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	print(f, r);
	fclose(f);
	return buf;
}

char *mg_report_text(const mg_read_guide *r)
{
	return to_string(table, r);
}

/* ---- JSON ---- */

/* s as a JSON string: quotes, backslashes and control characters escaped,
 * UTF-8 as it is. */
static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void json_figure(FILE *f, const char *key, int valid, double x)
{
	if (valid)
		fprintf(f, ",\"%s\":%.1f", key, x);
	else
		fprintf(f, ",\"%s\":null", key);
}

static void json_counts(FILE *f, const mg_read_guide *r, const mg_read_counts *c)
{
	mg_read_figures x = mg_read_figures_of(c, r->lang);
	mg_read_miss m = mg_read_judge(&x, r->lang, r->max_grade, r->min_inflesz);

	fprintf(f, "\"words\":%ld,\"sentences\":%ld", c->words, c->sentences);
	if (r->lang == MG_LANG_EN) {
		fprintf(f, ",\"syllables\":%ld,\"polysyllables\":%ld", c->syllables,
			c->polysyllables);
		json_figure(f, "flesch_reading_ease", x.valid, x.flesch);
		json_figure(f, "flesch_kincaid_grade", x.valid, x.fk_grade);
		json_figure(f, "smog_grade", x.valid, x.smog);
		fprintf(f, ",\"smog_indicative\":%s", x.valid && !x.smog_indicative ? "false" : "true");
	} else if (r->lang == MG_LANG_ES) {
		fprintf(f, ",\"syllables\":%ld", c->syllables);
		json_figure(f, "szigriszt_pazos", x.valid, x.szigriszt);
		fputs(",\"inflesz_band\":", f);
		if (x.valid)
			json_string(f, x.inflesz);
		else
			fputs("null", f);
		json_figure(f, "fernandez_huerta", x.valid, x.fernandez_huerta);
	}
	if (r->lang != MG_LANG_OTHER)
		fprintf(f, ",\"meets_target\":%s",
			!x.valid ? "null" : m.fk || m.smog || m.szigriszt ? "false" : "true");
}

static void json_guide(FILE *f, const mg_read_guide *r)
{
	fputs("{\"slug\":", f);
	json_string(f, r->slug);
	fputs(",\"language\":", f);
	json_string(f, r->language);
	if (r->lang == MG_LANG_EN)
		fprintf(f, ",\"target\":{\"max_grade\":%g}", r->max_grade);
	else if (r->lang == MG_LANG_ES)
		fprintf(f, ",\"target\":{\"min_inflesz\":%g}", r->min_inflesz);
	fputs(",\"parts\":[", f);
	for (size_t i = 0; i < r->nparts; i++) {
		fputs(i ? ",{\"file\":" : "{\"file\":", f);
		json_string(f, r->parts[i].file);
		fputc(',', f);
		json_counts(f, r, &r->parts[i].counts);
		fputc('}', f);
	}
	fputs("],\"total\":{", f);
	json_counts(f, r, &r->total);
	fputs("}}", f);
}

char *mg_report_json(const mg_read_guide *r)
{
	return to_string(json_guide, r);
}
