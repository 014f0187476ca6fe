/* words.c — the catalogue's fixed words, sizes and dates in English and
 * Spanish. A table per language, as the model's terms (model/guide.c) are
 * kept; a language without one reads English. */
#include "catalog/words.h"
#include "readability/text.h"

#include <stdio.h>
#include <string.h>

static const char *const words_en[MG_CW_COUNT] = {
	[MG_CW_GUIDES] = "Health guides",
	[MG_CW_GUIDES_OF] = "health guides",
	[MG_CW_INTRO] = "Download a guide as an EPUB e-book, for phones, tablets "
			"and e-readers, or as a PDF to print.",
	[MG_CW_EMPTY] = "There are no guides here yet.",
	[MG_CW_EPUB] = "EPUB e-book",
	[MG_CW_PDF] = "PDF to print",
	[MG_CW_BRF] = "Braille (BRF)",
	[MG_CW_AUDIO] = "EPUB read aloud (synthetic voice)",
	[MG_CW_FEED] = "Reading apps that open OPDS catalogues, such as KOReader "
		       "and Thorium Reader, can list these guides from",
	[MG_CW_FEED_LINK] = "the OPDS catalogue",
	[MG_CW_LANGUAGE] = "English",
};

static const char *const words_es[MG_CW_COUNT] = {
	[MG_CW_GUIDES] = "Guías de salud",
	[MG_CW_GUIDES_OF] = "guías de salud",
	[MG_CW_INTRO] = "Descargue una guía como libro electrónico EPUB, para "
			"teléfonos, tabletas y lectores de libros electrónicos, o "
			"como PDF para imprimir.",
	[MG_CW_EMPTY] = "Todavía no hay guías aquí.",
	[MG_CW_EPUB] = "Libro electrónico EPUB",
	[MG_CW_PDF] = "PDF para imprimir",
	[MG_CW_BRF] = "Braille (BRF)",
	[MG_CW_AUDIO] = "EPUB leído en voz alta (voz sintética)",
	[MG_CW_FEED] = "Las aplicaciones de lectura que abren catálogos OPDS, "
		       "como KOReader y Thorium Reader, pueden mostrar estas "
		       "guías desde",
	[MG_CW_FEED_LINK] = "el catálogo OPDS",
	[MG_CW_LANGUAGE] = "Español",
};

static const char *const months_en[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static const char *const months_es[12] = {
	"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	"agosto", "septiembre", "octubre", "noviembre", "diciembre",
};

static int spanish(const char *language)
{
	return mg_read_lang_of(language) == MG_LANG_ES;
}

const char *mg_catalog_word_text(const char *language, mg_catalog_word w)
{
	if (w >= MG_CW_COUNT)
		return "";
	return spanish(language) ? words_es[w] : words_en[w];
}

int mg_catalog_has_words(const char *language)
{
	return mg_read_lang_of(language) != MG_LANG_OTHER;
}

void mg_catalog_size(const char *language, unsigned long long bytes,
		     char *buf, size_t size)
{
	const unsigned long long mb = 1024 * 1024;
	unsigned long long tenths;

	if (bytes < 1024) {
		snprintf(buf, size, "%llu bytes", bytes);
		return;
	}
	if (bytes < mb) {
		snprintf(buf, size, "%llu KB", (bytes + 512) / 1024);
		return;
	}
	tenths = (bytes * 10 + mb / 2) / mb;
	snprintf(buf, size, "%llu%c%llu MB", tenths / 10,
		 spanish(language) ? ',' : '.', tenths % 10);
}

static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

void mg_catalog_date(const char *language, const char *date, char *buf,
		     size_t size)
{
	int month, day;

	if (strlen(date) != 10 || date[4] != '-' || date[7] != '-' ||
	    !digits(date, 4) || !digits(date + 5, 2) || !digits(date + 8, 2)) {
		snprintf(buf, size, "%s", date);
		return;
	}
	month = (date[5] - '0') * 10 + (date[6] - '0');
	day = (date[8] - '0') * 10 + (date[9] - '0');
	if (month < 1 || month > 12 || day < 1 || day > 31) {
		snprintf(buf, size, "%s", date);
		return;
	}
	if (spanish(language))
		snprintf(buf, size, "%d de %s de %.4s", day, months_es[month - 1],
			 date);
	else
		snprintf(buf, size, "%d %s %.4s", day, months_en[month - 1], date);
}
