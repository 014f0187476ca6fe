/* source.c — reads a guide's folder into the model: guide.yaml (manifest.c),
 * each Markdown file (markdown.c), images (images.c), all through paths.c;
 * then checks what needs the whole guide: parts, heading ids, links. */
#include "read/source.h"
#include "core/vec.h"
#include "read/paths.h"
#include "read/images.h"
#include "read/manifest.h"
#include "read/markdown.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uuid/uuid.h>

/* RFC 4122's namespace for URLs: the identifier is UUID v5 of
 * "urn:mkguide:<slug>" in it. */
static const uuid_t namespace_url = {
	0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
	0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8
};

/* A string → pointer hash map (keys are not copied). */
struct map {
	const char **keys;
	void **vals;
	size_t cap, len;
};

static size_t hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static void *map_get(const struct map *m, const char *key)
{
	if (!m->cap)
		return NULL;
	for (size_t i = hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->keys[i])
			return NULL;
		if (!strcmp(m->keys[i], key))
			return m->vals[i];
	}
}

static void map_put(struct map *m, const char *key, void *val);

static void map_grow(struct map *m)
{
	struct map bigger = { 0 };
	bigger.cap = m->cap ? m->cap * 2 : 64;
	bigger.keys = mg_xcalloc(bigger.cap, sizeof(char *));
	bigger.vals = mg_xcalloc(bigger.cap, sizeof(void *));
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i])
			map_put(&bigger, m->keys[i], m->vals[i]);
	free(m->keys);
	free(m->vals);
	*m = bigger;
}

static void map_put(struct map *m, const char *key, void *val)
{
	size_t i;
	if (2 * (m->len + 1) > m->cap)
		map_grow(m);
	for (i = hash(key) & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1)) {
		if (!strcmp(m->keys[i], key)) {
			m->vals[i] = val;
			return;
		}
	}
	m->keys[i] = key;
	m->vals[i] = val;
	m->len++;
}

