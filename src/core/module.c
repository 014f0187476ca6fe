/* module.c — finds and loads mkguide-epub.so once per build, on whichever
 * worker asks first (the pool's MODULE task, while the first guide is read),
 * so that relocating libzip and OpenSSL overlaps other work. */
#include "core/module.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "read/style.h"

#ifndef MG_LIBDIR
#define MG_LIBDIR "/usr/local/lib/mkguide"
#endif
#ifndef MG_VERSION
#define MG_VERSION "0"
#endif

struct mg_module {
	pthread_mutex_t lock;	/* guards everything below */
	int tried;		/* 1 once a load has been attempted */
	mg_epubzip_write_fn write;	/* NULL until loaded, or if it failed */
	char why[512];
};

/* RTLD_DEEPBIND: the module's libraries find their own symbols first
 * instead of searching the binary's seventeen objects each time (OpenSSL
 * alone binds 4,000 symbols at load): half the loader's work. The
 * sanitizers refuse it (their allocator must interpose on everyone). */
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define MG_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || \
	defined(MG_SANITIZED)
#define OPEN_FLAGS (RTLD_LAZY | RTLD_LOCAL)
#else
#define OPEN_FLAGS (RTLD_LAZY | RTLD_LOCAL | RTLD_DEEPBIND)
#endif

/* Opens the module at path; 0, or -1 with the reason in m->why. */
static int open_at(mg_module *m, const char *path)
{
	void *h = dlopen(path, OPEN_FLAGS);
	const char *(*version)(void);
	const char *err;

	if (!h) {
		err = dlerror();
		snprintf(m->why, sizeof m->why, "%s", err ? err : path);
		return -1;
	}
	*(void **)&version = dlsym(h, "mg_epubzip_version");
	*(void **)&m->write = dlsym(h, "mg_epubzip_write");
	if (!version || !m->write || strcmp(version(), MG_VERSION) != 0) {
		snprintf(m->why, sizeof m->why, "%s is not the EPUB zip writer of "
			 "mkguide " MG_VERSION, path);
		m->write = NULL;
		dlclose(h);
		return -1;
	}
	return 0;	/* never closed: OpenSSL keeps state to exit */
}

/* A module beside the binary wins (a build tree); its absence sends the
 * search to the installed one. */
static void load(mg_module *m)
{
	char dir[2048], path[2200];

	if (mg_exe_dir(dir, sizeof dir) < 0)
		snprintf(dir, sizeof dir, "the binary");
	snprintf(path, sizeof path, "%s/" MG_MODULE_FILE, dir);
	if (access(path, F_OK) == 0)
		open_at(m, path);
	else if (access(MG_LIBDIR "/" MG_MODULE_FILE, F_OK) == 0)
		open_at(m, MG_LIBDIR "/" MG_MODULE_FILE);
	else
		snprintf(m->why, sizeof m->why, MG_MODULE_FILE " is neither in %.300s "
			 "nor in " MG_LIBDIR " ('make' builds it, 'make install' "
			 "installs it)", dir);
}

mg_module *mg_module_new(void)
{
	mg_module *m = mg_xcalloc(1, sizeof *m);

	pthread_mutex_init(&m->lock, NULL);
	return m;
}

mg_epubzip_write_fn mg_module_zip(mg_module *m, const char **why)
{
	mg_epubzip_write_fn write;

	pthread_mutex_lock(&m->lock);
	if (!m->tried) {
		load(m);
		m->tried = 1;
	}
	write = m->write;
	*why = m->why;
	pthread_mutex_unlock(&m->lock);
	return write;
}

void mg_module_free(mg_module *m)
{
	if (!m)
		return;
	pthread_mutex_destroy(&m->lock);
	free(m);
}
