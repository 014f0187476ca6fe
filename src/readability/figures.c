/* figures.c — the formulas of notes/health-literacy.md on word, sentence,
 * syllable and polysyllable counts, the INFLESZ bands, and the judgement
 * of a part against its guide's targets. */
#include "readability/figures.h"

#include <math.h>

/* x to one decimal, without a negative zero. */
static double round1(double x)
{
	double r = round(x * 10.0) / 10.0;

	return r == 0.0 ? 0.0 : r;
}

static void english(mg_read_figures *f, double wps, double spw, double poly,
		    double sentences)
{
	f->flesch = round1(206.835 - 1.015 * wps - 84.6 * spw);
	f->fk_grade = round1(0.39 * wps + 11.8 * spw - 15.59);
	f->smog = round1(1.0430 * sqrt(poly * 30.0 / sentences) + 3.1291);
	f->smog_indicative = sentences < MG_SMOG_SENTENCES;
}

static void spanish(mg_read_figures *f, double wps, double spw)
{
	f->szigriszt = round1(206.835 - 62.3 * spw - wps);
	f->inflesz = mg_inflesz_band(f->szigriszt);
	/* words per sentence, not sentences per 100 words (Law 2011) */
	f->fernandez_huerta = round1(206.84 - 0.60 * (100.0 * spw) - 1.02 * wps);
}

mg_read_figures mg_read_figures_of(const mg_read_counts *c, mg_read_lang lang)
{
	mg_read_figures f = { 0 };
	double wps, spw;

	if (c->words <= 0 || c->sentences <= 0 || lang == MG_LANG_OTHER)
		return f;
	f.valid = 1;
	wps = (double)c->words / (double)c->sentences;
	spw = (double)c->syllables / (double)c->words;
	if (lang == MG_LANG_EN)
		english(&f, wps, spw, (double)c->polysyllables, (double)c->sentences);
	else
		spanish(&f, wps, spw);
	return f;
}

const char *mg_inflesz_band(double s)
{
	if (s < 40)
		return "muy difícil";
	if (s < 55)
		return "algo difícil";
	if (s < 65)
		return "normal";
	if (s <= 80)
		return "bastante fácil";
	return "muy fácil";
}

mg_read_miss mg_read_judge(const mg_read_figures *f, mg_read_lang lang,
			   double max_grade, double min_inflesz)
{
	mg_read_miss m = { 0, 0, 0 };

	if (!f->valid)
		return m;
	if (lang == MG_LANG_EN) {
		m.fk = f->fk_grade > max_grade;
		m.smog = f->smog > max_grade;
	} else if (lang == MG_LANG_ES) {
		m.szigriszt = f->szigriszt < min_inflesz;
	}
	return m;
}