static void map_release(struct map *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* One part as read from its file. */
struct src_part {
	mg_part_kind kind;
	const mg_mvalue *where;	/* its path in guide.yaml */
	const char *rel;	/* normalised path inside the guide; NULL if bad */
	int ok;			/* its file was read and parsed */
	mg_md md;
	mg_part part;
};

/* A link waiting for every heading id of the guide. */
struct pending {
	mg_node *link;
	const char *file;
	const char *fragment;	/* decoded */
};

struct reader {
	mg_guide *g;
	mg_diag *d;
	mg_folder f;		/* the guide's folder */
	const char *yaml;	/* "<dir>/guide.yaml" */
	mg_manifest m;
	struct src_part *parts;	/* heap */
	size_t nparts;
	mg_vec images;		/* mg_image */
	struct map image_index;	/* rel path → index + 1 */
	struct map ids;		/* every heading id → its node */
	struct map id_next;	/* id base → next suffix to try */
	struct map part_ids;	/* "<part>#<slug>" → id */
	struct map part_index;	/* rel path → index in parts + 1 */
	mg_vec pending;		/* struct pending */
};

/* ---- files ---- */

/* Reads and checks a text file of the guide; the UTF-8 byte order mark, if
 * any, is dropped. */
static int read_text(struct reader *r, const char *what, const char *rel, const mg_mvalue *where,
		     char **buf, const char **text, size_t *len)
{
	const char *path = mg_arena_printf(r->g->arena, "%s/%s", r->f.dir, rel);
	mg_file_ref ref = {
		.what = what,
		.shown = where ? where->str : rel,
		.file = where ? r->yaml : path,
		.line = where ? where->line : 0,
		.col = where ? where->col : 0,
	};
	if (mg_folder_read(&r->f, &ref, rel, r->d, buf, len))
		return -1;
	*text = *buf;
	if (*len >= 3 && !memcmp(*buf, "\xef\xbb\xbf", 3)) {
		*text += 3;
		*len -= 3;
	}
	return mg_text_check(r->d, path, *text, *len);
}

/* ---- images ---- */

/* Loads image rel once, if it is a PNG or JPEG a handout can use (its size
 * is read from its header, never decoded); returns its index in the guide's
 * images or -1. */
static int load_image(struct reader *r, const char *rel, const char *shown,
		      const char *file, int line, int col)
{
	void *known = map_get(&r->image_index, rel);
	mg_file_ref ref = { "image", shown, file, line, col };
	mg_image im = { 0 };
	mg_image_info info;
	mg_image_status st;
	char *buf;
	size_t len;

	if (known)
		return (int)(intptr_t)known - 1;
	if (mg_folder_read(&r->f, &ref, rel, r->d, &buf, &len))
		return -1;
	st = mg_image_probe((const unsigned char *)buf, len, &info);
	if (st != MG_IMAGE_OK) {
		mg_image_report(r->d, &ref, st, &info);
		free(buf);
		return -1;
	}
	unsigned char *copy = mg_arena_alloc(r->g->arena, len ? len : 1);
	memcpy(copy, buf, len);
	free(buf);
	im.path = rel;
	im.media_type = info.media_type;
	im.data = copy;
	im.size = len;
	im.width = (int)info.width;	/* within MG_IMAGE_MAX_SIDE */
	im.height = (int)info.height;
	*(mg_image *)mg_vec_push(&r->images) = im;
	map_put(&r->image_index, rel, (void *)(intptr_t)r->images.len);
	return (int)r->images.len - 1;
}

static int has_scheme(const char *url)
{
	size_t n = 0;
	if (!isalpha((unsigned char)url[0]))
		return 0;
	while (isalnum((unsigned char)url[n]) || url[n] == '+' || url[n] == '-' || url[n] == '.')
		n++;
	return url[n] == ':';
}

static void resolve_image(struct reader *r, struct src_part *sp, mg_node *n)
{
	const char *url = n->url, *why;
	char *path, *rel;
	n->url = NULL;
	if (has_scheme(url) || !strncmp(url, "//", 2) || strpbrk(url, "?#")) {
		mg_error(r->d, sp->part.path, n->line, n->col,
			 "image '%s' must be a PNG or JPEG file inside the guide's folder", url);
		return;
	}
	path = mg_percent_decode(r->g->arena, url);
	if (!path) {
		mg_error(r->d, sp->part.path, n->line, n->col, "image path '%s' holds %%00", url);
		return;
	}
	rel = mg_path_normalise(r->g->arena, mg_path_folder(r->g->arena, sp->rel), path, &why);
	if (!rel) {
		char *msg = mg_arena_printf(r->g->arena, why, path);
		mg_error(r->d, sp->part.path, n->line, n->col, "image %s", msg);
		return;
	}
	n->image = load_image(r, rel, path, sp->part.path, n->line, n->col);
}

/* ---- heading ids ---- */

/* ASCII letters for U+00C0..U+017F; '*' marks two-letter ones, '.' a sign. */
static const char fold_latin1[] = "aaaaaa*ceeeeiiiidnooooo.ouuuuy**aaaaaa*ceeeeiiiidnooooo.ouuuuy*y";
static const char fold_extended_a[] =
	"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkklllllll"
	"lllnnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

static const char *fold(unsigned cp)
{
	static const char *const letters[] = {
		"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m",
		"n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z",
	};
	char ch;
	switch (cp) {
	case 0xc6: case 0xe6: return "ae";
	case 0xde: case 0xfe: return "th";
	case 0xdf: return "ss";
	case 0x132: case 0x133: return "ij";
	case 0x152: case 0x153: return "oe";
	default: break;
	}
	if (cp >= 0xc0 && cp <= 0xff)
		ch = fold_latin1[cp - 0xc0];
	else if (cp >= 0x100 && cp <= 0x17f)
		ch = fold_extended_a[cp - 0x100];
	else
		return NULL;
	return ch >= 'a' && ch <= 'z' ? letters[ch - 'a'] : "";
}

/* A GitHub-style anchor of plain text: lower case, letters, digits, '-' and
 * '_', spaces as '-'. Latin accents are folded to ASCII ("Sección" →
 * "seccion"); other scripts' letters are kept; punctuation and symbols go.
 * It starts with a letter ("h-" is put before a leading digit) and is never
 * empty ("section"). */
static char *slugify(mg_arena *a, const char *text)
{
	size_t n = strlen(text);
	char *out = mg_arena_alloc(a, 3 * n + 10), *o = out + 2;
	const unsigned char *s = (const unsigned char *)text;
	for (size_t i = 0; i < n;) {
		size_t len = mg_utf8_len(s + i, n - i);
		unsigned cp;
		const char *f;
		if (!len) {
			i++;
			continue;
		}
		if (len == 1) {
			if (isalnum(s[i]))
				*o++ = (char)tolower(s[i]);
			else if (s[i] == ' ' || s[i] == '-' || s[i] == '\t' || s[i] == '\n')
				*o++ = '-';
			else if (s[i] == '_')
				*o++ = '_';
			i++;
			continue;
		}
		cp = s[i] & (0xff >> (len + 1));
		for (size_t k = 1; k < len; k++)
			cp = (cp << 6) | (s[i + k] & 0x3f);
		f = fold(cp);
		if (f) {
			size_t fl = strlen(f);
			memcpy(o, f, fl);
			o += fl;
		} else if (!(cp < 0xc0 || (cp >= 0x2b0 && cp <= 0x36f) ||
			     (cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3000 && cp <= 0x303f) ||
			     (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xff00 && cp <= 0xff0f) ||
			     cp >= 0xe0000)) {
			memcpy(o, s + i, len);	/* a letter of another script */
			o += len;
		}
		i += len;
	}
	*o = '\0';
	if (!out[2])
		return strcpy(out, "section");
	if (isalpha((unsigned char)out[2]) || (unsigned char)out[2] >= 0x80)
		return out + 2;
	out[0] = 'h';
	out[1] = '-';
	return out;
}

/* base, or base-1, base-2... the first that is not in used. next remembers
 * per base where to go on, so that many equal headings cost no more than
 * different ones. */
static const char *unique(mg_arena *a, const struct map *used, struct map *next,
			  const char *base)
{
	intptr_t k = (intptr_t)map_get(next, base);
	const char *s = k ? mg_arena_printf(a, "%s-%ld", base, (long)k) : base;
	while (map_get(used, s))
		s = mg_arena_printf(a, "%s-%ld", base, (long)++k);
	map_put(next, base, (void *)(k + 1));
	return s;
}

/* Gives heading h of part pi its guide-wide id, and records the anchor an
 * author would write for it in this part (deduplicated per file, as GitHub
 * does). local and local_next are the part's. */
static void assign_id(struct reader *r, size_t pi, mg_node *h, struct map *local,
		      struct map *local_next)
{
	mg_arena *a = r->g->arena;
	const char *slug = unique(a, local, local_next, slugify(a, mg_node_plain_text(r->g, h)));
	const char *id;
	map_put(local, slug, h);
	id = unique(a, &r->ids, &r->id_next, slug);
	map_put(&r->ids, id, h);
	h->id = id;
	map_put(&r->part_ids, mg_arena_printf(a, "%zu#%s", pi, slug), (void *)id);
}

/* ---- links ---- */

static int scheme_is(const char *url, const char *scheme)
{
	size_t n = strlen(scheme);
	return !strncasecmp(url, scheme, n) && url[n] == ':';
}

static struct src_part *find_part(struct reader *r, const char *rel, size_t *index)
{
	void *known = map_get(&r->part_index, rel);
	if (!known)
		return NULL;
	*index = (size_t)(intptr_t)known - 1;
	return &r->parts[*index];
}

static void resolve_link(struct reader *r, size_t pi, mg_node *n)
{
	struct src_part *sp = &r->parts[pi];
	const char *url = n->url, *file = sp->part.path, *why;
	const char *hash;
	char *path, *rel, *fragment;
	size_t target = pi;

	if (!*url) {
		mg_error(r->d, file, n->line, n->col, "link has no target");
		return;
	}
	if (scheme_is(url, "http") || scheme_is(url, "https")) {
		const char *rest = strchr(url, ':') + 1;
		if (strncmp(rest, "//", 2) || !rest[2] || rest[2] == '/')
			mg_error(r->d, file, n->line, n->col, "link '%s' has no host", url);
		return;
	}
	if (scheme_is(url, "mailto")) {
		if (!url[7])
			mg_error(r->d, file, n->line, n->col, "link 'mailto:' has no address");
		return;
	}
	if (has_scheme(url) || !strncmp(url, "//", 2)) {
		mg_error(r->d, file, n->line, n->col,
			 "link to '%s' is not allowed: links go to http, https or mailto "
			 "addresses, or to this guide's own files", url);
		return;
	}
	hash = strchr(url, '#');
	path = mg_percent_decode(r->g->arena, hash ? mg_arena_strndup(r->g->arena, url, (size_t)(hash - url)) : url);
	fragment = hash ? mg_percent_decode(r->g->arena, hash + 1) : NULL;
	if (!path || (hash && !fragment)) {
		mg_error(r->d, file, n->line, n->col, "link '%s' holds %%00", url);
		return;
	}
	if (*path) {
		rel = mg_path_normalise(r->g->arena, mg_path_folder(r->g->arena, sp->rel), path, &why);
		if (!rel) {
			char *msg = mg_arena_printf(r->g->arena, why, path);
			mg_error(r->d, file, n->line, n->col, "link %s", msg);
			return;
		}
		if (!find_part(r, rel, &target)) {
			mg_error(r->d, file, n->line, n->col,
				 "link to '%s': it is not a chapter, the FAQ or the disclaimer of this guide",
				 path);
			return;
		}
	}
	n->url = NULL;
	n->target_part = (int)target;
	if (fragment && *fragment) {
		struct pending *p = mg_vec_push(&r->pending);
		p->link = n;
		p->file = file;
		p->fragment = fragment;
	}
}

static void resolve_fragments(struct reader *r)
{
	const struct pending *p = r->pending.items;
	for (size_t i = 0; i < r->pending.len; i++, p++) {
		mg_node *n = p->link;
		struct src_part *tp = &r->parts[n->target_part];
		char *key = mg_arena_printf(r->g->arena, "%d#%s", n->target_part, p->fragment);
		const char *id = map_get(&r->part_ids, key);
		if (!id) {
			key = mg_arena_printf(r->g->arena, "%d#%s", n->target_part,
					      slugify(r->g->arena, p->fragment));
			id = map_get(&r->part_ids, key);
		}
		if (id) {
			n->target_id = id;
		} else if (tp->ok) {
			mg_error(r->d, p->file, n->line, n->col,
				 "link to '#%s' in %s: there is no such heading there",
				 p->fragment, tp->where->str);
		}
	}
}

/* ---- parts ---- */

static mg_node *synth_heading(struct reader *r, mg_term term)
{
	const char *text = mg_term_text(r->g->language, term);
	mg_node *h = mg_node_new(r->g, MG_NODE_HEADING, 0, 0);
	h->level = 1;
	mg_node_append(h, mg_node_new_text(r->g, text, strlen(text)));
	return h;
}

static void detach_first(mg_node *body)
{
	mg_node *first = body->first_child;
	body->first_child = first->next;
	if (body->last_child == first)
		body->last_child = NULL;
	first->parent = first->next = NULL;
}

static void chapter_structure(struct reader *r, struct src_part *sp)
{
	mg_node *body = sp->md.body, *first = body->first_child;
	const char *file = sp->part.path;
	if (!first) {
		mg_error(r->d, file, 1, 1, "the chapter is empty: it needs a '# Title' heading and text");
		return;
	}
	if (first->type == MG_NODE_THEMATIC_BREAK && first->line == 1) {
		mg_error(r->d, file, 1, 1, "front matter ('---' at the top) is not read: "
			 "metadata belongs in guide.yaml, and a chapter begins with '# Title'");
		return;
	}
	if (first->type != MG_NODE_HEADING || first->level != 1) {
		mg_error(r->d, file, first->line, first->col,
			 "a chapter must begin with its title as a '# Title' heading");
		return;
	}
	detach_first(body);
	sp->part.heading = first;
	if (!body->first_child)
		mg_error(r->d, file, first->line, first->col,
			 "the chapter has nothing after its title");
	for (mg_node *n = body->first_child; n; n = n->next)
		if (n->type == MG_NODE_HEADING && n->level == 1)
			mg_error(r->d, file, n->line, n->col,
				 "only a chapter's first heading is a '# ' title: use '##' to '####' for sections");
}

static void fixed_heading_errors(struct reader *r, struct src_part *sp, mg_term term)
{
	for (mg_node *n = sp->md.body->first_child; n; n = n->next)
		if (n->type == MG_NODE_HEADING && n->level == 1)
			mg_error(r->d, sp->part.path, n->line, n->col,
				 "this file's heading is fixed ('%s'): remove this '# ' heading",
				 mg_term_text(r->g->language, term));
}

static void faq_structure(struct reader *r, struct src_part *sp)
{
	mg_node *first = sp->md.body->first_child;
	const char *file = sp->part.path;
	sp->part.heading = synth_heading(r, MG_TERM_FAQ);
	fixed_heading_errors(r, sp, MG_TERM_FAQ);
	if (!first) {
		mg_error(r->d, file, 1, 1, "the FAQ is empty: add '## Question?' sections or remove 'faq' from guide.yaml");
		return;
	}
	if (first->type != MG_NODE_HEADING || first->level > 2) {
		mg_error(r->d, file, first->line, first->col,
			 "the FAQ must begin with a question as a '## Question?' heading");
		return;
	}
	for (mg_node *n = first; n; n = n->next) {
		if (n->type != MG_NODE_HEADING || n->level != 2)
			continue;
		if (!n->next || (n->next->type == MG_NODE_HEADING && n->next->level <= 2))
			mg_error(r->d, file, n->line, n->col,
				 "the question '%s' has no answer", mg_node_plain_text(r->g, n));
	}
}

static void disclaimer_structure(struct reader *r, struct src_part *sp)
{
	sp->part.heading = synth_heading(r, MG_TERM_DISCLAIMER);
	fixed_heading_errors(r, sp, MG_TERM_DISCLAIMER);
	if (!sp->md.body->first_child)
		mg_error(r->d, sp->part.path, 1, 1,
			 "the disclaimer is empty: a guide must say what it is not");
}

static void read_part(struct reader *r, size_t pi)
{
	struct src_part *sp = &r->parts[pi];
	static const char *const what[] = { "chapter", "FAQ", "disclaimer" };
	char *buf = NULL;
	const char *text;
	size_t len;

	sp->part.path = mg_arena_printf(r->g->arena, "%s/%s", r->f.dir, sp->rel);
	if (read_text(r, what[sp->kind], sp->rel, sp->where, &buf, &text, &len))
		goto out;
	mg_markdown_parse(r->g, sp->part.path, text, len, &sp->md, r->d);
	if (sp->md.refused)
		goto out;
	sp->ok = 1;
	if (sp->kind == MG_PART_CHAPTER)
		chapter_structure(r, sp);
	else if (sp->kind == MG_PART_FAQ)
		faq_structure(r, sp);
	else
		disclaimer_structure(r, sp);
	if (!sp->part.heading)
		sp->part.heading = mg_node_new(r->g, MG_NODE_HEADING, 1, 1);
	sp->part.heading->level = 1;
	sp->part.title = mg_node_plain_text(r->g, sp->part.heading);
	sp->part.body = sp->md.body;
	sp->part.footnotes = sp->md.footnotes;
	sp->part.nfootnotes = sp->md.nfootnotes;
out:
	free(buf);
}

/* Ids for every heading of every part, in reading order. */
static void assign_ids(struct reader *r)
{
	for (size_t i = 0; i < r->nparts; i++) {
		struct src_part *sp = &r->parts[i];
		struct map local = { 0 }, local_next = { 0 };
		if (!sp->ok)
			continue;
		assign_id(r, i, sp->part.heading, &local, &local_next);
		for (size_t k = 0; k < sp->md.nheadings; k++)
			if (sp->md.headings[k] != sp->part.heading)
				assign_id(r, i, sp->md.headings[k], &local, &local_next);
		map_release(&local);
		map_release(&local_next);
	}
}

static void resolve_all(struct reader *r)
{
	for (size_t i = 0; i < r->nparts; i++) {
		struct src_part *sp = &r->parts[i];
		if (!sp->ok)
			continue;
		size_t before = r->d->errors, k;
		for (k = 0; k < sp->md.nimages && r->d->errors - before < MG_MD_MAX_ERRORS; k++)
			resolve_image(r, sp, sp->md.images[k]);
		for (k = 0; k < sp->md.nlinks && r->d->errors - before < MG_MD_MAX_ERRORS; k++)
			resolve_link(r, i, sp->md.links[k]);
		if (r->d->errors - before >= MG_MD_MAX_ERRORS)
			mg_diag_report(r->d, MG_NOTE, sp->part.path, 0, 0,
				       "the other images and links of this file were not checked");
	}
	resolve_fragments(r);
}

/* ---- guide.yaml into the guide ---- */

/* Adds a part named in guide.yaml; checks its path and that no file is two
 * parts. */
static void add_part(struct reader *r, mg_part_kind kind, const mg_mvalue *v)
{
	static const char *const role[] = { "a chapter", "the FAQ", "the disclaimer" };
	struct src_part *sp = &r->parts[r->nparts];
	const char *why;
	size_t other;
	char *rel = mg_path_normalise(r->g->arena, "", v->str, &why);

	memset(sp, 0, sizeof(*sp));
	sp->kind = kind;
	sp->where = v;
	if (!rel) {
		mg_error(r->d, r->yaml, v->line, v->col, why, v->str);
		return;
	}
	if (find_part(r, rel, &other)) {
		struct src_part *op = &r->parts[other];
		if (op->kind == kind && kind == MG_PART_CHAPTER)
			mg_error(r->d, r->yaml, v->line, v->col,
				 "'%s' is listed twice (first on line %d)", v->str, op->where->line);
		else
			mg_error(r->d, r->yaml, v->line, v->col,
				 "'%s' is already %s: a file can be only one part", v->str,
				 role[op->kind]);
		return;
	}
	sp->rel = rel;
	r->nparts++;
	map_put(&r->part_index, rel, (void *)(intptr_t)r->nparts);
}

static void parts_from_manifest(struct reader *r)
{
	const mg_manifest *m = &r->m;
	r->parts = mg_xcalloc(m->nchapters + 2, sizeof(*r->parts));
	/* the FAQ and the disclaimer first, so that a chapter naming one of them
	 * is the one reported */
	if (m->disclaimer.str)
		add_part(r, MG_PART_DISCLAIMER, &m->disclaimer);
	if (m->faq.str)
		add_part(r, MG_PART_FAQ, &m->faq);
	size_t fixed = r->nparts;
	for (size_t i = 0; i < m->nchapters; i++)
		add_part(r, MG_PART_CHAPTER, &m->chapters[i]);
	/* into reading order: chapters, FAQ, disclaimer */
	struct src_part *ordered = mg_xcalloc(m->nchapters + 2, sizeof(*ordered));
	size_t n = 0;
	for (size_t i = fixed; i < r->nparts; i++)
		ordered[n++] = r->parts[i];
	for (size_t i = fixed; i-- > 0;)
		ordered[n++] = r->parts[i];
	free(r->parts);
	r->parts = ordered;
	for (size_t i = 0; i < r->nparts; i++)
		map_put(&r->part_index, r->parts[i].rel, (void *)(intptr_t)(i + 1));
	size_t ch = 0;
	for (size_t i = 0; i < r->nparts; i++) {
		struct src_part *sp = &r->parts[i];
		sp->part.kind = sp->kind;
		sp->part.name = sp->kind == MG_PART_CHAPTER
					? mg_arena_printf(r->g->arena, "ch%02zu", ++ch)
					: sp->kind == MG_PART_FAQ ? "faq" : "disclaimer";
	}
}

static const char **strings(mg_arena *a, const mg_mvalue *v, size_t n)
{
	const char **out = mg_arena_alloc(a, (n ? n : 1) * sizeof(char *));
	for (size_t i = 0; i < n; i++)
		out[i] = v[i].str;
	return out;
}

static time_t modified_time(struct reader *r)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		errno = 0;
		long long t = strtoll(sde, &end, 10);
		if (!*end && !errno && t >= 0)
			return (time_t)t;
		mg_warning(r->d, NULL, 0, 0,
			   "SOURCE_DATE_EPOCH '%s' is not a number of seconds: ignored", sde);
	}
	if (r->g->date) {
		struct tm tm = { 0 };
		tm.tm_year = atoi(r->g->date) - 1900;
		tm.tm_mon = atoi(r->g->date + 5) - 1;
		tm.tm_mday = atoi(r->g->date + 8);
		return timegm(&tm);
	}
	return 0;
}

