/* paths.c — reading beneath the guide's folder: paths normalised and kept
 * inside it, files opened with openat2 (RESOLVE_BENEATH) or, failing that,
 * through realpath, read whole within the size limit, text checked as UTF-8. */
#include "read/paths.h"
#include "read/source.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* ---- paths ---- */

/* strerror is not thread-safe; the GNU strerror_r returns the text. */
const char *mg_strerror(int e, char *buf, size_t size)
{
	return strerror_r(e, buf, size);
}

char *mg_percent_decode(mg_arena *a, const char *s)
{
	char *out = mg_arena_alloc(a, strlen(s) + 1), *o = out;
	for (; *s; s++) {
		if (s[0] == '%' && isxdigit((unsigned char)s[1]) && isxdigit((unsigned char)s[2])) {
			char hex[3] = { s[1], s[2], 0 };
			*o = (char)strtol(hex, NULL, 16);
			if (!*o)
				return NULL;
			o++;
			s += 2;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

char *mg_path_normalise(mg_arena *a, const char *base, const char *p, const char **why)
{
	size_t n = strlen(base) + strlen(p) + 2;
	char *out = mg_arena_alloc(a, n), *o = out;
	char *all = mg_arena_printf(a, "%s%s", base, p);
	*why = NULL;
	if (!*p) {
		*why = "a path is empty";
		return NULL;
	}
	if (*p == '/') {
		*why = "'%s' is an absolute path: paths are relative to the guide's folder";
		return NULL;
	}
	for (char *tok = all; *tok;) {
		size_t len = strcspn(tok, "/");
		if (len == 2 && !strncmp(tok, "..", 2)) {
			*why = "'%s' leads out of the guide's folder ('..' is not allowed)";
			return NULL;
		}
		if (len && !(len == 1 && *tok == '.')) {
			if (o != out)
				*o++ = '/';
			memcpy(o, tok, len);
			o += len;
		}
		tok += len;
		if (*tok == '/')
			tok++;
	}
	*o = '\0';
	if (!*out) {
		*why = "'%s' names a folder, not a file";
		return NULL;
	}
	return out;
}

char *mg_path_folder(mg_arena *a, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	return mg_arena_strndup(a, rel, slash ? (size_t)(slash - rel) + 1 : 0);
}

/* ---- opening and reading ---- */

/* Opens rel (a normalised path) inside the guide's folder through
 * realpath: the slow way, for what openat2 refuses or cannot do. Returns
 * the descriptor, or -1 with errno set (EXDEV: rel leads outside). */
static int open_real(const mg_folder *f, const char *rel)
{
	char *full = mg_xmalloc(strlen(f->dir) + strlen(rel) + 2);
	char *real;
	size_t rootlen = strlen(f->root);
	int fd = -1;

	sprintf(full, "%s/%s", f->dir, rel);
	real = realpath(full, NULL);
	free(full);
	if (!real)
		return -1;
	if (strncmp(real, f->root, rootlen) || (real[rootlen] != '/' && rootlen > 1))
		errno = EXDEV;
	else
		fd = open(real, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	free(real);
	return fd;
}

/* Opens rel (a normalised path) inside the guide's folder. The kernel
 * resolves it beneath the folder (openat2, RESOLVE_BENEATH): one system
 * call, where realpath takes one per component, and no moment between the
 * check and the open for a symlink to change. What it refuses (a symlink
 * that is absolute or leads out) or cannot do (kernels before 5.6, some
 * sandboxes) goes the realpath way, which decides the same. Returns the
 * descriptor, or -1 with errno set (EXDEV: rel leads outside). */
static int open_inside(const mg_folder *f, const char *rel)
{
	struct open_how how = {
		.flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
	};
	long fd = syscall(SYS_openat2, f->rootfd, rel, &how, sizeof how);

	if (fd >= 0 || errno == ENOENT || errno == ENOTDIR)
		return (int)fd;
	return open_real(f, rel);
}

/* Opens rel for mg_folder_read: the descriptor, or -1 with the reason
 * reported (a missing file, a symlink out of the folder). */
static int open_reported(const mg_folder *f, const mg_file_ref *ref,
			 const char *rel, mg_diag *d)
{
	char ebuf[128];
	int fd = open_inside(f, rel);

	if (fd >= 0)
		return fd;
	if (errno == ENOENT || errno == ENOTDIR)
		mg_error(d, ref->file, ref->line, ref->col, "%s '%s' not found",
			 ref->what, ref->shown);
	else if (errno == EXDEV)
		mg_error(d, ref->file, ref->line, ref->col,
			 "%s '%s' is a symlink that leads outside the guide's folder",
			 ref->what, ref->shown);
	else
		mg_error(d, ref->file, ref->line, ref->col, "cannot read %s '%s': %s",
			 ref->what, ref->shown, mg_strerror(errno, ebuf, sizeof(ebuf)));
	return -1;
}

/* Checks that the open file fd is a regular file within the size limit. */
static int check_stat(int fd, const mg_file_ref *ref, mg_diag *d, size_t *size)
{
	struct stat st;
	char ebuf[128];

	if (fstat(fd, &st) < 0) {
		mg_error(d, ref->file, ref->line, ref->col, "cannot read %s '%s': %s",
			 ref->what, ref->shown, mg_strerror(errno, ebuf, sizeof(ebuf)));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		mg_error(d, ref->file, ref->line, ref->col, "%s '%s' is not a regular file",
			 ref->what, ref->shown);
		return -1;
	}
	if ((uintmax_t)st.st_size > MG_SOURCE_MAX_FILE) {
		mg_error(d, ref->file, ref->line, ref->col,
			 "%s '%s' is too large: %jd bytes (the limit is %u bytes, %u MiB)",
			 ref->what, ref->shown, (intmax_t)st.st_size, MG_SOURCE_MAX_FILE,
			 MG_SOURCE_MAX_FILE / (1024 * 1024));
		return -1;
	}
	*size = (size_t)st.st_size;
	return 0;
}

int mg_folder_read(const mg_folder *f, const mg_file_ref *ref, const char *rel,
		   mg_diag *d, char **buf, size_t *len)
{
	int fd, rc = -1;
	char *data = NULL, ebuf[128];
	size_t got = 0, size;

	*buf = NULL;
	*len = 0;
	fd = open_reported(f, ref, rel, d);
	if (fd < 0)
		return -1;
	if (check_stat(fd, ref, d, &size))
		goto out;
	data = mg_xmalloc(size + 1);
	while (got < size) {
		ssize_t n = read(fd, data + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			mg_error(d, ref->file, ref->line, ref->col, "cannot read %s '%s': %s",
				 ref->what, ref->shown, mg_strerror(errno, ebuf, sizeof(ebuf)));
			goto out;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	data[got] = '\0';
	*buf = data;
	*len = got;
	data = NULL;
	rc = 0;
out:
	free(data);
	close(fd);
	return rc;
}

/* ---- text ---- */

size_t mg_utf8_len(const unsigned char *s, size_t n)
{
	unsigned cp;
	size_t len;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

int mg_text_check(mg_diag *d, const char *file, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	int line = 1, col = 1, bad_utf8 = 0, bad_nul = 0, bad_ctl = 0;
	for (size_t i = 0; i < len;) {
		size_t n = mg_utf8_len(s + i, len - i);
		if (n == 0) {
			if (!bad_utf8++)
				mg_error(d, file, line, col,
					 "invalid UTF-8 (byte 0x%02X): save the file as UTF-8",
					 s[i]);
			n = 1;
		} else if (s[i] == 0) {
			if (!bad_nul++)
				mg_error(d, file, line, col, "NUL byte in a text file");
		} else if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') ||
			   s[i] == 0x7f) {
			if (!bad_ctl++)
				mg_error(d, file, line, col,
					 "the control character U+%04X is not allowed", s[i]);
		}
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= len || s[i + 1] != '\n'))) {
			line++;
			col = 1;
		} else {
			col++;
		}
		i += n;
	}
	return bad_utf8 || bad_nul || bad_ctl ? -1 : 0;
}
