/* test_epubzip.c — the EPUB's zip writer: entries in order, stored or
 * copied deflated, fixed dates clamped to DOS's range, and libzip's
 * refusals reported, not crashed on. */
#include "mgtest.h"
#include "core/vec.h"

#include <time.h>
#include <zip.h>
#include <zlib.h>

#include "epub/epubzip.h"

static const char mimetype[] = "application/epub+zip";
static const char text[] =
	"<p>Every word of the source is present, every word of the source.</p>";

/* Raw deflate of data, as epub.c makes it; the caller frees *out. */
static size_t deflate_raw(const char *data, size_t len, unsigned char **out)
{
	z_stream z;
	uLong bound;

	memset(&z, 0, sizeof z);
	CHECK(deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK);
	bound = deflateBound(&z, (uLong)len);
	*out = malloc(bound);
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)len;
	z.next_out = *out;
	z.avail_out = (uInt)bound;
	CHECK(deflate(&z, Z_FINISH) == Z_STREAM_END);
	deflateEnd(&z);
	return bound - z.avail_out;
}

/* Opens the zip in b with libzip, for reading back. */
static zip_t *reopen(const mg_bytes *b)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;

	zip_error_init(&ze);
	src = zip_source_buffer_create(b->data, b->len, 0, &ze);
	za = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
	if (!za && src)
		zip_source_free(src);
	zip_error_fini(&ze);
	return za;
}

/* Entry i of za, read whole: 1 when it is want's bytes. */
static int entry_is(zip_t *za, zip_uint64_t i, const char *want)
{
	char buf[512];
	zip_file_t *f = zip_fopen_index(za, i, 0);
	zip_int64_t n = f ? zip_fread(f, buf, sizeof buf) : -1;

	if (f)
		zip_fclose(f);
	return n == (zip_int64_t)strlen(want) && memcmp(buf, want, (size_t)n) == 0;
}

static void test_entries_in_order(void)
{
	unsigned char *z;
	size_t zlen = deflate_raw(text, strlen(text), &z);
	mg_zip_entry e[2] = {
		{ "mimetype", mimetype, strlen(mimetype), strlen(mimetype), 0, 0 },
		{ "EPUB/a.xhtml", z, zlen, strlen(text),
		  (uint32_t)crc32(0, (const Bytef *)text, (uInt)strlen(text)), 1 },
	};
	mg_bytes b = { 0 };
	char why[128] = "";
	zip_stat_t st;
	zip_t *za;

	/* 2024-05-06 07:08:10 UTC */
	CHECK_INT(mg_epubzip_write(e, 2, 1714979290, &b, why, sizeof why), 0);
	/* the mimetype first, stored, at offset 38: what readers look for */
	CHECK(b.len > 58 && memcmp(b.data + 30, "mimetypeapplication/epub+zip", 28) == 0);
	za = reopen(&b);
	CHECK(za != NULL);
	if (za) {
		CHECK_INT(zip_get_num_entries(za, 0), 2);
		CHECK_STR(zip_get_name(za, 0, 0), "mimetype");
		CHECK_STR(zip_get_name(za, 1, 0), "EPUB/a.xhtml");
		CHECK(zip_stat_index(za, 0, 0, &st) == 0 &&
		      st.comp_method == ZIP_CM_STORE);
		CHECK(zip_stat_index(za, 1, 0, &st) == 0 &&
		      st.comp_method == ZIP_CM_DEFLATE && st.comp_size == zlen &&
		      st.size == strlen(text));
		CHECK(entry_is(za, 0, mimetype));
		CHECK(entry_is(za, 1, text));	/* inflates, checks the CRC */
		zip_discard(za);
	}
	mg_bytes_release(&b);
	free(z);
}

/* The DOS date of entry 0 of the zip written at t, as "YYYY-MM-DD hh:mm:ss". */
static void dos_date_of(time_t t, char *out, size_t size)
{
	mg_zip_entry e = { "f", "x", 1, 1, 0, 0 };
	mg_bytes b = { 0 };
	char why[128];
	unsigned dtime, ddate;

	*out = 0;
	if (mg_epubzip_write(&e, 1, t, &b, why, sizeof why) != 0 || b.len < 30)
		return;
	/* the local header's time and date, little-endian at 10 and 12 */
	dtime = b.data[10] | (unsigned)b.data[11] << 8;
	ddate = b.data[12] | (unsigned)b.data[13] << 8;
	snprintf(out, size, "%04u-%02u-%02u %02u:%02u:%02u", 1980 + (ddate >> 9),
		 (ddate >> 5) & 15, ddate & 31, dtime >> 11, (dtime >> 5) & 63,
		 (dtime & 31) * 2);
	mg_bytes_release(&b);
}

static void test_dates(void)
{
	char d[32];

	dos_date_of(1714979290, d, sizeof d);
	CHECK_STR(d, "2024-05-06 07:08:10");
	dos_date_of(0, d, sizeof d);	/* 1970: before DOS's first day */
	CHECK_STR(d, "1980-01-01 00:00:00");
	dos_date_of((time_t)7258118400LL, d, sizeof d);	/* 2200 */
	CHECK_STR(d, "2107-12-31 00:00:00");
}

static void test_refused(void)
{
	mg_zip_entry e[2] = {
		{ "same", "a", 1, 1, 0, 0 },
		{ "same", "b", 1, 1, 0, 0 },
	};
	mg_bytes b = { 0 };
	char why[128] = "";

	CHECK_INT(mg_epubzip_write(e, 2, 0, &b, why, sizeof why), -1);
	CHECK(b.data == NULL && b.len == 0);
	CHECK(strstr(why, "exists") != NULL);
}

int main(void)
{
	RUN(test_entries_in_order);
	RUN(test_dates);
	RUN(test_refused);
	return MGT_DONE();
}