static void metadata(struct reader *r)
{
	mg_guide *g = r->g;
	const mg_manifest *m = &r->m;
	g->title = m->title.str;
	g->subtitle = m->subtitle.str;
	g->language = m->language.str ? m->language.str : "en";
	g->publisher = m->publisher.str;
	g->date = m->date.str;
	g->description = m->description.str;
	g->authors = strings(g->arena, m->authors, m->nauthors);
	g->nauthors = m->nauthors;
	g->subjects = strings(g->arena, m->subjects, m->nsubjects);
	g->nsubjects = m->nsubjects;
	g->reviewer = m->reviewer.str;
	g->reviewed = m->reviewed.str;
	g->next_review = m->next_review.str;
	g->contact = m->contact.str;
	g->audio = m->audio;
	if (m->has_max_grade)
		g->max_grade = m->max_grade;
	if (m->has_min_inflesz)
		g->min_inflesz = m->min_inflesz;
	if (m->style.str)
		g->style = m->style.str;
	g->braille = m->braille;
	g->braille_table = m->braille_table.str;
	g->braille_table_line = m->braille_table.line;
	g->braille_table_col = m->braille_table.col;
	g->identifier = m->identifier.str;
	if (!g->identifier) {
		uuid_t u;
		char text[37];
		char *name = mg_arena_printf(g->arena, "urn:mkguide:%s", g->slug);
		uuid_generate_sha1(u, namespace_url, name, strlen(name));
		uuid_unparse_lower(u, text);
		g->identifier = mg_arena_printf(g->arena, "urn:uuid:%s", text);
	}
	g->modified = modified_time(r);
}

