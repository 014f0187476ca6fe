/* speech.c — eSpeak NG in process (the speech child, one synthesiser, its
 * global state touched by that process's one thread) and the build's side:
 * a child per text, spawned, fed SSML on stdin, read back from stdout. */
#include "audio/speech.h"
#include "core/arena.h"
#include "core/files.h"
#include "core/vec.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <espeak-ng/speak_lib.h>

extern char **environ;

/* ---- in this process ---- */

/* libespeak-ng is opened only where speech is made (the speech child):
 * linked into mkguide it would bring some thirty libraries (PulseAudio,
 * ALSA, X11, ...) into the start of every build. */
struct espeak {
	int (*initialize)(espeak_AUDIO_OUTPUT, int, const char *, int);
	void (*set_callback)(t_espeak_callback *);
	espeak_ERROR (*by_name)(const char *);
	espeak_ERROR (*by_properties)(espeak_VOICE *);
	espeak_VOICE *(*current)(void);
	espeak_ERROR (*synth)(const void *, size_t, unsigned int,
			      espeak_POSITION_TYPE, unsigned int, unsigned int,
			      unsigned int *, void *);
	espeak_ERROR (*synchronize)(void);
};

static int open_espeak(struct espeak *e)
{
	void *h = dlopen("libespeak-ng.so.1", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return -1;
	*(void **)&e->initialize = dlsym(h, "espeak_Initialize");
	*(void **)&e->set_callback = dlsym(h, "espeak_SetSynthCallback");
	*(void **)&e->by_name = dlsym(h, "espeak_SetVoiceByName");
	*(void **)&e->by_properties = dlsym(h, "espeak_SetVoiceByProperties");
	*(void **)&e->current = dlsym(h, "espeak_GetCurrentVoice");
	*(void **)&e->synth = dlsym(h, "espeak_Synth");
	*(void **)&e->synchronize = dlsym(h, "espeak_Synchronize");
	return e->initialize && e->set_callback && e->by_name &&
	       e->by_properties && e->current && e->synth && e->synchronize ? 0 : -1;
}

/* Where the callback puts what eSpeak says: reached through the event's
 * user_data, never through a variable of ours. */
struct sink {
	mg_vec pcm;		/* of int16_t */
	mg_speech *out;
};

static void sink_events(struct sink *k, const espeak_EVENT *ev)
{
	for (; ev->type != espeakEVENT_LIST_TERMINATED; ev++) {
		if (ev->type != espeakEVENT_MARK || !ev->id.name)
			continue;
		char *end;
		unsigned long i = strtoul(ev->id.name, &end, 10);
		if (*end == '\0' && i < k->out->nmarks && k->out->mark_ms[i] < 0)
			k->out->mark_ms[i] = ev->audio_position;
	}
}

static int on_synth(short *wav, int n, espeak_EVENT *ev)
{
	struct sink *k = ev ? ev->user_data : NULL;

	if (!k)
		return 0;
	sink_events(k, ev);
	if (wav && n > 0)
		mg_vec_append(&k->pcm, wav, (size_t)n);
	return 0;
}

/* "pt-BR" → "pt-br", as eSpeak names its languages. */
static void lower_tag(const char *tag, char *buf, size_t size)
{
	size_t i = 0;
	for (; tag[i] && i + 1 < size; i++)
		buf[i] = (char)(tag[i] >= 'A' && tag[i] <= 'Z' ? tag[i] + 32 : tag[i]);
	buf[i] = '\0';
}

/* Chooses the voice: by name when given, else by the language. eSpeak
 * picks a close voice for a region it lacks (es-MX → es) but none for a
 * language it does not know. */
static int choose_voice(const struct espeak *e, const char *language,
			const char *voice)
{
	espeak_VOICE spec;
	char lang[64];

	if (voice && *voice)
		return e->by_name(voice) == EE_OK ? 0 : -1;
	lower_tag(language, lang, sizeof lang);
	memset(&spec, 0, sizeof spec);
	spec.languages = lang;
	if (e->by_properties(&spec) != EE_OK)
		return -1;
	const espeak_VOICE *v = e->current();
	if (!v || !v->languages)
		return -1;
	/* the voice's first language must be the tag's language */
	size_t n = strcspn(lang, "-");
	return strncmp(v->languages + 1, lang, n) == 0 &&
	       (v->languages[1 + n] == '\0' || v->languages[1 + n] == '-') ? 0 : -1;
}

int mg_speech_synth_here(const char *language, const char *voice,
			 const char *ssml, size_t nmarks, mg_speech *out,
			 char *why, size_t whysize)
{
	struct sink k = { .out = out };
	struct espeak e;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (open_espeak(&e)) {
		snprintf(why, whysize, "cannot load libespeak-ng.so.1 (install libespeak-ng1)");
		return -1;
	}
	out->rate = e.initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL,
				 espeakINITIALIZE_DONT_EXIT);
	if (out->rate <= 0) {
		snprintf(why, whysize, "eSpeak NG cannot start (are its voices, espeak-ng-data, installed?)");
		return -1;
	}
	e.set_callback(on_synth);
	if (choose_voice(&e, language, voice) < 0) {
		snprintf(why, whysize, "eSpeak NG has no voice for %s '%s'",
			 voice && *voice ? "the name" : "language",
			 voice && *voice ? voice : language);
		return MG_SPEECH_NO_VOICE;
	}
	const espeak_VOICE *v = e.current();
	snprintf(out->voice, sizeof out->voice, "%s", v && v->name ? v->name : "eSpeak NG");
	out->nmarks = nmarks;
	out->mark_ms = mg_xmalloc((nmarks ? nmarks : 1) * sizeof *out->mark_ms);
	for (size_t i = 0; i < nmarks; i++)
		out->mark_ms[i] = -1;
	mg_vec_init(&k.pcm, sizeof(int16_t));
	if (e.synth(ssml, strlen(ssml) + 1, 0, POS_CHARACTER, 0,
		    espeakSSML | espeakCHARS_UTF8, NULL, &k) != EE_OK ||
	    e.synchronize() != EE_OK) {
		snprintf(why, whysize, "eSpeak NG could not speak the text");
		goto out;
	}
	out->nsamples = k.pcm.len;
	out->pcm = k.pcm.items;	/* the vector's heap buffer, now ours */
	rc = 0;
out:
	if (rc)
		mg_vec_release(&k.pcm);
	return rc;
}

