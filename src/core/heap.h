/* heap.h — how this process's malloc heap grows. Page faults are a large
 * part of a short build's time, so the heap is kept rather than given back,
 * and grows where the kernel may back it with huge pages. */
#ifndef MG_HEAP_H
#define MG_HEAP_H

/* Sets up the main thread's heap: large buffers stay in the heap instead of
 * being mapped and unmapped each time, and the heap's first 4 MB are
 * advised for transparent huge pages (one fault for 2 MB instead of 512).
 * Call first thing in main, before any thread starts and before anything
 * else allocates. Returns 1 when the heap was advised, 0 when it was left
 * as it is: malloc already in use, a malloc other than glibc's (sanitizers,
 * valgrind), or a kernel without huge pages. Either way malloc works as
 * usual; only its speed differs. */
int mg_heap_setup(void);

#endif