static void cover(struct reader *r)
{
	const mg_mvalue *v = &r->m.cover;
	const char *why;
	char *rel;
	if (!v->str)
		return;
	rel = mg_path_normalise(r->g->arena, "", v->str, &why);
	if (!rel) {
		char *msg = mg_arena_printf(r->g->arena, why, v->str);
		mg_error(r->d, r->yaml, v->line, v->col, "cover: %s", msg);
		return;
	}
	r->g->cover = load_image(r, rel, v->str, r->yaml, v->line, v->col);
}

/* The folder as given, without trailing slashes; its name is the slug. */
static void names(struct reader *r, const char *dir)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	r->f.dir = mg_arena_strndup(r->g->arena, dir, n);
	const char *slash = strrchr(r->f.dir, '/');
	const char *slug = slash && slash[1] ? slash + 1 : r->f.dir;
	if (!strcmp(slug, ".") || !strcmp(slug, "..") || !strcmp(slug, "/")) {
		const char *rs = strrchr(r->f.root, '/');
		slug = rs && rs[1] ? rs + 1 : "guide";
	}
	r->g->dir = r->f.dir;
	r->g->slug = mg_arena_strdup(r->g->arena, slug);
	r->yaml = mg_arena_printf(r->g->arena, "%s/guide.yaml", r->f.dir);
}

