/* heap.c — the main heap's growth. A build touches a few megabytes of fresh
 * memory; on small virtual machines each 4 KB page costs a fault of about
 * 3 µs, a 2 MB huge page about 250 µs, so huge pages cost a sixth as much. */
#include "core/heap.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define HUGE_PAGE (2u << 20)
#define SMALL_PAGE 4096u
/* How far the heap grows at a time. */
#define HEAP_STEP (8u << 20)
/* How much of it is advised: a short guide's whole build. Beyond it the
 * heap takes small pages as usual: a catalogue's heap grows further, and
 * huge pages there would hold more memory for no fewer faults to speak of
 * (200 guides: 20 MB peak with all 8 MB advised, 18 with 4, 16 with none). */
#define HEAP_HUGE (4u << 20)

static uintptr_t align_up(uintptr_t p, uintptr_t to)
{
	return (p + to - 1) & ~(to - 1);
}

int mg_heap_setup(void)
{
	char *brk0, *huge, *end;
	void *volatile first;	/* volatile: the compiler keeps the malloc */
	int advised = 0;

	/* Layouts and zips allocate and free large buffers guide after guide:
	 * kept in the heap instead of being mapped and unmapped each time,
	 * they cost no page faults and no TLB shootdowns between threads. */
	mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
	mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#ifdef MADV_HUGEPAGE
	if (mallinfo2().arena != 0)
		return 0;	/* the heap exists: its start is where it is */
	/* A huge page backs only a whole aligned 2 MB that nothing has touched
	 * yet. So the heap is made to start one small page below a 2 MB
	 * boundary: its first chunk (the one below) takes that small page, and
	 * all that follows lies in aligned, untouched 2 MB blocks. */
	brk0 = sbrk(0);
	if (brk0 == (void *)-1)
		return 0;
	huge = (char *)align_up((uintptr_t)brk0 + SMALL_PAGE, HUGE_PAGE);
	if (sbrk((intptr_t)(huge - SMALL_PAGE - brk0)) == (void *)-1)
		return 0;
	mallopt(M_TOP_PAD, (int)HEAP_STEP);
	first = malloc(16);
	end = sbrk(0);
	/* Only glibc's own heap, started just now, is ours to advise. */
	if (first && (char *)first >= huge - SMALL_PAGE && (char *)first < huge &&
	    end != (void *)-1 && end >= huge + HEAP_HUGE)
		advised = madvise(huge, HEAP_HUGE, MADV_HUGEPAGE) == 0;
	free(first);
#endif
	return advised;
}
