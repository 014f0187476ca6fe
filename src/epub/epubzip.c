/* epubzip.c — the EPUB's zip, by libzip: files in the caller's order with
 * fixed dates, deflated ones copied as they are, so that the container
 * adds nothing that varies from build to build. */
#include "epub/epubzip.h"
#include "core/vec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

/* What libzip reads a deflated entry through. */
struct source {
	const mg_zip_entry *e;
	size_t pos;
	zip_error_t err;
};

/* The DOS date and time of t in UTC (libzip's own conversion would use the
 * local time zone, and make the bytes depend on the machine's TZ). */
static void dos_time(time_t t, zip_uint16_t *dtime, zip_uint16_t *ddate)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	if (tm.tm_year < 80) {	/* DOS dates start in 1980 */
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = 80;
		tm.tm_mday = 1;
	}
	if (tm.tm_year > 207) {
		tm.tm_year = 207;
		tm.tm_mon = 11;
		tm.tm_mday = 31;
	}
	*dtime = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
	*ddate = (zip_uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) |
				tm.tm_mday);
}

/* A libzip source that hands over an entry's deflated bytes, with the
 * sizes and CRC that tell libzip not to compress them again. */
static zip_int64_t deflated_source(void *ud, void *data, zip_uint64_t len,
				   zip_source_cmd_t cmd)
{
	struct source *s = ud;
	zip_stat_t *st;
	size_t n;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		s->pos = 0;
		return 0;
	case ZIP_SOURCE_READ:
		n = s->e->len - s->pos < len ? s->e->len - s->pos : (size_t)len;
		memcpy(data, (const char *)s->e->data + s->pos, n);
		s->pos += n;
		return (zip_int64_t)n;
	case ZIP_SOURCE_CLOSE:
	case ZIP_SOURCE_FREE:
		return 0;
	case ZIP_SOURCE_STAT:
		if (len < sizeof(*st))
			break;
		st = data;
		zip_stat_init(st);
		st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE |
			    ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC;
		st->size = s->e->size;
		st->comp_size = s->e->len;
		st->comp_method = ZIP_CM_DEFLATE;
		st->crc = s->e->crc;
		return sizeof(*st);
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&s->err, data, len);
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN,
			ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
			ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		break;
	}
	zip_error_set(&s->err, ZIP_ER_INVAL, 0);
	return -1;
}

/* Adds every entry to za, in order, with the fixed time. src[i] is the
 * state of entry i's source while the archive is open. */
static int add_entries(zip_t *za, const mg_zip_entry *e, size_t n,
		       struct source *src, time_t t)
{
	zip_uint16_t dtime, ddate;

	dos_time(t, &dtime, &ddate);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *zs;
		zip_int64_t idx;

		src[i].e = &e[i];
		zs = e[i].deflated ?
			zip_source_function(za, deflated_source, &src[i]) :
			zip_source_buffer(za, e[i].data, e[i].len, 0);
		idx = zs ? zip_file_add(za, e[i].name, zs, 0) : -1;
		if (idx < 0) {
			if (zs)
				zip_source_free(zs);
			return -1;
		}
		if (zip_set_file_compression(za, (zip_uint64_t)idx,
					     e[i].deflated ? ZIP_CM_DEFLATE :
					     ZIP_CM_STORE, 0) < 0 ||
		    zip_file_set_dostime(za, (zip_uint64_t)idx, dtime, ddate, 0) < 0)
			return -1;
	}
	return 0;
}

/* Copies the finished archive in mem into out. */
static int take_source(zip_source_t *mem, mg_bytes *out, char *why,
		       size_t whylen)
{
	zip_stat_t st;
	int rc = -1;

	if (zip_source_stat(mem, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) ||
	    zip_source_open(mem) < 0) {
		snprintf(why, whylen, "%s",
			 zip_error_strerror(zip_source_error(mem)));
		return -1;
	}
	out->data = mg_xmalloc(st.size ? st.size : 1);
	out->len = st.size;
	if (zip_source_read(mem, out->data, st.size) != (zip_int64_t)st.size) {
		snprintf(why, whylen, "%s",
			 zip_error_strerror(zip_source_error(mem)));
		mg_bytes_release(out);
		goto out;
	}
	rc = 0;
out:
	zip_source_close(mem);
	return rc;
}

/* The archive is made in memory: libzip writes into a buffer source, which
 * is then copied into out. */
int mg_epubzip_write(const mg_zip_entry *e, size_t n, time_t t,
		     mg_bytes *out, char *why, size_t whylen)
{
	struct source *src = mg_xcalloc(n ? n : 1, sizeof(*src));
	zip_error_t ze;
	zip_source_t *mem;
	zip_t *za;
	int rc = -1;

	out->data = NULL;
	out->len = 0;
	for (size_t i = 0; i < n; i++)
		zip_error_init(&src[i].err);
	zip_error_init(&ze);
	if (!(mem = zip_source_buffer_create(NULL, 0, 0, &ze))) {
		snprintf(why, whylen, "%s", zip_error_strerror(&ze));
		goto out;
	}
	zip_source_keep(mem);	/* it outlives zip_close */
	if (!(za = zip_open_from_source(mem, ZIP_TRUNCATE, &ze))) {
		snprintf(why, whylen, "%s", zip_error_strerror(&ze));
		goto out_mem;
	}
	if (add_entries(za, e, n, src, t) < 0 || zip_close(za) < 0) {
		snprintf(why, whylen, "%s", zip_strerror(za));
		zip_discard(za);
		goto out_mem;
	}
	rc = take_source(mem, out, why, whylen);
out_mem:
	zip_source_free(mem);
out:
	zip_error_fini(&ze);
	for (size_t i = 0; i < n; i++)
		zip_error_fini(&src[i].err);
	free(src);
	return rc;
}
