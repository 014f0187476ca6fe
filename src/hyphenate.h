/* hyphenate.h — where a word may be hyphenated, from libhyphen and Debian's
 * hyphen-* pattern dictionaries, chosen by the guide's language. A dictionary
 * is loaded once per process on first use and only read afterwards. */
#ifndef MG_HYPHENATE_H
#define MG_HYPHENATE_H

#include <stddef.h>

struct mg_guide;

typedef struct mg_hyphen mg_hyphen;

/* The hyphenator for a BCP 47 language tag ("en", "es-MX", "pt-BR"), loading
 * its dictionary from /usr/share/hyphen on first use: the tag's region
 * (hyph_es_MX.dic), else the language's main one (en_US, es_ES), else
 * hyph_<lang>.dic or any hyph_<lang>_*.dic. NULL when none is installed.
 * The result is shared, read-only and lives until the process ends. */
const mg_hyphen *mg_hyphen_get(const char *language);

/* A hyphenator for guide g alone. Liang's patterns only ever apply to
 * substrings of ".word.", so only the patterns that occur in some word of the
 * guide are loaded: the same breaks for every word of g, at a tenth of the
 * cost of loading the whole English dictionary. When the whole dictionary is
 * already loaded in this process (a catalogue build loads it once for all
 * its guides), that shared one is returned instead. NULL when the language
 * has no dictionary. Release with mg_hyphen_release (which leaves a shared
 * one alone). */
const mg_hyphen *mg_hyphen_for_guide(const struct mg_guide *g);
void mg_hyphen_release(const mg_hyphen *h);

/* Words shorter than this (in bytes) are never hyphenated by patterns. */
#define MG_HYPHEN_MIN_BYTES 6

/* Marks where word w[0..len) (UTF-8, letters only) may take a hyphen:
 * brk[i] = 1 when a break may come before byte i (0 < i < len). brk has len
 * bytes. Keeps at least two letters before and three after a break.
 * Returns the number of breaks found. */
size_t mg_hyphen_points(const mg_hyphen *h, const char *w, size_t len,
			unsigned char *brk);

#endif
