/* test_images.c — mg_image_probe on PNGs built here with zlib (signature,
 * IHDR, PLTE, IDAT, IEND, true CRCs): sound ones pass, each kind of damage
 * libpng would abort on gets its own status; PNG and JPEG kinds too. */
#include "read/images.h"

#include "mgtest.h"

#include <zlib.h>

/* ---- building PNGs ---- */

/* A growing buffer of bytes: the PNG being built. */
typedef struct buf {
	unsigned char *data;
	size_t len, cap;
} buf;

static void put(buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		b->data = realloc(b->data, b->cap);
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

static void put32(buf *b, unsigned long v)
{
	unsigned char p[4] = { v >> 24, v >> 16, v >> 8, v };
	put(b, p, 4);
}

/* A chunk: its length, type, data and the CRC of type and data. */
static void put_chunk(buf *b, const char *type, const void *data, size_t n)
{
	uLong crc = crc32(0, (const Bytef *)type, 4);
	if (n)
		crc = crc32(crc, data, (uInt)n);
	put32(b, n);
	put(b, type, 4);
	if (n)
		put(b, data, n);
	put32(b, crc);
}

/* The signature and an IHDR of w x h pixels of the given bit depth,
 * colour type and interlace method (compression and filter method 0). */
static void put_head(buf *b, unsigned long w, unsigned long h, unsigned depth,
		     unsigned colour, unsigned interlace)
{
	unsigned char ihdr[13] = {
		w >> 24, w >> 16, w >> 8, w, h >> 24, h >> 16, h >> 8, h,
		depth, colour, 0, 0, interlace,
	};
	put(b, "\x89PNG\r\n\x1a\n", 8);
	put_chunk(b, "IHDR", ihdr, 13);
}

/* A palette of n colours. */
static void put_plte(buf *b, unsigned n)
{
	unsigned char rgb[3 * 256] = { 0 };
	put_chunk(b, "PLTE", rgb, 3 * n);
}

/* raw[0..n) deflated into one zlib stream, finished unless open: *zlen bytes. */
static unsigned char *deflated(const unsigned char *raw, size_t n, size_t *zlen, int open)
{
	z_stream z = { 0 };
	size_t cap = deflateBound(&z, n) + 64;
	unsigned char *out = malloc(cap);

	deflateInit(&z, 6);
	z.next_in = (Bytef *)raw;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	deflate(&z, open ? Z_SYNC_FLUSH : Z_FINISH);
	*zlen = cap - z.avail_out;
	deflateEnd(&z);
	return out;
}

/* The data zdata[0..zlen) as nidat IDAT chunks of about equal size. */
static void put_idat(buf *b, const unsigned char *zdata, size_t zlen, int nidat)
{
	size_t at = 0;
	for (int i = 0; i < nidat; i++) {
		size_t part = i == nidat - 1 ? zlen - at : zlen / nidat;
		put_chunk(b, "IDAT", zdata + at, part);
		at += part;
	}
}

/* raw[0..n) deflated, as nidat IDAT chunks, then IEND. */
static void put_picture(buf *b, const unsigned char *raw, size_t n, int nidat)
{
	size_t zlen;
	unsigned char *z = deflated(raw, n, &zlen, 0);
	put_idat(b, z, zlen, nidat);
	put_chunk(b, "IEND", NULL, 0);
	free(z);
}

static unsigned channels(unsigned colour)
{
	return colour == 2 ? 3 : colour == 4 ? 2 : colour == 6 ? 4 : 1;
}

/* The rows of a picture not interlaced: h rows of a filter type (cycling
 * through 0 to 4) and the pixels' bytes. *n gets their length. */
static unsigned char *plain_rows(unsigned long w, unsigned long h, unsigned depth,
				 unsigned colour, size_t *n)
{
	size_t row = 1 + (w * channels(colour) * depth + 7) / 8;
	unsigned char *raw = malloc(row * h);

	for (size_t i = 0; i < row * h; i++)
		raw[i] = (unsigned char)(i * 31 + 7);
	for (unsigned long y = 0; y < h; y++)
		raw[y * row] = y % 5;
	*n = row * h;
	return raw;
}

/* The probe's answer for the PNG in b; frees it. */
static mg_image_status probe(buf *b)
{
	mg_image_info info;
	mg_image_status st = mg_image_probe(b->data, b->len, &info);
	free(b->data);
	*b = (buf){ 0 };
	return st;
}

/* A w x h PNG not interlaced (with a palette for colour type 3), its rows
 * in nidat IDAT chunks, with extra bytes of picture data added to the end
 * (or taken away, when extra is negative). */
static mg_image_status probe_plain(unsigned long w, unsigned long h, unsigned depth,
				   unsigned colour, int nidat, long extra)
{
	buf b = { 0 };
	size_t n;
	unsigned char *raw = plain_rows(w, h, depth, colour, &n);

	raw = realloc(raw, n + (extra > 0 ? extra : 0) + 1);
	if (extra > 0)
		memset(raw + n, 0, extra);
	put_head(&b, w, h, depth, colour, 0);
	if (colour == 3)
		put_plte(&b, 1u << depth);
	put_picture(&b, raw, n + extra, nidat);
	free(raw);
	return probe(&b);
}

/* ---- sound PNGs ---- */

/* Every colour type at every bit depth it allows, odd sizes, one IDAT or
 * several; and a picture large enough to fill the probe's buffer often. */
static void sound_plain(void)
{
	static const unsigned kinds[][2] = {	/* depth, colour */
		{ 1, 0 }, { 2, 0 }, { 4, 0 }, { 8, 0 }, { 16, 0 }, { 8, 2 }, { 16, 2 },
		{ 1, 3 }, { 2, 3 }, { 4, 3 }, { 8, 3 }, { 8, 4 }, { 16, 4 }, { 8, 6 },
		{ 16, 6 },
	};
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		CHECK_INT(probe_plain(13, 7, kinds[k][0], kinds[k][1], 1, 0), MG_IMAGE_OK);
		CHECK_INT(probe_plain(1, 1, kinds[k][0], kinds[k][1], 1, 0), MG_IMAGE_OK);
		CHECK_INT(probe_plain(31, 9, kinds[k][0], kinds[k][1], 3, 0), MG_IMAGE_OK);
	}
	CHECK_INT(probe_plain(1000, 100, 16, 6, 4, 0), MG_IMAGE_OK);	/* 800 KB */

	/* what the header says is kept */
	buf b = { 0 };
	size_t n;
	unsigned char *raw = plain_rows(5, 3, 16, 6, &n);
	mg_image_info info;
	put_head(&b, 5, 3, 16, 6, 0);
	put_picture(&b, raw, n, 1);
	CHECK_INT(mg_image_probe(b.data, b.len, &info), MG_IMAGE_OK);
	CHECK_STR(info.media_type, "image/png");
	CHECK_INT(info.width, 5);
	CHECK_INT(info.height, 3);
	CHECK_INT(info.bit_depth, 16);
	CHECK_INT(info.colour_type, 6);
	free(raw);
	free(b.data);
}

