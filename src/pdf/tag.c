/* tag.c — tagged PDF through libharu's object API: StructElems made when
 * their first content is painted (so /K follows reading order), BDC/EMC
 * with MCIDs, ParentTree, OBJRs for link annotations, artifacts. */
#include "pdf/tag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/vec.h"
#include "pdf/fonts.h"

typedef struct annot_ref {
	HPDF_Dict elem;
	int key;
} annot_ref;

struct mg_tagger {
	HPDF_Doc pdf;
	HPDF_MMgr mmgr;
	const mg_layout *l;
	HPDF_Dict root;		/* StructTreeRoot */
	HPDF_Array nums;	/* ParentTree /Nums */
	HPDF_Dict *se;		/* per elem: its StructElem, once attached */
	HPDF_Array *kids;	/* per elem: its /K */
	int *pg;		/* per elem: page index of /Pg, or -1 */
	HPDF_Page page;		/* current page */
	int page_index;
	HPDF_Array page_arr;	/* current page's ParentTree array */
	int mcid;		/* next MCID on the current page */
	mg_vec annots;		/* annot_ref */
	mg_vec ids;		/* int: elems given an /ID (Notes), for /IDTree */
	int next_key;		/* next annotation /StructParent */
	int open;		/* a sequence is open */
};

static HPDF_Stream page_stream(mg_tagger *t)
{
	return ((HPDF_PageAttr)t->page->attr)->stream;
}

static HPDF_Dict new_indirect(mg_tagger *t)
{
	HPDF_Dict d = HPDF_Dict_New(t->mmgr);

	if (d && HPDF_Xref_Add(t->pdf->xref, d) != HPDF_OK)
		return NULL;
	return d;
}

/* utf8 as UTF-16BE with a byte-order mark, in a malloc'd buffer. */
static HPDF_BYTE *utf16be(const char *utf8, size_t *outlen)
{
	size_t n = strlen(utf8), i = 0, o = 2;
	HPDF_BYTE *out = mg_xmalloc(2 + 4 * n);
	unsigned cp, hi, lo;

	out[0] = 0xfe;
	out[1] = 0xff;
	while (i < n) {
		cp = mg_utf8_next(utf8, n, &i);
		if (cp >= 0x10000) {
			hi = 0xd800 + ((cp - 0x10000) >> 10);
			lo = 0xdc00 + ((cp - 0x10000) & 0x3ff);
			out[o++] = (HPDF_BYTE)(hi >> 8);
			out[o++] = (HPDF_BYTE)hi;
			cp = lo;
		}
		out[o++] = (HPDF_BYTE)(cp >> 8);
		out[o++] = (HPDF_BYTE)cp;
	}
	*outlen = o;
	return out;
}

HPDF_Binary mg_tag_text(HPDF_MMgr mm, const char *utf8)
{
	size_t len;
	HPDF_BYTE *b = utf16be(utf8, &len);
	HPDF_Binary r = HPDF_Binary_New(mm, b, (HPDF_UINT)len);

	free(b);
	return r;
}

static HPDF_Binary utf16(mg_tagger *t, const char *s)
{
	return mg_tag_text(t->mmgr, s);
}

static int add_attributes(mg_tagger *t, HPDF_Dict d, const mg_elem *e)
{
	HPDF_Dict a;
	HPDF_Array box;
	int k, rc = HPDF_OK;

	if (e->actual)
		rc |= HPDF_Dict_Add(d, "ActualText", utf16(t, e->actual));
	if (e->role == MG_ROLE_FIGURE) {
		if (e->alt)
			rc |= HPDF_Dict_Add(d, "Alt", utf16(t, e->alt));
		a = HPDF_Dict_New(t->mmgr);
		box = HPDF_Array_New(t->mmgr);
		if (!a || !box)
			return -1;
		rc |= HPDF_Dict_AddName(a, "O", "Layout");
		for (k = 0; k < 4; k++)
			rc |= HPDF_Array_AddReal(box, (HPDF_REAL)e->bbox[k]);
		rc |= HPDF_Dict_Add(a, "BBox", box);
		rc |= HPDF_Dict_Add(d, "A", a);
	}
	if (e->role == MG_ROLE_NOTE) {
		/* PDF/UA wants an /ID on every Note; the IDTree lists them */
		char id[32];

		snprintf(id, sizeof id, "note%08d", (int)(e - t->l->elems));
		rc |= HPDF_Dict_Add(d, "ID", HPDF_String_New(t->mmgr, id, NULL));
		*(int *)mg_vec_push(&t->ids) = (int)(e - t->l->elems);
	}
	if (e->role == MG_ROLE_TH) {
		a = HPDF_Dict_New(t->mmgr);
		if (!a)
			return -1;
		rc |= HPDF_Dict_AddName(a, "O", "Table");
		rc |= HPDF_Dict_AddName(a, "Scope", e->scope_row ? "Row" : "Column");
		rc |= HPDF_Dict_Add(d, "A", a);
	}
	return rc == HPDF_OK ? 0 : -1;
}

