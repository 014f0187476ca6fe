/* facecache.c — fonts.faces: one line per font folder (its modification
 * time, or absent) and per face found, read only when every folder checks
 * out. Text, tab-separated, so that a person can read what was chosen. */
#include "pdf/facecache.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "core/arena.h"
#include "core/vec.h"
#include "core/cachefile.h"

#define MAGIC "mkguide faces 1"
#define MAX_FILE (256u << 10)

struct face {
	char *family, *file;
	int bold, italic, index;
};

struct folder {
	char *path;
	long long sec, nsec;	/* sec -1: the folder did not exist */
};

struct mg_facecache {
	char path[4096];	/* the file; "" without a cache folder */
	uint32_t conf_id;
	mg_vec faces;		/* struct face */
	mg_vec folders;		/* struct folder: checked, or noted */
	int valid;		/* the file checked out */
	int dirty;		/* a face was put */
};

static int has_break(const char *s)
{
	return strpbrk(s, "\t\n\r") != NULL;
}

/* The file's second line, as this run would write it: "env", the
 * configuration's id, then $HOME and $XDG_DATA_HOME ("=value", or "!" when
 * unset). -1 when a value holds a line break or a tab, or is too long. */
static int env_line(const mg_facecache *c, char *out, size_t size)
{
	const char *home = getenv("HOME"), *data = getenv("XDG_DATA_HOME");
	int n;

	if ((home && has_break(home)) || (data && has_break(data)))
		return -1;
	n = snprintf(out, size, "env\t%08x\t%s%s\t%s%s", (unsigned)c->conf_id,
		     home ? "=" : "!", home ? home : "",
		     data ? "=" : "!", data ? data : "");
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* The folder's state now, into f->sec and f->nsec. */
static void stat_folder(struct folder *f)
{
	struct stat st;

	if (stat(f->path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		f->sec = -1;
		f->nsec = 0;
		return;
	}
	f->sec = (long long)st.st_mtim.tv_sec;
	f->nsec = (long long)st.st_mtim.tv_nsec;
}

/* Splits line at tabs into at most max fields; their count. */
static int fields(char *line, char **f, int max)
{
	int n = 0;

	f[n++] = line;
	for (char *p = line; *p; p++)
		if (*p == '\t') {
			if (n == max)
				return max + 1;
			*p = 0;
			f[n++] = p + 1;
		}
	return n;
}

static int parse_int(const char *s, long long min, long long max,
		     long long *out)
{
	char *end;

	errno = 0;
	*out = strtoll(s, &end, 10);
	return *s && !*end && errno == 0 && *out >= min && *out <= max ? 0 : -1;
}

/* One line after the first two; -1 if it is not a well-formed folder that
 * is as it was, or a well-formed face. */
static int take_line(mg_facecache *c, char *line)
{
	char *f[6];
	long long v[3];
	int n = fields(line, f, 6);

	if (n == 4 && strcmp(f[0], "dir") == 0) {
		struct folder now = { .path = f[3] };

		if (parse_int(f[1], -1, INT64_MAX, &v[0]) ||
		    parse_int(f[2], 0, 999999999, &v[1]) || f[3][0] != '/')
			return -1;
		stat_folder(&now);
		return now.sec == v[0] && now.nsec == v[1] ? 0 : -1;
	}
	if (n == 6 && strcmp(f[0], "face") == 0) {
		struct face *fc;

		if (parse_int(f[1], 0, 1, &v[0]) || parse_int(f[2], 0, 1, &v[1]) ||
		    parse_int(f[3], 0, 65535, &v[2]) || !*f[4] || f[5][0] != '/')
			return -1;
		fc = mg_vec_push(&c->faces);
		fc->bold = (int)v[0];
		fc->italic = (int)v[1];
		fc->index = (int)v[2];
		fc->family = mg_xstrdup(f[4]);
		fc->file = mg_xstrdup(f[5]);
		return 0;
	}
	return -1;
}

/* The file's text, checked line by line: 0 if all of it holds. */
static int take_text(mg_facecache *c, char *text)
{
	char env[8500], *line, *next;
	int n = 0, folders = 0;

	if (env_line(c, env, sizeof env) < 0)
		return -1;
	for (line = text; *line; line = next, n++) {
		char *nl = strchr(line, '\n');

		if (!nl)
			return -1;	/* cut short */
		*nl = 0;
		next = nl + 1;
		if (n == 0) {
			if (strcmp(line, MAGIC) != 0)
				return -1;
		} else if (n == 1) {
			if (strcmp(line, env) != 0)
				return -1;
		} else {
			if (take_line(c, line) < 0)
				return -1;
			folders += strncmp(line, "dir", 4) == 0;
		}
	}
	return folders > 0 && c->faces.len > 0 ? 0 : -1;
}

static void free_faces(mg_vec *v)
{
	for (size_t i = 0; i < v->len; i++) {
		struct face *f = &((struct face *)v->items)[i];

		free(f->family);
		free(f->file);
	}
	v->len = 0;
}

mg_facecache *mg_facecache_open(const char *cache_dir, uint32_t conf_id)
{
	mg_facecache *c = mg_xcalloc(1, sizeof *c);
	const void *map;
	char *text;
	size_t len;

	c->conf_id = conf_id;
	mg_vec_init(&c->faces, sizeof(struct face));
	mg_vec_init(&c->folders, sizeof(struct folder));
	if (!cache_dir || mg_cache_path(c->path, sizeof c->path, cache_dir,
					"fonts", ".faces") < 0) {
		c->path[0] = 0;
		return c;
	}
	map = mg_map_file(c->path, MAX_FILE, &len);
	if (!map)
		return c;
	text = mg_xmalloc(len + 1);
	memcpy(text, map, len);
	text[len] = 0;
	munmap((void *)map, len);
	if (strlen(text) == len && take_text(c, text) == 0)
		c->valid = 1;
	else
		free_faces(&c->faces);
	free(text);
	return c;
}

int mg_facecache_valid(const mg_facecache *c)
{
	return c->valid;
}

static struct face *entry(const mg_facecache *c, const char *family, int bold,
			  int italic);

int mg_facecache_get(const mg_facecache *c, const char *family, int bold,
		     int italic, const char **file, int *index)
{
	const struct face *f = entry(c, family, bold, italic);

	if (!f)
		return 0;
	*file = f->file;
	*index = f->index;
	return 1;
}

/* Notes one folder list of conf (FcStrList), skipping ones already noted. */
static void note_list(mg_facecache *c, FcStrList *l)
{
	FcChar8 *dir;

	while (l && (dir = FcStrListNext(l)) != NULL) {
		struct folder *f;
		size_t i;

		for (i = 0; i < c->folders.len; i++)
			if (strcmp(((struct folder *)c->folders.items)[i].path,
				   (const char *)dir) == 0)
				break;
		if (i < c->folders.len)
			continue;
		f = mg_vec_push(&c->folders);
		f->path = mg_xstrdup((const char *)dir);
		stat_folder(f);
	}
	if (l)
		FcStrListDone(l);
}

/* The folders conf was told of (some may not exist) and those it read. */
static void note_folders(mg_facecache *c, FcConfig *conf)
{
	note_list(c, FcConfigGetConfigDirs(conf));
	note_list(c, FcConfigGetFontDirs(conf));
}

/* The entry of family in this weight and slant, or NULL. */
static struct face *entry(const mg_facecache *c, const char *family, int bold,
			  int italic)
{
	for (size_t i = 0; i < c->faces.len; i++) {
		struct face *f = &((struct face *)c->faces.items)[i];

		if (f->bold == bold && f->italic == italic &&
		    strcmp(f->family, family) == 0)
			return f;
	}
	return NULL;
}

void mg_facecache_put(mg_facecache *c, FcConfig *conf, const char *family,
		      int bold, int italic, const char *file, int index)
{
	struct face *f;

	if (has_break(family) || has_break(file) || file[0] != '/' ||
	    strlen(family) > 1000 || strlen(file) > 4000 ||
	    index < 0 || index > 65535)
		return;
	if (c->folders.len == 0)
		note_folders(c, conf);
	f = entry(c, family, bold, italic);
	if (f && f->index == index && strcmp(f->file, file) == 0)
		return;
	if (!f) {	/* new; else a file the cache named has gone */
		f = mg_vec_push(&c->faces);
		f->family = mg_xstrdup(family);
		f->bold = bold;
		f->italic = italic;
	}
	free(f->file);
	f->file = mg_xstrdup(file);
	f->index = index;
	c->dirty = 1;
}

static void add_text(mg_vec *v, const char *s)
{
	mg_vec_append(v, s, strlen(s));
}

void mg_facecache_save(mg_facecache *c)
{
	char line[9000], env[8500];
	mg_vec out;

	if (!c->dirty || !c->path[0] || c->folders.len == 0)
		return;
	if (env_line(c, env, sizeof env) < 0)
		return;
	mg_vec_init(&out, 1);
	add_text(&out, MAGIC "\n");
	add_text(&out, env);
	add_text(&out, "\n");
	for (size_t i = 0; i < c->folders.len; i++) {
		const struct folder *f = &((struct folder *)c->folders.items)[i];

		if (has_break(f->path) || f->path[0] != '/' ||
		    strlen(f->path) > 4000)
			goto out;
		snprintf(line, sizeof line, "dir\t%lld\t%lld\t%s\n", f->sec,
			 f->nsec, f->path);
		add_text(&out, line);
	}
	for (size_t i = 0; i < c->faces.len; i++) {
		const struct face *f = &((struct face *)c->faces.items)[i];

		snprintf(line, sizeof line, "face\t%d\t%d\t%d\t%s\t%s\n", f->bold,
			 f->italic, f->index, f->family, f->file);
		add_text(&out, line);
	}
	if (out.len < MAX_FILE)
		mg_cache_write(c->path, out.items, out.len);
out:
	mg_vec_release(&out);
}

void mg_facecache_free(mg_facecache *c)
{
	if (!c)
		return;
	free_faces(&c->faces);
	mg_vec_release(&c->faces);
	for (size_t i = 0; i < c->folders.len; i++)
		free(((struct folder *)c->folders.items)[i].path);
	mg_vec_release(&c->folders);
	free(c);
}
