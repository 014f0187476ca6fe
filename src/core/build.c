/* build.c — jobs and threads. A pool of workers takes tasks: read a guide
 * (once), make one of its products (EPUB and PDF side by side) and stage it
 * (output.h), and publish both once both are made. */
#include "core/build.h"
#include "braille/brf.h"
#include "audio/audio.h"
#include "catalog/url.h"
#include "core/arena.h"
#include "core/vec.h"
#include "core/diag.h"
#include "epub/epub.h"
#include "pdf/fonts.h"
#include "core/output.h"
#include "model/guide.h"
#include "typeset/hyphenate.h"
#include "pdf/pdf.h"
#include "read/source.h"
#include "read/style.h"
#include "readability/readability.h"
#include "readability/report.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

/* What a guide can be made into, in the order its products are published
 * and reported. */
enum product_kind { P_EPUB, P_PDF, P_BRF, P_AUDIO, P_COUNT };

static const char *const product_names[P_COUNT] = {
	"epub", "pdf", "brf", "audio"
};

/* Products are queued longest first, so that a guide's last one is short. */
static const enum product_kind queue_order[P_COUNT] = {
	P_AUDIO, P_BRF, P_EPUB, P_PDF
};

/* The product's file name: the slug, then this. */
static const char *const product_suffixes[P_COUNT] = {
	".epub", ".pdf", ".brf", "-audio.epub"
};

/* One product of one guide being written (its guide and style are its
 * job's; the libraries it is written with, the pool's). */
struct product {
	enum product_kind kind;
	int wanted;		/* asked for by the options or guide.yaml */
	mg_output out;
	mg_diag diag;
	int ok;			/* staged, then published */
	int unchanged;		/* published: the older file had these bytes */
	double ms;
	long long size;
};

/* A guide on its way through the build: read once, then its products are
 * written (by any workers, at the same time), then published together. */
struct job {
	const char *dir;
	size_t index;		/* in the run's guides: where its report goes */
	mg_diag d;		/* the reading's messages, then the products' */
	mg_guide *g;
	mg_style *style;
	struct product p[P_COUNT];
	int pending;		/* product tasks not finished yet */
	int failed;
};

/* Work a worker can take, in this order of preference:
 *   HYPHEN  a catalogue's whole hyphenation dictionary for a language;
 *   WRITE   a product of a guide another worker read (its EPUB);
 *   READ    the next guide.
 * A guide's reader goes on with one of its products (the PDF, the longer)
 * and queues the other. So with two workers and one guide, one reads the
 * guide and writes its PDF while the other prepares what both products
 * need, then writes the EPUB. Products come before new guides, which keeps
 * memory flat: at most MAX_INFLIGHT(jobs) guides are held at once. */
enum task_kind {
	TASK_HYPHEN, TASK_WRITE, TASK_READ
};

struct task {
	enum task_kind kind;
	struct job *job;	/* WRITE, READ */
	struct product *p;	/* WRITE */
	char language[16];	/* HYPHEN */
};

#define MAX_INFLIGHT(jobs) ((size_t)(jobs) + 1)

/* What the workers share, all guarded by `lock`: the guides and the next
 * one to read, the queue of tasks, the counts for the summary. `wake` is
 * signalled whenever a task is queued or a guide is finished. */
