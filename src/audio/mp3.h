/* mp3.h — speech samples into an MP3 with LAME: mono, 32 kb/s CBR, no ID3
 * tag and no Xing/LAME header, so the same samples give the same bytes, and
 * the length of the file is known exactly from its frames. */
#ifndef MG_MP3_H
#define MG_MP3_H

#include <stddef.h>
#include <stdint.h>

#include "core/vec.h"

typedef struct mg_mp3 {
	mg_bytes bytes;		/* the file, the caller's to release */
	long ms;		/* its duration: frames × samples per frame / rate */
	long delay_ms;		/* where the first input sample plays (encoder
				 * and decoder delay) */
} mg_mp3;

/* Encodes pcm[0..n) (mono, rate samples a second). Thread-safe: each call
 * has its own encoder. Returns 0, or -1 with a sentence in why. */
int mg_mp3_encode(const int16_t *pcm, size_t n, int rate, mg_mp3 *out,
		  char *why, size_t whysize);

#endif