/* Sizes of Adam7 pictures' data, as libpng's pngfix counts them: passes
 * that fall outside small pictures are left out. */
static const struct adam7_case {
	unsigned long w, h;
	unsigned depth, colour;
	size_t bytes;
} adam7_cases[] = {
	{ 33, 17, 8, 2, 1717 }, { 1, 1, 8, 0, 2 }, { 3, 3, 1, 0, 12 },
	{ 5, 5, 2, 0, 24 }, { 7, 1, 16, 6, 60 }, { 1, 9, 8, 0, 18 },
	{ 2, 2, 8, 4, 11 }, { 8, 8, 4, 3, 48 }, { 13, 7, 16, 0, 196 },
};

/* An Adam7 PNG of case c whose picture data is c->bytes + extra bytes,
 * with the filter type of the last row's first byte set to last_filter. */
static mg_image_status probe_adam7(const struct adam7_case *c, long extra, unsigned last_filter)
{
	size_t n = c->bytes + extra;
	unsigned char *raw = calloc(1, n + 1);
	size_t last_row = 1 + (c->w * channels(c->colour) * c->depth + 7) / 8;
	buf b = { 0 };

	if (c->h > 1 && extra == 0)	/* pass 7: every other row, full width */
		raw[n - last_row] = (unsigned char)last_filter;
	put_head(&b, c->w, c->h, c->depth, c->colour, 1);
	if (c->colour == 3)
		put_plte(&b, 16);
	put_picture(&b, raw, n, 2);
	free(raw);
	return probe(&b);
}

