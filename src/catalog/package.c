/* package.c — one EPUB's package document read back: the zip opened with
 * libzip, container.xml and the OPF parsed with libxml2 (no network, no
 * entities), and walked for the metadata and manifest items the catalogue needs. */
#include "catalog/package.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <string.h>
#include <zip.h>

#define OPF_NS "http://www.idpf.org/2007/opf"
#define DC_NS "http://purl.org/dc/elements/1.1/"
#define CONTAINER_NS "urn:oasis:names:tc:opendocument:xmlns:container"

/* What is read of an EPUB, at most: a package document is a few KB, a
 * cover a few MB; more is not a guide's and is not read into memory. */
#define MAX_XML (8u << 20)
#define MAX_COVER (64u << 20)

/* A package being read. */
struct reader {
	mg_package *p;
	mg_arena *a;
	const char *uid;		/* the package's unique-identifier */
	const char *first_identifier;	/* when none has that id */
	const char *cover_id;		/* <meta name="cover" content> */
	mg_vec creators;		/* const char * */
};

/* ---- the zip ---- */

/* Reads the zip's entry name whole into *out (heap). 0; -1 when there is
 * no such entry; -2 when it cannot be read or is over max bytes. */
static int zip_read(zip_t *z, const char *name, size_t max, mg_bytes *out)
{
	zip_stat_t st;
	zip_file_t *f;
	zip_int64_t n;

	out->data = NULL;
	out->len = 0;
	zip_stat_init(&st);
	if (zip_stat(z, name, 0, &st) < 0)
		return -1;
	if (!(st.valid & ZIP_STAT_SIZE) || st.size > max)
		return -2;
	f = zip_fopen(z, name, 0);
	if (!f)
		return -2;
	out->data = mg_xmalloc(st.size ? st.size : 1);
	n = zip_fread(f, out->data, st.size);
	zip_fclose(f);
	if (n < 0 || (zip_uint64_t)n != st.size) {
		mg_bytes_release(out);
		return -2;
	}
	out->len = st.size;
	return 0;
}

/* Reads and parses the zip's XML entry name quietly, without the network
 * or entity expansion; NULL after an error about path reported to d. */
static xmlDocPtr zip_xml(zip_t *z, const char *name, const char *path,
			 mg_diag *d)
{
	mg_bytes b;
	xmlDocPtr doc;
	int rc = zip_read(z, name, MAX_XML, &b);

	if (rc == -1) {
		mg_error(d, path, 0, 0, "has no '%s': it is not an EPUB", name);
		return NULL;
	}
	if (rc < 0) {
		mg_error(d, path, 0, 0, "'%s' cannot be read from the zip", name);
		return NULL;
	}
	doc = xmlReadMemory((const char *)b.data, (int)b.len, name, NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR |
			    XML_PARSE_NOWARNING);
	mg_bytes_release(&b);
	if (!doc)
		mg_error(d, path, 0, 0, "'%s' is not well-formed XML", name);
	return doc;
}

/* ---- XML ---- */

static int is_el(xmlNodePtr n, const char *ns, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns &&
	       xmlStrEqual(n->ns->href, BAD_CAST ns) &&
	       xmlStrEqual(n->name, BAD_CAST name);
}

/* Attribute name of n (no namespace) in the arena, or NULL. */
static const char *prop(mg_arena *a, xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, BAD_CAST name);
	const char *s = v ? mg_arena_strdup(a, (const char *)v) : NULL;

	xmlFree(v);
	return s;
}

/* The text of n with its runs of white space made one space and none at
 * either end, in the arena; NULL when there is no text. */
static const char *text(mg_arena *a, xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s, *o;
	int space = 0;

	if (!v)
		return NULL;
	s = o = mg_arena_strdup(a, (const char *)v);
	xmlFree(v);
	for (const char *p = s; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = o != s;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = 0;
		*o++ = *p;
	}
	*o = '\0';
	return *s ? s : NULL;
}

/* 1 when the white-space separated list has the token word. */
static int has_token(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; p && *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		size_t len = strcspn(p, " \t\n\r");
		if (len == n && strncmp(p, word, n) == 0)
			return 1;
		p += len;
	}
	return 0;
}

static void set_once(const char **field, const char *value)
{
	if (!*field)
		*field = value;
}

/* ---- the package ---- */

/* The package document's path in the zip, from META-INF/container.xml:
 * its first rootfile of the package's media type (or its first). */
