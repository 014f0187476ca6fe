/* cachefile.c — mapping, naming and writing the files of the cache folder;
 * see cachefile.h. Writers never leave a part of a file where a reader
 * could map it. */
#include "core/cachefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

const void *mg_map_file(const char *path, size_t max, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	void *p = MAP_FAILED;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uint64_t)st.st_size < max)
		p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return NULL;
	*len = (size_t)st.st_size;
	return p;
}

int mg_cache_path(char *out, size_t size, const char *cache_dir,
		  const char *source, const char *suffix)
{
	const char *base = strrchr(source, '/');
	int n = snprintf(out, size, "%s/%s%s", cache_dir,
			 base ? base + 1 : source, suffix);

	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* Creates the folder of file and whichever of its parents are missing. */
static int make_dirs(const char *file)
{
	char path[4096];
	const char *slash = strrchr(file, '/');
	size_t len = slash ? (size_t)(slash - file) : 0;

	if (len == 0 || len >= sizeof path)
		return -1;
	memcpy(path, file, len);
	path[len] = '\0';
	for (char *p = path + 1;; p++) {
		char was = *p;

		if (was != '/' && was != '\0')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST)
			return -1;
		if (was == '\0')
			return 0;
		*p = was;
	}
}

int mg_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

void mg_cache_write(const char *path, const void *data, size_t len)
{
	char tmp[4200];
	int fd, written;

	if (make_dirs(path) < 0 ||
	    snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp)
		return;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return;
	written = mg_write_all(fd, data, len) == 0;
	if (close(fd) != 0 || !written || rename(tmp, path) != 0)
		unlink(tmp);
}

uint32_t mg_cache_crc(const void *p, size_t len)
{
	return (uint32_t)crc32(crc32(0L, Z_NULL, 0), p, (uInt)len);
}