/* Adam7: the seven passes' rows fill the data exactly; a byte less or
 * more is damage, and so is a bad filter type in the last pass. A sound
 * interlaced PNG is then refused for what it is (see png_kinds). */
static void adam7_sizes(void)
{
	for (size_t i = 0; i < sizeof adam7_cases / sizeof adam7_cases[0]; i++) {
		const struct adam7_case *c = &adam7_cases[i];
		CHECK_INT(probe_adam7(c, 0, 4), MG_IMAGE_INTERLACED);
		CHECK_INT(probe_adam7(c, -1, 0), MG_IMAGE_DATA_SHORT);
		CHECK_INT(probe_adam7(c, 1, 0), MG_IMAGE_DATA_LONG);
		if (c->h > 1)
			CHECK_INT(probe_adam7(c, 0, 5), MG_IMAGE_BAD_FILTER);
	}
}

/* ---- damaged picture data ---- */

/* The data ends early: by a byte, by rows; the 4000 x 4000 picture of
 * 4 rows that made libpng abort the build. */
static void data_short(void)
{
	CHECK_INT(probe_plain(13, 7, 8, 2, 1, -1), MG_IMAGE_DATA_SHORT);
	CHECK_INT(probe_plain(13, 7, 1, 0, 2, -3), MG_IMAGE_DATA_SHORT);
	CHECK_INT(probe_plain(13, 7, 8, 2, 1, -40), MG_IMAGE_DATA_SHORT);

	buf b = { 0 };
	size_t n;
	unsigned char *raw = plain_rows(4000, 4, 8, 0, &n);
	put_head(&b, 4000, 4000, 8, 0, 0);
	put_picture(&b, raw, n, 1);
	free(raw);
	mg_image_info info;
	CHECK_INT(mg_image_probe(b.data, b.len, &info), MG_IMAGE_DATA_SHORT);
	CHECK_INT(info.height, 4000);
	free(b.data);
}

/* More data than rows: inflated bytes past the last row, compressed bytes
 * after the stream's end, another IDAT after it. */
static void data_long(void)
{
	CHECK_INT(probe_plain(13, 7, 8, 2, 1, 1), MG_IMAGE_DATA_LONG);
	CHECK_INT(probe_plain(13, 7, 16, 6, 2, 5000), MG_IMAGE_DATA_LONG);

	size_t n, zlen;
	unsigned char *raw = plain_rows(13, 7, 8, 0, &n);
	unsigned char *z = deflated(raw, n, &zlen, 0);
	buf b = { 0 };
	put_head(&b, 13, 7, 8, 0, 0);
	put_chunk(&b, "IDAT", z, zlen);
	put_chunk(&b, "IDAT", "xx", 2);
	put_chunk(&b, "IEND", NULL, 0);
	CHECK_INT(probe(&b), MG_IMAGE_DATA_LONG);

	z = realloc(z, zlen + 2);
	memcpy(z + zlen, "xx", 2);
	put_head(&b, 13, 7, 8, 0, 0);
	put_chunk(&b, "IDAT", z, zlen + 2);
	put_chunk(&b, "IEND", NULL, 0);
	CHECK_INT(probe(&b), MG_IMAGE_DATA_LONG);

	/* an empty IDAT after the stream's end is harmless */
	put_head(&b, 13, 7, 8, 0, 0);
	put_chunk(&b, "IDAT", z, zlen);
	put_chunk(&b, "IDAT", NULL, 0);
	put_chunk(&b, "IEND", NULL, 0);
	CHECK_INT(probe(&b), MG_IMAGE_OK);
	free(z);
	free(raw);
}