/* The StructElem of elem, made and hung under its parent on first use. */
static HPDF_Dict elem_dict(mg_tagger *t, int elem)
{
	const mg_elem *e = &t->l->elems[elem];
	HPDF_Dict d, parent;
	HPDF_Array k;

	if (t->se[elem])
		return t->se[elem];
	d = new_indirect(t);
	k = HPDF_Array_New(t->mmgr);
	if (!d || !k)
		return NULL;
	if (HPDF_Dict_AddName(d, "Type", "StructElem") != HPDF_OK ||
	    HPDF_Dict_AddName(d, "S", mg_role_name(e->role)) != HPDF_OK ||
	    HPDF_Dict_Add(d, "K", k) != HPDF_OK || add_attributes(t, d, e) < 0)
		return NULL;
	/* parents come before their children (layout.h); anything else hangs
	 * from the root rather than recursing forever */
	if (e->parent >= 0 && e->parent < elem) {
		parent = elem_dict(t, e->parent);
		if (!parent || HPDF_Dict_Add(d, "P", parent) != HPDF_OK ||
		    HPDF_Array_Add(t->kids[e->parent], d) != HPDF_OK)
			return NULL;
	} else {
		if (HPDF_Dict_Add(d, "P", t->root) != HPDF_OK ||
		    HPDF_Array_Add(HPDF_Dict_GetItem(t->root, "K", HPDF_OCLASS_ARRAY),
				   d) != HPDF_OK)
			return NULL;
	}
	t->se[elem] = d;
	t->kids[elem] = k;
	return d;
}

mg_tagger *mg_tag_new(HPDF_Doc pdf, const mg_layout *l)
{
	mg_tagger *t = mg_xcalloc(1, sizeof *t);
	HPDF_Dict mark, ptree;
	HPDF_Array rootk;
	size_t n = l->nelems ? l->nelems : 1;
	int rc = HPDF_OK;

	t->pdf = pdf;
	t->mmgr = pdf->mmgr;
	t->l = l;
	t->se = mg_xcalloc(n, sizeof *t->se);
	t->kids = mg_xcalloc(n, sizeof *t->kids);
	t->pg = mg_xmalloc(n * sizeof *t->pg);
	for (size_t i = 0; i < n; i++)
		t->pg[i] = -1;
	mg_vec_init(&t->annots, sizeof(annot_ref));
	mg_vec_init(&t->ids, sizeof(int));
	t->next_key = (int)l->npages;

	t->root = new_indirect(t);
	ptree = new_indirect(t);
	mark = HPDF_Dict_New(t->mmgr);
	rootk = HPDF_Array_New(t->mmgr);
	t->nums = HPDF_Array_New(t->mmgr);
	if (!t->root || !ptree || !mark || !rootk || !t->nums)
		goto fail;
	rc |= HPDF_Dict_AddName(t->root, "Type", "StructTreeRoot");
	rc |= HPDF_Dict_Add(t->root, "K", rootk);
	rc |= HPDF_Dict_Add(ptree, "Nums", t->nums);
	rc |= HPDF_Dict_Add(t->root, "ParentTree", ptree);
	rc |= HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", t->root);
	rc |= HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
	rc |= HPDF_Dict_Add(pdf->catalog, "MarkInfo", mark);
	if (rc != HPDF_OK)
		goto fail;
	return t;
fail:
	mg_tag_free(t);
	return NULL;
}

void mg_tag_free(mg_tagger *t)
{
	if (!t)
		return;
	free(t->se);
	free(t->kids);
	free(t->pg);
	mg_vec_release(&t->annots);
	mg_vec_release(&t->ids);
	free(t);
}

int mg_tag_page(mg_tagger *t, HPDF_Page page, int index)
{
	t->page = page;
	t->page_index = index;
	t->mcid = 0;
	t->open = 0;
	t->page_arr = HPDF_Array_New(t->mmgr);
	if (!t->page_arr ||
	    HPDF_Dict_AddName(page, "Tabs", "S") != HPDF_OK ||
	    HPDF_Dict_AddNumber(page, "StructParents", index) != HPDF_OK ||
	    HPDF_Array_AddNumber(t->nums, index) != HPDF_OK ||
	    HPDF_Array_Add(t->nums, t->page_arr) != HPDF_OK)
		return -1;
	return 0;
}

/* Records MCID mcid of the current page as the next kid of elem. */
static int add_mcid(mg_tagger *t, int elem, int mcid)
{
	HPDF_Dict d = elem_dict(t, elem), mcr;

	if (!d)
		return -1;
	if (HPDF_Array_Add(t->page_arr, d) != HPDF_OK)
		return -1;
	if (t->pg[elem] < 0) {
		t->pg[elem] = t->page_index;
		if (HPDF_Dict_Add(d, "Pg", t->page) != HPDF_OK)
			return -1;
	}
	if (t->pg[elem] == t->page_index)
		return HPDF_Array_AddNumber(t->kids[elem], mcid) == HPDF_OK ? 0 : -1;
	mcr = HPDF_Dict_New(t->mmgr);
	if (!mcr || HPDF_Dict_AddName(mcr, "Type", "MCR") != HPDF_OK ||
	    HPDF_Dict_Add(mcr, "Pg", t->page) != HPDF_OK ||
	    HPDF_Dict_AddNumber(mcr, "MCID", mcid) != HPDF_OK)
		return -1;
	return HPDF_Array_Add(t->kids[elem], mcr) == HPDF_OK ? 0 : -1;
}

