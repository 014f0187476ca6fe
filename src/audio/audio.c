/* audio.c — the read-aloud EPUB: each part's XHTML marked into spoken units,
 * spoken (a speech child per part) and encoded (LAME) by o->jobs threads at
 * once, its overlay made from eSpeak's marks, all packaged by epub.c. */
#include "audio/audio.h"
#include "audio/mp3.h"
#include "audio/overlay.h"
#include "audio/speech.h"
#include "core/arena.h"
#include "epub/epub.h"
#include "epub/xhtml.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One part on its way: marked, spoken, encoded, overlaid. */
struct part {
	mg_units units;
	char *ssml;
	xmlChar *xhtml, *smil;
	size_t xhtml_len, smil_len;
	mg_mp3 mp3;
	char smil_file[300], mp3_file[300];
	char voice[80];
	int rc;			/* 0, -1, MG_SPEECH_NO_VOICE */
	char why[300];
};

/* The parts and the next one to take, shared by the threads under lock. */
struct work {
	const mg_guide *g;
	const mg_audio_opts *o;
	mg_xhtml_book *b;
	struct part *p;
	size_t next;
	pthread_mutex_t lock;
};

/* The clips: unit i from its mark (shifted by the MP3's delay; the first
 * from 0) to the next unit's, the last to the end of the MP3. A mark eSpeak
 * did not report (or reported early) starts where the one before did. */
static long *clip_starts(const mg_speech *sp, const mg_mp3 *m)
{
	long *b = mg_xmalloc((sp->nmarks ? sp->nmarks : 1) * sizeof *b);
	for (size_t i = 0; i < sp->nmarks; i++) {
		long t = sp->mark_ms[i] < 0 ? -1 : sp->mark_ms[i] + m->delay_ms;
		b[i] = i == 0 ? 0 : t < b[i - 1] ? b[i - 1] : t > m->ms ? m->ms : t;
	}
	return b;
}

static int speak_part(struct work *w, size_t i)
{
	struct part *p = &w->p[i];
	mg_speech sp;
	int rc;

	rc = mg_speech_synth(w->o->exe, w->g->language, w->o->voice, p->ssml,
			     p->units.n, &sp, p->why, sizeof p->why);
	if (rc)
		return rc;
	snprintf(p->voice, sizeof p->voice, "%s", sp.voice);
	rc = mg_mp3_encode(sp.pcm, sp.nsamples, sp.rate, &p->mp3, p->why,
			   sizeof p->why);
	if (rc == 0) {
		long *b = clip_starts(&sp, &p->mp3);
		mg_clips c = { b, p->mp3.ms };
		rc = mg_overlay_smil(&p->units, &c, w->b->part_file[i],
				     p->mp3_file, &p->smil, &p->smil_len);
		if (rc)
			snprintf(p->why, sizeof p->why, "cannot write the overlay");
		free(b);
	}
	mg_speech_release(&sp);
	return rc;
}

static void *worker(void *arg)
{
	struct work *w = arg;
	for (;;) {
		pthread_mutex_lock(&w->lock);
		size_t i = w->next++;
		pthread_mutex_unlock(&w->lock);
		if (i >= w->g->nparts)
			return NULL;
		w->p[i].rc = speak_part(w, i);
	}
}

/* Marks part i's document into units, keeps its XHTML and SSML. */
static int prepare_part(struct work *w, size_t i)
{
	struct part *p = &w->p[i];
	const char *file = w->b->part_file[i];
	size_t base = strcspn(file, ".");
	xmlDocPtr doc = mg_xhtml_part(w->b, i);

	snprintf(p->smil_file, sizeof p->smil_file, "%.*s.smil", (int)base, file);
	snprintf(p->mp3_file, sizeof p->mp3_file, "audio/%.*s.mp3", (int)base, file);
	mg_units_mark(doc, w->g->language, &p->units);
	p->ssml = mg_units_ssml(&p->units);
	int rc = mg_xhtml_serialize(doc, 0, &p->xhtml, &p->xhtml_len);
	xmlFreeDoc(doc);
	return rc;
}

/* Speaks every part, this thread and jobs - 1 others taking them in turn. */
static void speak_all(struct work *w)
{
	size_t n = w->g->nparts, extra = (size_t)(w->o->jobs > 1 ? w->o->jobs - 1 : 0);
	pthread_t *t = mg_xcalloc(extra ? extra : 1, sizeof *t);
	size_t started = 0;

	if (extra > n - 1)
		extra = n - 1;
	for (; started < extra; started++)
		if (pthread_create(&t[started], NULL, worker, w))
			break;
	worker(w);
	for (size_t k = 0; k < started; k++)
		pthread_join(t[k], NULL);
	free(t);
}

/* Reports the first part that failed; 0 if none did. */
static int report(const struct work *w, mg_diag *d)
{
	for (size_t i = 0; i < w->g->nparts; i++) {
		const struct part *p = &w->p[i];
		if (p->rc == 0)
			continue;
		if (p->rc == MG_SPEECH_NO_VOICE)
			mg_error(d, w->g->dir, 0, 0, "cannot make the read-aloud EPUB: %s",
				 p->why);
		else
			mg_error(d, w->g->dir, 0, 0, "cannot speak %s: %s",
				 w->b->part_file[i], p->why);
		return -1;
	}
	return 0;
}

static int package(struct work *w, const mg_style *s, mg_bytes *out, mg_diag *d)
{
	size_t n = w->g->nparts;
	mg_epub_media_part *mp = mg_xcalloc(n, sizeof *mp);
	char narrator[160];

	for (size_t i = 0; i < n; i++) {
		struct part *p = &w->p[i];
		mp[i] = (mg_epub_media_part){
			p->xhtml, p->xhtml_len, p->smil_file, p->smil, p->smil_len,
			p->mp3_file, p->mp3.bytes.data, p->mp3.bytes.len, p->mp3.ms,
		};
	}
	snprintf(narrator, sizeof narrator, "eSpeak NG synthetic voice (%s)",
		 w->p[0].voice);
	mg_epub_media m = { mp, narrator };
	int rc = mg_epub_write_media(w->g, s, &m, out, d);
	free(mp);
	return rc;
}

int mg_audio_write(const mg_guide *g, const mg_style *s, const mg_audio_opts *o,
		   mg_bytes *out, mg_diag *d)
{
	mg_xhtml_book b;
	struct work w = { .g = g, .o = o, .b = &b };
	int rc = -1;

	out->data = NULL;
	out->len = 0;
	if (!g->nparts || !g->language)
		return mg_epub_write(g, s, out, d);	/* it reports why */
	mg_epub_init();
	mg_xhtml_book_init(&b, g);
	pthread_mutex_init(&w.lock, NULL);
	w.p = mg_xcalloc(g->nparts, sizeof *w.p);
	for (size_t i = 0; i < g->nparts; i++)
		if (prepare_part(&w, i)) {
			mg_error(d, g->dir, 0, 0, "cannot write %s", b.part_file[i]);
			goto out;
		}
	speak_all(&w);
	if (report(&w, d) == 0)
		rc = package(&w, s, out, d);
out:
	for (size_t i = 0; i < g->nparts; i++) {
		mg_units_release(&w.p[i].units);
		free(w.p[i].ssml);
		xmlFree(w.p[i].xhtml);
		xmlFree(w.p[i].smil);
		mg_bytes_release(&w.p[i].mp3.bytes);
	}
	free(w.p);
	pthread_mutex_destroy(&w.lock);
	mg_xhtml_book_release(&b);
	return rc;
}
