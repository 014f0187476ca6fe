/* pagezip.c — deflating page contents beside the painting. Level 1, each
 * page from a fresh start: the bytes depend on the page alone, whichever
 * thread deflates it. Deflating is a third of the painting's time. */
#include "pdf/pagezip.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/arena.h"

struct zpage {
	unsigned char *raw;	/* the painted content, until deflated */
	size_t len;
	unsigned char *z;	/* the deflated content */
	size_t zlen;
};

/* A z_stream made on first use and reset for each page after it. */
struct deflater {
	z_stream z;
	int ready;
};

struct mg_pagezip {
	pthread_mutex_t lock;	/* guards added, taken, running, failed */
	pthread_cond_t idle;	/* broadcast when the helper's run ends */
	const mg_helper *help;
	struct zpage *pages;
	size_t npages;
	size_t added;		/* pages added */
	size_t taken;		/* pages taken to be deflated, in order */
	int running;		/* the helper is in run() */
	int failed;
	struct deflater mine;	/* the caller's */
	struct deflater its;	/* the helper's: one run at a time */
};

static int deflate_page(struct deflater *d, struct zpage *p)
{
	uLong cap;

	if (!d->ready) {
		if (deflateInit(&d->z, 1) != Z_OK)
			return -1;
		d->ready = 1;
	} else if (deflateReset(&d->z) != Z_OK) {
		return -1;
	}
	cap = deflateBound(&d->z, (uLong)p->len);
	p->z = mg_xmalloc(cap);
	d->z.next_in = p->raw;
	d->z.avail_in = (uInt)p->len;
	d->z.next_out = p->z;
	d->z.avail_out = (uInt)cap;
	if (deflate(&d->z, Z_FINISH) != Z_STREAM_END)
		return -1;
	p->zlen = d->z.total_out;
	free(p->raw);
	p->raw = NULL;
	return 0;
}

/* Deflates pages with d while some are left untaken. Call locked; returns
 * locked. */
static void take_pages(mg_pagezip *z, struct deflater *d)
{
	while (!z->failed && z->taken < z->added) {
		struct zpage *p = &z->pages[z->taken++];
		int rc;

		pthread_mutex_unlock(&z->lock);
		rc = deflate_page(d, p);
		pthread_mutex_lock(&z->lock);
		if (rc < 0)
			z->failed = 1;
	}
}

/* The helper's part: the pages added so far, and those added meanwhile. */
static void run(void *arg)
{
	mg_pagezip *z = arg;

	pthread_mutex_lock(&z->lock);
	take_pages(z, &z->its);
	z->running = 0;
	pthread_cond_broadcast(&z->idle);
	pthread_mutex_unlock(&z->lock);
}

mg_pagezip *mg_pagezip_new(size_t npages, const mg_helper *help)
{
	mg_pagezip *z = mg_xcalloc(1, sizeof *z);

	pthread_mutex_init(&z->lock, NULL);
	pthread_cond_init(&z->idle, NULL);
	z->help = help;
	z->npages = npages;
	z->pages = mg_xcalloc(npages ? npages : 1, sizeof *z->pages);
	return z;
}

int mg_pagezip_add(mg_pagezip *z, unsigned char *raw, size_t len)
{
	int start = 0, failed;

	pthread_mutex_lock(&z->lock);
	if (z->added == z->npages) {
		pthread_mutex_unlock(&z->lock);
		free(raw);
		return -1;
	}
	z->pages[z->added].raw = raw;
	z->pages[z->added].len = len;
	z->added++;
	if (!z->running && z->help) {
		z->running = 1;
		start = 1;
	}
	pthread_mutex_unlock(&z->lock);
	/* asked unlocked: the helper's start takes the build's own lock */
	if (start && z->help->start(z->help->ctx, run, z) == 0)
		return 0;
	pthread_mutex_lock(&z->lock);
	if (start)
		z->running = 0;
	if (!z->running)	/* no helper at work: deflate it here, now */
		take_pages(z, &z->mine);
	failed = z->failed;
	pthread_mutex_unlock(&z->lock);
	return failed ? -1 : 0;
}

int mg_pagezip_finish(mg_pagezip *z)
{
	int failed;

	pthread_mutex_lock(&z->lock);
	take_pages(z, &z->mine);
	while (z->running)
		pthread_cond_wait(&z->idle, &z->lock);
	failed = z->failed || z->taken != z->npages;
	pthread_mutex_unlock(&z->lock);
	return failed ? -1 : 0;
}

const unsigned char *mg_pagezip_page(const mg_pagezip *z, size_t i,
				     size_t *len)
{
	*len = z->pages[i].zlen;
	return z->pages[i].z;
}

void mg_pagezip_free(mg_pagezip *z)
{
	if (!z)
		return;
	pthread_mutex_lock(&z->lock);
	while (z->running)
		pthread_cond_wait(&z->idle, &z->lock);
	pthread_mutex_unlock(&z->lock);
	for (size_t i = 0; i < z->npages; i++) {
		free(z->pages[i].raw);
		free(z->pages[i].z);
	}
	free(z->pages);
	if (z->mine.ready)
		deflateEnd(&z->mine.z);
	if (z->its.ready)
		deflateEnd(&z->its.z);
	pthread_cond_destroy(&z->idle);
	pthread_mutex_destroy(&z->lock);
	free(z);
}
