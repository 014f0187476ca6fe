/* test_facecache.c — the faces a run found are read back by the next while
 * every font folder is as it was; a folder changed, added or removed, other
 * user folders ($HOME, $XDG_DATA_HOME), another configuration, or a damaged
 * file, and nothing is believed. */
#include "pdf/facecache.h"

#include "mgtest.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define CONF_ID 0x1234abcdu

static char root[] = "/tmp/mkguide-facecache.XXXXXX";
static char cache[300], fonts[300], faces[350], font[350];

/* A configuration of the test's own font folder, as fonts.c's minimal one
 * is of the standard folders. */
static FcConfig *test_config(void)
{
	FcConfig *conf = FcConfigCreate();
	char xml[1000];

	snprintf(xml, sizeof xml, "<?xml version=\"1.0\"?><fontconfig>"
		 "<dir>%s</dir><cachedir>%s/fc</cachedir></fontconfig>",
		 fonts, root);
	CHECK(conf != NULL);
	if (conf)
		CHECK(FcConfigParseAndLoadFromMemory(conf, (const FcChar8 *)xml,
						     FcFalse) &&
		      FcConfigBuildFonts(conf));
	return conf;
}

static int knows(const mg_facecache *c, const char *family, int bold,
		 const char *want)
{
	const char *file;
	int index = -1;

	return mg_facecache_get(c, family, bold, 0, &file, &index) &&
	       strcmp(file, want) == 0 && index == 0;
}

/* A cache that learnt "Test Sans" (regular and bold) through the test's
 * configuration, saved. */
static void fresh_cache(void)
{
	FcConfig *conf = test_config();
	mg_facecache *c;

	unlink(faces);
	c = mg_facecache_open(cache, CONF_ID);
	CHECK(!mg_facecache_valid(c));
	mg_facecache_put(c, conf, "Test Sans", 0, 0, font, 0);
	mg_facecache_put(c, conf, "Test Sans", 1, 0, font, 0);
	mg_facecache_put(c, conf, "Tab\tFamily", 0, 0, font, 0);
	mg_facecache_save(c);
	mg_facecache_free(c);
	FcConfigDestroy(conf);
}

/* 1 if the file as it is now is believed. */
static int believed(void)
{
	mg_facecache *c = mg_facecache_open(cache, CONF_ID);
	int ok = mg_facecache_valid(c) && knows(c, "Test Sans", 0, font);

	mg_facecache_free(c);
	return ok;
}

static void test_read_back(void)
{
	mg_facecache *c;

	fresh_cache();
	c = mg_facecache_open(cache, CONF_ID);
	CHECK(mg_facecache_valid(c));
	CHECK(knows(c, "Test Sans", 0, font));
	CHECK(knows(c, "Test Sans", 1, font));
	CHECK(!knows(c, "Test Sans", 0, "/elsewhere.ttf"));
	CHECK(!knows(c, "Other", 0, font));
	CHECK(!knows(c, "Tab\tFamily", 0, font));	/* not kept */
	/* a face found again with another file (the cached one had gone)
	 * takes the new one, and keeps the others */
	{
		FcConfig *conf = test_config();

		mg_facecache_put(c, conf, "Test Sans", 1, 0, FONT, 0);
		mg_facecache_save(c);
		mg_facecache_free(c);
		FcConfigDestroy(conf);
		c = mg_facecache_open(cache, CONF_ID);
		CHECK(knows(c, "Test Sans", 1, FONT));
		CHECK(knows(c, "Test Sans", 0, font));
	}
	mg_facecache_free(c);
	/* another configuration's text: nothing believed */
	c = mg_facecache_open(cache, CONF_ID + 1);
	CHECK(!mg_facecache_valid(c) && !knows(c, "Test Sans", 0, font));
	mg_facecache_free(c);
	/* no cache folder: empty, and saving writes nothing */
	c = mg_facecache_open(NULL, CONF_ID);
	CHECK(!mg_facecache_valid(c));
	mg_facecache_save(c);
	mg_facecache_free(c);
}

static void test_folder_changed(void)
{
	char added[400];
	struct timespec pause = { 0, 20 * 1000 * 1000 };

	fresh_cache();
	CHECK(believed());
	/* a font added to the folder changes its modification time */
	nanosleep(&pause, NULL);
	snprintf(added, sizeof added, "%s/added.ttf", fonts);
	CHECK(mgt_copy_file(FONT, added) == 0);
	CHECK(!believed());
	/* learnt again, believed again; then the font removed */
	fresh_cache();
	CHECK(believed());
	nanosleep(&pause, NULL);
	CHECK(unlink(added) == 0);
	CHECK(!believed());
}

