/* test_output.c — products into the output folder (output.h): written through
 * a temporary file, kept when the same bytes are there already, never left
 * half-written, and never written through a link or over a changed file. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mgtest.h"
#include "core/vec.h"
#include "core/output.h"

static char root[] = "/tmp/mg-test-output-XXXXXX";
static char dir[300];
static mg_outdir od;

/* Fresh heap bytes holding s. */
static mg_bytes bytes_of(const char *s)
{
	mg_bytes b;

	b.len = strlen(s);
	b.data = malloc(b.len);
	memcpy(b.data, s, b.len);
	return b;
}

static char *path_of(const char *name)
{
	static char p[600];

	snprintf(p, sizeof p, "%s/%s", dir, name);
	return p;
}

/* The file's bytes as a string ("" when missing). */
static const char *content(const char *name)
{
	static char buf[256];
	FILE *f = fopen(path_of(name), "rb");
	size_t n = 0;

	if (f) {
		n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

static struct stat stat_of(const char *name)
{
	struct stat st;

	memset(&st, 0, sizeof st);
	lstat(path_of(name), &st);
	return st;
}

/* Files whose names start with '.': temporary files left behind. */
static int hidden_files(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".") &&
		    strcmp(e->d_name, ".."))
			n++;
	if (d)
		closedir(d);
	return n;
}

/* Stages name with s and commits it; mg_output_commit's result. */
static int put(const char *name, const char *s, mg_diag *d)
{
	mg_output o;
	mg_bytes b = bytes_of(s);

	if (mg_output_stage(&o, &od, name, &b, d) < 0)
		return -2;
	CHECK(b.data == NULL && b.len == 0);	/* taken */
	return mg_output_commit(&o, d);
}

/* An hour ago, for mtimes that must move. */
static void age(const char *name)
{
	struct timespec t[2];

	clock_gettime(CLOCK_REALTIME, &t[0]);
	t[0].tv_sec -= 3600;
	t[1] = t[0];
	utimensat(AT_FDCWD, path_of(name), t, AT_SYMLINK_NOFOLLOW);
}

static void test_outdir(void)
{
	char file[400];
	mode_t mask = umask(027);
	mg_outdir other;

	snprintf(dir, sizeof dir, "%s/a/b/out", root);
	CHECK_INT(mg_outdir_open(&od, dir), 0);
	umask(mask);
	CHECK_INT(od.mode, 0640);
	CHECK(od.uid == geteuid());
	CHECK(od.gid == getegid());
	/* a file where the folder should be */
	snprintf(file, sizeof file, "%s/plain", root);
	fclose(fopen(file, "w"));
	CHECK_INT(mg_outdir_open(&other, file), -1);
	CHECK_INT(errno, ENOTDIR);
}

static void test_new_product(void)
{
	mg_diag d;

	mg_diag_init(&d);
	CHECK_INT(put("g.pdf", "first", &d), 0);
	CHECK_INT(d.errors, 0);
	CHECK_STR(content("g.pdf"), "first");
	CHECK_INT(stat_of("g.pdf").st_mode & 07777, od.mode);
	CHECK_INT(hidden_files(), 0);
	mg_diag_release(&d);
}

/* The same bytes again: the same file stays, with a new mtime. */
static void test_same_bytes_stay(void)
{
	mg_diag d;
	struct stat before, after;

	mg_diag_init(&d);
	age("g.pdf");
	before = stat_of("g.pdf");
	CHECK_INT(put("g.pdf", "first", &d), 1);
	after = stat_of("g.pdf");
	CHECK(after.st_ino == before.st_ino);
	CHECK(after.st_mtime > before.st_mtime + 3000);
	CHECK_STR(content("g.pdf"), "first");
	CHECK_INT(hidden_files(), 0);
	CHECK_INT(d.errors, 0);
	mg_diag_release(&d);
}

static void test_new_bytes_replace(void)
{
	mg_diag d;
	struct stat before = stat_of("g.pdf");

	mg_diag_init(&d);
	CHECK_INT(put("g.pdf", "second", &d), 0);
	CHECK_STR(content("g.pdf"), "second");
	CHECK(stat_of("g.pdf").st_ino != before.st_ino);
	/* a prefix of the old bytes is not the same either */
	CHECK_INT(put("g.pdf", "sec", &d), 0);
	CHECK_STR(content("g.pdf"), "sec");
	CHECK_INT(hidden_files(), 0);
	mg_diag_release(&d);
}

/* A link at the final name is replaced, never written through, even when
 * what it points to has the same bytes. */
