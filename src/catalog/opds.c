/* opds.c — catalog.xml, an OPDS 1.2 acquisition feed, built as a libxml2
 * tree (which escapes every title and summary) from the shelf: the feed's
 * id, title, date and links, then an entry per guide with its files. */
#include "catalog/opds.h"
#include "catalog/page.h"
#include "catalog/url.h"
#include "catalog/words.h"
#include "core/arena.h"
#include "epub/xhtml.h"

#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uuid/uuid.h>

#define ATOM_NS "http://www.w3.org/2005/Atom"
#define DCTERMS_NS "http://purl.org/dc/terms/"
#define OPDS_NS "http://opds-spec.org/2010/catalog"
#define REL_ACQUISITION "http://opds-spec.org/acquisition"
#define REL_IMAGE "http://opds-spec.org/image"
#define REL_THUMBNAIL "http://opds-spec.org/image/thumbnail"

/* RFC 4122's namespace for URLs, as for the guides' own identifiers
 * (read/source.c). */
static const uuid_t namespace_url = {
	0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
	0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8
};

/* What a catalogue without a --base-url is named by, for its id. */
#define FIXED_NAME "urn:mkguide:catalog"

static void uuid_urn(const char *name, char *buf, size_t size)
{
	uuid_t u;
	char text[37];

	uuid_generate_sha1(u, namespace_url, name, strlen(name));
	uuid_unparse_lower(u, text);
	snprintf(buf, size, "urn:uuid:%s", text);
}

void mg_opds_feed_id(const char *base, char *buf, size_t size)
{
	uuid_urn(base ? base : FIXED_NAME, buf, size);
}

/* RFC 3986's scheme ":" then characters an IRI may hold (no space, no
 * control, none of <>"{}|\^`). */