static void test_user_folders(void)
{
	char *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;

	fresh_cache();
	CHECK(believed());
	setenv("XDG_DATA_HOME", root, 1);	/* other user folders */
	CHECK(!believed());
	unsetenv("XDG_DATA_HOME");
	CHECK(believed());
	setenv("HOME", root, 1);
	CHECK(!believed());
	if (home)
		setenv("HOME", home, 1);
	else
		unsetenv("HOME");
	CHECK(believed());
	free(home);
}

/* The file written by hand: text after the two lines every file starts
 * with. */
static void write_faces(const char *rest)
{
	char text[4000], env[2][1100];
	const char *h = getenv("HOME"), *x = getenv("XDG_DATA_HOME");

	snprintf(env[0], sizeof env[0], "%s%s", h ? "=" : "!", h ? h : "");
	snprintf(env[1], sizeof env[1], "%s%s", x ? "=" : "!", x ? x : "");
	snprintf(text, sizeof text, "mkguide faces 1\nenv\t%08x\t%s\t%s\n%s",
		 CONF_ID, env[0], env[1], rest);
	CHECK(mgt_write_file(faces, text, strlen(text)) == 0);
}

static void test_absent_folder(void)
{
	char absent[400], rest[2000];

	snprintf(absent, sizeof absent, "%s/not-yet", root);
	snprintf(rest, sizeof rest, "dir\t-1\t0\t%s\nface\t0\t0\t0\tTest Sans\t%s\n",
		 absent, font);
	write_faces(rest);
	CHECK(believed());		/* absent, as recorded */
	CHECK(mkdir(absent, 0755) == 0);
	CHECK(!believed());		/* a folder that appeared */
	rmdir(absent);
}

static void test_damaged(void)
{
	static const char *const bad[] = {
		"",					/* no folder, no face */
		"dir\t-1\t0\t/no/such/dir\n",		/* no face */
		"dir\t-1\t0\t/no/such/dir\nface\t0\t0\t0\tTest Sans\t%s",	/* cut */
		"dir\t-1\t0\t/no/such/dir\nface\t0\t0\t0\tTest Sans\trelative.ttf\n",
		"dir\t-1\t0\t/no/such/dir\nface\t2\t0\t0\tTest Sans\t%s\n",
		"dir\t-1\t0\t/no/such/dir\nface\t0\t0\t0\t\t%s\n",	/* no name */
		"dir\t-1\t0\t/no/such/dir\nface\t0\t0\t99999\tTest Sans\t%s\n",
		"dir\t-1\t0\t/no/such/dir\nface\t0\t0\t0\tTest Sans\t%s\textra\n",
		"dir\tsoon\t0\t/no/such/dir\nface\t0\t0\t0\tTest Sans\t%s\n",
		"dir\t-1\t0\t/no/such/dir\nwhat\nface\t0\t0\t0\tTest Sans\t%s\n",
		"dir\t-1\t0\t/no/such/dir\nface\t0\t0\t0\tTest Sans\t%s\n\0x\n",
	};
	char rest[2000];

	/* the good form of the lines below is believed */
	snprintf(rest, sizeof rest,
		 "dir\t-1\t0\t/no/such/dir\nface\t0\t0\t0\tTest Sans\t%s\n", font);
	write_faces(rest);
	CHECK(believed());
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(rest, sizeof rest, bad[i], font);
		write_faces(rest);
		if (i == sizeof bad / sizeof bad[0] - 1) {
			/* a NUL inside the file */
			size_t len = 0;
			char *t = mgt_read_file(faces, &len);
			char *more = t ? malloc(len + 3) : NULL;

			if (more) {
				memcpy(more, t, len);
				memcpy(more + len, "\0x\n", 3);
				CHECK(mgt_write_file(faces, more, len + 3) == 0);
			}
			free(more);
			free(t);
		}
		if (believed()) {
			printf("  damaged file %zu believed\n", i);
			CHECK(0);
		}
	}
	/* another version's first line */
	CHECK(mgt_write_file(faces, "mkguide faces 2\n", 16) == 0);
	CHECK(!believed());
}

int main(void)
{
	if (!mkdtemp(root))
		return 1;
	snprintf(cache, sizeof cache, "%s/cache", root);
	snprintf(fonts, sizeof fonts, "%s/fonts", root);
	snprintf(faces, sizeof faces, "%s/fonts.faces", cache);
	snprintf(font, sizeof font, "%s/test.ttf", fonts);
	unsetenv("XDG_DATA_HOME");
	if (mkdir(fonts, 0755) != 0 || mkdir(cache, 0700) != 0 ||
	    mgt_copy_file(FONT, font) != 0)
		return 1;
	RUN(test_read_back);
	RUN(test_folder_changed);
	RUN(test_user_folders);
	RUN(test_absent_folder);
	RUN(test_damaged);
	if (mgt_remove_tree(root) != 0)
		printf("  could not remove %s\n", root);
	return MGT_DONE();
}