/* A row whose filter type is over 4: the first, one in the middle, the last. */
static void bad_filter(void)
{
	static const unsigned rows[] = { 0, 3, 6 };
	for (size_t i = 0; i < 3; i++) {
		size_t n, row = 1 + 13 * 3;
		unsigned char *raw = plain_rows(13, 7, 8, 2, &n);
		buf b = { 0 };
		raw[rows[i] * row] = i == 1 ? 255 : 5;
		put_head(&b, 13, 7, 8, 2, 0);
		put_picture(&b, raw, n, 1);
		free(raw);
		CHECK_INT(probe(&b), MG_IMAGE_BAD_FILTER);
	}
}

/* A zlib stream that cannot be read: bytes changed, a wrong checksum
 * (Adler-32), a stream that never ends though every row is there, no
 * zlib header at all. */
static void corrupt_stream(void)
{
	size_t n, zlen;
	unsigned char *raw = plain_rows(64, 64, 8, 0, &n);
	unsigned char *z = deflated(raw, n, &zlen, 0);
	buf b = { 0 };

	z[5] ^= 0xff;
	z[9] ^= 0x55;
	put_head(&b, 64, 64, 8, 0, 0);
	put_idat(&b, z, zlen, 1);
	put_chunk(&b, "IEND", NULL, 0);
	CHECK_INT(probe(&b), MG_IMAGE_DATA_BAD);
	free(z);

	z = deflated(raw, n, &zlen, 0);
	z[zlen - 1] ^= 1;
	put_head(&b, 64, 64, 8, 0, 0);
	put_idat(&b, z, zlen, 2);
	put_chunk(&b, "IEND", NULL, 0);
	CHECK_INT(probe(&b), MG_IMAGE_DATA_BAD);
	free(z);

	z = deflated(raw, n, &zlen, 1);
	put_head(&b, 64, 64, 8, 0, 0);
	put_idat(&b, z, zlen, 1);
	put_chunk(&b, "IEND", NULL, 0);
	CHECK_INT(probe(&b), MG_IMAGE_DATA_BAD);
	free(z);

	put_head(&b, 64, 64, 8, 0, 0);
	put_idat(&b, raw, n, 1);	/* stored as it is, not deflated */
	put_chunk(&b, "IEND", NULL, 0);
	CHECK_INT(probe(&b), MG_IMAGE_DATA_BAD);
	free(raw);
}

/* ---- damaged headers and chunks ---- */

/* Bit depths a colour type does not allow, unknown colour types and
 * methods, an IHDR of the wrong length. */
static void bad_header(void)
{
	static const unsigned bad[][2] = {	/* depth, colour */
		{ 16, 3 }, { 1, 2 }, { 4, 6 }, { 2, 4 }, { 3, 0 }, { 32, 0 },
		{ 0, 0 }, { 8, 1 }, { 8, 5 }, { 8, 7 },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		buf b = { 0 };
		unsigned char raw[2] = { 0, 0 };
		put_head(&b, 1, 1, bad[i][0], bad[i][1], 0);
		put_picture(&b, raw, 2, 1);
		CHECK_INT(probe(&b), MG_IMAGE_BAD_DEPTH);
	}

	for (int field = 10; field < 13; field++) {	/* the three methods */
		unsigned char ihdr[13] = { 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0 };
		unsigned char raw[2] = { 0, 0 };
		buf b = { 0 };
		ihdr[field] = 2;
		put(&b, "\x89PNG\r\n\x1a\n", 8);
		put_chunk(&b, "IHDR", ihdr, 13);
		put_picture(&b, raw, 2, 1);
		CHECK_INT(probe(&b), MG_IMAGE_BAD_HEADER);
	}

	unsigned char ihdr[14] = { 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0, 0 };
	unsigned char raw[2] = { 0, 0 };
	buf b = { 0 };
	put(&b, "\x89PNG\r\n\x1a\n", 8);
	put_chunk(&b, "IHDR", ihdr, 14);
	put_picture(&b, raw, 2, 1);
	CHECK_INT(probe(&b), MG_IMAGE_BAD_HEADER);
}

