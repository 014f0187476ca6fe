/* source.c — reads a guide's folder into the model (stub until the reader lands).
 * libyaml for guide.yaml, cmark-gfm for Markdown; checks DESIGN.md §2.
 * Every problem goes to the guide's mg_diag with file:line:col. */
#include "source.h"

mg_guide *mg_source_read(const char *dir, mg_diag *d)
{
	mg_error(d, dir, 0, 0, "the source reader is not written yet");
	return NULL;
}