struct pool {
	const char *const *dirs;
	size_t n, next;
	const mg_build_opts *o;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	mg_vec tasks;		/* of struct task: queued, not taken */
	size_t inflight;	/* guides read or being read, not finished */
	size_t reading;		/* guides being read (their READ queues tasks) */
	char langs[8][16];	/* languages queued for HYPHEN */
	size_t nlangs;
	size_t guides_ok, guides_failed, products, unchanged;
	mg_outdir outdir;
	char **reports;		/* check: each guide's readability report, by index */
	mg_fontlib *fonts;	/* read once, shared by every PDF */
	mg_hyphenlib *hyphens;	/* likewise */
	mg_braillelib *braille;	/* liblouis's lock, shared by every BRF */
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The PDF of j; under --base-url its QR codes lead to the guide's EPUB
 * there (published beside it, whether this run writes it or another). */
static int make_pdf(struct pool *pool, struct job *j, struct product *p,
		    mg_bytes *out)
{
	mg_layout_opts lo = { NULL };
	char name[512], *url = NULL;
	int rc;

	if (pool->o->base_url) {
		snprintf(name, sizeof name, "%s%s", j->g->slug,
			 product_suffixes[P_EPUB]);
		lo.qr_url = url = mg_url_join(pool->o->base_url, name);
	}
	rc = mg_pdf_write(j->g, j->style, pool->fonts, pool->hyphens, &lo, out,
			  &p->diag);
	free(url);
	return rc;
}

/* Makes product p of j in memory, with the writer of its kind. */
static int make_product(struct pool *pool, struct job *j, struct product *p,
			mg_bytes *out)
{
	mg_audio_opts ao;

	switch (p->kind) {
	case P_EPUB:
		return mg_epub_write(j->g, j->style, out, &p->diag);
	case P_PDF:
		return make_pdf(pool, j, p, out);
	case P_BRF:
		return mg_brf_write(j->g, pool->braille, out, &p->diag);
	case P_AUDIO:	/* speech children run this very binary (`__speak`) */
		ao = (mg_audio_opts){ "/proc/self/exe", getenv("MKGUIDE_VOICE"),
				      pool->o->jobs };
		return mg_audio_write(j->g, j->style, &ao, out, &p->diag);
	case P_COUNT:
		break;
	}
	return -1;
}

/* Makes product p of j and stages it in the output folder; publish() puts
 * it in place later, so a guide's products appear together or not at all. */
static void write_product(struct pool *pool, struct job *j, struct product *p)
{
	double t0 = now_ms();
	mg_bytes bytes = { NULL, 0 };
	char name[512];
	int rc;

	p->ok = 0;
	rc = make_product(pool, j, p, &bytes);
	if (rc == 0 && p->diag.errors == 0 && bytes.len > 0) {
		p->size = (long long)bytes.len;
		snprintf(name, sizeof name, "%s%s", j->g->slug,
			 product_suffixes[p->kind]);
		p->ok = mg_output_stage(&p->out, &pool->outdir, name, &bytes,
					&p->diag) == 0;
	} else if (rc == 0 && p->diag.errors == 0) {
		mg_error(&p->diag, j->g->dir, 0, 0, "the %s writer made nothing",
			 product_names[p->kind]);
	}
	mg_bytes_release(&bytes);
	p->ms = now_ms() - t0;
}

/* Puts a staged product in place, or drops it when its guide failed
 * (keep == 0), leaving any older good product as it was. */
static void publish(struct product *p, int keep)
{
	int rc;

	if (!p->ok)
		return;
	if (!keep) {
		mg_output_discard(&p->out);
		p->ok = 0;
		return;
	}
	rc = mg_output_commit(&p->out, &p->diag);
	p->ok = rc >= 0;
	p->unchanged = rc == 1;
}

static void print_product(const struct product *p, int quiet)
{
	if (!p->ok || quiet)
		return;
	fprintf(stderr, "%s %s (%.1f KB, %.1f ms)\n",
		p->unchanged ? "unchanged" : "wrote", p->out.final,
		p->size / 1024.0, p->ms);
}

/* Warns when the review date of a guide has passed (check only: the clock is
 * never used for products). */
static void check_review(const mg_guide *g, const char *yaml, mg_diag *d)
{
	if (!g->next_review)
		return;
	time_t t = time(NULL);
	struct tm tm;
	char today[16];
	gmtime_r(&t, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	if (strcmp(g->next_review, today) < 0)
		mg_warning(d, yaml, 0, 0, "next review was due on %s",
			   g->next_review);
}

/* Warns when a guide does not say who wrote it, who reviewed it and when,
 * or where to ask about it: HONcode's authority, attribution and
 * transparency. Check only: a draft may build without them. */
static void check_attribution(const mg_guide *g, const char *yaml, mg_diag *d)
{
	if (!g->nauthors)
		mg_warning(d, yaml, 0, 0, "no 'authors': readers cannot tell who wrote this guide");
	if (!g->reviewer && !g->reviewed && !g->next_review)
		mg_warning(d, yaml, 0, 0, "no 'review': readers cannot tell whether a clinician checked it, or when");
	if (!g->contact)
		mg_warning(d, yaml, 0, 0, "no 'contact': readers cannot ask where to send questions");
}

/* What only `check` says of a guide that reads well, at its guide.yaml. */
static void check_guide(const mg_guide *g, mg_diag *d)
{
	char yaml[4200];
	snprintf(yaml, sizeof(yaml), "%s/guide.yaml", g->dir);
	check_attribution(g, yaml, d);
	check_review(g, yaml, d);
}

/* Counts the guide's readability: a warning for each part that misses the
 * guide's target (here, once, whatever products are made) and check's
 * report, kept until every guide is done so they print in order. */
static void readability(struct pool *pool, struct job *j)
{
	mg_read_guide *r = mg_readability_guide(j->g);

	mg_report_warnings(r, &j->d);
	if (pool->o->check_only)
		pool->reports[j->index] = pool->o->format == MG_FORMAT_JSON
			? mg_report_json(r) : mg_report_text(r);
	mg_readability_free(r);
}

/* Prints check's reports on stdout, in the order the guides were given. */
static void print_reports(struct pool *pool)
{
	int json = pool->o->format == MG_FORMAT_JSON, first = 1;

	if (json)
		fputs("{\"guides\":[", stdout);
	for (size_t i = 0; i < pool->n; i++) {
		if (!pool->reports[i])
			continue;
		if (json && !first)
			fputc(',', stdout);
		fputs(pool->reports[i], stdout);
		first = 0;
		free(pool->reports[i]);
	}
	if (json)
		fputs("]}\n", stdout);
	fflush(stdout);
}

/* Queues a task; call locked. */
static void queue(struct pool *pool, struct task t)
{
	*(struct task *)mg_vec_push(&pool->tasks) = t;
	pthread_cond_signal(&pool->wake);
}

/* Takes the most wanted queued task into *t, the oldest of its kind; 0 if
 * none. Call locked. */
static int take_queued(struct pool *pool, struct task *t)
{
	struct task *q = pool->tasks.items;
	size_t best = 0, n = pool->tasks.len;

	if (n == 0)
		return 0;
	for (size_t i = 1; i < n; i++)
		if (q[i].kind < q[best].kind)
			best = i;
	*t = q[best];
	memmove(q + best, q + best + 1, (n - best - 1) * sizeof *q);
	pool->tasks.len--;
	return 1;
}

/* Takes the next guide to read. Call locked, with one left. */
static void claim_read(struct pool *pool, struct task *t)
{
	t->kind = TASK_READ;
	t->job = mg_xcalloc(1, sizeof *t->job);
	t->job->index = pool->next;
	t->job->dir = pool->dirs[pool->next++];
	pool->inflight++;
	pool->reading++;
}

/* Waits for the next task; 0 when no more work can come this worker's way:
 * nothing queued, no guide left to read, none being read (a READ queues
 * tasks). The tasks still
 * running finish on their own workers, which mg_build_run joins; a worker
 * that leaves early is not woken again to be joined. Call locked. */
static int next_task(struct pool *pool, struct task *t)
{
	for (;;) {
		if (take_queued(pool, t))
			return 1;
		if (pool->next < pool->n &&
		    pool->inflight < MAX_INFLIGHT(pool->o->jobs)) {
			claim_read(pool, t);
			return 1;
		}
		if (pool->next == pool->n && pool->reading == 0)
			return 0;
		pthread_cond_wait(&pool->wake, &pool->lock);
	}
}

/* A catalogue shares each language's whole hyphenation dictionary (about
 * 10 ms to load for English), loaded once by some worker; one or two
 * guides take only the patterns their words need, ten times cheaper (see
 * hyphenate.h). Call locked. */
static void want_hyphen(struct pool *pool, const char *language)
{
	struct task t = { .kind = TASK_HYPHEN };
	size_t max = sizeof pool->langs / sizeof pool->langs[0];

	if (!pool->o->pdf || pool->n <= 2 || !language ||
	    strlen(language) >= sizeof t.language)
		return;
	for (size_t i = 0; i < pool->nlangs; i++)
		if (strcmp(pool->langs[i], language) == 0)
			return;
	if (pool->nlangs == max)
		return;
	strcpy(pool->langs[pool->nlangs++], language);
	strcpy(t.language, language);
	queue(pool, t);
}

/* Reads the guide and its style, and queues what its products need. Returns
 * the product this worker writes next (the other one is queued), or NULL
 * when the guide is done: it failed or was only checked. Runs unlocked,
 * then locks. */
static struct product *read_guide(struct pool *pool, struct job *j)
{
	const mg_build_opts *o = pool->o;
	struct task other = { .kind = TASK_WRITE, .job = j };
	struct product *next = NULL;

	mg_diag_init(&j->d);
	for (int k = 0; k < P_COUNT; k++) {
		j->p[k].kind = (enum product_kind)k;
		mg_diag_init(&j->p[k].diag);
	}
	j->g = mg_source_read(j->dir, &j->d);
	if (j->g)
		j->style = mg_style_load(o->style ? o->style : j->g->style, &j->d);
	if (!j->g || !j->style)
		j->failed = 1;
	else if (o->check_only)
		check_guide(j->g, &j->d);
	if (!j->failed)
		readability(pool, j);
	pthread_mutex_lock(&pool->lock);
	pool->reading--;
	if (pool->reading == 0 && pool->next == pool->n)
		pthread_cond_broadcast(&pool->wake);	/* some may leave */
	if (!j->failed && !o->check_only) {
		want_hyphen(pool, j->g->language);
		j->p[P_EPUB].wanted = o->epub;
		j->p[P_PDF].wanted = o->pdf;
		j->p[P_BRF].wanted = o->braille || j->g->braille;
		j->p[P_AUDIO].wanted = o->epub && (o->audio || j->g->audio);
		/* this worker goes on with the PDF (else the EPUB); the others
		 * are queued */
		next = o->pdf ? &j->p[P_PDF] : &j->p[P_EPUB];
		j->pending = 1;
		for (int k = 0; k < P_COUNT; k++) {
			struct product *p = &j->p[queue_order[k]];

			if (!p->wanted || p == next)
				continue;
			other.p = p;
			queue(pool, other);
			j->pending++;
		}
	}
	pthread_mutex_unlock(&pool->lock);
	return next;
}

/* Writes product p of j; returns j when that was its last product. */
static struct job *write_one(struct pool *pool, struct job *j,
			     struct product *p)
{
	int last;

	write_product(pool, j, p);
	pthread_mutex_lock(&pool->lock);
	last = --j->pending == 0;
	pthread_mutex_unlock(&pool->lock);
	return last ? j : NULL;
}

/* 1 when every product asked for is written (or, after publishing, in
 * place). */
static int products_ok(const mg_build_opts *o, const struct job *j)
{
	if (o->check_only)
		return 1;
	for (int k = 0; k < P_COUNT; k++)
		if (j->p[k].wanted && !j->p[k].ok)
			return 0;
	return 1;
}

/* Publishes the guide's products (both or neither), prints its messages
 * together, and frees it. Runs unlocked. */
static void finish_guide(struct pool *pool, struct job *j)
{
	const mg_build_opts *o = pool->o;
	size_t written = 0, unchanged = 0;
	int k;

	if (!products_ok(o, j))
		j->failed = 1;
	for (k = 0; k < P_COUNT; k++)
		publish(&j->p[k], !j->failed);
	if (!products_ok(o, j))	/* one could not be put in place */
		j->failed = 1;
	for (k = 0; k < P_COUNT; k++) {
		mg_diag_append(&j->d, &j->p[k].diag);
		written += (size_t)j->p[k].ok;
		unchanged += (size_t)j->p[k].unchanged;
	}

	pthread_mutex_lock(&pool->lock);
	mg_diag_print(&j->d, stderr);
	for (k = 0; k < P_COUNT; k++)
		print_product(&j->p[k], o->quiet);
	if (j->failed || j->d.errors)
		pool->guides_failed++;
	else
		pool->guides_ok++;
	pool->products += written;
	pool->unchanged += unchanged;
	fflush(stderr);
	pool->inflight--;
	pthread_cond_broadcast(&pool->wake);
	pthread_mutex_unlock(&pool->lock);

	for (k = 0; k < P_COUNT; k++)
		mg_diag_release(&j->p[k].diag);
	mg_diag_release(&j->d);
	mg_style_free(j->style);
	mg_guide_free(j->g);
	free(j);
}

/* Runs one task, unlocked; returns the guide it finished the work of, or
 * NULL. */
static struct job *run_task(struct pool *pool, struct task *t)
{
	struct product *next;

	switch (t->kind) {
	case TASK_HYPHEN:
		mg_hyphen_get(pool->hyphens, t->language);
		return NULL;
	case TASK_READ:
		next = read_guide(pool, t->job);
		return next ? write_one(pool, t->job, next) : t->job;
	case TASK_WRITE:
		return write_one(pool, t->job, t->p);
	}
	return NULL;
}

/* Runs task t, then the pool's tasks until the build is over. */
static void work(struct pool *pool, struct task *t, int have)
{
	struct job *done;

	pthread_mutex_lock(&pool->lock);
	while (have || next_task(pool, t)) {
		have = 0;
		pthread_mutex_unlock(&pool->lock);
		done = run_task(pool, t);
		if (done)
			finish_guide(pool, done);
		pthread_mutex_lock(&pool->lock);
	}
	pthread_mutex_unlock(&pool->lock);
}

static void *worker(void *arg)
{
	struct task t;

	work(arg, &t, 0);
	return NULL;
}

/* Two guides with the same folder name would write the same products. */
static int check_slugs(const char *const *dirs, size_t n)
{
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		const char *a = strrchr(dirs[i], '/');
		for (size_t j = 0; j < i; j++) {
			const char *b = strrchr(dirs[j], '/');
			if (strcmp(a ? a + 1 : dirs[i], b ? b + 1 : dirs[j]))
				continue;
			fprintf(stderr,
				"mkguide: error: '%s' and '%s' would write the same products\n",
				dirs[j], dirs[i]);
			bad = 1;
		}
	}
	return bad;
}

int mg_build_run(const char *const *dirs, size_t n, const mg_build_opts *o)
{
	struct pool pool = { .dirs = dirs, .n = n, .o = o };
	double t0 = now_ms();
	size_t nthreads = o->jobs > 0 ? (size_t)o->jobs : 1;
	pthread_t *threads;
	struct task first;
	size_t written;

	if (check_slugs(dirs, n))
		return 1;
	/* This reads the umask, before any thread exists. */
	if (!o->check_only && mg_outdir_open(&pool.outdir, o->outdir) < 0) {
		fprintf(stderr, "%s: error: cannot write the output folder: %s\n",
			o->outdir, strerror(errno));
		return 1;
	}
	pthread_mutex_init(&pool.lock, NULL);
	pthread_cond_init(&pool.wake, NULL);
	mg_vec_init(&pool.tasks, sizeof(struct task));
	if (o->check_only)
		pool.reports = mg_xcalloc(n ? n : 1, sizeof *pool.reports);
	pool.fonts = mg_fontlib_new();
	pool.hyphens = mg_hyphenlib_new();
	pool.braille = mg_braillelib_new();
	/* -j 1 means one thing at a time. With more, a guide's two products
	 * may be written at once, so up to two workers a guide are useful. */
	if (nthreads > (o->check_only ? n : 2 * n))
		nthreads = n == 0 ? 1 : o->check_only ? n : 2 * n;
	/* This thread reads the first guide and writes its PDF; the others
	 * start with the preparations, so the longest chain of work ends here,
	 * where the process exits, not on a thread that must wake this one. */
	if (n > 0)
		claim_read(&pool, &first);
	threads = mg_xcalloc(nthreads, sizeof(*threads));
	size_t started = 0;
	for (size_t i = 1; i < nthreads; i++)
		if (pthread_create(&threads[i], NULL, worker, &pool) == 0)
			started = i;
		else
			break;
	work(&pool, &first, n > 0);
	for (size_t i = 1; i <= started; i++)
		pthread_join(threads[i], NULL);
	free(threads);
	mg_fontlib_free(pool.fonts);
	mg_hyphenlib_free(pool.hyphens);
	mg_braillelib_free(pool.braille);
	mg_vec_release(&pool.tasks);
	pthread_cond_destroy(&pool.wake);
	pthread_mutex_destroy(&pool.lock);

	if (o->check_only) {
		print_reports(&pool);
		free(pool.reports);
	}
	if (o->check_only && (!o->quiet || pool.guides_failed))
		fprintf(stderr, "checked %zu guide%s: %zu with errors\n", n,
			n == 1 ? "" : "s", pool.guides_failed);
	else if (!o->quiet || pool.guides_failed) {
		written = pool.products - pool.unchanged;
		fprintf(stderr, "built %zu guide%s: %zu product%s written, ", n,
			n == 1 ? "" : "s", written, written == 1 ? "" : "s");
		if (pool.unchanged)
			fprintf(stderr, "%zu unchanged, ", pool.unchanged);
		fprintf(stderr, "%zu with errors, %.1f ms\n",
			pool.guides_failed, now_ms() - t0);
	}
	return pool.guides_failed ? 1 : 0;
}

unsigned mg_build_shard_of(const char *dir, unsigned n)
{
	size_t end = strlen(dir), start;

	while (end > 1 && dir[end - 1] == '/')
		end--;
	start = end;
	while (start > 0 && dir[start - 1] != '/')
		start--;
	/* zlib's CRC-32 of the slug: a fixed, documented function that any
	 * other tool can compute to predict a guide's part (docs/scaling.md). */
	uLong crc = crc32(0L, (const Bytef *)dir + start, (uInt)(end - start));
	return n ? (unsigned)(crc % n) + 1 : 1;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

long mg_build_find_guides(const char *root, char ***dirs)
{
	DIR *dir = opendir(root);
	struct dirent *e;
	mg_vec v;
	char path[4096];

	*dirs = NULL;
	if (!dir)
		return -1;
	mg_vec_init(&v, sizeof(char *));
	while ((e = readdir(dir))) {
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/guide.yaml", root,
			 e->d_name);
		if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
			continue;
		snprintf(path, sizeof(path), "%s/%s", root, e->d_name);
		*(char **)mg_vec_push(&v) = mg_xstrdup(path);
	}
	closedir(dir);
	if (v.len)
		qsort(v.items, v.len, sizeof(char *), cmp_str);
	*dirs = v.items;
	return (long)v.len;
}