/* A palette image needs a PLTE of 1 to 256 colours before its IDAT. */
static void palette(void)
{
	size_t n;
	unsigned char *raw = plain_rows(13, 7, 8, 3, &n);
	buf b = { 0 };

	put_head(&b, 13, 7, 8, 3, 0);
	put_picture(&b, raw, n, 1);
	CHECK_INT(probe(&b), MG_IMAGE_BAD_PALETTE);

	static const unsigned lengths[] = { 0, 4, 3 * 257 };
	for (size_t i = 0; i < 3; i++) {
		unsigned char rgb[3 * 257] = { 0 };
		put_head(&b, 13, 7, 8, 3, 0);
		put_chunk(&b, "PLTE", rgb, lengths[i]);
		put_picture(&b, raw, n, 1);
		CHECK_INT(probe(&b), MG_IMAGE_BAD_PALETTE);
	}

	/* a palette after the picture data comes too late */
	size_t zlen;
	unsigned char *z = deflated(raw, n, &zlen, 0);
	put_head(&b, 13, 7, 8, 3, 0);
	put_idat(&b, z, zlen, 1);
	put_plte(&b, 256);
	put_chunk(&b, "IEND", NULL, 0);
	CHECK_INT(probe(&b), MG_IMAGE_BAD_PALETTE);
	free(z);

	/* one colour is enough; so are more colours than 8 bits can pick */
	put_head(&b, 13, 7, 8, 3, 0);
	put_plte(&b, 1);
	put_picture(&b, raw, n, 1);
	CHECK_INT(probe(&b), MG_IMAGE_OK);
	free(raw);
	raw = plain_rows(13, 7, 1, 3, &n);
	put_head(&b, 13, 7, 1, 3, 0);
	put_plte(&b, 256);
	put_picture(&b, raw, n, 1);
	CHECK_INT(probe(&b), MG_IMAGE_OK);
	free(raw);
}

/* Chunks cut short, failing their CRC or out of place; no IDAT at all. */
static void bad_chunks(void)
{
	size_t n, zlen;
	unsigned char *raw = plain_rows(13, 7, 8, 2, &n);
	unsigned char *z = deflated(raw, n, &zlen, 0);
	buf b = { 0 };

	put_head(&b, 13, 7, 8, 2, 0);
	put_picture(&b, raw, n, 1);
	b.data[b.len - 12 - 5] ^= 1;	/* the IDAT's CRC */
	CHECK_INT(probe(&b), MG_IMAGE_BAD_CHUNKS);

	put_head(&b, 13, 7, 8, 2, 0);
	put_picture(&b, raw, n, 1);
	b.data[33 + 3] += 1;	/* the IDAT's length: one byte more */
	CHECK_INT(probe(&b), MG_IMAGE_BAD_CHUNKS);

	put_head(&b, 13, 7, 8, 2, 0);
	put32(&b, 0x7fffffff);	/* a chunk longer than the file */
	put(&b, "tEXt", 4);
	put_picture(&b, raw, n, 1);
	CHECK_INT(probe(&b), MG_IMAGE_BAD_CHUNKS);

	put_head(&b, 13, 7, 8, 2, 0);	/* two IHDRs */
	put_chunk(&b, "IHDR", b.data + 16, 13);
	put_picture(&b, raw, n, 1);
	CHECK_INT(probe(&b), MG_IMAGE_BAD_CHUNKS);

	put_head(&b, 13, 7, 8, 2, 0);	/* two PLTEs */
	put_plte(&b, 4);
	put_plte(&b, 4);
	put_picture(&b, raw, n, 1);
	CHECK_INT(probe(&b), MG_IMAGE_BAD_CHUNKS);

	put_head(&b, 13, 7, 8, 2, 0);	/* IDATs apart */
	put_idat(&b, z, 10, 1);
	put_chunk(&b, "tEXt", "a\0b", 3);
	put_idat(&b, z + 10, zlen - 10, 1);
	put_chunk(&b, "IEND", NULL, 0);
	CHECK_INT(probe(&b), MG_IMAGE_BAD_CHUNKS);

	put_head(&b, 13, 7, 8, 2, 0);	/* no IEND where the walk looks */
	put_idat(&b, z, zlen, 1);
	put(&b, "IEND", 4);
	CHECK_INT(probe(&b), MG_IMAGE_BAD_CHUNKS);

	put_head(&b, 13, 7, 8, 2, 0);
	put_chunk(&b, "tEXt", "a\0b", 3);
	put_chunk(&b, "IEND", NULL, 0);
	CHECK_INT(probe(&b), MG_IMAGE_NO_DATA);

	/* ancillary chunks before and after the data are fine */
	put_head(&b, 13, 7, 8, 2, 0);
	put_chunk(&b, "gAMA", "\0\0\xb1\x8f", 4);
	put_plte(&b, 16);
	put_idat(&b, z, zlen, 3);
	put_chunk(&b, "tEXt", "a\0b", 3);
	put_chunk(&b, "IEND", NULL, 0);
	CHECK_INT(probe(&b), MG_IMAGE_OK);
	free(z);
	free(raw);
}

