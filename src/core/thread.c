/* thread.c — worker threads that start on an idle core. The kernel places a
 * new thread, and the creator keeps running where it is; on the machines we
 * measured, the two then often share one core for several milliseconds. */
#include "core/thread.h"

#include <sched.h>
#include <stdlib.h>

/* What the new thread needs before it runs fn: the cores it may use once
 * it has started (restored), and whether the start pinned it. */
struct start {
	void *(*fn)(void *);
	void *arg;
	cpu_set_t allowed;
	int pinned;
};

static void *trampoline(void *p)
{
	struct start s = *(struct start *)p;

	free(p);
	if (s.pinned)
		pthread_setaffinity_np(pthread_self(), sizeof s.allowed, &s.allowed);
	return s.fn(s.arg);
}

int mg_thread_start(pthread_t *t, void *(*fn)(void *), void *arg)
{
	struct start *s = calloc(1, sizeof *s);
	pthread_attr_t attr;
	cpu_set_t elsewhere;
	int here, rc;

	if (!s)
		return -1;
	s->fn = fn;
	s->arg = arg;
	if ((rc = pthread_attr_init(&attr)) != 0) {
		free(s);
		return rc;
	}
	here = sched_getcpu();
	if (here >= 0 && here < CPU_SETSIZE &&
	    sched_getaffinity(0, sizeof s->allowed, &s->allowed) == 0) {
		elsewhere = s->allowed;
		CPU_CLR(here, &elsewhere);
		if (CPU_COUNT(&elsewhere) > 0 &&
		    pthread_attr_setaffinity_np(&attr, sizeof elsewhere,
						&elsewhere) == 0)
			s->pinned = 1;
	}
	rc = pthread_create(t, &attr, trampoline, s);
	if (rc != 0)
		free(s);
	pthread_attr_destroy(&attr);
	return rc;
}
