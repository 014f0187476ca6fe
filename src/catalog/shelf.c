/* shelf.c — an output folder's guides read back from their products: each
 * EPUB's package (package.c) and cover, the PDF, braille and read-aloud
 * files beside it found by name; an entry per guide, sorted by slug. */
#include "catalog/shelf.h"
#include "catalog/package.h"
#include "model/guide.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ---- the folder ---- */

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n > m && strcmp(s + n - m, tail) == 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts a vector of names (an empty one has no array to give qsort). */
static void sort_names(mg_vec *names)
{
	if (names->len)
		qsort(names->items, names->len, sizeof(char *), by_name);
}

/* 1 when the sorted names hold name. */
static int has_name(const mg_vec *names, const char *name)
{
	return names->len && bsearch(&name, names->items, names->len,
				     sizeof(char *), by_name) != NULL;
}

/* The names of the regular files <name>.epub in dir (not hidden), sorted,
 * into names (heap strings). 0, or -1 reported. */
static int list_epubs(const char *dir, mg_vec *names, mg_diag *d)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char path[4096];
	struct stat st;

	if (!dp) {
		mg_error(d, dir, 0, 0, "cannot read the folder: %s", strerror(errno));
		return -1;
	}
	while ((de = readdir(dp))) {
		if (de->d_name[0] == '.' || !ends_with(de->d_name, ".epub"))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
			continue;
		*(char **)mg_vec_push(names) = mg_xstrdup(de->d_name);
	}
	closedir(dp);
	sort_names(names);
	return 0;
}

/* The file dir/name when it is there: its name (the arena's) and size. */
static void find_file(mg_shelf_file *f, const char *dir, const char *name,
		      mg_arena *a)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return;
	f->name = mg_arena_strdup(a, name);
	f->size = (unsigned long long)st.st_size;
}

/* "2026-11-20" of "2026-11-20" or "2026-11-20T10:00:00Z"; else NULL. */
static const char *day_of(mg_arena *a, const char *date)
{
	if (!date || strlen(date) < 10)
		return NULL;
	char *day = mg_arena_strndup(a, date, 10);
	if (!mg_date_is_iso(day) || (date[10] && date[10] != 'T'))
		return NULL;
	return day;
}

