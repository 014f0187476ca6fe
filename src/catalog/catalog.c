/* catalog.c — an output folder's catalogue: its guides read back first
 * (shelf.c), then each guide's cover and thumbnail (the EPUB's, else thumb.c's)
 * put in place, then the feed (opds.c) and the page (page.c), each whole or not. */
#include "catalog/catalog.h"
#include "catalog/opds.h"
#include "catalog/package.h"
#include "catalog/page.h"
#include "catalog/shelf.h"
#include "catalog/thumb.h"
#include "catalog/url.h"
#include "core/arena.h"
#include "core/output.h"
#include "core/vec.h"
#include "read/images.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Puts bytes b (taken) in place as name in the folder: a temporary file
 * renamed, or the same file left as it was. 0, or -1 reported. */
static int put(const mg_outdir *od, const char *name, mg_bytes *b, mg_diag *d)
{
	mg_output o;

	if (mg_output_stage(&o, od, name, b, d) < 0)
		return -1;
	return mg_output_commit(&o, d) < 0 ? -1 : 0;
}

/* What a cover is by its own bytes: "image/png" (sound or not: libpng
 * says when it decodes it), "image/jpeg" when its header is a sound one
 * of a guide's image size (with that size), or NULL. */
static const char *cover_kind(const mg_bytes *b, unsigned long *w,
			      unsigned long *h)
{
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	mg_image_info info;
	mg_image_status st;

	if (b->len > 8 && memcmp(b->data, png, 8) == 0)
		return "image/png";
	st = mg_image_probe(b->data, b->len, &info);
	/* a JPEG the PDF writer cannot take, browsers can */
	if ((st != MG_IMAGE_OK && st != MG_IMAGE_JPEG_KIND) || !info.media_type ||
	    strcmp(info.media_type, "image/jpeg") != 0)
		return NULL;
	*w = info.width;
	*h = info.height;
	return info.media_type;
}

/* The width and height in a PNG's IHDR; 0, or -1 when b is not a PNG
 * that starts with one, or its size is none or past PNG's 2^31 - 1. */
static int png_size(const mg_bytes *b, unsigned *w, unsigned *h)
{
	static const unsigned char head[16] = { 0x89, 'P', 'N', 'G', '\r', '\n',
						0x1a, '\n', 0, 0, 0, 13, 'I', 'H',
						'D', 'R' };
	const unsigned char *p = b->data;

	if (b->len < 24 || memcmp(p, head, sizeof head) != 0)
		return -1;
	*w = (unsigned)p[16] << 24 | (unsigned)p[17] << 16 | p[18] << 8 | p[19];
	*h = (unsigned)p[20] << 24 | (unsigned)p[21] << 16 | p[22] << 8 | p[23];
	return *w && *h && *w < 1u << 31 && *h < 1u << 31 ? 0 : -1;
}

/* The thumbnail a drawn cover's EPUB carries (epub.c), into *thumb (the
 * caller's) with its size; left empty when it is not a PNG of a size, for
 * the cover to be decoded instead. 0, or -1 reported (unreadable). */
static int carried_thumb(const char *path, const char *entry, mg_bytes *thumb,
			 unsigned *tw, unsigned *th, mg_diag *d)
{
	if (mg_package_cover(path, entry, thumb, d) < 0)
		return -1;
	if (png_size(thumb, tw, th) < 0)
		mg_bytes_release(thumb);
	return 0;
}

/* A guide's pictures, read from its EPUB and put in place: the cover
 * copied out as <slug>-cover.png (or .jpg) and, for a PNG, a thumbnail
 * <slug>-thumb.png: a drawn cover's is in its EPUB, ready made, and used
 * as it is; a guide's own PNG cover is decoded and shrunk (thumb.c). A
 * JPEG cannot be decoded here (no JPEG library is linked), so it is its
 * own thumbnail. A cover that cannot be shown (not a PNG libpng decodes,
 * nor a sound JPEG) is left out with a warning. One guide's pictures at a
 * time, so that memory stays flat however many guides there are. 0, or -1
 * reported. */
