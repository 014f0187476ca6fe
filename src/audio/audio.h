/* audio.h — the read-aloud EPUB (<slug>-audio.epub): the EPUB with every
 * part spoken by eSpeak NG, encoded as MP3 and synchronised sentence by
 * sentence by EPUB 3 Media Overlays. */
#ifndef MG_AUDIO_H
#define MG_AUDIO_H

#include "core/diag.h"
#include "core/vec.h"
#include "model/guide.h"
#include "read/style.h"

typedef struct mg_audio_opts {
	const char *exe;	/* the mkguide binary that runs `__speak` */
	const char *voice;	/* an eSpeak NG voice name, or NULL: the language's */
	int jobs;		/* parts spoken and encoded at once, >= 1 */
} mg_audio_opts;

/* Makes the read-aloud EPUB of g in memory into *out (the caller's, freed
 * with mg_bytes_release). Returns 0; on failure (no voice for the guide's
 * language, say) reports to d, leaves *out empty and returns -1.
 * Thread-safe: each part is spoken in its own child process. */
int mg_audio_write(const mg_guide *g, const mg_style *s, const mg_audio_opts *o,
		   mg_bytes *out, mg_diag *d);

#endif
