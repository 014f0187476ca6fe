/* images.c — PNG and JPEG files recognised by their bytes, their size and kind
 * read from their headers (PNG IHDR, JPEG SOFn); a PNG's chunks and picture
 * data are checked too, since libpng and libharu crash on damaged ones. */
#include "read/images.h"

#include <string.h>

#define ZLIB_CONST
#include <zlib.h>

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	       (unsigned long)p[2] << 8 | p[3];
}

/* Whether a handout can use a picture of w x h pixels. */
static mg_image_status size_status(unsigned long w, unsigned long h)
{
	if (!w || !h)
		return MG_IMAGE_EMPTY;
	if (w > MG_IMAGE_MAX_SIDE || h > MG_IMAGE_MAX_SIDE ||
	    (unsigned long long)w * h > MG_IMAGE_MAX_PIXELS)
		return MG_IMAGE_TOO_LARGE;
	return MG_IMAGE_OK;
}

/* ---- PNG ----
 * The PDF writer hands a PNG to libharu, which hands it to libpng without
 * a way back from an error (no setjmp): libpng then aborts the process.
 * So whatever libpng refuses is refused here first, when the guide is read:
 * a bad header, chunks out of place, and picture data that does not fill
 * exactly the rows the header announces (PNG specification, 2nd edition). */

/* What IHDR says of the picture data. */
struct png_header {
	unsigned long width, height;
	unsigned depth, colour, interlace;
};

/* Samples per pixel of colour type colour: grey, RGB, palette index, grey
 * and alpha, RGBA; 0 for a type PNG does not have. */
static unsigned channels(unsigned colour)
{
	switch (colour) {
	case 0: return 1;
	case 2: return 3;
	case 3: return 1;
	case 4: return 2;
	case 6: return 4;
	}
	return 0;
}

/* The bit depths colour type colour allows, as words; NULL if there is
 * no such type. */
static const char *depths_allowed(unsigned colour)
{
	switch (colour) {
	case 0: return "1, 2, 4, 8 or 16";
	case 3: return "1, 2, 4 or 8";
	case 2: case 4: case 6: return "8 or 16";
	}
	return NULL;
}

int mg_png_depth_ok(unsigned depth, unsigned colour)
{
	switch (colour) {
	case 0:
		return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
	case 3:
		return depth == 1 || depth == 2 || depth == 4 || depth == 8;
	case 2: case 4: case 6:
		return depth == 8 || depth == 16;
	}
	return 0;
}

/* Checks the IHDR chunk after the signature at p: its length, its methods
 * (compression and filter 0, interlace 0 or 1: Adam7) and its bit depth. */
static mg_image_status check_ihdr(const unsigned char *p)
{
	if (be32(p + 8) != 13 || p[26] != 0 || p[27] != 0 || p[28] > 1)
		return MG_IMAGE_BAD_HEADER;
	if (!mg_png_depth_ok(p[24], p[25]))
		return MG_IMAGE_BAD_DEPTH;
	return MG_IMAGE_OK;
}

/* Where a PNG's picture data lies, and whether it has transparency. */
struct png_chunks {
	size_t first, end;	/* the run of IDAT chunks */
	int trns;		/* a tRNS chunk (transparency) */
};

/* Walks the chunks of the PNG p[0..n) from IHDR to IEND: each must lie
 * within the file and match its CRC; IHDR comes once, PLTE at most once
 * and before IDAT; the IDAT chunks follow one another, and a palette image
 * (colour type 3) has a PLTE of 1 to 256 colours before them. Fills *c. */
static mg_image_status walk_chunks(const unsigned char *p, size_t n, unsigned colour,
				   struct png_chunks *c)
{
	int plte = 0, palette = 0;	/* seen a PLTE; a usable one */

