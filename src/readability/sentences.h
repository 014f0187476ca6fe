/* sentences.h — splitting a block's text into sentences: at . ! ? and …
 * before a space or the end, but not after abbreviations (Dr., e.g., p. ej.,
 * EE. UU.), initials (J. R. R. Tolkien) or inside numbers (0.5, 0,5). */
#ifndef MG_SENTENCES_H
#define MG_SENTENCES_H

#include <stddef.h>

#include "readability/text.h"

/* The next sentence of s[0..len) at or after *pos, less the spaces around
 * it; a stretch that holds no word (a lone "—") is passed over. The end of
 * the text ends a sentence, full stop or not: give it one block (a
 * paragraph, a list item's paragraph). Returns 1 with the sentence in *out
 * and *pos after it, or 0 at the end. */
int mg_sentence_next(const char *s, size_t len, size_t *pos, mg_span *out);

#endif