/* ---- the child ---- */

/* Reads fd to its end into v (of char). */
static int read_all(int fd, mg_vec *v)
{
	char buf[65536];
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			return 0;
		mg_vec_append(v, buf, (size_t)r);
	}
}

/* The reply: rate, voice, nmarks, marks, nsamples, samples (host order:
 * parent and child are the same binary). */
static int write_reply(const mg_speech *s)
{
	int64_t head[3] = { s->rate, (int64_t)s->nmarks, (int64_t)s->nsamples };
	if (mg_write_all(1, head, sizeof head) ||
	    mg_write_all(1, s->voice, sizeof s->voice))
		return -1;
	for (size_t i = 0; i < s->nmarks; i++) {
		int64_t ms = s->mark_ms[i];
		if (mg_write_all(1, &ms, sizeof ms))
			return -1;
	}
	return mg_write_all(1, s->pcm, s->nsamples * sizeof(int16_t));
}

int mg_speech_child(int argc, char **argv)
{
	mg_vec in;
	mg_speech s;
	char why[256];
	int rc = 1;

	if (argc < 4)
		return 2;
	mg_vec_init(&in, 1);
	if (read_all(0, &in) < 0)
		goto out;
	mg_vec_append(&in, "", 1);
	rc = mg_speech_synth_here(argv[2], argc > 4 ? argv[4] : NULL, in.items,
				  strtoul(argv[3], NULL, 10), &s, why, sizeof why);
	if (rc == 0)
		rc = write_reply(&s) ? 1 : 0;
	else if (rc != MG_SPEECH_NO_VOICE)
		fprintf(stderr, "mkguide: %s\n", why), rc = 1;
	mg_speech_release(&s);
out:
	mg_vec_release(&in);
	return rc;
}

/* ---- the parent ---- */