static int read_manifest(struct reader *r)
{
	char *buf = NULL;
	const char *text;
	size_t len;
	struct stat st;
	int rc = -1;

	if (stat(r->yaml, &st) < 0 && errno == ENOENT) {
		mg_error(r->d, r->yaml, 0, 0, "no guide.yaml: a guide's folder needs one (title, language, chapters, disclaimer)");
		return -1;
	}
	if (read_text(r, "guide.yaml", "guide.yaml", NULL, &buf, &text, &len))
		goto out;
	mg_manifest_parse(&r->m, r->yaml, text, len, r->g->arena, r->d);
	rc = 0;
out:
	free(buf);
	return rc;
}

static void finish(struct reader *r)
{
	mg_guide *g = r->g;
	g->parts = mg_arena_alloc(g->arena, (r->nparts ? r->nparts : 1) * sizeof(mg_part));
	for (size_t i = 0; i < r->nparts; i++)
		g->parts[i] = r->parts[i].part;
	g->nparts = r->nparts;
	g->nimages = r->images.len;
	g->images = mg_vec_finish(&r->images, g->arena);
}

/* Messages in reading order: the folder, guide.yaml, then each part's file,
 * each by line and column (the reader finds some of them late). */
struct sorted {
	size_t rank, index;
	int line, col;
};