static int pictures(mg_shelf_entry *e, const mg_outdir *od, mg_arena *a,
		    mg_diag *d)
{
	char path[4096], why[128] = "not a PNG or a JPEG of a guide's size";
	mg_bytes cover, thumb = { 0 };
	unsigned long w = 0, h = 0;
	unsigned tw = 0, th = 0;
	const char *kind;
	int png, rc = -1;

	snprintf(path, sizeof path, "%s/%s", od->path, e->cover_epub);
	if (mg_package_cover(path, e->cover_entry, &cover, d) < 0)
		return -1;
	kind = cover_kind(&cover, &w, &h);
	png = kind && strcmp(kind, "image/png") == 0;
	if (png && e->thumb_entry &&
	    carried_thumb(path, e->thumb_entry, &thumb, &tw, &th, d) < 0)
		goto out;
	if (!kind || (png && !thumb.len &&
		      mg_thumb_png(cover.data, cover.len, MG_THUMB_WIDTH, &thumb,
				   &tw, &th, why, sizeof why) < 0)) {
		mg_warning(d, path, 0, 0, "its cover image cannot be shown (%s): "
			   "the catalogue shows no picture for it", why);
		rc = 0;
		goto out;
	}
	e->cover_file = mg_arena_printf(a, "%s-cover.%s", e->slug,
					thumb.len ? "png" : "jpg");
	e->thumb_file = thumb.len ? mg_arena_printf(a, "%s-thumb.png", e->slug)
				  : e->cover_file;
	e->thumb_w = thumb.len ? tw : w;
	e->thumb_h = thumb.len ? th : h;
	if (put(od, e->cover_file, &cover, d) < 0)
		goto out;
	if (thumb.len && put(od, e->thumb_file, &thumb, d) < 0)
		goto out;
	rc = 0;
out:
	mg_bytes_release(&cover);
	mg_bytes_release(&thumb);
	return rc;
}

/* The feed and the page, made in memory, both staged before either is
 * put in place, the page last. 0, or -1 reported (neither is written when
 * either cannot be made or staged). */
static int feed_and_page(const mg_shelf *s, const mg_outdir *od,
			 const char *base, mg_diag *d)
{
	mg_bytes feed = { 0 }, page = { 0 };
	mg_output out[2];
	int rc = -1;

	if (mg_opds_feed(s, base, &feed) < 0) {
		mg_error(d, od->path, 0, 0, "catalog.xml: libxml2 could not write the feed");
		goto out;
	}
	if (mg_page_html(s, base, &page) < 0) {
		mg_error(d, od->path, 0, 0, "index.html: libxml2 could not write the page");
		goto out;
	}
	if (mg_output_stage(&out[0], od, "catalog.xml", &feed, d) < 0)
		goto out;
	if (mg_output_stage(&out[1], od, "index.html", &page, d) < 0) {
		mg_output_discard(&out[0]);
		goto out;
	}
	if (mg_output_commit(&out[0], d) < 0) {
		mg_output_discard(&out[1]);
		goto out;
	}
	rc = mg_output_commit(&out[1], d) < 0 ? -1 : 0;
out:
	mg_bytes_release(&feed);
	mg_bytes_release(&page);
	return rc;
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
	int rc = -1;

	if (base_url && mg_url_check(base_url)) {
		mg_error(d, NULL, 0, 0, "--base-url '%s' %s", base_url,
			 mg_url_check(base_url));
		return -1;
	}
	if (when == MG_CATALOG_AFTER_BUILD && !worth_writing(dir))
		return 1;
	/* every EPUB is read before anything is written */
	if (mg_shelf_read(&shelf, dir, d) < 0) {
		mg_error(d, dir, 0, 0, "the catalogue was not written: the older "
			 "one, if any, stays");
		return -1;
	}
	if (mg_outdir_open(&od, dir) < 0) {
		mg_error(d, dir, 0, 0, "cannot write the catalogue here: %s",
			 strerror(errno));
		goto out;
	}
	for (size_t i = 0; i < shelf.len; i++)
		if (shelf.entries[i].cover_entry &&
		    pictures(&shelf.entries[i], &od, shelf.arena, d) < 0)
			goto out;
	rc = feed_and_page(&shelf, &od, base_url, d);
out:
	mg_shelf_release(&shelf);
	return rc;
}