static int parse_reply(const char *p, size_t len, size_t nmarks, mg_speech *out)
{
	int64_t head[3];
	size_t need = sizeof head + sizeof out->voice;

	if (len < need)
		return -1;
	memcpy(head, p, sizeof head);
	if (head[1] != (int64_t)nmarks || head[0] <= 0)
		return -1;
	need += nmarks * sizeof(int64_t) + (size_t)head[2] * sizeof(int16_t);
	if (len != need)
		return -1;
	out->rate = (int)head[0];
	memcpy(out->voice, p + sizeof head, sizeof out->voice);
	out->voice[sizeof out->voice - 1] = '\0';
	p += sizeof head + sizeof out->voice;
	out->nmarks = nmarks;
	out->mark_ms = mg_xmalloc((nmarks ? nmarks : 1) * sizeof *out->mark_ms);
	for (size_t i = 0; i < nmarks; i++, p += sizeof(int64_t)) {
		int64_t ms;
		memcpy(&ms, p, sizeof ms);
		out->mark_ms[i] = (long)ms;
	}
	out->nsamples = (size_t)head[2];
	out->pcm = mg_xmalloc((out->nsamples ? out->nsamples : 1) * sizeof(int16_t));
	memcpy(out->pcm, p, out->nsamples * sizeof(int16_t));
	return 0;
}

/* Writes the SSML to the child and reads its reply, both at once (a pipe
 * holds only 64 KB). */
static int exchange(int to, int from, const char *ssml, mg_vec *reply)
{
	size_t len = strlen(ssml), off = 0;
	char buf[65536];

	while (from >= 0) {
		struct pollfd p[2] = { { from, POLLIN, 0 }, { to, POLLOUT, 0 } };
		if (poll(p, to >= 0 ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (to >= 0 && p[1].revents) {
			ssize_t w = write(to, ssml + off, len - off);
			if (w < 0 && errno != EINTR && errno != EAGAIN)
				return -1;
			off += w > 0 ? (size_t)w : 0;
			if (off == len || w < 0) {
				close(to);
				to = -1;
			}
		}
		if (p[0].revents) {
			ssize_t r = read(from, buf, sizeof buf);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			mg_vec_append(reply, buf, (size_t)r);
		}
	}
	if (to >= 0)
		close(to);
	return 0;
}

static int spawn(const char *exe, char *const argv[], int in[2], int out[2],
		 pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	int rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	rc = posix_spawn(pid, exe, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	return rc;
}

int mg_speech_synth(const char *exe, const char *language, const char *voice,
		    const char *ssml, size_t nmarks, mg_speech *out,
		    char *why, size_t whysize)
{
	int in[2] = { -1, -1 }, from[2] = { -1, -1 }, status = 0, rc = -1;
	char count[32];
	char *argv[] = { (char *)"mkguide", (char *)"__speak", (char *)language,
			 count, (char *)voice, NULL };
	pid_t pid;
	mg_vec reply;

	memset(out, 0, sizeof *out);
	mg_vec_init(&reply, 1);
	snprintf(count, sizeof count, "%zu", nmarks);
	/* close-on-exec: a child spawned by another thread must not keep
	 * this one's pipes open */
	if (pipe2(in, O_CLOEXEC) || pipe2(from, O_CLOEXEC)) {
		snprintf(why, whysize, "cannot make a pipe: %s", strerror(errno));
		goto out;
	}
	if ((errno = spawn(exe, argv, in, from, &pid))) {
		snprintf(why, whysize, "cannot run %s for speech: %s", exe, strerror(errno));
		goto out;
	}
	close(in[0]);
	close(from[1]);
	in[0] = from[1] = -1;
	fcntl(in[1], F_SETFL, O_NONBLOCK);
	int ex = exchange(in[1], from[0], ssml, &reply);
	in[1] = -1;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == MG_SPEECH_NO_VOICE) {
		snprintf(why, whysize, "eSpeak NG has no voice for %s '%s'",
			 voice ? "the name" : "language", voice ? voice : language);
		rc = MG_SPEECH_NO_VOICE;
	} else if (ex || !WIFEXITED(status) || WEXITSTATUS(status) ||
		   parse_reply(reply.items, reply.len, nmarks, out)) {
		snprintf(why, whysize, "the speech process failed (status %d)", status);
	} else {
		rc = 0;
	}
out:
	for (int i = 0; i < 2; i++) {
		if (in[i] >= 0)
			close(in[i]);
		if (from[i] >= 0)
			close(from[i]);
	}
	mg_vec_release(&reply);
	return rc;
}

void mg_speech_release(mg_speech *s)
{
	free(s->pcm);
	free(s->mark_ms);
	s->pcm = NULL;
	s->mark_ms = NULL;
}