/* Sizes are checked before the data: a huge picture is refused by its
 * header whatever its data; the largest allowed are read in full. */
static void sizes_first(void)
{
	CHECK_INT(probe_plain(12000, 3333, 1, 0, 1, 0), MG_IMAGE_OK);	/* 39,996,000 px */
	CHECK_INT(probe_plain(6324, 6325, 1, 0, 1, 0), MG_IMAGE_OK);
	CHECK_INT(probe_plain(12001, 1, 8, 0, 1, -1), MG_IMAGE_TOO_LARGE);

	buf b = { 0 };
	put_head(&b, 0, 7, 8, 0, 0);
	put_chunk(&b, "IEND", NULL, 0);
	CHECK_INT(probe(&b), MG_IMAGE_EMPTY);
}

/* ---- PNG kinds ---- */

/* A sound 13 x 7 PNG of the given bit depth and colour type, not
 * interlaced, with a tRNS chunk of n bytes. */
static mg_image_status probe_trns(unsigned depth, unsigned colour, size_t n)
{
	static const unsigned char alpha[256] = { 0 };
	size_t len;
	unsigned char *raw = plain_rows(13, 7, depth, colour, &len);
	buf b = { 0 };

	put_head(&b, 13, 7, depth, colour, 0);
	if (colour == 3)
		put_plte(&b, 1u << depth);
	put_chunk(&b, "tRNS", alpha, n);
	put_picture(&b, raw, len, 1);
	free(raw);
	return probe(&b);
}

/* Sound PNGs libharu 2.3 cannot draw: interlaced ones (it fails, or frees
 * a mask twice), and transparency as a tRNS chunk in an RGB picture (it
 * follows a null pointer) or a palette of under 8 bits (it reads past the
 * rows). A grey picture's tRNS and an 8-bit palette's are fine. */
static void png_kinds(void)
{
	CHECK_INT(probe_trns(8, 2, 6), MG_IMAGE_PNG_TRNS);
	CHECK_INT(probe_trns(16, 2, 6), MG_IMAGE_PNG_TRNS);
	CHECK_INT(probe_trns(1, 3, 1), MG_IMAGE_PNG_TRNS);
	CHECK_INT(probe_trns(2, 3, 4), MG_IMAGE_PNG_TRNS);
	CHECK_INT(probe_trns(4, 3, 16), MG_IMAGE_PNG_TRNS);
	CHECK_INT(probe_trns(8, 3, 1), MG_IMAGE_OK);
	CHECK_INT(probe_trns(8, 3, 256), MG_IMAGE_OK);
	CHECK_INT(probe_trns(8, 0, 2), MG_IMAGE_OK);
	CHECK_INT(probe_trns(16, 0, 2), MG_IMAGE_OK);
	CHECK_INT(probe_trns(1, 0, 2), MG_IMAGE_OK);

	/* damage is said first: an interlaced picture cut short is damaged */
	CHECK_INT(probe_adam7(&adam7_cases[0], -1, 0), MG_IMAGE_DATA_SHORT);
	CHECK_INT(probe_adam7(&adam7_cases[0], 0, 0), MG_IMAGE_INTERLACED);
	CHECK_INT(probe_adam7(&adam7_cases[6], 0, 0), MG_IMAGE_INTERLACED);	/* grey, alpha */
}

