/* test_words.c — the catalogue's fixed words (words.h): English, Spanish
 * for es and its regions, English for other languages; sizes and dates
 * written as readers of each language expect. */
#include <string.h>

#include "mgtest.h"
#include "catalog/words.h"

static void test_words(void)
{
	CHECK_STR(mg_catalog_word_text("en", MG_CW_EPUB), "EPUB e-book");
	CHECK_STR(mg_catalog_word_text("es", MG_CW_EPUB), "Libro electrónico EPUB");
	CHECK_STR(mg_catalog_word_text("ES-mx", MG_CW_PDF), "PDF para imprimir");
	CHECK_STR(mg_catalog_word_text("fr", MG_CW_PDF), "PDF to print");
	CHECK_STR(mg_catalog_word_text("est", MG_CW_LANGUAGE), "English");
	CHECK_STR(mg_catalog_word_text("es", MG_CW_LANGUAGE), "Español");
	CHECK(mg_catalog_has_words("en-GB") && mg_catalog_has_words("es"));
	CHECK(!mg_catalog_has_words("fr") && !mg_catalog_has_words("eng"));
	for (int w = 0; w < MG_CW_COUNT; w++) {
		CHECK(*mg_catalog_word_text("en", (mg_catalog_word)w));
		CHECK(*mg_catalog_word_text("es", (mg_catalog_word)w));
	}
}

static void size(const char *lang, unsigned long long n, const char *want)
{
	char buf[32];

	mg_catalog_size(lang, n, buf, sizeof buf);
	CHECK_STR(buf, want);
}

static void test_sizes(void)
{
	size("en", 0, "0 bytes");
	size("en", 1023, "1023 bytes");
	size("en", 1024, "1 KB");
	size("en", 421888, "412 KB");
	size("en", 1048575, "1024 KB");
	size("en", 1048576, "1.0 MB");
	size("en", 2202010, "2.1 MB");
	size("es", 2202010, "2,1 MB");
	size("es", 421888, "412 KB");
}

static void date(const char *lang, const char *d, const char *want)
{
	char buf[64];

	mg_catalog_date(lang, d, buf, sizeof buf);
	CHECK_STR(buf, want);
}

static void test_dates(void)
{
	date("en", "2026-11-20", "20 November 2026");
	date("es", "2026-03-01", "1 de marzo de 2026");
	date("es-MX", "2026-12-31", "31 de diciembre de 2026");
	date("fr", "2026-01-05", "5 January 2026");
	/* not a date of that form: as it is */
	date("en", "2026", "2026");
	date("en", "2026-13-01", "2026-13-01");
	date("en", "2026-1x-01", "2026-1x-01");
}

int main(void)
{
	RUN(test_words);
	RUN(test_sizes);
	RUN(test_dates);
	return MGT_DONE();
}
