/* build.c — jobs, threads and atomic output. A pool of workers takes guides
 * in turn; each guide is read once, then its EPUB (on a helper thread) and its
 * PDF are written side by side to temporary files that are renamed on success. */
#include "build.h"
#include "arena.h"
#include "diag.h"
#include "fonts.h"
#include "module.h"
#include "guide.h"
#include "hyphenate.h"
#include "pdf.h"
#include "source.h"
#include "style.h"
#include "thread.h"

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

/* What the workers share: the list of guides and the next one to take, the
 * output lock, and the counts for the summary. Guarded by `lock`. */
struct pool {
	const char *const *dirs;
	size_t n, next;
	const mg_build_opts *o;
	pthread_mutex_t lock;
	size_t guides_ok, guides_failed, products;
	mode_t file_mode;
	mg_fontlib *fonts;	/* read once, shared by every PDF job */
	mg_module *epub;	/* the EPUB writer, loading in the background */
};

/* One product of one guide being written. */
struct product {
	const char *kind;	/* "epub" or "pdf" */
	const mg_guide *g;
	const mg_style *style;
	mg_fontlib *fonts;
	mg_module *epub;
	char final[4096], tmp[4096];
	mg_diag diag;
	int ok;
	double ms;
	long long size;
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Reserves a temporary name beside the final file, so rename() stays on one
 * file system. The writer then replaces the empty file it names. */
static int make_temp(struct product *p, const char *outdir, mode_t mode)
{
	snprintf(p->final, sizeof(p->final), "%s/%s.%s", outdir, p->g->slug,
		 p->kind);
	snprintf(p->tmp, sizeof(p->tmp), "%s/.%s.%s.XXXXXX", outdir,
		 p->g->slug, p->kind);
	int fd = mkstemp(p->tmp);
	if (fd < 0) {
		mg_error(&p->diag, outdir, 0, 0, "cannot write in '%s': %s",
			 outdir, strerror(errno));
		return -1;
	}
	fchmod(fd, mode);
	close(fd);
	return 0;
}

static int write_epub(struct product *p)
{
	const char *why;
	mg_epub_write_fn write = mg_module_epub(p->epub, &why);

	if (!write) {
		mg_error(&p->diag, NULL, 0, 0, "cannot load the EPUB writer: %s",
			 why);
		return -1;
	}
	return write(p->g, p->style, p->tmp, &p->diag);
}

/* Writes the product to its temporary file; publish() renames it later, so a
 * guide's products appear together or not at all. */
static void write_product(struct product *p, const char *outdir, mode_t mode)
{
	double t0 = now_ms();
	struct stat st;
	int rc;

	p->ok = 0;
	if (make_temp(p, outdir, mode) < 0)
		return;
	if (strcmp(p->kind, "epub") == 0)
		rc = write_epub(p);
	else
		rc = mg_pdf_write(p->g, p->style, p->fonts, p->tmp, &p->diag);
	if (rc == 0 && p->diag.errors == 0 && stat(p->tmp, &st) == 0 &&
	    st.st_size > 0) {
		p->ok = 1;
		p->size = (long long)st.st_size;
	} else {
		if (rc == 0 && p->diag.errors == 0)
			mg_error(&p->diag, p->final, 0, 0,
				 "the writer produced no file");
		unlink(p->tmp);
	}
	p->ms = now_ms() - t0;
}

/* Renames a finished product into place, or throws it away when its guide
 * failed (keep == 0), leaving any older good product as it was. */
static void publish(struct product *p, int keep)
{
	if (!p->ok)
		return;
	if (keep && rename(p->tmp, p->final) == 0)
		return;
	if (keep)
		mg_error(&p->diag, p->final, 0, 0, "cannot write: %s",
			 strerror(errno));
	unlink(p->tmp);
	p->ok = 0;
}

/* A guide's helper: a thread started before the guide is read, which
 * meanwhile does what the products will need and the process has not done
 * yet (fontconfig's font list for the PDF, loading the EPUB module), then
 * waits for the word to write the EPUB (go) or to give up (the guide
 * failed). Threads are started before the module loads: see module.h. */
struct helper {
	struct product *p;	/* the EPUB, or NULL: preparing only */
	const char *outdir;
	mode_t mode;
	mg_fontlib *fonts;	/* to prepare, or NULL */
	mg_module *module;	/* to load, or NULL */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int word;		/* 0 until told: 1 go, -1 give up */
	pthread_t thread;
};

static void *run_helper(void *arg)
{
	struct helper *h = arg;
	const char *why;
	int word;

	if (h->fonts)
		mg_fontlib_prepare(h->fonts);
	if (h->module)
		mg_module_epub(h->module, &why);	/* write_epub reports */
	if (!h->p)
		return NULL;
	pthread_mutex_lock(&h->lock);
	while (!h->word)
		pthread_cond_wait(&h->cond, &h->lock);
	word = h->word;
	pthread_mutex_unlock(&h->lock);
	if (word > 0 && h->p)
		write_product(h->p, h->outdir, h->mode);
	return NULL;
}

static int helper_start(struct helper *h)
{
	pthread_mutex_init(&h->lock, NULL);
	pthread_cond_init(&h->cond, NULL);
	if (mg_thread_start(&h->thread, 0, run_helper, h) == 0)
		return 0;
	pthread_cond_destroy(&h->cond);
	pthread_mutex_destroy(&h->lock);
	return -1;
}

/* Tells the helper to write (1) or to give up (-1). */
static void helper_tell(struct helper *h, int word)
{
	pthread_mutex_lock(&h->lock);
	h->word = word;
	pthread_cond_signal(&h->cond);
	pthread_mutex_unlock(&h->lock);
}

static void helper_join(struct helper *h)
{
	pthread_join(h->thread, NULL);
	pthread_cond_destroy(&h->cond);
	pthread_mutex_destroy(&h->lock);
}

static void print_product(const struct product *p, int quiet)
{
	if (!p->ok || quiet)
		return;
	fprintf(stderr, "wrote %s (%.1f KB, %.1f ms)\n", p->final,
		p->size / 1024.0, p->ms);
}

/* Warns when the review date of a guide has passed (check only: the clock is
 * never used for products). */
static void check_review(const mg_guide *g, mg_diag *d)
{
	if (!g->next_review)
		return;
	time_t t = time(NULL);
	struct tm tm;
	char today[16];
	gmtime_r(&t, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	if (strcmp(g->next_review, today) < 0)
		mg_warning(d, NULL, 0, 0,
			   "%s: next review was due on %s", g->dir,
			   g->next_review);
}

/* Reads, checks and writes one guide; its messages are printed together. */
static void build_one(struct pool *pool, const char *dir)
{
	const mg_build_opts *o = pool->o;
	mg_diag d;
	mg_guide *g;
	mg_style *style = NULL;
	struct product ep = { .kind = "epub" }, pp = { .kind = "pdf" };
	struct helper h = { .outdir = o->outdir, .mode = pool->file_mode };
	int failed = 0, helped = 0;
	size_t written = 0;

	mg_diag_init(&d);
	mg_diag_init(&ep.diag);
	mg_diag_init(&pp.diag);
	/* -j 1 means one thing at a time; with more, a guide's EPUB is written
	 * by its helper thread, beside its PDF. */
	if (o->jobs > 1 && !o->check_only) {
		if (o->epub) {
			h.p = &ep;
			h.module = pool->epub;
		}
		if (o->pdf && !mg_fontlib_prepared(pool->fonts))
			h.fonts = pool->fonts;
		if (h.p || h.fonts)
			helped = helper_start(&h) == 0;
		if (!helped)
			h.p = NULL;	/* no thread: written in turn */
	}
	g = mg_source_read(dir, &d);
	if (g) {
		const char *name = o->style ? o->style : g->style;
		style = mg_style_load(name, &d);
	}
	if (!g || !style) {
		failed = 1;
		goto out;
	}
	if (o->check_only) {
		check_review(g, &d);
		goto out;
	}
	/* A catalogue shares each language's whole hyphenation dictionary
	 * (about 10 ms to load for English), loaded while the first EPUB is
	 * written; a run of one or two guides loads only the patterns its
	 * words need, which is ten times cheaper (see hyphenate.h). */
	if (o->pdf && pool->n > 2)
		mg_hyphen_prefetch(g->language);
	ep.g = pp.g = g;
	ep.style = pp.style = style;
	pp.fonts = pool->fonts;
	ep.epub = pool->epub;
	if (helped)
		helper_tell(&h, 1);
	if (o->epub && !h.p)
		write_product(&ep, o->outdir, pool->file_mode);
	if (o->pdf)
		write_product(&pp, o->outdir, pool->file_mode);
	if (helped) {
		helper_join(&h);
		helped = 0;
	}
	if ((o->epub && !ep.ok) || (o->pdf && !pp.ok))
		failed = 1;
	publish(&ep, !failed);
	publish(&pp, !failed);
	if ((o->epub && !ep.ok) || (o->pdf && !pp.ok))
		failed = 1;
	mg_diag_append(&d, &ep.diag);
	mg_diag_append(&d, &pp.diag);
	written = (size_t)(ep.ok + pp.ok);
out:
	if (helped) {
		helper_tell(&h, -1);
		helper_join(&h);
	}
	pthread_mutex_lock(&pool->lock);
	mg_diag_print(&d, stderr);
	print_product(&ep, o->quiet);
	print_product(&pp, o->quiet);
	if (failed || d.errors)
		pool->guides_failed++;
	else
		pool->guides_ok++;
	pool->products += written;
	fflush(stderr);
	pthread_mutex_unlock(&pool->lock);

	mg_diag_release(&ep.diag);
	mg_diag_release(&pp.diag);
	mg_diag_release(&d);
	mg_style_free(style);
	mg_guide_free(g);
}

static void *worker(void *arg)
{
	struct pool *pool = arg;
	for (;;) {
		pthread_mutex_lock(&pool->lock);
		size_t i = pool->next < pool->n ? pool->next++ : pool->n;
		pthread_mutex_unlock(&pool->lock);
		if (i == pool->n)
			return NULL;
		build_one(pool, pool->dirs[i]);
	}
}

/* mkdir -p for the output folder. */
static int make_outdir(const char *path)
{
	char buf[4096];
	size_t len = strlen(path);
	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, path, len + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0777) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, 0777) < 0 && errno != EEXIST)
		return -1;
	struct stat st;
	if (stat(buf, &st) < 0 || !S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return access(buf, W_OK | X_OK);
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
	mode_t mask;

	if (check_slugs(dirs, n))
		return 1;
	if (!o->check_only && make_outdir(o->outdir) < 0) {
		fprintf(stderr, "%s: error: cannot write the output folder: %s\n",
			o->outdir, strerror(errno));
		return 1;
	}
	/* umask is read once, before any thread exists. */
	mask = umask(022);
	umask(mask);
	pool.file_mode = 0666 & ~mask;
	pthread_mutex_init(&pool.lock, NULL);
	pool.fonts = mg_fontlib_new();
	if (o->epub && !o->check_only)
		pool.epub = mg_module_new();

	if (nthreads > n)
		nthreads = n ? n : 1;
	threads = mg_xcalloc(nthreads, sizeof(*threads));
	size_t started = 0;
	for (size_t i = 1; i < nthreads; i++)
		if (mg_thread_start(&threads[i], 0, worker, &pool) == 0)
			started = i;
		else
			break;
	worker(&pool);
	for (size_t i = 1; i <= started; i++)
		pthread_join(threads[i], NULL);
	free(threads);
	mg_fontlib_free(pool.fonts);
	mg_module_free(pool.epub);
	pthread_mutex_destroy(&pool.lock);

	if (o->check_only && (!o->quiet || pool.guides_failed))
		fprintf(stderr, "checked %zu guide%s: %zu with errors\n", n,
			n == 1 ? "" : "s", pool.guides_failed);
	else if (!o->quiet || pool.guides_failed)
		fprintf(stderr,
			"built %zu guide%s: %zu product%s written, %zu with errors, %.1f ms\n",
			n, n == 1 ? "" : "s", pool.products,
			pool.products == 1 ? "" : "s", pool.guides_failed,
			now_ms() - t0);
	return pool.guides_failed ? 1 : 0;
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
