/* readability.h — the readability of a guide, part by part: words,
 * sentences, syllables and polysyllables of the body text, and where each
 * sentence starts, so that check can report them and point at long ones. */
#ifndef MG_READABILITY_H
#define MG_READABILITY_H

#include <stddef.h>

#include "core/arena.h"
#include "model/guide.h"
#include "readability/text.h"

typedef struct mg_read_counts {
	long words, sentences, syllables, polysyllables;
} mg_read_counts;

typedef struct mg_read_sentence {
	int words;
	int line, col;		/* where it starts in the part's file */
	const char *excerpt;	/* its first words, " ..." when cut */
} mg_read_sentence;

typedef struct mg_read_part {
	const char *path;	/* the part's file as messages name it */
	const char *file;	/* the same, relative to the guide's folder */
	mg_read_counts counts;
	mg_read_sentence *sentences;	/* in reading order */
	size_t nsentences;
} mg_read_part;

typedef struct mg_read_guide {
	mg_arena *arena;	/* owns all below */
	const char *slug;
	const char *language;	/* the guide's tag, as written */
	mg_read_lang lang;
	double max_grade;	/* the guide's targets (readability: in guide.yaml) */
	double min_inflesz;
	mg_read_part *parts;	/* the guide's parts, in order */
	size_t nparts;
	mg_read_counts total;
} mg_read_guide;

/* Counts every part of g. Body text counts: paragraphs, list items,
 * quotes, footnotes, the FAQ's answers, the disclaimer; headings, table
 * cells, code (blocks and spans) and images' alt text do not. A sentence
 * ends at a stop (sentences.h) or at the end of its paragraph. Free with
 * mg_readability_free. */
mg_read_guide *mg_readability_guide(const mg_guide *g);
void mg_readability_free(mg_read_guide *r);

/* Counts one part's body and footnotes into out, in lang, allocating
 * from a (for tests: a model built by hand). */
void mg_readability_part(mg_arena *a, const mg_part *p, mg_read_lang lang,
			 mg_read_part *out);

/* Counts plain text: each line is a block (paragraph) of its own. */
mg_read_counts mg_readability_text(const char *text, mg_read_lang lang);

#endif