	memset(c, 0, sizeof *c);
	for (size_t pos = 8;; pos += 12 + be32(p + pos)) {
		if (n - pos < 12)
			return MG_IMAGE_BAD_CHUNKS;
		unsigned long len = be32(p + pos);
		const unsigned char *type = p + pos + 4;
		if (len > n - pos - 12 || crc32_z(0, type, len + 4) != be32(type + 4 + len))
			return MG_IMAGE_BAD_CHUNKS;
		if (!memcmp(type, "IEND", 4))
			return c->first ? MG_IMAGE_OK : MG_IMAGE_NO_DATA;
		if (!memcmp(type, "IDAT", 4)) {
			if (c->first && c->end != pos)
				return MG_IMAGE_BAD_CHUNKS;	/* other chunks between */
			if (!c->first && colour == 3 && !palette)
				return MG_IMAGE_BAD_PALETTE;
			if (!c->first)
				c->first = pos;
			c->end = pos + 12 + len;
		} else if (!memcmp(type, "IHDR", 4) && pos > 8) {
			return MG_IMAGE_BAD_CHUNKS;
		} else if (!memcmp(type, "PLTE", 4)) {
			if (plte || c->first)
				return MG_IMAGE_BAD_CHUNKS;
			plte = 1;
			palette = len && len % 3 == 0 && len <= 3 * 256;
		} else if (!memcmp(type, "tRNS", 4)) {
			c->trns = 1;
		}
	}
}

/* Adam7's seven passes over the picture (PNG specification, 8.2): the
 * first row and column each takes, and the steps to its next ones. A
 * picture not interlaced is one pass over every row and column. */
static const struct pass {
	unsigned char row, col, row_step, col_step;
} adam7[7] = {
	{ 0, 0, 8, 8 }, { 0, 4, 8, 8 }, { 4, 0, 8, 4 }, { 0, 2, 4, 4 },
	{ 2, 0, 4, 2 }, { 0, 1, 2, 2 }, { 1, 0, 2, 1 },
}, whole = { 0, 0, 1, 1 };

/* How many of n rows (or columns) a pass starting at first takes. */
static unsigned long taken(unsigned long n, unsigned first, unsigned step)
{
	return n > first ? (n - first + step - 1) / step : 0;
}

/* The rows that inflated picture data must fill, pass after pass. */
struct rows {
	const struct png_header *h;
	const struct pass *passes;
	int npasses, pass;		/* the pass being filled */
	unsigned long left;		/* its rows to come, this one included;
					 * 0 once every pass is full */
	unsigned long long size;	/* bytes of each of its rows: a filter
					 * type, then the pixels */
	unsigned long long at;		/* bytes of this row already seen */
};

/* Moves to the next pass that has pixels (an image narrower or shorter
 * than 5 pixels leaves some of Adam7's passes empty). */
static void next_pass(struct rows *r)
{
	const struct png_header *h = r->h;

	r->left = 0;
	while (++r->pass < r->npasses) {
		const struct pass *ps = &r->passes[r->pass];
		unsigned long rows = taken(h->height, ps->row, ps->row_step);
		unsigned long cols = taken(h->width, ps->col, ps->col_step);
		if (rows && cols) {
			r->left = rows;
			r->size = 1 + ((unsigned long long)cols * channels(h->colour) *
				       h->depth + 7) / 8;
			return;
		}
	}
}

/* Takes the inflated bytes b[0..n) into the rows: each row starts with its
 * filter type, 0 to 4 (none, sub, up, average, Paeth), and nothing may
 * come after the last row. */
static mg_image_status fill_rows(struct rows *r, const unsigned char *b, size_t n)
{
	while (n) {
		if (!r->left)
			return MG_IMAGE_DATA_LONG;
		if (!r->at && b[0] > 4)
			return MG_IMAGE_BAD_FILTER;
		size_t take = r->size - r->at < n ? (size_t)(r->size - r->at) : n;
		r->at += take;
		b += take;
		n -= take;
		if (r->at == r->size) {
			r->at = 0;
			if (!--r->left)
				next_pass(r);
		}
	}
	return MG_IMAGE_OK;
}

/* Inflates the input z holds (one IDAT chunk's data) into the rows, a
 * small buffer at a time. *ended says the zlib stream has ended: any byte
 * after its end is too many. */