static const char *package_path(xmlDocPtr container, mg_arena *a)
{
	xmlNodePtr root = xmlDocGetRootElement(container);
	const char *first = NULL;

	for (xmlNodePtr rfs = root ? root->children : NULL; rfs; rfs = rfs->next) {
		if (!is_el(rfs, CONTAINER_NS, "rootfiles"))
			continue;
		for (xmlNodePtr rf = rfs->children; rf; rf = rf->next) {
			if (!is_el(rf, CONTAINER_NS, "rootfile"))
				continue;
			const char *path = prop(a, rf, "full-path");
			const char *type = prop(a, rf, "media-type");
			if (path && type &&
			    strcmp(type, "application/oebps-package+xml") == 0)
				return path;
			set_once(&first, path);
		}
	}
	return first;
}

/* A <meta> of the metadata (those that refine another element are not
 * the publication's own). */
static void meta(struct reader *r, xmlNodePtr n)
{
	const char *property = prop(r->a, n, "property");
	const char *name = prop(r->a, n, "name");

	if (prop(r->a, n, "refines"))
		return;
	if (property && strcmp(property, "dcterms:modified") == 0)
		set_once(&r->p->modified, text(r->a, n));
	else if (property && strcmp(property, "schema:lastReviewed") == 0)
		set_once(&r->p->reviewed, text(r->a, n));
	else if (name && strcmp(name, "cover") == 0)
		set_once(&r->cover_id, prop(r->a, n, "content"));
}

/* One child of <metadata>: the first of each Dublin Core element, every
 * creator. */
static void metadata_item(struct reader *r, xmlNodePtr n)
{
	mg_package *p = r->p;

	if (is_el(n, DC_NS, "identifier")) {
		const char *id = prop(r->a, n, "id");
		if (r->uid && id && strcmp(id, r->uid) == 0)
			set_once(&p->identifier, text(r->a, n));
		set_once(&r->first_identifier, text(r->a, n));
	} else if (is_el(n, DC_NS, "title")) {
		set_once(&p->title, text(r->a, n));
	} else if (is_el(n, DC_NS, "language")) {
		set_once(&p->language, text(r->a, n));
	} else if (is_el(n, DC_NS, "creator")) {
		const char *name = text(r->a, n);
		if (name)
			*(const char **)mg_vec_push(&r->creators) = name;
	} else if (is_el(n, DC_NS, "publisher")) {
		set_once(&p->publisher, text(r->a, n));
	} else if (is_el(n, DC_NS, "description")) {
		set_once(&p->description, text(r->a, n));
	} else if (is_el(n, DC_NS, "date")) {
		set_once(&p->date, text(r->a, n));
	} else if (is_el(n, OPF_NS, "meta")) {
		meta(r, n);
	}
}

/* The zip entry an href of the package document at opf names: resolved
 * against it and %-decoded (libxml2's URI functions), in the arena. */
static const char *entry_of(mg_arena *a, const char *href, const char *opf)
{
	xmlChar *full = xmlBuildURI(BAD_CAST href, BAD_CAST opf);
	char *plain = full ? xmlURIUnescapeString((const char *)full, 0, NULL)
			   : NULL;
	const char *s = plain ? mg_arena_strdup(a, plain) : NULL;

	xmlFree(full);
	xmlFree(plain);
	return s;
}

/* The manifest: media overlays, the cover (properties="cover-image",
 * else the item an EPUB 2 <meta name="cover"> names), and the drawn
 * cover's thumbnail (epub.c: id "cover-thumbnail", a PNG). */
static void manifest(struct reader *r, xmlNodePtr mf, const char *opf)
{
	const char *by_id = NULL, *by_property = NULL, *thumb = NULL;

	for (xmlNodePtr it = mf->children; it; it = it->next) {
		if (!is_el(it, OPF_NS, "item"))
			continue;
		const char *href = prop(r->a, it, "href");
		const char *type = prop(r->a, it, "media-type");
		const char *id = prop(r->a, it, "id");
		if (prop(r->a, it, "media-overlay") ||
		    (type && strcmp(type, "application/smil+xml") == 0))
			r->p->overlays = 1;
		if (!href)
			continue;
		if (has_token(prop(r->a, it, "properties"), "cover-image"))
			set_once(&by_property, href);
		if (r->cover_id && id && strcmp(id, r->cover_id) == 0)
			set_once(&by_id, href);
		if (id && strcmp(id, "cover-thumbnail") == 0 && type &&
		    strcmp(type, "image/png") == 0)
			set_once(&thumb, href);
	}
	if (by_property || by_id)
		r->p->cover_entry = entry_of(r->a, by_property ? by_property : by_id,
					     opf);
	if (thumb)
		r->p->thumb_entry = entry_of(r->a, thumb, opf);
}

