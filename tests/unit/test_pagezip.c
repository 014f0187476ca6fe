/* test_pagezip.c — page contents deflated beside the painting (pagezip.h):
 * every page comes back whole, and the bytes are the same whether a helper
 * on another thread, a helper that refuses, or nobody takes part. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "mgtest.h"
#include "pdf/pagezip.h"

#define NPAGES 40

/* A page's content: PDF-like operators, of a length that varies. */
static unsigned char *page(size_t i, size_t *len)
{
	size_t n = i % 7 == 3 ? 0 : 200 + (i * 7919) % 20000;
	unsigned char *p = malloc(n + 1);

	for (size_t k = 0; k < n; k++)
		p[k] = "BT /F1 9 Tf 72 700 Td [(Naltrexone)-250(blocks)] TJ ET\n"
			[(k + i) % 55];
	*len = n;
	return p;
}

/* A helper that runs each call on a thread of its own, as the build's
 * idle workers would; joined at the end. */
struct threads {
	pthread_t t[NPAGES];
	int n;
};

struct call {
	void (*fn)(void *);
	void *arg;
};

static void *trampoline(void *a)
{
	struct call c = *(struct call *)a;

	free(a);
	c.fn(c.arg);
	return NULL;
}

static int start_thread(void *ctx, void (*fn)(void *), void *arg)
{
	struct threads *th = ctx;
	struct call *c = malloc(sizeof *c);

	c->fn = fn;
	c->arg = arg;
	if (th->n == NPAGES || pthread_create(&th->t[th->n], NULL, trampoline, c)) {
		free(c);
		return -1;
	}
	th->n++;
	return 0;
}

static int refuse(void *ctx, void (*fn)(void *), void *arg)
{
	(void)ctx, (void)fn, (void)arg;
	return -1;
}

/* Deflates NPAGES pages with help; their bytes, concatenated, in *all. */
static int run(const mg_helper *help, unsigned char **all, size_t *all_len)
{
	mg_pagezip *z = mg_pagezip_new(NPAGES, help);
	size_t total = 0, at = 0, len;
	int ok = 1;

	for (size_t i = 0; i < NPAGES; i++) {
		unsigned char *p = page(i, &len);
		ok &= mg_pagezip_add(z, p, len) == 0;
	}
	ok &= mg_pagezip_finish(z) == 0;
	for (size_t i = 0; i < NPAGES; i++) {
		mg_pagezip_page(z, i, &len);
		total += len;
	}
	*all = malloc(total + 1);
	for (size_t i = 0; ok && i < NPAGES; i++) {
		const unsigned char *d = mg_pagezip_page(z, i, &len);
		unsigned char *want, back[32768];
		uLongf back_len = sizeof back;
		size_t want_len;

		memcpy(*all + at, d, len);
		at += len;
		/* each page inflates to exactly its content */
		want = page(i, &want_len);
		ok &= uncompress(back, &back_len, d, (uLong)len) == Z_OK &&
		      back_len == want_len && memcmp(back, want, want_len) == 0;
		free(want);
	}
	*all_len = at;
	mg_pagezip_free(z);
	return ok;
}

static void test_alone(void)
{
	unsigned char *a;
	size_t n;

	CHECK(run(NULL, &a, &n));
	CHECK(n > 0);
	free(a);
}

static void test_same_bytes_with_helpers(void)
{
	struct threads th = { .n = 0 };
	mg_helper threads = { start_thread, &th };
	mg_helper none = { refuse, NULL };
	unsigned char *a, *b, *c;
	size_t na, nb, nc;

	CHECK(run(NULL, &a, &na));
	CHECK(run(&threads, &b, &nb));
	CHECK(run(&none, &c, &nc));
	for (int i = 0; i < th.n; i++)
		pthread_join(th.t[i], NULL);
	CHECK(th.n > 0);	/* the helper was asked */
	CHECK(na == nb && memcmp(a, b, na) == 0);
	CHECK(na == nc && memcmp(a, c, na) == 0);
	free(a);
	free(b);
	free(c);
}

/* More pages than announced is an error, not an overflow; fewer pages
 * than announced fail at finish. */
static void test_page_count(void)
{
	mg_pagezip *z = mg_pagezip_new(1, NULL);

	CHECK_INT(mg_pagezip_add(z, malloc(1), 0), 0);
	CHECK_INT(mg_pagezip_add(z, malloc(1), 0), -1);
	CHECK_INT(mg_pagezip_finish(z), 0);
	mg_pagezip_free(z);
	z = mg_pagezip_new(2, NULL);
	CHECK_INT(mg_pagezip_add(z, malloc(1), 0), 0);
	CHECK_INT(mg_pagezip_finish(z), -1);
	mg_pagezip_free(z);
}

int main(void)
{
	RUN(test_alone);
	RUN(test_same_bytes_with_helpers);
	RUN(test_page_count);
	return MGT_DONE();
}
