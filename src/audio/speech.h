/* speech.h — text to speech with eSpeak NG: SSML with a <mark/> before each
 * spoken unit in, 16-bit mono samples and each mark's audio position out.
 * eSpeak keeps one synthesiser per process; see speech.c for who owns it. */
#ifndef MG_SPEECH_H
#define MG_SPEECH_H

#include <stddef.h>
#include <stdint.h>

/* What one synthesis gives back. All heap, freed by mg_speech_release. */
typedef struct mg_speech {
	int rate;		/* samples a second (22050 for eSpeak NG) */
	int16_t *pcm;
	size_t nsamples;
	long *mark_ms;		/* by mark name (0..nmarks-1); -1 if never reported */
	size_t nmarks;
	char voice[80];		/* the voice eSpeak chose, as it names it */
} mg_speech;

/* Exit status of a speech child that has no voice for the language. */
#define MG_SPEECH_NO_VOICE 3

/* Speaks ssml (marks named "0".."nmarks-1") in a child process running
 * `exe __speak LANGUAGE NMARKS [VOICE]`, so that every call starts from a
 * fresh synthesiser: the same text gives the same samples whatever was
 * spoken before (eSpeak carries state from call to call). voice may be
 * NULL: the language's default voice. Thread-safe. Returns 0; -1 with a
 * sentence in why; MG_SPEECH_NO_VOICE when eSpeak has no such voice. */
int mg_speech_synth(const char *exe, const char *language, const char *voice,
		    const char *ssml, size_t nmarks, mg_speech *out,
		    char *why, size_t whysize);

/* The same, in this process: eSpeak initialised here, once per process
 * (it is never terminated: libespeak-ng 1.51 hangs when initialised again).
 * Not thread-safe: call from one thread of a process that does nothing
 * else with eSpeak (the speech child, a test). */
int mg_speech_synth_here(const char *language, const char *voice,
			 const char *ssml, size_t nmarks, mg_speech *out,
			 char *why, size_t whysize);

/* The speech child's main: `__speak LANGUAGE NMARKS [VOICE]`, SSML on
 * stdin, the result on stdout. Returns the exit status. */
int mg_speech_child(int argc, char **argv);

void mg_speech_release(mg_speech *s);

#endif
