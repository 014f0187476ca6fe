/* test_syllables.c — the syllable counters against hand-counted word lists
 * (words-en.txt, words-en-2.txt, words-es.txt: "word<TAB>syllables"), with
 * the accuracy each must reach and the words it misses. Run from the root. */
#include "readability/syllables.h"

#include "mgtest.h"

#include <string.h>

#define DIR "tests/unit/readability/"

/* The share of the list's words counted right (0 when it cannot be read);
 * prints each miss. */
static double accuracy(const char *file, mg_read_lang lang, int *total)
{
	FILE *f = fopen(file, "r");
	char line[256];
	int n = 0, right = 0;

	if (!f) {
		printf("  cannot read %s\n", file);
		return 0;
	}
	while (fgets(line, sizeof line, f)) {
		char *tab = strchr(line, '\t');
		int want, got;
		if (line[0] == '#' || !tab)
			continue;
		*tab = '\0';
		want = atoi(tab + 1);
		got = lang == MG_LANG_EN ? mg_syllables_en(line, strlen(line))
					 : mg_syllables_es(line, strlen(line));
		n++;
		if (got == want)
			right++;
		else
			printf("  miss: %s: %d syllables, the list says %d\n", line, got, want);
	}
	fclose(f);
	*total = n;
	printf("  %s: %d of %d right (%.1f%%)\n", file, right, n, n ? 100.0 * right / n : 0);
	return n ? (double)right / n : 0;
}

static void english_list(void)
{
	int n;

	CHECK(accuracy(DIR "words-en.txt", MG_LANG_EN, &n) >= 0.95);
	CHECK(n >= 300);
}

/* A second list, counted by hand after the rules were written and not
 * used to tune them: how they do on words they have not seen. */
static void english_unseen_list(void)
{
	int n;

	CHECK(accuracy(DIR "words-en-2.txt", MG_LANG_EN, &n) >= 0.95);
	CHECK(n >= 200);
}

static void spanish_list(void)
{
	int n;

	CHECK(accuracy(DIR "words-es.txt", MG_LANG_ES, &n) >= 0.99);
	CHECK(n >= 300);
}

static void exceptions_sorted(void)
{
	CHECK(mg_syllables_tables_ok());
}

static int word(mg_read_lang lang, const char *w)
{
	return mg_syllables_word(lang, w, strlen(w));
}

/* Words as the counters meet them in text: hyphens, apostrophes, digits,
 * capitals, accents. */
static void words_in_text(void)
{
	CHECK_INT(word(MG_LANG_EN, "self-injury"), 4);
	CHECK_INT(word(MG_LANG_EN, "don't"), 1);
	CHECK_INT(word(MG_LANG_EN, "patient\xe2\x80\x99s"), 2);	/* ’ */
	CHECK_INT(word(MG_LANG_EN, "2026"), 1);	/* numbers: one, as in style */
	CHECK_INT(word(MG_LANG_EN, "0.5"), 1);
	CHECK_INT(word(MG_LANG_EN, "COVID-19"), 2);
	CHECK_INT(word(MG_LANG_EN, "X-ray"), 2);
	CHECK_INT(word(MG_LANG_EN, "PTSD"), 1);
	CHECK_INT(word(MG_LANG_EN, "Naltrexone"), 3);
	CHECK_INT(word(MG_LANG_EN, "caf\xc3\xa9"), 2);		/* café */
	CHECK_INT(word(MG_LANG_ES, "\xc3\x81REA"), 3);		/* ÁREA */
	CHECK_INT(word(MG_LANG_ES, "PING\xc3\x9cINO"), 3);	/* PINGÜINO */
	CHECK_INT(word(MG_LANG_ES, "Y"), 1);
	CHECK_INT(word(MG_LANG_ES, "12"), 1);
	CHECK_INT(word(MG_LANG_ES, "mg"), 1);
	CHECK_INT(word(MG_LANG_OTHER, "palavra"), 0);
	/* no vowel, no syllable; a word too long for the rules still counts */
	CHECK_INT(mg_syllables_en("nth", 3), 0);
	CHECK(mg_syllables_en("supercalifragilisticexpialidocioussupercalifragilisticexpialidocious", 68) > 20);
}

/* The Spanish rules one by one. */
static void spanish_rules(void)
{
	CHECK_INT(mg_syllables_es("guerra", 6), 2);		/* silent u */
	CHECK_INT(mg_syllables_es("qui\xc3\xa9n", 6), 1);	/* quién */
	CHECK_INT(mg_syllables_es("ag\xc3\xbc""ero", 7), 3);	/* agüero: ü said */
	CHECK_INT(mg_syllables_es("pa\xc3\xads", 5), 2);	/* país: í breaks */
	CHECK_INT(mg_syllables_es("cu\xc3\xad""date", 8), 3);	/* cuídate: ui stays */
	CHECK_INT(mg_syllables_es("leer", 4), 2);		/* hiatus */
	CHECK_INT(mg_syllables_es("hoy", 3), 1);		/* final y */
	CHECK_INT(mg_syllables_es("mayo", 4), 2);		/* y consonant */
	CHECK_INT(mg_syllables_es("buey", 4), 1);		/* triphthong */
	CHECK_INT(mg_syllables_es("prohibido", 9), 3);		/* h keeps oi */
	CHECK_INT(mg_syllables_es("veh\xc3\xad""culo", 9), 4);	/* vehículo */
}

int main(void)
{
	RUN(english_list);
	RUN(english_unseen_list);
	RUN(spanish_list);
	RUN(exceptions_sorted);
	RUN(words_in_text);
	RUN(spanish_rules);
	return MGT_DONE();
}
