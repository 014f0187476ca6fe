/* test_sentences.c — the sentence splitter: stops, abbreviations in English
 * and Spanish, initials, decimals, ellipses, quotes, and a block's end as a
 * sentence's end. */
#include "readability/sentences.h"

#include "mgtest.h"

#include <string.h>

/* The sentences of s joined with " | ". */
static const char *split(const char *s)
{
	static char out[1024];
	size_t pos = 0, len = strlen(s), n = 0;
	mg_span sp;

	out[0] = '\0';
	while (mg_sentence_next(s, len, &pos, &sp)) {
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s", n ? " | " : "",
				      (int)(sp.end - sp.start), s + sp.start);
		if (n >= sizeof out)
			break;
	}
	return out;
}

static void stops(void)
{
	CHECK_STR(split("One. Two! Three? Four"), "One. | Two! | Three? | Four");
	CHECK_STR(split("  Leading and trailing spaces.  "), "Leading and trailing spaces.");
	CHECK_STR(split("Really?! Yes."), "Really?! | Yes.");
	CHECK_STR(split("\xc2\xbf""Qu\xc3\xa9 hago? \xc2\xa1Llame al 112!"),
		  "\xc2\xbf""Qu\xc3\xa9 hago? | \xc2\xa1Llame al 112!");
	CHECK_STR(split(""), "");
	CHECK_STR(split(" \xe2\x80\x94 "), "");	/* no word, no sentence */
}

static void english_abbreviations(void)
{
	CHECK_STR(split("Dr. Smith and Mr. Jones met Mrs. Lee. They talked."),
		  "Dr. Smith and Mr. Jones met Mrs. Lee. | They talked.");
	CHECK_STR(split("Eat fruit, e.g. apples, i.e. the red ones. Then rest."),
		  "Eat fruit, e.g. apples, i.e. the red ones. | Then rest.");
	CHECK_STR(split("Take approx. 5 mg. Rest vs. work."),
		  "Take approx. 5 mg. | Rest vs. work.");
	CHECK_STR(split("Bring pens, paper, etc. and a book. Bring food etc. Then go."),
		  "Bring pens, paper, etc. and a book. | Bring food etc. | Then go.");
	CHECK_STR(split("Born in the U.S. in 1990. She moved."),
		  "Born in the U.S. in 1990. | She moved.");
}

static void spanish_abbreviations(void)
{
	CHECK_STR(split("La Dra. P\xc3\xa9rez y el Sr. Ruiz llegaron. La Sra. Gil no."),
		  "La Dra. P\xc3\xa9rez y el Sr. Ruiz llegaron. | La Sra. Gil no.");
	CHECK_STR(split("Hay frutas, p. ej. manzanas. Coma dos."),
		  "Hay frutas, p. ej. manzanas. | Coma dos.");
	CHECK_STR(split("Vive en EE. UU. desde 2010. Luego volvi\xc3\xb3."),
		  "Vive en EE. UU. desde 2010. | Luego volvi\xc3\xb3.");
	CHECK_STR(split("Vive en EE. UU. Luego volvi\xc3\xb3."),
		  "Vive en EE. UU. | Luego volvi\xc3\xb3.");
}

static void numbers_and_initials(void)
{
	CHECK_STR(split("Take 0.5 mg twice. Or 0,5 mg once."),
		  "Take 0.5 mg twice. | Or 0,5 mg once.");
	CHECK_STR(split("J. R. R. Tolkien wrote it. It is long."),
		  "J. R. R. Tolkien wrote it. | It is long.");
	CHECK_STR(split("Call 112. Then wait."), "Call 112. | Then wait.");
	CHECK_STR(split("See fig. 3 and Fig. 4. Done."), "See fig. 3 and Fig. 4. | Done.");
}

static void ellipses_and_quotes(void)
{
	CHECK_STR(split("Wait... then go. And stop... Then rest."),
		  "Wait... then go. | And stop... | Then rest.");
	CHECK_STR(split("Wait\xe2\x80\xa6 then go\xe2\x80\xa6 Then rest\xe2\x80\xa6"),
		  "Wait\xe2\x80\xa6 then go\xe2\x80\xa6 | Then rest\xe2\x80\xa6");
	CHECK_STR(split("He said \xe2\x80\x9cstop.\xe2\x80\x9d Then he left. (It was late.) So."),
		  "He said \xe2\x80\x9cstop.\xe2\x80\x9d | Then he left. | (It was late.) | So.");
	CHECK_STR(split("Dosis: 5 mg.\nSiguiente."), "Dosis: 5 mg. | Siguiente.");
}

int main(void)
{
	RUN(stops);
	RUN(english_abbreviations);
	RUN(spanish_abbreviations);
	RUN(numbers_and_initials);
	RUN(ellipses_and_quotes);
	return MGT_DONE();
}