static void test_links_are_replaced(void)
{
	mg_diag d;
	struct stat st;
	char target[600];

	mg_diag_init(&d);
	CHECK_INT(put("target", "same", &d), 0);
	CHECK_INT(symlink("target", path_of("sym.pdf")), 0);
	CHECK_INT(put("sym.pdf", "same", &d), 0);
	st = stat_of("sym.pdf");
	CHECK(S_ISREG(st.st_mode));
	snprintf(target, sizeof target, "%s", path_of("target"));
	CHECK_INT(link(target, path_of("hard.pdf")), 0);
	CHECK_INT(put("hard.pdf", "same", &d), 0);
	CHECK_INT(stat_of("hard.pdf").st_nlink, 1);
	CHECK_INT(stat_of("target").st_nlink, 1);
	CHECK_STR(content("target"), "same");
	CHECK_INT(d.errors, 0);
	mg_diag_release(&d);
}

/* Same bytes with other permissions: rewritten as a new product would be. */
static void test_permissions_differ(void)
{
	mg_diag d;

	mg_diag_init(&d);
	CHECK_INT(put("m.pdf", "bytes", &d), 0);
	chmod(path_of("m.pdf"), 0600);
	CHECK_INT(put("m.pdf", "bytes", &d), 0);
	CHECK_INT(stat_of("m.pdf").st_mode & 07777, od.mode);
	mg_diag_release(&d);
}

/* Changed between the comparison and the commit: the product is written
 * after all. */
static void test_changed_before_commit(void)
{
	mg_diag d;
	mg_output o;
	mg_bytes b = bytes_of("kept");
	FILE *f;

	mg_diag_init(&d);
	CHECK_INT(put("c.pdf", "kept", &d), 0);
	CHECK_INT(mg_output_stage(&o, &od, "c.pdf", &b, &d), 0);
	f = fopen(path_of("c.pdf"), "r+b");
	fputs("KEPT", f);
	fclose(f);
	CHECK_INT(mg_output_commit(&o, &d), 0);
	CHECK_STR(content("c.pdf"), "kept");
	CHECK_INT(hidden_files(), 0);
	CHECK_INT(d.errors, 0);
	mg_diag_release(&d);
}

/* A failed guide's products are dropped: the older file stays. */
static void test_discard(void)
{
	mg_diag d;
	mg_output o;
	mg_bytes b = bytes_of("new");
	struct stat before = stat_of("g.pdf");

	mg_diag_init(&d);
	CHECK_INT(mg_output_stage(&o, &od, "g.pdf", &b, &d), 0);
	CHECK_INT(hidden_files(), 1);
	mg_output_discard(&o);
	CHECK_INT(hidden_files(), 0);
	CHECK_STR(content("g.pdf"), "sec");
	CHECK(stat_of("g.pdf").st_ino == before.st_ino);
	b = bytes_of("sec");	/* kept, then dropped: nothing to remove */
	CHECK_INT(mg_output_stage(&o, &od, "g.pdf", &b, &d), 0);
	CHECK_INT(hidden_files(), 0);
	mg_output_discard(&o);
	CHECK_STR(content("g.pdf"), "sec");
	mg_diag_release(&d);
}

/* Odd things at the final name: a FIFO does not stop the build; a folder
 * is an error that leaves no temporary file. */
static void test_odd_files(void)
{
	mg_diag d;

	mg_diag_init(&d);
	CHECK_INT(mkfifo(path_of("fifo.pdf"), 0644), 0);
	CHECK_INT(put("fifo.pdf", "data", &d), 0);
	CHECK(S_ISREG(stat_of("fifo.pdf").st_mode));
	CHECK_INT(mkdir(path_of("dir.pdf"), 0755), 0);
	CHECK_INT(put("dir.pdf", "data", &d), -1);
	CHECK_INT(d.errors, 1);
	CHECK(d.len == 1 && strstr(d.items[0].text, "cannot write"));
	CHECK_STR(d.items[0].file, path_of("dir.pdf"));
	CHECK_INT(hidden_files(), 0);
	mg_diag_release(&d);
}

int main(void)
{
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_outdir);
	RUN(test_new_product);
	RUN(test_same_bytes_stay);
	RUN(test_new_bytes_replace);
	RUN(test_links_are_replaced);
	RUN(test_permissions_differ);
	RUN(test_changed_before_commit);
	RUN(test_discard);
	RUN(test_odd_files);
	if (mgt_remove_tree(root) != 0)
		perror("rm");
	return MGT_DONE();
}
