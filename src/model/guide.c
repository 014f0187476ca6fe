/* guide.c — construction and traversal of the Guide model, and the fixed
 * words of the products in each supported language. The model is plain data;
 * this file only builds trees, walks them and frees them. */
#include "model/guide.h"
#include "core/vec.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

mg_guide *mg_guide_new(void)
{
	mg_arena *a = mg_arena_new();
	mg_guide *g = mg_arena_alloc(a, sizeof(*g));
	g->arena = a;
	g->cover = -1;
	g->style = "default";
	g->max_grade = MG_DEFAULT_MAX_GRADE;
	g->min_inflesz = MG_DEFAULT_MIN_INFLESZ;
	return g;
}

void mg_guide_free(mg_guide *g)
{
	if (g)
		mg_arena_free(g->arena);
}

mg_node *mg_node_new(mg_guide *g, mg_node_type type, int line, int col)
{
	mg_node *n = mg_arena_alloc(g->arena, sizeof(*n));
	n->type = type;
	n->line = line;
	n->col = col;
	n->image = -1;
	n->target_part = -1;
	return n;
}

void mg_node_append(mg_node *parent, mg_node *child)
{
	child->parent = parent;
	child->next = NULL;
	if (parent->last_child)
		parent->last_child->next = child;
	else
		parent->first_child = child;
	parent->last_child = child;
}

mg_node *mg_node_new_text(mg_guide *g, const char *s, size_t len)
{
	mg_node *n = mg_node_new(g, MG_NODE_TEXT, 0, 0);
	n->text = mg_arena_strndup(g->arena, s, len);
	n->len = len;
	return n;
}

int mg_node_is_block(const mg_node *n)
{
	return n->type <= MG_NODE_FIGURE;
}

/* Iterative, so that thousands of nested quotes or lists cannot overflow the
 * stack: the tree's parent links are the stack. */
int mg_node_walk(const mg_node *root, mg_walk_fn fn, void *ctx)
{
	const mg_node *n = root;
	int rc;
	if (!root)
		return 0;
	for (;;) {
		if ((rc = fn(n, 1, ctx)))
			return rc;
		if (n->first_child) {
			n = n->first_child;
			continue;
		}
		for (;;) {
			if ((rc = fn(n, 0, ctx)))
				return rc;
			if (n == root)
				return 0;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}

static int plain_visit(const mg_node *n, int entering, void *ctx)
{
	mg_vec *p = ctx;	/* of char */
	if (!entering)
		return 0;
	switch (n->type) {
	case MG_NODE_TEXT:
	case MG_NODE_CODE:
		if (n->text)
			mg_vec_append(p, n->text, n->len);
		break;
	case MG_NODE_SOFTBREAK:
	case MG_NODE_LINEBREAK:
		mg_vec_append(p, " ", 1);
		break;
	case MG_NODE_IMAGE:
		if (n->alt)
			mg_vec_append(p, n->alt, strlen(n->alt));
		break;
	default:
		break;
	}
	return 0;
}

char *mg_node_plain_text_dup(const mg_node *n)
{
	mg_vec p;

	mg_vec_init(&p, 1);
	mg_node_walk(n, plain_visit, &p);
	mg_vec_append(&p, "", 1);
	return p.items;
}

char *mg_node_plain_text_in(mg_arena *a, const mg_node *n)
{
	char *heap = mg_node_plain_text_dup(n);
	char *s = mg_arena_strdup(a, heap);
	free(heap);
	return s;
}

char *mg_node_plain_text(mg_guide *g, const mg_node *n)
{
	return mg_node_plain_text_in(g->arena, n);
}

int mg_date_is_iso(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	if (!s || strlen(s) != 10)
		return 0;
	for (int i = 0; i < 10; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != '-')
			return 0;
	return 1;
}

size_t mg_guide_disclaimer(const mg_guide *g)
{
	for (size_t i = 0; i < g->nparts; i++)
		if (g->parts[i].kind == MG_PART_DISCLAIMER)
			return i;
	return g->nparts ? g->nparts - 1 : 0;
}

static const char *const terms_en[MG_TERM_COUNT] = {
	[MG_TERM_FAQ] = "Frequently Asked Questions",
	[MG_TERM_DISCLAIMER] = "Disclaimer",
	[MG_TERM_CONTENTS] = "Contents",
	[MG_TERM_COVER] = "Cover",
	[MG_TERM_TITLE_PAGE] = "Title page",
	[MG_TERM_FOOTNOTES] = "Notes",
	[MG_TERM_BACK_TO_TEXT] = "Back to text",
	[MG_TERM_BY] = "By",
	[MG_TERM_PUBLISHED] = "Published",
	[MG_TERM_REVIEWED_BY] = "Medically reviewed by",
	[MG_TERM_REVIEWED_ON] = "Last reviewed",
	[MG_TERM_NEXT_REVIEW] = "Next review",
	[MG_TERM_PAGE] = "Page",
	[MG_TERM_LANDMARKS] = "Landmarks",
	[MG_TERM_START] = "Start of content",
	[MG_TERM_QUESTIONS] = "Questions about this guide?",
	[MG_TERM_QR_SCAN] = "Scan to get this guide as an e-book",
	[MG_TERM_QR_CODE] = "QR code: link to the e-book of this guide",
};

static const char *const terms_es[MG_TERM_COUNT] = {
	[MG_TERM_FAQ] = "Preguntas frecuentes",
	[MG_TERM_DISCLAIMER] = "Aviso",
	[MG_TERM_CONTENTS] = "Índice",
	[MG_TERM_COVER] = "Cubierta",
	[MG_TERM_TITLE_PAGE] = "Portada",
	[MG_TERM_FOOTNOTES] = "Notas",
	[MG_TERM_BACK_TO_TEXT] = "Volver al texto",
	[MG_TERM_BY] = "Por",
	[MG_TERM_PUBLISHED] = "Publicado",
	[MG_TERM_REVIEWED_BY] = "Revisión médica de",
	[MG_TERM_REVIEWED_ON] = "Última revisión",
	[MG_TERM_NEXT_REVIEW] = "Próxima revisión",
	[MG_TERM_PAGE] = "Página",
	[MG_TERM_LANDMARKS] = "Puntos de referencia",
	[MG_TERM_START] = "Inicio del contenido",
	[MG_TERM_QUESTIONS] = "¿Preguntas sobre esta guía?",
	[MG_TERM_QR_SCAN] = "Escanee para obtener esta guía como libro electrónico",
	[MG_TERM_QR_CODE] = "Código QR: enlace al libro electrónico de esta guía",
};

/* The primary language subtag matches case-insensitively: "es", "ES-mx". */
static int primary_is(const char *language, const char *want)
{
	size_t n = strlen(want);
	return language && strncasecmp(language, want, n) == 0 &&
	       (language[n] == '\0' || language[n] == '-');
}

const char *mg_term_text(const char *language, mg_term term)
{
	if (term >= MG_TERM_COUNT)
		return "";
	if (primary_is(language, "es"))
		return terms_es[term];
	return terms_en[term];
}
