/* hyphenate.h — where a word may be hyphenated, from libhyphen and Debian's
 * hyphen-* pattern dictionaries, chosen by the guide's language. A library
 * object loads each dictionary once, on first use; it is only read after. */
#ifndef MG_HYPHENATE_H
#define MG_HYPHENATE_H

#include <stddef.h>

struct mg_guide;

typedef struct mg_hyphen mg_hyphen;

/* The pattern dictionaries of a build: each language's found and read once,
 * on first use, then only read, by layouts on any threads (its lock guards
 * the loading). Owned by whoever made it; free it after the last layout and
 * the last mg_hyphen_release. */
typedef struct mg_hyphenlib mg_hyphenlib;

mg_hyphenlib *mg_hyphenlib_new(void);
void mg_hyphenlib_free(mg_hyphenlib *lib);

/* The whole dictionary for a BCP 47 language tag ("en", "es-MX", "pt-BR")
 * from /usr/share/hyphen: the tag's region (hyph_es_MX.dic), else the
 * language's main one (en_US, es_ES), else hyph_<lang>.dic or any
 * hyph_<lang>_*.dic. NULL when none is installed. Loading English takes
 * about 10 ms; a catalogue does it once for all its guides. The result
 * belongs to lib. */
const mg_hyphen *mg_hyphen_get(mg_hyphenlib *lib, const char *language);

/* A hyphenator for guide g alone. Liang's patterns only ever apply to
 * substrings of ".word.", so only the patterns that occur in some word of the
 * guide are given to libhyphen (found through an index of the dictionary's
 * lines that lib makes once per language, patindex.h): the same breaks for
 * every word of g, at a tenth of the cost of loading the whole English
 * dictionary. When lib has the whole dictionary already (a catalogue loads it), that is returned
 * instead, as it is for a dictionary that is not UTF-8. NULL when the
 * language has no dictionary. Release with mg_hyphen_release (which leaves
 * lib's own alone). */
const mg_hyphen *mg_hyphen_for_guide(mg_hyphenlib *lib, const struct mg_guide *g);
void mg_hyphen_release(const mg_hyphen *h);

/* The words hyphenated by patterns: runs of letter bytes (ASCII letters
 * and any byte of a multibyte UTF-8 character) of MG_HYPHEN_MIN_BYTES to
 * MG_HYPHEN_MAX_BYTES. The layout asks about exactly these; a guide's own
 * hyphenator gathers its patterns from exactly these. */
#define MG_HYPHEN_MIN_BYTES 6
#define MG_HYPHEN_MAX_BYTES 64

static inline int mg_hyphen_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Marks where word w[0..len) (UTF-8, letters only) may take a hyphen:
 * brk[i] = 1 when a break may come before byte i (0 < i < len). brk has len
 * bytes. Keeps at least two letters before and three after a break.
 * Returns the number of breaks found. */
size_t mg_hyphen_points(const mg_hyphen *h, const char *w, size_t len,
			unsigned char *brk);

#endif
