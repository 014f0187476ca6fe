/* figures.h — the readability formulas on a part's counts: Flesch Reading
 * Ease, Flesch-Kincaid grade and SMOG for English; Szigriszt-Pazos (with
 * its INFLESZ band) and Fernández-Huerta for Spanish; and the targets. */
#ifndef MG_FIGURES_H
#define MG_FIGURES_H

#include "readability/readability.h"

/* A SMOG grade on fewer sentences than this is indicative (McLaughlin
 * calibrated it on samples of 30). */
#define MG_SMOG_SENTENCES 30

typedef struct mg_read_figures {
	int valid;		/* words, sentences and a formula for the language */
	double flesch;		/* 206.835 - 1.015 W/S - 84.6 Sy/W */
	double fk_grade;	/* 0.39 W/S + 11.8 Sy/W - 15.59 */
	double smog;		/* 1.0430 sqrt(P * 30 / S) + 3.1291 */
	int smog_indicative;	/* S < MG_SMOG_SENTENCES */
	double szigriszt;	/* 206.835 - 62.3 Sy/W - W/S */
	const char *inflesz;	/* the band of szigriszt on the INFLESZ scale */
	double fernandez_huerta;	/* 206.84 - 0.60 (100 Sy/W) - 1.02 W/S */
} mg_read_figures;

/* The figures of counts c in lang, each rounded to one decimal (as they
 * are printed and judged). */
mg_read_figures mg_read_figures_of(const mg_read_counts *c, mg_read_lang lang);

/* "muy difícil" (< 40), "algo difícil" (< 55), "normal" (< 65),
 * "bastante fácil" (<= 80), "muy fácil". */
const char *mg_inflesz_band(double szigriszt);

/* Which figures miss the guide's targets: for English, Flesch-Kincaid and
 * SMOG above max_grade; for Spanish, Szigriszt-Pazos below min_inflesz. */
typedef struct mg_read_miss {
	int fk, smog, szigriszt;
} mg_read_miss;

mg_read_miss mg_read_judge(const mg_read_figures *f, mg_read_lang lang,
			   double max_grade, double min_inflesz);

#endif
