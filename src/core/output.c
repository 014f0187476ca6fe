/* output.c — products into the output folder without a half-written file:
 * a temporary file beside the final name, renamed when the guide is done.
 * Bytes equal to the file already there are not written again (see below). */
#include "core/output.h"
#include "core/vec.h"
#include "core/files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Rebuilding a guide that did not change makes the same bytes (the same
 * sources always do). Replacing a file with a copy of itself is not free:
 * on ext4, renaming over a file flushes the new one and frees the old one's
 * blocks, 0.3 ms a file, and removing a temporary file costs as much. So an
 * identical file stays, with the new modification time a rewrite would give
 * it (make and its kind still see a fresh product). */

enum { OUT_NONE, OUT_WRITTEN, OUT_KEPT };

/* Makes path and its parents (like mkdir -p). */
static int make_dirs(const char *path)
{
	char buf[4096];
	size_t len = strlen(path);

	if (len == 0 || len >= sizeof buf) {
		errno = ENAMETOOLONG;
		return -1;
	}
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
	return 0;
}

int mg_outdir_open(mg_outdir *od, const char *path)
{
	struct stat st;
	mode_t mask;

	if (make_dirs(path) < 0 || stat(path, &st) < 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	if (access(path, W_OK | X_OK) < 0)
		return -1;
	mask = umask(022);
	umask(mask);
	od->path = path;
	od->mode = 0666 & ~mask;
	od->uid = geteuid();
	/* a new file takes the folder's group when the folder is set-group-ID */
	od->gid = (st.st_mode & S_ISGID) ? st.st_gid : getegid();
	return 0;
}

/* 1 when the file at path is a regular file with no other name, od's
 * permissions, owner and group, and exactly the bytes b; *st gets its
 * status. O_NONBLOCK: a FIFO of that name must not stop the build. */
static int holds(const char *path, const mg_outdir *od, const mg_bytes *b,
		 struct stat *st)
{
	unsigned char buf[16384];
	size_t at = 0;
	int same = 0;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return 0;
	if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode) || st->st_nlink != 1 ||
	    (st->st_mode & 07777) != od->mode || st->st_uid != od->uid ||
	    st->st_gid != od->gid || st->st_size < 0 ||
	    (unsigned long long)st->st_size != b->len)
		goto out;
	while (at < b->len) {
		ssize_t n = read(fd, buf, sizeof buf);

		if (n <= 0 || (size_t)n > b->len - at ||
		    memcmp(buf, b->data + at, (size_t)n) != 0)
			goto out;
		at += (size_t)n;
	}
	same = 1;
out:
	close(fd);
	return same;
}

/* The same file, not written to, renamed or chmod'ed since a was taken. */
static int untouched(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	       a->st_mode == b->st_mode && a->st_nlink == b->st_nlink &&
	       a->st_uid == b->st_uid && a->st_gid == b->st_gid &&
	       a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	       a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* Writes b (and frees it) to a new temporary file beside o->final, named
 * in o->tmp, with the folder's permissions; o is then OUT_WRITTEN. 0, or -1
 * reported (no file left, o is OUT_NONE). */
static int write_temp(mg_output *o, mg_bytes *b, mg_diag *d)
{
	const mg_outdir *od = o->od;
	const char *base = strrchr(o->final, '/') + 1;
	int fd;

	errno = 0;
	o->state = OUT_NONE;
	snprintf(o->tmp, sizeof o->tmp, "%s/.%s.XXXXXX", od->path, base);
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		mg_error(d, od->path, 0, 0, "cannot write in '%s': %s", od->path,
			 strerror(errno));
		mg_bytes_release(b);
		return -1;
	}
	if (fchmod(fd, od->mode) < 0 || mg_write_all(fd, b->data, b->len) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	mg_bytes_release(b);
	o->state = OUT_WRITTEN;
	return 0;
fail:
	mg_error(d, o->final, 0, 0, "cannot write: %s",
		 errno ? strerror(errno) : "the disk took no more");
	if (fd >= 0)
		close(fd);
	unlink(o->tmp);
	mg_bytes_release(b);
	return -1;
}

int mg_output_stage(mg_output *o, const mg_outdir *od, const char *name,
		    mg_bytes *bytes, mg_diag *d)
{
	o->od = od;
	o->state = OUT_NONE;
	o->kept.data = NULL;
	o->kept.len = 0;
	o->tmp[0] = '\0';
	if ((size_t)snprintf(o->final, sizeof o->final, "%s/%s", od->path,
			     name) >= sizeof o->final - 16) {
		mg_error(d, od->path, 0, 0, "cannot write '%s': the name is "
			 "too long", name);
		mg_bytes_release(bytes);
		return -1;
	}
	if (holds(o->final, od, bytes, &o->seen)) {
		o->kept = *bytes;
		bytes->data = NULL;
		bytes->len = 0;
		o->state = OUT_KEPT;
		return 0;
	}
	return write_temp(o, bytes, d);
}

int mg_output_commit(mg_output *o, mg_diag *d)
{
	struct stat now;

	if (o->state == OUT_KEPT) {
		if (lstat(o->final, &now) == 0 && untouched(&now, &o->seen) &&
		    utimensat(AT_FDCWD, o->final, NULL, AT_SYMLINK_NOFOLLOW) == 0) {
			mg_bytes_release(&o->kept);
			o->state = OUT_NONE;
			return 1;
		}
		/* it changed since it was compared: write the product after all */
		if (write_temp(o, &o->kept, d) < 0)
			return -1;
	}
	if (o->state != OUT_WRITTEN)
		return -1;
	o->state = OUT_NONE;
	if (rename(o->tmp, o->final) == 0)
		return 0;
	mg_error(d, o->final, 0, 0, "cannot write: %s", strerror(errno));
	unlink(o->tmp);
	return -1;
}

void mg_output_discard(mg_output *o)
{
	if (o->state == OUT_WRITTEN)
		unlink(o->tmp);
	mg_bytes_release(&o->kept);
	o->state = OUT_NONE;
}
