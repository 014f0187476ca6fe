/* catalog.c — an output folder's catalogue, whole or not at all: its guides
 * read back (shelf.c), their covers and thumbnails (thumb.c), the feed
 * (opds.c) and the page (page.c) made in memory, then put in place together. */
#include "catalog/catalog.h"
#include "catalog/opds.h"
#include "catalog/page.h"
#include "catalog/shelf.h"
#include "catalog/thumb.h"
#include "catalog/url.h"
#include "core/arena.h"
#include "core/output.h"
#include "core/vec.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A file of the catalogue: its name in the folder (the shelf's arena's, or
 * static) and its bytes (heap, until staged). */
struct piece {
	const char *name;
	mg_bytes bytes;
};

static void add_piece(mg_vec *pieces, const char *name, mg_bytes *bytes)
{
	struct piece *p = mg_vec_push(pieces);

	p->name = name;
	p->bytes = *bytes;
	bytes->data = NULL;
	bytes->len = 0;
}

/* A guide's pictures: its cover copied out as <slug>-cover.png (or .jpg)
 * and, from a PNG, a thumbnail <slug>-thumb.png. A JPEG cannot be decoded
 * here (no JPEG library is linked), so it is its own thumbnail. A PNG that
 * libpng cannot decode is not shown at all, with a warning. */
static void pictures(mg_shelf_entry *e, mg_arena *a, const char *dir,
		     mg_diag *d)
{
	unsigned w = 0, h = 0;
	char why[128];

	if (strcmp(e->cover_type, "image/jpeg") == 0) {
		e->cover_file = mg_arena_printf(a, "%s-cover.jpg", e->slug);
		e->thumb_file = e->cover_file;
		e->thumb_w = e->cover_w;
		e->thumb_h = e->cover_h;
		return;
	}
	if (mg_thumb_png(e->cover.data, e->cover.len, MG_THUMB_WIDTH, &e->thumb,
			 &w, &h, why, sizeof why) < 0) {
		const mg_shelf_file *epub = &e->file[MG_SHELF_EPUB];
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, epub->name ? epub->name
					: e->file[MG_SHELF_AUDIO].name);
		mg_warning(d, path, 0, 0, "its cover image cannot be decoded (%s): "
			   "the catalogue shows no picture for it", why);
		mg_bytes_release(&e->cover);
		e->cover_type = NULL;
		return;
	}
	e->cover_file = mg_arena_printf(a, "%s-cover.png", e->slug);
	e->thumb_file = mg_arena_printf(a, "%s-thumb.png", e->slug);
	e->thumb_w = w;
	e->thumb_h = h;
}

/* Every file of the catalogue, in memory, into pieces: the pictures, then
 * catalog.xml and index.html, which link to them. 0, or -1 reported. */
static int make_pieces(mg_shelf *s, const char *dir, const char *base,
		       mg_vec *pieces, mg_diag *d)
{
	mg_bytes feed, page;

	for (size_t i = 0; i < s->len; i++)
		if (s->entries[i].cover_type)
			pictures(&s->entries[i], s->arena, dir, d);
	if (mg_opds_feed(s, base, &feed) < 0) {
		mg_error(d, dir, 0, 0, "catalog.xml: libxml2 could not write the feed");
		return -1;
	}
	if (mg_page_html(s, base, &page) < 0) {
		mg_bytes_release(&feed);
		mg_error(d, dir, 0, 0, "index.html: libxml2 could not write the page");
		return -1;
	}
	for (size_t i = 0; i < s->len; i++) {
		mg_shelf_entry *e = &s->entries[i];
		if (e->cover_file)
			add_piece(pieces, e->cover_file, &e->cover);
		if (e->thumb.len)
			add_piece(pieces, e->thumb_file, &e->thumb);
	}
	add_piece(pieces, "catalog.xml", &feed);
	add_piece(pieces, "index.html", &page);
	return 0;
}

/* Stages every piece, then puts them in place in order, the page last;
 * after any failure, what is not yet in place stays as it was. The bytes
 * are handed on to core/output.c. 0, or -1 reported. */
static int publish(const mg_outdir *od, mg_vec *pieces, mg_diag *d)
{
	struct piece *p = pieces->items;
	mg_output *out = mg_xcalloc(pieces->len ? pieces->len : 1, sizeof *out);
	size_t staged = 0, done = 0;
	int rc = -1;

	for (; staged < pieces->len; staged++)
		if (mg_output_stage(&out[staged], od, p[staged].name,
				    &p[staged].bytes, d) < 0)
			goto out;
	for (; done < pieces->len; done++)
		if (mg_output_commit(&out[done], d) < 0) {
			done++;
			goto out;
		}
	rc = 0;
out:
	for (size_t i = done; i < staged; i++)
		mg_output_discard(&out[i]);
	free(out);
	return rc;
}

static void release_pieces(mg_vec *pieces)
{
	struct piece *p = pieces->items;

	for (size_t i = 0; i < pieces->len; i++)
		mg_bytes_release(&p[i].bytes);
	mg_vec_release(pieces);
}

/* After a build: 1 when dir is a folder that holds a guide's EPUB (a
 * name ending in .epub, not hidden) or a catalogue already. A folder the
 * build could not make or write is not one (the build said why). */
static int worth_writing(const char *dir)
{
	char path[4096];
	struct stat st;
	struct dirent *de;
	DIR *dp;
	int found = 0;

	snprintf(path, sizeof path, "%s/catalog.xml", dir);
	if (stat(path, &st) == 0)
		return 1;
	dp = opendir(dir);
	if (!dp)
		return 0;
	while (!found && (de = readdir(dp))) {
		size_t n = strlen(de->d_name);
		found = de->d_name[0] != '.' && n > 5 &&
			strcmp(de->d_name + n - 5, ".epub") == 0;
	}
	closedir(dp);
	return found;
}

int mg_catalog_write(const char *dir, const char *base_url,
		     mg_catalog_when when, mg_diag *d)
{
	mg_shelf shelf;
	mg_outdir od;
	mg_vec pieces;
	int rc = -1;

	if (base_url && mg_url_check(base_url)) {
		mg_error(d, NULL, 0, 0, "--base-url '%s' %s", base_url,
			 mg_url_check(base_url));
		return -1;
	}
	if (when == MG_CATALOG_AFTER_BUILD && !worth_writing(dir))
		return 1;
	if (mg_shelf_read(&shelf, dir, d) < 0) {
		mg_error(d, dir, 0, 0, "the catalogue was not written: the older "
			 "one, if any, stays");
		return -1;
	}
	mg_vec_init(&pieces, sizeof(struct piece));
	if (mg_outdir_open(&od, dir) < 0) {
		mg_error(d, dir, 0, 0, "cannot write the catalogue here: %s",
			 strerror(errno));
		goto out;
	}
	if (make_pieces(&shelf, dir, base_url, &pieces, d) < 0)
		goto out;
	rc = publish(&od, &pieces, d);
out:
	release_pieces(&pieces);
	mg_shelf_release(&shelf);
	return rc;
}