/* The package document's metadata, then its manifest. */
static void read_package(struct reader *r, xmlDocPtr doc, const char *opf)
{
	xmlNodePtr pkg = xmlDocGetRootElement(doc);

	r->uid = prop(r->a, pkg, "unique-identifier");
	for (xmlNodePtr n = pkg->children; n; n = n->next) {
		if (!is_el(n, OPF_NS, "metadata"))
			continue;
		for (xmlNodePtr m = n->children; m; m = m->next)
			metadata_item(r, m);
	}
	for (xmlNodePtr n = pkg->children; n; n = n->next)
		if (is_el(n, OPF_NS, "manifest"))
			manifest(r, n, opf);
	set_once(&r->p->identifier, r->first_identifier);
	r->p->ncreators = r->creators.len;
	r->p->creators = mg_vec_finish(&r->creators, r->a);
}

/* What a catalogue cannot list a guide without. */
static int complete(const mg_package *p, const char *path, mg_diag *d)
{
	const char *missing = !p->identifier ? "dc:identifier" :
			      !p->title ? "dc:title" :
			      !p->language ? "dc:language" : NULL;

	if (!missing)
		return 0;
	mg_error(d, path, 0, 0, "its package document has no %s", missing);
	return -1;
}

/* The package document of the open zip z into r->p. 0, or -1 reported. */
static int read_zip(struct reader *r, zip_t *z, const char *path, mg_diag *d)
{
	xmlDocPtr doc = zip_xml(z, "META-INF/container.xml", path, d);
	const char *opf;

	if (!doc)
		return -1;
	opf = package_path(doc, r->a);
	xmlFreeDoc(doc);
	if (!opf) {
		mg_error(d, path, 0, 0, "META-INF/container.xml names no package document");
		return -1;
	}
	doc = zip_xml(z, opf, path, d);
	if (!doc)
		return -1;
	read_package(r, doc, opf);
	xmlFreeDoc(doc);
	return complete(r->p, path, d);
}

/* The cover image (or its thumbnail) the package names is in the zip, and
 * not too large to read. 0, or -1 reported. */
static int cover_there(zip_t *z, const char *entry, const char *path,
		       mg_diag *d)
{
	zip_stat_t st;

	zip_stat_init(&st);
	if (zip_stat(z, entry, 0, &st) < 0) {
		mg_error(d, path, 0, 0, "its cover image '%s' is not in the zip", entry);
		return -1;
	}
	if (!(st.valid & ZIP_STAT_SIZE) || st.size > MAX_COVER) {
		mg_error(d, path, 0, 0, "its cover image '%s' is larger than "
			 "a guide's image may be", entry);
		return -1;
	}
	return 0;
}

/* Opens the EPUB at path as a zip; NULL reported. */
static zip_t *open_zip(const char *path, mg_diag *d)
{
	zip_error_t ze;
	int err = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &err);

	if (z)
		return z;
	zip_error_init_with_code(&ze, err);
	mg_error(d, path, 0, 0, "cannot be read as an EPUB (a zip): %s",
		 zip_error_strerror(&ze));
	zip_error_fini(&ze);
	return NULL;
}

int mg_package_read(const char *path, mg_package *p, mg_arena *a,
		    mg_diag *d)
{
	struct reader r = { .p = p, .a = a };
	zip_t *z;
	int rc = -1;

	memset(p, 0, sizeof *p);
	mg_vec_init(&r.creators, sizeof(const char *));
	z = open_zip(path, d);
	if (!z)
		return -1;
	if (read_zip(&r, z, path, d) < 0)
		goto out;
	if (p->cover_entry && cover_there(z, p->cover_entry, path, d) < 0)
		goto out;
	if (p->thumb_entry && cover_there(z, p->thumb_entry, path, d) < 0)
		goto out;
	rc = 0;
out:
	mg_vec_release(&r.creators);
	zip_discard(z);
	return rc;
}

int mg_package_cover(const char *path, const char *entry, mg_bytes *out,
		     mg_diag *d)
{
	zip_t *z = open_zip(path, d);
	int rc;

	out->data = NULL;
	out->len = 0;
	if (!z)
		return -1;
	rc = zip_read(z, entry, MAX_COVER, out);
	zip_discard(z);
	if (rc < 0)
		mg_error(d, path, 0, 0, "its cover image '%s' cannot be read", entry);
	return rc < 0 ? -1 : 0;
}