static int cmp_sorted(const void *a, const void *b)
{
	const struct sorted *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static void report_sorted(struct reader *r, const mg_diag *mine, mg_diag *d)
{
	struct sorted *s = mg_xcalloc(mine->len + 1, sizeof(*s));
	for (size_t i = 0; i < mine->len; i++) {
		const mg_message *m = &mine->items[i];
		s[i].index = i;
		s[i].line = m->line ? m->line : INT_MAX;	/* notes on a whole file last */
		s[i].col = m->col;
		s[i].rank = 0;	/* the folder, or no file */
		if (m->file && r->yaml && !strcmp(m->file, r->yaml))
			s[i].rank = 1;
		for (size_t k = 0; m->file && k < r->nparts && !s[i].rank; k++)
			if (r->parts[k].part.path && !strcmp(m->file, r->parts[k].part.path))
				s[i].rank = 2 + k;
	}
	qsort(s, mine->len, sizeof(*s), cmp_sorted);
	for (size_t i = 0; i < mine->len; i++) {
		const mg_message *m = &mine->items[s[i].index];
		mg_diag_report(d, m->severity, m->file, m->line, m->col, "%s", m->text);
	}
	free(s);
}

mg_guide *mg_source_read(const char *dir, mg_diag *out)
{
	mg_diag mine;
	mg_diag *d = &mine;
	struct reader r = { .d = d, .f.rootfd = -1 };
	char ebuf[128];
	int failed;

	mg_diag_init(&mine);

	r.g = mg_guide_new();
	mg_vec_init(&r.images, sizeof(mg_image));
	mg_vec_init(&r.pending, sizeof(struct pending));
	r.f.root = realpath(dir, NULL);
	if (r.f.root)
		r.f.rootfd = open(r.f.root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (r.f.rootfd < 0) {
		mg_error(d, dir, 0, 0, "not a guide folder: %s",
			 r.f.root ? "not a folder" : mg_strerror(errno, ebuf, sizeof(ebuf)));
		goto out;
	}
	names(&r, dir);
	if (read_manifest(&r))
		goto out;
	metadata(&r);
	parts_from_manifest(&r);
	for (size_t i = 0; i < r.nparts; i++)
		read_part(&r, i);
	assign_ids(&r);
	resolve_all(&r);
	cover(&r);
	finish(&r);
out:
	free(r.f.root);
	if (r.f.rootfd >= 0)
		close(r.f.rootfd);
	map_release(&r.image_index);
	map_release(&r.ids);
	map_release(&r.id_next);
	map_release(&r.part_ids);
	map_release(&r.part_index);
	mg_vec_release(&r.images);
	mg_vec_release(&r.pending);
	report_sorted(&r, &mine, out);
	free(r.parts);
	failed = mine.errors > 0;
	mg_diag_release(&mine);
	if (failed) {
		mg_guide_free(r.g);
		return NULL;
	}
	return r.g;
}
