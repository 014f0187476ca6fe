/* thread.h — starting a worker thread on a core other than its creator's.
 * Linux may queue a new thread behind its creator for a whole time slice
 * while another core idles (seen on small virtual machines); this avoids it. */
#ifndef MG_THREAD_H
#define MG_THREAD_H

#include <pthread.h>

/* Like pthread_create(t, NULL, fn, arg), but the thread first runs on
 * another core the process may use, when there is one; it may then move
 * anywhere, as any thread. Returns pthread_create's code. */
int mg_thread_start(pthread_t *t, void *(*fn)(void *), void *arg);

/* A helper that may run a piece of work on another core: start() returns 0
 * when fn(arg) will run there soon, or -1 when no core is free, and the
 * caller then does the work itself. fn must not wait for its caller. The
 * build lends its idle workers this way (build.c); NULL means no helper. */
typedef struct mg_helper {
	int (*start)(void *ctx, void (*fn)(void *arg), void *arg);
	void *ctx;
} mg_helper;

#endif