int mg_tag_begin(mg_tagger *t, int elem, mg_artifact kind)
{
	static const char *const art[] = {
		"/Artifact BMC\n",
		"/Artifact <</Type /Pagination /Subtype /Header>> BDC\n",
		"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n",
	};
	char buf[64];
	int mcid;

	t->open = 1;
	if (elem < 0 || (size_t)elem >= t->l->nelems)
		return HPDF_Stream_WriteStr(page_stream(t), art[kind]) == HPDF_OK ? 0 : -1;
	mcid = t->mcid++;
	if (add_mcid(t, elem, mcid) < 0)
		return -1;
	snprintf(buf, sizeof buf, "/%s <</MCID %d>> BDC\n",
		 mg_role_name(t->l->elems[elem].role), mcid);
	return HPDF_Stream_WriteStr(page_stream(t), buf) == HPDF_OK ? 0 : -1;
}

int mg_tag_end(mg_tagger *t)
{
	t->open = 0;
	return HPDF_Stream_WriteStr(page_stream(t), "EMC\n") == HPDF_OK ? 0 : -1;
}

int mg_tag_span(mg_tagger *t, const char *actual)
{
	static const char hex[] = "0123456789ABCDEF";
	HPDF_Stream st = page_stream(t);
	size_t len, i;
	HPDF_BYTE *b = utf16be(actual, &len);
	char *txt = mg_xmalloc(2 * len + 64), *p = txt;
	int rc;

	p += sprintf(p, "/Span <</ActualText <");
	for (i = 0; i < len; i++) {
		*p++ = hex[b[i] >> 4];
		*p++ = hex[b[i] & 15];
	}
	sprintf(p, ">>> BDC\n");
	rc = HPDF_Stream_WriteStr(st, txt);
	free(b);
	free(txt);
	return rc == HPDF_OK ? 0 : -1;
}

int mg_tag_span_end(mg_tagger *t)
{
	return HPDF_Stream_WriteStr(page_stream(t), "EMC\n") == HPDF_OK ? 0 : -1;
}

int mg_tag_annot(mg_tagger *t, HPDF_Annotation annot, int elem)
{
	HPDF_Dict d, objr;
	annot_ref *r;

	if (elem < 0 || (size_t)elem >= t->l->nelems)
		return 0;
	d = elem_dict(t, elem);
	objr = HPDF_Dict_New(t->mmgr);
	if (!d || !objr || HPDF_Dict_AddName(objr, "Type", "OBJR") != HPDF_OK ||
	    HPDF_Dict_Add(objr, "Obj", annot) != HPDF_OK ||
	    HPDF_Dict_Add(objr, "Pg", t->page) != HPDF_OK ||
	    HPDF_Array_Add(t->kids[elem], objr) != HPDF_OK ||
	    HPDF_Dict_AddNumber(annot, "StructParent", t->next_key) != HPDF_OK)
		return -1;
	r = mg_vec_push(&t->annots);
	r->elem = d;
	r->key = t->next_key++;
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* /IDTree: a flat name tree, keys in order (zero-padded, so sorting the
 * element indexes sorts the keys). */
static int write_id_tree(mg_tagger *t)
{
	HPDF_Dict tree;
	HPDF_Array names;
	int *ids = t->ids.items, rc = HPDF_OK;
	char id[32];
	size_t i;

	if (!t->ids.len)
		return 0;
	qsort(ids, t->ids.len, sizeof *ids, cmp_int);
	tree = HPDF_Dict_New(t->mmgr);
	names = HPDF_Array_New(t->mmgr);
	if (!tree || !names)
		return -1;
	for (i = 0; i < t->ids.len; i++) {
		snprintf(id, sizeof id, "note%08d", ids[i]);
		rc |= HPDF_Array_Add(names, HPDF_String_New(t->mmgr, id, NULL));
		rc |= HPDF_Array_Add(names, t->se[ids[i]]);
	}
	rc |= HPDF_Dict_Add(tree, "Names", names);
	rc |= HPDF_Dict_Add(t->root, "IDTree", tree);
	return rc == HPDF_OK ? 0 : -1;
}

int mg_tag_finish(mg_tagger *t)
{
	annot_ref *r = t->annots.items;
	size_t i;

	if (write_id_tree(t) < 0)
		return -1;
	for (i = 0; i < t->annots.len; i++)
		if (HPDF_Array_AddNumber(t->nums, r[i].key) != HPDF_OK ||
		    HPDF_Array_Add(t->nums, r[i].elem) != HPDF_OK)
			return -1;
	if (HPDF_Dict_AddNumber(t->root, "ParentTreeNextKey", t->next_key) != HPDF_OK)
		return -1;
	return 0;
}