static mg_image_status inflate_chunk(z_stream *z, struct rows *r, int *ended)
{
	unsigned char buf[16384];
	mg_image_status st;

	do {
		if (*ended)
			return z->avail_in ? MG_IMAGE_DATA_LONG : MG_IMAGE_OK;
		z->next_out = buf;
		z->avail_out = sizeof buf;
		int zr = inflate(z, Z_NO_FLUSH);
		/* Z_BUF_ERROR: no progress for want of input, not an error */
		if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR)
			return MG_IMAGE_DATA_BAD;
		*ended = zr == Z_STREAM_END;
		st = fill_rows(r, buf, sizeof buf - z->avail_out);
		if (st != MG_IMAGE_OK)
			return st;
	} while (z->avail_in || !z->avail_out);
	return MG_IMAGE_OK;
}

/* Checks the picture data of the PNG p, the IDAT chunks p[first..end): one
 * zlib stream, inflated in constant memory (never the whole picture), which
 * must fill exactly the rows of h and end with the last of them. */
static mg_image_status check_picture(const unsigned char *p, size_t first, size_t end,
				     const struct png_header *h)
{
	struct rows r = {
		.h = h,
		.passes = h->interlace ? adam7 : &whole,
		.npasses = h->interlace ? 7 : 1,
		.pass = -1,
	};
	mg_image_status st = MG_IMAGE_OK;
	z_stream z;
	int ended = 0;

	next_pass(&r);
	memset(&z, 0, sizeof z);
	if (inflateInit(&z) != Z_OK)
		return MG_IMAGE_DATA_BAD;
	for (size_t pos = first; pos < end; pos += 12 + be32(p + pos)) {
		z.next_in = p + pos + 8;
		z.avail_in = (uInt)be32(p + pos);
		st = inflate_chunk(&z, &r, &ended);
		if (st != MG_IMAGE_OK)
			goto out;
	}
	if (r.left)
		st = MG_IMAGE_DATA_SHORT;
	else if (!ended)
		st = MG_IMAGE_DATA_BAD;
out:
	inflateEnd(&z);
	return st;
}

/* Whether libharu 2.3 can draw a sound PNG of header h, with a tRNS chunk
 * if trns. It cannot draw an interlaced one: libpng warns that it should
 * turn on interlace handling, libharu takes the warning for an error, and
 * when the picture has transparency it then frees its mask twice (the
 * process aborts). And it reads any tRNS chunk of an RGB or palette picture
 * as an 8-bit palette's: in an RGB one it follows a null pointer (the
 * process crashes), in a palette of 1, 2 or 4 bits it reads past each row
 * and draws garbage. An 8-bit palette's, or a grey picture's (ignored), is
 * fine. */
static mg_image_status png_kind(const struct png_header *h, int trns)
{
	if (h->interlace)
		return MG_IMAGE_INTERLACED;
	if (trns && (h->colour == 2 || (h->colour == 3 && h->depth < 8)))
		return MG_IMAGE_PNG_TRNS;
	return MG_IMAGE_OK;
}

static int is_png(const unsigned char *p, size_t n)
{
	return n >= 8 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8);
}

static mg_image_status probe_png(const unsigned char *p, size_t n, mg_image_info *info)
{
	struct png_chunks c;
	mg_image_status st;

	if (n < 45 || memcmp(p + 12, "IHDR", 4))
		return MG_IMAGE_UNKNOWN;
	/* a cut-short file has no IEND chunk (some tools append bytes after it) */
	size_t tail = n < 1024 ? n : 1024;
	if (!memmem(p + n - tail, tail, "IEND", 4))
		return MG_IMAGE_UNKNOWN;
	info->media_type = "image/png";
	info->width = be32(p + 16);
	info->height = be32(p + 20);
	info->bit_depth = p[24];
	info->colour_type = p[25];
	st = size_status(info->width, info->height);
	if (st == MG_IMAGE_OK)
		st = check_ihdr(p);
	if (st == MG_IMAGE_OK)
		st = walk_chunks(p, n, info->colour_type, &c);
	if (st != MG_IMAGE_OK)
		return st;
	struct png_header h = {
		info->width, info->height, info->bit_depth, info->colour_type, p[28],
	};
	st = check_picture(p, c.first, c.end, &h);
	return st == MG_IMAGE_OK ? png_kind(&h, c.trns) : st;
}