/* ---- JPEG kinds ---- */

/* A JPEG: SOI, a frame header of the given marker (SOFn), bits a sample,
 * 640 x 480 pixels and colours, then EOI. */
static mg_image_status probe_jpeg(unsigned marker, unsigned precision, unsigned colours)
{
	unsigned char p[64] = { 0xff, 0xd8, 0xff, marker, 0, 8 + 3 * colours, precision,
				480 >> 8, 480 & 0xff, 640 >> 8, 640 & 0xff, colours };
	size_t n = 12;
	mg_image_info info;

	for (unsigned c = 0; c < colours; c++, n += 3)
		memcpy(p + n, (unsigned char[]){ c + 1, 0x11, 0 }, 3);
	memcpy(p + n, "\xff\xd9", 2);
	return mg_image_probe(p, n + 2, &info);
}

/* A PDF takes 8-bit baseline (SOF0) and progressive (SOF2) JPEGs in grey,
 * RGB or CMYK; every other kind is refused when the guide is read. */
static void jpeg_kinds(void)
{
	static const unsigned others[] = {
		0xc1, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
	};
	for (unsigned colours = 1; colours <= 4; colours++) {
		mg_image_status want = colours == 2 ? MG_IMAGE_JPEG_KIND : MG_IMAGE_OK;
		CHECK_INT(probe_jpeg(0xc0, 8, colours), want);
		CHECK_INT(probe_jpeg(0xc2, 8, colours), want);
	}
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
		CHECK_INT(probe_jpeg(others[i], 8, 3), MG_IMAGE_JPEG_KIND);
	CHECK_INT(probe_jpeg(0xc0, 12, 3), MG_IMAGE_JPEG_KIND);
	CHECK_INT(probe_jpeg(0xc2, 12, 1), MG_IMAGE_JPEG_KIND);
	CHECK_INT(probe_jpeg(0xc0, 16, 1), MG_IMAGE_JPEG_KIND);

	/* a frame header cut before its number of colours */
	static const unsigned char cut[] = {
		0xff, 0xd8, 0xff, 0xc0, 0x00, 0x07, 0x08, 0x01, 0xe0, 0x02, 0x80,
	};
	mg_image_info info;
	CHECK_INT(mg_image_probe(cut, sizeof cut, &info), MG_IMAGE_UNKNOWN);
}

/* ---- messages ---- */

static int has(const mg_diag *d, const char *text)
{
	for (size_t i = 0; i < d->len; i++)
		if (strstr(d->items[i].text, text))
			return 1;
	return 0;
}

