/* measure.c — text measured through the caller's metrics: widths, the
 * space and hyphen widths of the last faces and sizes asked, ascent and
 * descent, and a warning for each code point no font of the PDF has. */
#include "typeset/layout_int.h"

double mg_lay_text_w(const struct fonts *fn, mg_face f, const char *s,
		     size_t len, double size)
{
	if (!len)
		return 0;
	return fn->m->text_width(fn->m->ctx, f, s, len, size);
}

const struct wcache *mg_lay_widths(struct fonts *fn, mg_face f, double size)
{
	for (int i = 0; i < fn->nwc; i++)
		if (fn->wc[i].face == f && fn->wc[i].size == size)
			return &fn->wc[i];
	int k = fn->nwc < 8 ? fn->nwc++ : (int)(f % 8);
	fn->wc[k].face = f;
	fn->wc[k].size = size;
	fn->wc[k].space = mg_lay_text_w(fn, f, " ", 1, size);
	fn->wc[k].hyphen = mg_lay_text_w(fn, f, "-", 1, size);
	return &fn->wc[k];
}

double mg_lay_asc(const struct fonts *fn, mg_face f)
{
	return fn->m->ascent[f] > 0 ? fn->m->ascent[f] : 0.8;
}

double mg_lay_desc(const struct fonts *fn, mg_face f)
{
	return fn->m->descent[f] > 0 ? fn->m->descent[f] : 0.2;
}

/* Baseline offset below the top of a line of leading lead. */
double mg_lay_base_of(const struct fonts *fn, mg_face f, double size,
		      double lead)
{
	return (lead + size * (mg_lay_asc(fn, f) - mg_lay_desc(fn, f))) / 2;
}

unsigned mg_lay_utf8_next(const char *s, size_t len, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned cp = u[*i];
	int extra = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
	if (extra)
		cp &= 0x3F >> extra;
	(*i)++;
	while (extra-- > 0 && *i < len && (u[*i] & 0xC0) == 0x80)
		cp = (cp << 6) | (u[(*i)++] & 0x3F);
	return cp;
}

/* Warns once per code point that a face has no glyph for. A direct-mapped
 * cache of code points already asked keeps this linear in the text. path
 * names the part's file in the warning. */
void mg_lay_check_glyphs(struct fonts *fn, mg_diag *d, const char *path,
			 mg_face f, const char *s, size_t len)
{
	if (!fn->m->has_glyph)
		return;
	for (size_t i = 0; i < len;) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		unsigned cp = mg_lay_utf8_next(s, len, &i), key = cp * 8 + f + 1;
		unsigned *slot = &fn->checked[(cp * 31 + f) % 256];
		if (*slot == key)
			continue;
		*slot = key;
		if (fn->m->has_glyph(fn->m->ctx, f, cp))
			continue;
		int seen = 0;
		for (int k = 0; k < fn->nwarned && !seen; k++)
			seen = fn->warned[k] == cp;
		if (seen || fn->nwarned >= 64)
			continue;
		fn->warned[fn->nwarned++] = cp;
		mg_warning(d, path, 0, 0,
			   "no font of the PDF has a glyph for U+%04X", cp);
	}
}