/* YYYY-MM-DDThh:mm:ssZ */
static int is_timestamp(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";

	if (!s || strlen(s) != sizeof shape - 1)
		return 0;
	for (size_t i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return 0;
	return 1;
}

/* The entry's metadata from its EPUB's package; updated as shelf.h says. */
static void fill_entry(mg_shelf_entry *e, const mg_package *b, mg_arena *a)
{
	const char *latest;

	e->identifier = b->identifier;
	e->title = b->title;
	e->language = b->language;
	e->publisher = b->publisher;
	e->description = b->description;
	e->issued = day_of(a, b->date);
	e->reviewed = mg_date_is_iso(b->reviewed) ? b->reviewed : NULL;
	e->ncreators = b->ncreators;
	e->creators = b->creators;
	latest = e->issued;
	if (e->reviewed && (!latest || strcmp(e->reviewed, latest) > 0))
		latest = e->reviewed;
	if (latest)
		snprintf(e->updated, sizeof e->updated, "%sT00:00:00Z", latest);
	else
		snprintf(e->updated, sizeof e->updated, "%s",
			 is_timestamp(b->modified) ? b->modified
						   : "1970-01-01T00:00:00Z");
}

struct reading {
	const char *dir;
	mg_shelf *s;
	mg_vec entries;		/* mg_shelf_entry */
	mg_vec names;		/* char *: the folder's EPUBs, sorted */
	mg_vec audio;		/* char *: read-aloud EPUBs of guides here */
	mg_diag *d;
	int errors;
};

/* The read-aloud edition of a guide whose EPUB is here too: name is
 * <slug>-audio.epub, <slug>.epub is in the folder, and it has media
 * overlays. 1 when so; -1 when it cannot be read (reported). */
static int is_audio_edition(struct reading *r, const char *name,
			    const char *path)
{
	char base[4096];
	size_t n = strlen(name);
	mg_package b;

	if (!ends_with(name, "-audio.epub"))
		return 0;
	snprintf(base, sizeof base, "%.*s.epub", (int)(n - 11), name);
	if (!has_name(&r->names, base))
		return 0;
	if (mg_package_read(path, &b, r->s->arena, r->d) < 0)
		return -1;
	return b.overlays;
}

/* One EPUB of the folder: a guide's entry, or the read-aloud edition of a
 * guide whose EPUB is here too (kept in r->audio for find_products). */
static void read_one(struct reading *r, const char *name)
{
	char path[4096];
	mg_package b;
	mg_shelf_entry *e;
	size_t n = strlen(name);
	int audio;

	snprintf(path, sizeof path, "%s/%s", r->dir, name);
	audio = is_audio_edition(r, name, path);
	if (audio == 1) {
		*(char **)mg_vec_push(&r->audio) = mg_xstrdup(name);
		return;
	}
	if (audio < 0 || mg_package_read(path, &b, r->s->arena, r->d) < 0) {
		r->errors++;
		return;
	}
	e = mg_vec_push(&r->entries);
	/* a read-aloud EPUB alone stands for its guide */
	audio = ends_with(name, "-audio.epub") && b.overlays;
	e->slug = mg_arena_strndup(r->s->arena, name, n - (audio ? 11 : 5));
	find_file(&e->file[audio ? MG_SHELF_AUDIO : MG_SHELF_EPUB], r->dir,
		  name, r->s->arena);
	fill_entry(e, &b, r->s->arena);
	if (b.cover_entry) {
		e->cover_epub = mg_arena_strdup(r->s->arena, name);
		e->cover_entry = b.cover_entry;
		e->thumb_entry = b.thumb_entry;
	}
}

static int by_slug(const void *a, const void *b)
{
	return strcmp(((const mg_shelf_entry *)a)->slug,
		      ((const mg_shelf_entry *)b)->slug);
}

/* The files beside each guide's EPUB: its PDF, its braille and (when
 * read_one found one) its read-aloud EPUB. */
static void find_products(struct reading *r)
{
	mg_shelf_entry *es = r->entries.items;
	char name[4096];

	for (size_t i = 0; i < r->entries.len; i++) {
		mg_shelf_entry *e = &es[i];
		snprintf(name, sizeof name, "%s.pdf", e->slug);
		find_file(&e->file[MG_SHELF_PDF], r->dir, name, r->s->arena);
		snprintf(name, sizeof name, "%s.brf", e->slug);
		find_file(&e->file[MG_SHELF_BRF], r->dir, name, r->s->arena);
		snprintf(name, sizeof name, "%s-audio.epub", e->slug);
		if (!e->file[MG_SHELF_AUDIO].name && has_name(&r->audio, name))
			find_file(&e->file[MG_SHELF_AUDIO], r->dir, name,
				  r->s->arena);
	}
}

/* Two guides with one identifier make two feed entries with one id. */
static void warn_same_ids(const struct reading *r)
{
	const mg_shelf_entry *es = r->entries.items;

	for (size_t i = 0; i < r->entries.len; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(es[i].identifier, es[j].identifier) == 0) {
				char path[4096];
				snprintf(path, sizeof path, "%s/%s.epub", r->dir, es[i].slug);
				mg_warning(r->d, path, 0, 0, "has the identifier of "
					   "%s/%s.epub (%s): e-readers will take them "
					   "for one book", r->dir, es[j].slug,
					   es[i].identifier);
				break;
			}
}

static void free_names(mg_vec *v)
{
	for (size_t i = 0; i < v->len; i++)
		free(((char **)v->items)[i]);
	mg_vec_release(v);
}

int mg_shelf_read(mg_shelf *s, const char *dir, mg_diag *d)
{
	struct reading r = { .dir = dir, .s = s, .d = d };

	s->arena = mg_arena_new();
	s->entries = NULL;
	s->len = 0;
	mg_vec_init(&r.entries, sizeof(mg_shelf_entry));
	mg_vec_init(&r.names, sizeof(char *));
	mg_vec_init(&r.audio, sizeof(char *));
	if (list_epubs(dir, &r.names, d) < 0)
		r.errors++;
	for (size_t i = 0; i < r.names.len; i++)
		read_one(&r, ((char **)r.names.items)[i]);
	if (r.entries.len)
		qsort(r.entries.items, r.entries.len, sizeof(mg_shelf_entry), by_slug);
	sort_names(&r.audio);
	find_products(&r);
	warn_same_ids(&r);
	s->entries = r.entries.items;
	s->len = r.entries.len;
	free_names(&r.names);
	free_names(&r.audio);
	if (!r.errors)
		return 0;
	mg_shelf_release(s);
	return -1;
}

const char *mg_shelf_language(const mg_shelf *s)
{
	for (size_t i = 1; i < s->len; i++)
		if (strcasecmp(s->entries[i].language, s->entries[0].language))
			return NULL;
	return s->len ? s->entries[0].language : NULL;
}

const char *mg_shelf_publisher(const mg_shelf *s)
{
	const char *first = s->len ? s->entries[0].publisher : NULL;

	for (size_t i = 1; first && i < s->len; i++) {
		const char *p = s->entries[i].publisher;
		if (!p || strcmp(p, first) != 0)
			return NULL;
	}
	return first;
}

const char *mg_shelf_updated(const mg_shelf *s)
{
	const char *latest = NULL;

	for (size_t i = 0; i < s->len; i++)
		if (!latest || strcmp(s->entries[i].updated, latest) > 0)
			latest = s->entries[i].updated;
	return latest;
}

void mg_shelf_release(mg_shelf *s)
{
	free(s->entries);
	s->entries = NULL;
	s->len = 0;
	mg_arena_free(s->arena);
	s->arena = NULL;
}