/* ---- JPEG ---- */

/* 1 if marker starts a frame header: SOF0..SOF15 but for DHT (C4), JPG (C8)
 * and DAC (CC), which share the range. */
static int is_sof(unsigned marker)
{
	return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 &&
	       marker != 0xc8 && marker != 0xcc;
}

/* Whether a PDF can hold a JPEG whose frame header is marker, of precision
 * bits a sample and components colours: the PDF writer embeds the file as
 * it is, and a PDF takes baseline (SOF0) and progressive (SOF2) JPEGs of
 * 8 bits in grey, RGB or CMYK, not the rarer kinds (12 bits, lossless,
 * arithmetic coding) nor two colours. */
static int jpeg_kind_ok(unsigned marker, unsigned precision, unsigned components)
{
	return (marker == 0xc0 || marker == 0xc2) && precision == 8 &&
	       (components == 1 || components == 3 || components == 4);
}

/* Walks the marker segments from SOI to the first frame header, whose
 * height and width give the size. Image data (SOS) or the end (EOI, or of
 * the bytes) before it: there is no frame to draw. */
static mg_image_status probe_jpeg(const unsigned char *p, size_t n, mg_image_info *info)
{
	size_t i = 2;
	info->media_type = "image/jpeg";
	while (i + 4 <= n) {
		unsigned marker;
		if (p[i] != 0xff)
			return MG_IMAGE_UNKNOWN;
		while (i + 1 < n && p[i + 1] == 0xff)
			i++;
		if (i + 4 > n)
			break;
		marker = p[i + 1];
		if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
			i += 2;
			continue;
		}
		if (marker == 0xda || marker == 0xd9)
			break;
		unsigned seglen = be16(p + i + 2);
		if (seglen < 2)
			return MG_IMAGE_UNKNOWN;
		if (is_sof(marker)) {
			if (i + 10 > n || seglen < 8)
				return MG_IMAGE_UNKNOWN;
			info->height = be16(p + i + 5);
			info->width = be16(p + i + 7);
			mg_image_status st = size_status(info->width, info->height);
			if (st == MG_IMAGE_OK && !jpeg_kind_ok(marker, p[i + 4], p[i + 9]))
				st = MG_IMAGE_JPEG_KIND;
			return st;
		}
		i += 2 + seglen;
	}
	return MG_IMAGE_NO_FRAME;
}

