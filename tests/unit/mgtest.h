/* mgtest.h — the smallest unit-test harness that reports like the rest of
 * the suite: one "ok"/"not ok" line per check that fails or per test, and a
 * closing "N passed, N failed" that tests/run.sh adds up. */
#ifndef MGTEST_H
#define MGTEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/vec.h"

static int mgt_passed, mgt_failed, mgt_current_failed;
static const char *mgt_current;

#define CHECK(cond)                                                          \
	do {                                                                 \
		if (!(cond)) {                                               \
			printf("  %s:%d: check failed: %s\n", __FILE__,      \
			       __LINE__, #cond);                             \
			mgt_current_failed = 1;                              \
		}                                                            \
	} while (0)

#define CHECK_STR(got, want)                                                 \
	do {                                                                 \
		const char *g_ = (got), *w_ = (want);                        \
		if (!g_ || !w_ || strcmp(g_, w_) != 0) {                     \
			printf("  %s:%d: got \"%s\", want \"%s\"\n", __FILE__, \
			       __LINE__, g_ ? g_ : "(null)",                 \
			       w_ ? w_ : "(null)");                          \
			mgt_current_failed = 1;                              \
		}                                                            \
	} while (0)

#define CHECK_INT(got, want)                                                 \
	do {                                                                 \
		long long g_ = (long long)(got), w_ = (long long)(want);     \
		if (g_ != w_) {                                              \
			printf("  %s:%d: %s is %lld, want %lld\n", __FILE__, \
			       __LINE__, #got, g_, w_);                      \
			mgt_current_failed = 1;                              \
		}                                                            \
	} while (0)

#define RUN(test)                                                            \
	do {                                                                 \
		mgt_current = #test;                                         \
		mgt_current_failed = 0;                                      \
		test();                                                      \
		if (mgt_current_failed) {                                    \
			printf("not ok - %s\n", mgt_current);                \
			mgt_failed++;                                        \
		} else {                                                     \
			printf("ok - %s\n", mgt_current);                    \
			mgt_passed++;                                        \
		}                                                            \
	} while (0)

/* Writes len bytes of data to the file at path: 0, or -3 when it cannot
 * (a value no writer under test returns). */
static inline int mgt_write_file(const char *path, const void *data,
				 size_t len)
{
	FILE *f = fopen(path, "wb");
	int rc = f && fwrite(data, 1, len, f) == len ? 0 : -3;

	if (f && fclose(f) != 0)
		rc = -3;
	return rc;
}

/* The whole file at path, malloc'd and NUL-terminated after its *len
 * bytes; NULL if it cannot be read. */
static inline char *mgt_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
		if (fread(buf, 1, (size_t)n, f) == (size_t)n) {
			buf[n] = '\0';
			*len = (size_t)n;
		} else {
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}

/* Copies the file at from to to: 0, or -3. */
static inline int mgt_copy_file(const char *from, const char *to)
{
	size_t len = 0;
	char *data = mgt_read_file(from, &len);
	int rc = data ? mgt_write_file(to, data, len) : -3;

	free(data);
	return rc;
}

/* Removes the folder at path (a test's mkdtemp folder) and everything in
 * it: 0, or -1. */
static inline int mgt_remove_tree(const char *path)
{
	char cmd[600];
	int n = snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);

	return n < 0 || (size_t)n >= sizeof cmd || system(cmd) != 0 ? -1 : 0;
}

/* Makes a test's folder from template (mkdtemp) and copies the file at from
 * into it as name, whose path goes into to; exits when either fails, as
 * nothing after can run without them. */
static inline void mgt_temp_copy(char *template, const char *from,
				 const char *name, char *to, size_t size)
{
	if (!mkdtemp(template)) {
		perror("mkdtemp");
		exit(1);
	}
	snprintf(to, size, "%s/%s", template, name);
	if (mgt_copy_file(from, to) != 0) {
		fprintf(stderr, "cannot copy %s\n", from);
		exit(1);
	}
}

/* What a writer that makes bytes (mg_epub_write, mg_pdf_write) returned,
 * rc, and the bytes b it made: rc when it failed (having made nothing, which
 * is checked), else the bytes written to the file at path, as
 * mgt_write_file returns. b is released either way. */
static inline int mgt_save_bytes(int rc, mg_bytes *b, const char *path)
{
	if (rc < 0) {
		CHECK(b->data == NULL && b->len == 0);	/* nothing half-made */
		return rc;
	}
	rc = mgt_write_file(path, b->data, b->len);
	mg_bytes_release(b);
	return rc;
}

#define MGT_DONE()                                                           \
	(printf("%d passed, %d failed\n", mgt_passed, mgt_failed),           \
	 mgt_failed ? 1 : 0)

#endif
