/* fuzz_ttf.c — libFuzzer harness for src/ttf.c: one input is one font file.
 * A file that mg_ttf_open accepts is subset, with glyphs chosen by the input
 * itself; the subset must open again, with glyph slots up to the last glyph
 * kept. Damaged tables must be refused or skipped, never read past. */
#include "pdf/ttf.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mg_ttf t, s;
	unsigned char *used, *out = NULL;
	unsigned last = 0;
	size_t len = 0;

	if (mg_ttf_open(&t, data, size, 0) < 0)
		return 0;
	used = calloc(t.nglyphs, 1);
	if (!used)
		return 0;
	for (unsigned g = 0; g < t.nglyphs; g++)
		used[g] = (data[(g * 7u) % size] & 3) == 0;
	mg_ttf_close_composites(&t, used);
	for (unsigned g = 0; g < t.nglyphs; g++)
		if (used[g])
			last = g;
	mg_ttf_subset(&t, used, &out, &len);
	if (mg_ttf_open(&s, out, len, 0) < 0 || s.nglyphs != last + 1)
		abort();
	free(out);
	free(used);
	return 0;
}