static int is_absolute_iri(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	       (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.')
		p++;
	if (*p != ':' || !p[1])
		return 0;
	for (; *p; p++)
		if (*p <= ' ' || *p == 0x7f || strchr("<>\"{}|\\^`", *p))
			return 0;
	return 1;
}

char *mg_opds_entry_id(const char *identifier)
{
	char buf[64];

	if (is_absolute_iri(identifier))
		return mg_xstrdup(identifier);
	uuid_urn(identifier, buf, sizeof buf);
	return mg_xstrdup(buf);
}

/* ---- elements ---- */

struct feed {
	const mg_shelf *s;
	const char *base;	/* NULL: relative links */
	xmlNsPtr dc;
};

/* <link rel type href [title] [length]/> to file in the folder (file may
 * end in "#fragment", which is kept as it is). */
static void link_to(const struct feed *f, xmlNodePtr parent, const char *rel,
		    const char *type, const char *file, const char *fragment,
		    const char *title, unsigned long long length)
{
	xmlNodePtr l = mg_xhtml_el_ns(parent, NULL, "link", NULL);
	char *href = mg_url_join(f->base, file);
	char len[32];

	mg_xhtml_attr(l, "rel", rel);
	mg_xhtml_attr(l, "type", type);
	if (fragment) {
		char *full = mg_xmalloc(strlen(href) + strlen(fragment) + 2);
		sprintf(full, "%s#%s", href, fragment);
		mg_xhtml_attr(l, "href", full);
		free(full);
	} else {
		mg_xhtml_attr(l, "href", href);
	}
	free(href);
	if (title)
		mg_xhtml_attr(l, "title", title);
	if (length) {
		snprintf(len, sizeof len, "%llu", length);
		mg_xhtml_attr(l, "length", len);
	}
}

static void author(xmlNodePtr parent, const char *name)
{
	mg_xhtml_el_ns(mg_xhtml_el_ns(parent, NULL, "author", NULL), NULL, "name", name);
}

/* The media type of a cover or thumbnail file by its name's ending. */
static const char *image_type(const char *file)
{
	size_t n = strlen(file);

	return n > 4 && strcmp(file + n - 4, ".jpg") == 0 ? "image/jpeg"
							   : "image/png";
}

/* The entry's files: the page's article about it, the pictures, then a
 * link to acquire each product, titled in the guide's language. */
static void entry_links(const struct feed *f, xmlNodePtr entry,
			const mg_shelf_entry *e)
{
	static const struct {
		mg_shelf_kind kind;
		const char *type;
		mg_catalog_word title;
	} products[] = {
		{ MG_SHELF_EPUB, "application/epub+zip", MG_CW_EPUB },
		{ MG_SHELF_PDF, "application/pdf", MG_CW_PDF },
		/* no type is registered for BRF; see docs/catalog.md */
		{ MG_SHELF_BRF, "application/x-brf", MG_CW_BRF },
		{ MG_SHELF_AUDIO, "application/epub+zip", MG_CW_AUDIO },
	};
	char *anchor = mg_page_anchor(e);

	link_to(f, entry, "alternate", "text/html", "index.html", anchor,
		NULL, 0);
	free(anchor);
	if (e->cover_file)
		link_to(f, entry, REL_IMAGE, image_type(e->cover_file),
			e->cover_file, NULL, NULL, 0);
	if (e->thumb_file)
		link_to(f, entry, REL_THUMBNAIL, image_type(e->thumb_file),
			e->thumb_file, NULL, NULL, 0);
	for (size_t i = 0; i < sizeof products / sizeof products[0]; i++) {
		const mg_shelf_file *file = &e->file[products[i].kind];
		if (!file->name)
			continue;
		link_to(f, entry, REL_ACQUISITION, products[i].type, file->name,
			NULL, mg_catalog_word_text(e->language, products[i].title),
			file->size);
	}
}

/* One guide: OPDS 1.2 section 5 with the Atom elements it requires. */
static void entry(const struct feed *f, xmlNodePtr feed, const mg_shelf_entry *e)
{
	xmlNodePtr n = mg_xhtml_el_ns(feed, NULL, "entry", NULL);
	char *id = mg_opds_entry_id(e->identifier);

	xmlNodeSetLang(n, BAD_CAST e->language);
	mg_xhtml_el_ns(n, NULL, "id", id);
	free(id);
	mg_xhtml_el_ns(n, NULL, "title", e->title);
	mg_xhtml_el_ns(n, NULL, "updated", e->updated);
	for (size_t i = 0; i < e->ncreators; i++)
		author(n, e->creators[i]);
	mg_xhtml_el_ns(n, f->dc, "language", e->language);
	if (e->issued)
		mg_xhtml_el_ns(n, f->dc, "issued", e->issued);
	if (e->publisher)
		mg_xhtml_el_ns(n, f->dc, "publisher", e->publisher);
	if (e->description)
		mg_xhtml_attr(mg_xhtml_el_ns(n, NULL, "summary", e->description), "type", "text");
	entry_links(f, n, e);
}

/* The feed's authors: each publisher the guides name, once, in their
 * order; "mkguide" when none names one. */
static void feed_authors(const struct feed *f, xmlNodePtr feed)
{
	const mg_shelf *s = f->s;
	int any = 0;

	for (size_t i = 0; i < s->len; i++) {
		const char *p = s->entries[i].publisher;
		size_t j = 0;
		if (!p)
			continue;
		while (j < i && !(s->entries[j].publisher &&
				  strcmp(s->entries[j].publisher, p) == 0))
			j++;
		if (j < i)
			continue;
		author(feed, p);
		any = 1;
	}
	if (!any)
		author(feed, "mkguide");
}

/* An empty catalogue's date: SOURCE_DATE_EPOCH's day, else 1970-01-01. */
static void empty_updated(char *buf, size_t size)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long t = sde && *sde ? strtoll(sde, &end, 10) : 0;
	time_t tt;
	struct tm tm;

	if (!sde || !*sde || *end || t < 0)
		t = 0;
	tt = (time_t)t;
	gmtime_r(&tt, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void feed_head(const struct feed *f, xmlNodePtr feed)
{
	const char *lang = mg_page_language(f->s);
	const char *updated = mg_shelf_updated(f->s);
	char id[64], date[32];
	char *title = mg_page_title(f->s, lang);

	xmlNodeSetLang(feed, BAD_CAST lang);
	mg_opds_feed_id(f->base, id, sizeof id);
	mg_xhtml_el_ns(feed, NULL, "id", id);
	mg_xhtml_el_ns(feed, NULL, "title", title);
	free(title);
	if (!updated)
		empty_updated(date, sizeof date);
	mg_xhtml_el_ns(feed, NULL, "updated", updated ? updated : date);
	feed_authors(f, feed);
	link_to(f, feed, "self", MG_OPDS_ACQUISITION_TYPE, "catalog.xml", NULL,
		NULL, 0);
	link_to(f, feed, "start", MG_OPDS_ACQUISITION_TYPE, "catalog.xml", NULL,
		NULL, 0);
	link_to(f, feed, "alternate", "text/html", "index.html", NULL, NULL, 0);
}

int mg_opds_feed(const mg_shelf *s, const char *base, mg_bytes *out)
{
	struct feed f = { .s = s, .base = base };
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr feed = xmlNewDocNode(doc, NULL, BAD_CAST "feed", NULL);
	xmlChar *xml = NULL;
	size_t len = 0;
	int rc = -1;

	out->data = NULL;
	out->len = 0;
	xmlDocSetRootElement(doc, feed);
	xmlSetNs(feed, xmlNewNs(feed, BAD_CAST ATOM_NS, NULL));
	f.dc = xmlNewNs(feed, BAD_CAST DCTERMS_NS, BAD_CAST "dc");
	xmlNewNs(feed, BAD_CAST OPDS_NS, BAD_CAST "opds");
	feed_head(&f, feed);
	for (size_t i = 0; i < s->len; i++)
		entry(&f, feed, &s->entries[i]);
	if (mg_xhtml_serialize(doc, 1, &xml, &len) < 0)
		goto out;
	out->data = mg_xmalloc(len);
	memcpy(out->data, xml, len);
	out->len = len;
	rc = 0;
out:
	xmlFree(xml);
	xmlFreeDoc(doc);
	return rc;
}
