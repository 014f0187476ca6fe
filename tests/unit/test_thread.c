/* test_thread.c — helper threads: the function runs with its argument and its
 * result reaches pthread_join; once running, the thread may use every core
 * its creator may (the first placement is undone). */
#include "core/thread.h"

#include "mgtest.h"

#include <sched.h>
#include <stdlib.h>
#include <string.h>

struct seen {
	int ran;
	int cpu;
	cpu_set_t mask;
	int mask_ok;
	pthread_mutex_t lock;
	pthread_cond_t cond;
};

static void *note(void *arg)
{
	struct seen *s = arg;

	s->cpu = sched_getcpu();
	s->mask_ok = sched_getaffinity(0, sizeof s->mask, &s->mask) == 0;
	pthread_mutex_lock(&s->lock);
	s->ran = 1;
	pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&s->lock);
	return s;
}

static void init_seen(struct seen *s)
{
	memset(s, 0, sizeof *s);
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->cond, NULL);
}

static void runs_and_returns(void)
{
	struct seen s;
	cpu_set_t mine;
	pthread_t t;
	void *back = NULL;

	init_seen(&s);
	CHECK(sched_getaffinity(0, sizeof mine, &mine) == 0);
	CHECK_INT(mg_thread_start(&t, note, &s), 0);
	CHECK_INT(pthread_join(t, &back), 0);
	CHECK(back == &s);
	CHECK_INT(s.ran, 1);
	CHECK(s.mask_ok);
	/* whatever core it started on, it may now run on all of ours */
	CHECK(CPU_EQUAL(&s.mask, &mine));
	CHECK(s.cpu >= 0 && CPU_ISSET(s.cpu, &mine));
}

/* Limited to one core, the thread still starts (nowhere else to go) and
 * keeps to that core. */
static void one_core(void)
{
	cpu_set_t mine, one;
	struct seen s;
	pthread_t t;
	int cpu;

	CHECK(sched_getaffinity(0, sizeof mine, &mine) == 0);
	cpu = sched_getcpu();
	CHECK(cpu >= 0);
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	CHECK(sched_setaffinity(0, sizeof one, &one) == 0);
	init_seen(&s);
	CHECK_INT(mg_thread_start(&t, note, &s), 0);
	CHECK_INT(pthread_join(t, NULL), 0);
	CHECK_INT(s.ran, 1);
	CHECK_INT(s.cpu, cpu);
	CHECK(CPU_EQUAL(&s.mask, &one));
	sched_setaffinity(0, sizeof mine, &mine);
}

int main(void)
{
	RUN(runs_and_returns);
	RUN(one_core);
	return MGT_DONE();
}
