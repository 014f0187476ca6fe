/* mp3.c — LAME, one encoder per call: 32 kb/s constant bit rate mono at the
 * speech's own sample rate, no tags of any kind (nothing that could hold a
 * date), and the duration and delay the overlays' clips need. */
#include "audio/mp3.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lame.h>

#define KBPS 32
#define CHUNK 8192
/* mpg123 and the other decoders add this many samples before the encoder's
 * own delay (the MDCT's overlap). */
#define DECODER_DELAY 529

static lame_global_flags *open_encoder(int rate)
{
	lame_global_flags *gf = lame_init();
	if (!gf)
		return NULL;
	lame_set_num_channels(gf, 1);
	lame_set_mode(gf, MONO);
	lame_set_in_samplerate(gf, rate);
	lame_set_out_samplerate(gf, rate);
	lame_set_VBR(gf, vbr_off);
	lame_set_brate(gf, KBPS);
	lame_set_quality(gf, 5);
	lame_set_bWriteVbrTag(gf, 0);
	id3tag_init(gf);
	lame_set_write_id3tag_automatic(gf, 0);
	if (lame_init_params(gf) < 0) {
		lame_close(gf);
		return NULL;
	}
	return gf;
}

/* Encodes pcm in chunks into v, then flushes. */
static int encode_all(lame_global_flags *gf, const int16_t *pcm, size_t n,
		      mg_vec *v)
{
	/* LAME's bound for a buffer: 1.25 × samples + 7200 */
	unsigned char buf[CHUNK + CHUNK / 4 + 7200];
	for (size_t off = 0; off < n; off += CHUNK) {
		int k = (int)(n - off < CHUNK ? n - off : CHUNK);
		int w = lame_encode_buffer(gf, pcm + off, pcm + off, k, buf,
					   (int)sizeof buf);
		if (w < 0)
			return -1;
		mg_vec_append(v, buf, (size_t)w);
	}
	int w = lame_encode_flush(gf, buf, (int)sizeof buf);
	if (w < 0)
		return -1;
	mg_vec_append(v, buf, (size_t)w);
	return 0;
}

int mg_mp3_encode(const int16_t *pcm, size_t n, int rate, mg_mp3 *out,
		  char *why, size_t whysize)
{
	lame_global_flags *gf = open_encoder(rate);
	mg_vec v;
	int rc = -1;

	memset(out, 0, sizeof *out);
	mg_vec_init(&v, 1);
	if (!gf) {
		snprintf(why, whysize, "LAME cannot encode %d Hz mono at %d kb/s", rate, KBPS);
		goto out;
	}
	if (encode_all(gf, pcm, n, &v) < 0) {
		snprintf(why, whysize, "LAME failed to encode the speech");
		goto out;
	}
	long long samples = (long long)lame_get_frameNum(gf) * lame_get_framesize(gf);
	out->ms = (long)(samples * 1000 / rate);
	out->delay_ms = (long)(((long long)lame_get_encoder_delay(gf) + DECODER_DELAY) *
			       1000 / rate);
	out->bytes.data = v.items;
	out->bytes.len = v.len;
	v.items = NULL;
	rc = 0;
out:
	mg_vec_release(&v);
	if (gf)
		lame_close(gf);
	return rc;
}
