/* test_heap.c — the heap set up first thing in a process: advised for huge
 * pages when glibc's malloc had not started (left alone under a sanitizer's
 * malloc), kept as one heap for large blocks, and malloc works after it. */
#include "core/heap.h"

#include "mgtest.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

static int advised;		/* what mg_heap_setup said, first thing */

#if !defined(__SANITIZE_ADDRESS__)
/* The smaps entry of the mapping that holds p: its name ("[heap]", a path or
 * "") and whether its flags include "hg" (advised for huge pages). 0 when
 * found. A mapping's first line is "lo-hi perms offset dev inode [name]". */
static int mapping_of(const void *p, char *name, size_t cap, int *hg)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	int in = 0, found = -1;
	uintptr_t a = (uintptr_t)p;

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		char path[256] = "";

		if (sscanf(line, "%lx-%lx %*s %*s %*s %*s %255[^\n]", &lo, &hi,
			   path) >= 2) {
			in = a >= lo && a < hi;
			if (in) {
				snprintf(name, cap, "%s", path);
				*hg = 0;
				found = 0;
			}
		} else if (in && strncmp(line, "VmFlags:", 8) == 0) {
			*hg = strstr(line, " hg") != NULL;
		}
	}
	fclose(f);
	return found;
}

static int have_thp(void)
{
	return access("/sys/kernel/mm/transparent_hugepage/enabled", F_OK) == 0;
}
#endif

#if defined(__SANITIZE_ADDRESS__)
static void test_first_call_advises_the_heap(void)
{
	CHECK_INT(advised, 0);	/* ASan's malloc: nothing to advise */
}
#else
static void test_first_call_advises_the_heap(void)
{
	char name[256] = "";
	int hg = 0;
	size_t len = 1 << 20;
	char *p = malloc(len);

	CHECK(p != NULL);
	if (!p)
		return;
	memset(p, 1, len);
	if (!have_thp()) {
		CHECK_INT(advised, 0);
	} else {
		/* the heap's first small page holds only its first chunks: the
		 * block's end lies in the advised part */
		CHECK_INT(advised, 1);
		CHECK_INT(mapping_of(p + len - 1, name, sizeof name, &hg), 0);
		CHECK_STR(name, "[heap]");	/* not a mapping of its own */
		CHECK_INT(hg, 1);
	}
	free(p);
}
#endif

static void test_second_call_leaves_it(void)
{
	CHECK_INT(mg_heap_setup(), 0);	/* malloc is in use by now */
}

/* Blocks past the heap's first step, grown and freed, keep their bytes. */
static void test_malloc_works_after(void)
{
	size_t big = 24u << 20, small = 3u << 20;
	char *a = malloc(small), *b = malloc(big), *c;

	CHECK(a != NULL && b != NULL);
	if (!a || !b)
		goto out;
	memset(a, 'a', small);
	memset(b, 'b', big);
	c = realloc(a, 2 * big);
	CHECK(c != NULL);
	if (c) {
		a = c;
		CHECK(a[0] == 'a' && a[small - 1] == 'a');
		memset(a + small, 'c', 2 * big - small);
		CHECK(a[2 * big - 1] == 'c');
	}
	CHECK(b[0] == 'b' && b[big - 1] == 'b');
out:
	free(a);
	free(b);
}

int main(void)
{
	advised = mg_heap_setup();	/* before printf allocates its buffer */
	RUN(test_first_call_advises_the_heap);
	RUN(test_second_call_leaves_it);
	RUN(test_malloc_works_after);
	return MGT_DONE();
}
