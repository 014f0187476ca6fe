/* fontfind.c — which font file draws a style's family, weight and slant:
 * fontconfig asked through a minimal configuration of the standard folders,
 * then, for a family not found there, through its full configuration. */
#include "pdf/fontfind.h"

#include "core/arena.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static int family_matches(FcPattern *m, const char *family)
{
	FcChar8 *got;
	int k;

	for (k = 0; FcPatternGetString(m, FC_FAMILY, k, &got) == FcResultMatch; k++)
		if (strcasecmp((const char *)got, family) == 0)
			return 1;
	return 0;
}

/* The standard font folders of fontconfig's default configuration, and its
 * cache folders, without the rules of conf.d: reading the whole default
 * configuration costs about 5 ms per process, this about 0.6 ms. Enough to
 * find a family by its exact name; everything else goes to the default
 * configuration (mg_fontfind_match). */
static const char fast_conf[] =
	"<?xml version=\"1.0\"?><fontconfig>"
	"<dir>/usr/share/fonts</dir><dir>/usr/local/share/fonts</dir>"
	"<dir prefix=\"xdg\">fonts</dir><dir>~/.fonts</dir>"
	"<cachedir>/var/cache/fontconfig</cachedir>"
	"<cachedir prefix=\"xdg\">fontconfig</cachedir>"
	"<cachedir>~/.fontconfig</cachedir></fontconfig>";

FcConfig *mg_fontfind_config(void)
{
	FcConfig *c = FcConfigCreate();

	if (!c)
		return NULL;
	if (!FcConfigParseAndLoadFromMemory(c, (const FcChar8 *)fast_conf, FcFalse) ||
	    !FcConfigBuildFonts(c)) {
		FcConfigDestroy(c);
		return NULL;
	}
	return c;
}

/* A TrueType face of family in this weight and slant, as fontconfig asks
 * for it (NULL when out of memory). */
static FcPattern *face_pattern(const char *family, int bold, int italic)
{
	FcPattern *p = FcPatternCreate();

	if (!p)
		return NULL;
	FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddInteger(p, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
	FcPatternAddInteger(p, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
	FcPatternAddString(p, FC_FONTFORMAT, (const FcChar8 *)"TrueType");
	return p;
}

int mg_fontfind_list(FcConfig *conf, const char *family, int bold, int italic,
		     char **file, int *index)
{
	FcPattern *p = face_pattern(family, bold, italic);
	FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_INDEX, NULL);
	FcFontSet *fs = NULL;
	FcChar8 *path;
	struct stat st;
	off_t best = 0;
	int found = 0, k;

	if (!p || !os)
		goto out;
	fs = FcFontList(conf, p, os);
	/* When several files qualify (say, Liberation 1 and 2), the smallest:
	 * libharu reads a file's whole character map and metrics, and the
	 * subset keeps its hinting tables whole, so both follow its size. Ties
	 * go to the smallest path, so that the choice is the same on every
	 * run. */
	for (k = 0; fs && k < fs->nfont; k++) {
		if (FcPatternGetString(fs->fonts[k], FC_FILE, 0, &path) != FcResultMatch ||
		    stat((const char *)path, &st) != 0)
			continue;
		if (found && (st.st_size > best ||
			      (st.st_size == best && strcmp((const char *)path, *file) >= 0)))
			continue;
		best = st.st_size;
		free(*file);
		*file = mg_xstrdup((const char *)path);
		if (FcPatternGetInteger(fs->fonts[k], FC_INDEX, 0, index) != FcResultMatch)
			*index = 0;
		found = 1;
	}
out:
	if (fs)
		FcFontSetDestroy(fs);
	if (os)
		FcObjectSetDestroy(os);
	if (p)
		FcPatternDestroy(p);
	return found;
}

int mg_fontfind_match(const char *family, int bold, int italic,
		      const char *where, char **file, int *index, char **other,
		      mg_diag *d)
{
	FcPattern *p, *m = NULL;
	FcResult res;
	FcChar8 *path = NULL, *format = NULL, *got = NULL;
	int rc = -1;

	*file = NULL;
	*other = NULL;
	if (!FcInit()) {
		mg_error(d, where, 0, 0, "fontconfig cannot be initialised");
		return -1;
	}
	p = face_pattern(family, bold, italic);
	if (!p)
		goto out;
	FcConfigSubstitute(NULL, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	m = FcFontMatch(NULL, p, &res);
	if (!m || FcPatternGetString(m, FC_FILE, 0, &path) != FcResultMatch) {
		mg_error(d, where, 0, 0, "no font found for family '%s'", family);
		goto out;
	}
	FcPatternGetString(m, FC_FONTFORMAT, 0, &format);
	if (!format || strcmp((const char *)format, "TrueType") != 0) {
		mg_error(d, where, 0, 0,
			 "font '%s' for family '%s' is not a TrueType font",
			 (const char *)path, family);
		goto out;
	}
	if (!family_matches(m, family)) {
		FcPatternGetString(m, FC_FAMILY, 0, &got);
		*other = mg_xstrdup(got ? (const char *)got : (const char *)path);
	}
	if (FcPatternGetInteger(m, FC_INDEX, 0, index) != FcResultMatch)
		*index = 0;
	*file = mg_xstrdup((const char *)path);
	rc = 0;
out:
	if (m)
		FcPatternDestroy(m);
	if (p)
		FcPatternDestroy(p);
	return rc;
}
