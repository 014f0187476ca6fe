/* fontfind.h — finding a style's font files with fontconfig: the TrueType
 * file and face index for a family, weight and slant. The configuration is
 * made by the caller and shared read-only (fonts.c keeps one per build). */
#ifndef MG_FONTFIND_H
#define MG_FONTFIND_H

#include <fontconfig/fontconfig.h>

#include "core/diag.h"

/* A configuration of fontconfig's standard font and cache folders only,
 * without its rules: enough to find a family by its exact name. NULL when
 * fontconfig cannot make it. Destroy with FcConfigDestroy. */
FcConfig *mg_fontfind_config(void);

/* The TrueType face listed in conf for exactly this family, weight and
 * slant (the smallest file when several qualify, then the first path):
 * 1 with *file (malloc'd) and *index filled, or 0 if there is none. */
int mg_fontfind_list(FcConfig *conf, const char *family, int bold, int italic,
		     char **file, int *index);

/* The face fontconfig's full configuration matches for family in this
 * weight and slant: 0 with *file (malloc'd) and *index filled; when
 * another family stands in, *other (malloc'd) names it, else NULL. -1
 * after an error reported to d at where (no font, or not TrueType). */
int mg_fontfind_match(const char *family, int bold, int italic,
		      const char *where, char **file, int *index, char **other,
		      mg_diag *d);

#endif