mg_image_status mg_image_probe(const unsigned char *data, size_t size,
			       mg_image_info *info)
{
	memset(info, 0, sizeof(*info));
	if (is_png(data, size))
		return probe_png(data, size, info);
	if (size >= 4 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
		return probe_jpeg(data, size, info);
	return MG_IMAGE_UNKNOWN;
}

/* ---- messages ---- */

/* What is wrong with a damaged PNG whose message needs no numbers: the
 * words after "image 'name' is damaged: ". */
static const char *png_damage(mg_image_status st)
{
	switch (st) {
	case MG_IMAGE_BAD_HEADER:
		return "its header (IHDR chunk) has the wrong length or names a "
		       "compression, filter or interlace method PNG does not have";
	case MG_IMAGE_BAD_CHUNKS:
		return "a chunk of it is cut short, fails its checksum (CRC) or is "
		       "out of place";
	case MG_IMAGE_BAD_PALETTE:
		return "it is a palette image without its palette (a PLTE chunk of "
		       "1 to 256 colours before the picture data)";
	case MG_IMAGE_NO_DATA:
		return "it holds no picture data (no IDAT chunk)";
	case MG_IMAGE_DATA_BAD:
		return "its compressed picture data cannot be read (it is corrupt or "
		       "cut short)";
	case MG_IMAGE_BAD_FILTER:
		return "it has a row with an unknown filter type";
	default:
		return "";
	}
}

/* Reports a PNG whose bit depth its colour type does not allow. */
static void report_depth(mg_diag *d, const mg_file_ref *ref, const mg_image_info *info)
{
	const char *allowed = depths_allowed(info->colour_type);

	if (!allowed) {
		mg_error(d, ref->file, ref->line, ref->col,
			 "image '%s' is damaged: its header says colour type %u, "
			 "which PNG does not have", ref->shown, info->colour_type);
		return;
	}
	mg_error(d, ref->file, ref->line, ref->col,
		 "image '%s' is damaged: its header says %u bits a sample for colour "
		 "type %u, which PNG does not allow (only %s)", ref->shown,
		 info->bit_depth, info->colour_type, allowed);
}

/* Reports a sound PNG whose tRNS chunk the PDF writer cannot draw. */
static void report_trns(mg_diag *d, const mg_file_ref *ref, const mg_image_info *info)
{
	if (info->colour_type == 2) {
		mg_error(d, ref->file, ref->line, ref->col,
			 "image '%s' is an RGB PNG with a transparent colour (a tRNS "
			 "chunk), which the PDF writer cannot draw: save it again with "
			 "an alpha channel (RGBA) or without transparency", ref->shown);
		return;
	}
	mg_error(d, ref->file, ref->line, ref->col,
		 "image '%s' is a %u-bit palette PNG with transparency (a tRNS "
		 "chunk), which the PDF writer cannot draw: save it again as an "
		 "8-bit palette PNG or with an alpha channel (RGBA)", ref->shown,
		 info->bit_depth);
}

void mg_image_report(mg_diag *d, const mg_file_ref *ref, mg_image_status st,
		     const mg_image_info *info)
{
	switch (st) {
	case MG_IMAGE_OK:
		return;
	case MG_IMAGE_UNKNOWN:
		mg_error(d, ref->file, ref->line, ref->col,
			 "image '%s' is not a PNG or JPEG file (its bytes say otherwise)",
			 ref->shown);
		return;
	case MG_IMAGE_NO_FRAME:
		mg_error(d, ref->file, ref->line, ref->col,
			 "image '%s' is a JPEG file with no frame header (SOF marker): "
			 "it is damaged or holds no picture", ref->shown);
		return;
	case MG_IMAGE_EMPTY:
		mg_error(d, ref->file, ref->line, ref->col,
			 "image '%s' has no pixels: its header says %lu x %lu",
			 ref->shown, info->width, info->height);
		return;
	case MG_IMAGE_TOO_LARGE:
		mg_error(d, ref->file, ref->line, ref->col,
			 "image '%s' is %lu x %lu pixels; the most a handout can use "
			 "is %u pixels a side and %u megapixels", ref->shown,
			 info->width, info->height, MG_IMAGE_MAX_SIDE,
			 MG_IMAGE_MAX_PIXELS / 1000000u);
		return;
	case MG_IMAGE_JPEG_KIND:
		mg_error(d, ref->file, ref->line, ref->col,
			 "image '%s' is a JPEG file " MG_IMAGE_JPEG_KIND_TEXT, ref->shown);
		return;
	case MG_IMAGE_INTERLACED:
		mg_error(d, ref->file, ref->line, ref->col,
			 "image '%s' is an interlaced PNG, which the PDF writer cannot "
			 "draw: save it again without interlacing", ref->shown);
		return;
	case MG_IMAGE_PNG_TRNS:
		report_trns(d, ref, info);
		return;
	case MG_IMAGE_BAD_DEPTH:
		report_depth(d, ref, info);
		return;
	case MG_IMAGE_DATA_SHORT:
		mg_error(d, ref->file, ref->line, ref->col,
			 "image '%s' is damaged: its picture data ends before its last "
			 "row (%lu rows expected)", ref->shown, info->height);
		return;
	case MG_IMAGE_DATA_LONG:
		mg_error(d, ref->file, ref->line, ref->col,
			 "image '%s' is damaged: its picture data goes on after its last "
			 "row (%lu rows expected)", ref->shown, info->height);
		return;
	case MG_IMAGE_BAD_HEADER:
	case MG_IMAGE_BAD_CHUNKS:
	case MG_IMAGE_BAD_PALETTE:
	case MG_IMAGE_NO_DATA:
	case MG_IMAGE_DATA_BAD:
	case MG_IMAGE_BAD_FILTER:
		mg_error(d, ref->file, ref->line, ref->col, "image '%s' is damaged: %s",
			 ref->shown, png_damage(st));
		return;
	}
}