/* Each status says what is wrong, at the image's place in the Markdown. */
static void messages(void)
{
	mg_file_ref ref = { "image", "cut.png", "one.md", 5, 1 };
	mg_image_info info = { "image/png", 4000, 4000, 8, 0 };
	mg_diag d;

	mg_diag_init(&d);
	mg_image_report(&d, &ref, MG_IMAGE_DATA_SHORT, &info);
	CHECK(has(&d, "image 'cut.png' is damaged: its picture data ends before its "
		  "last row (4000 rows expected)"));
	mg_image_report(&d, &ref, MG_IMAGE_DATA_LONG, &info);
	CHECK(has(&d, "image 'cut.png' is damaged: its picture data goes on after its "
		  "last row (4000 rows expected)"));
	mg_image_report(&d, &ref, MG_IMAGE_DATA_BAD, &info);
	CHECK(has(&d, "image 'cut.png' is damaged: its compressed picture data cannot "
		  "be read (it is corrupt or cut short)"));
	mg_image_report(&d, &ref, MG_IMAGE_BAD_FILTER, &info);
	CHECK(has(&d, "image 'cut.png' is damaged: it has a row with an unknown filter type"));
	mg_image_report(&d, &ref, MG_IMAGE_BAD_PALETTE, &info);
	CHECK(has(&d, "image 'cut.png' is damaged: it is a palette image without its "
		  "palette (a PLTE chunk of 1 to 256 colours before the picture data)"));
	mg_image_report(&d, &ref, MG_IMAGE_NO_DATA, &info);
	CHECK(has(&d, "image 'cut.png' is damaged: it holds no picture data (no IDAT chunk)"));
	mg_image_report(&d, &ref, MG_IMAGE_BAD_CHUNKS, &info);
	CHECK(has(&d, "image 'cut.png' is damaged: a chunk of it is cut short, fails its "
		  "checksum (CRC) or is out of place"));
	mg_image_report(&d, &ref, MG_IMAGE_BAD_HEADER, &info);
	CHECK(has(&d, "image 'cut.png' is damaged: its header (IHDR chunk) has the wrong "
		  "length or names a compression, filter or interlace method PNG does not have"));
	info.bit_depth = 16;
	info.colour_type = 3;
	mg_image_report(&d, &ref, MG_IMAGE_BAD_DEPTH, &info);
	CHECK(has(&d, "image 'cut.png' is damaged: its header says 16 bits a sample for "
		  "colour type 3, which PNG does not allow (only 1, 2, 4 or 8)"));
	info.colour_type = 5;
	mg_image_report(&d, &ref, MG_IMAGE_BAD_DEPTH, &info);
	CHECK(has(&d, "image 'cut.png' is damaged: its header says colour type 5, which "
		  "PNG does not have"));
	ref.shown = "web.png";
	mg_image_report(&d, &ref, MG_IMAGE_INTERLACED, &info);
	CHECK(has(&d, "image 'web.png' is an interlaced PNG, which the PDF writer "
		  "cannot draw: save it again without interlacing"));
	info.colour_type = 2;
	info.bit_depth = 8;
	mg_image_report(&d, &ref, MG_IMAGE_PNG_TRNS, &info);
	CHECK(has(&d, "image 'web.png' is an RGB PNG with a transparent colour (a tRNS "
		  "chunk), which the PDF writer cannot draw: save it again with an alpha "
		  "channel (RGBA) or without transparency"));
	info.colour_type = 3;
	info.bit_depth = 2;
	mg_image_report(&d, &ref, MG_IMAGE_PNG_TRNS, &info);
	CHECK(has(&d, "image 'web.png' is a 2-bit palette PNG with transparency (a tRNS "
		  "chunk), which the PDF writer cannot draw: save it again as an 8-bit "
		  "palette PNG or with an alpha channel (RGBA)"));
	ref.shown = "two.jpg";
	mg_image_report(&d, &ref, MG_IMAGE_JPEG_KIND, &info);
	CHECK(has(&d, "image 'two.jpg' is a JPEG file of a kind the PDF writer cannot "
		  "draw (it takes 8-bit baseline or progressive JPEGs in grey, RGB or "
		  "CMYK): save it again as an ordinary JPEG or as a PNG"));
	CHECK_INT(d.errors, 14);
	CHECK_STR(d.items[0].file, "one.md");
	CHECK_INT(d.items[0].line, 5);
	mg_diag_release(&d);
}

int main(void)
{
	RUN(sound_plain);
	RUN(adam7_sizes);
	RUN(data_short);
	RUN(data_long);
	RUN(bad_filter);
	RUN(corrupt_stream);
	RUN(bad_header);
	RUN(palette);
	RUN(bad_chunks);
	RUN(sizes_first);
	RUN(png_kinds);
	RUN(jpeg_kinds);
	RUN(messages);
	return MGT_DONE();
}
