/* guide.h — the Guide model: what a guide says, independent of Markdown and of
 * any product. The source reader (source.c) builds it; the XHTML and layout
 * writers only read it. One arena owns all of a guide: mg_guide_free() ends it.
 *
 * Shape of the model
 * ------------------
 * mg_guide
 *   metadata (title, language, authors, review, ...)
 *   parts[]       chapters in the order of guide.yaml, then the FAQ (if any),
 *                 then the disclaimer, which is always the last part
 *     heading     an MG_NODE_HEADING (level 1) with the title's inlines
 *     body        an MG_NODE_DOCUMENT whose children are the part's blocks
 *     footnotes[] numbered 1.. in the order of their first reference
 *   images[]      every image file the guide uses, loaded once
 *
 * Nodes form a tree like cmark's: parent, first_child, last_child, next.
 * Blocks contain blocks or inlines; inlines contain inlines. All strings are
 * NUL-terminated UTF-8, already validated, with no raw HTML in them: writers
 * must still escape them for their format (libxml2 does this for XHTML). */
#ifndef MG_GUIDE_H
#define MG_GUIDE_H

#include <stddef.h>
#include <time.h>

#include "core/arena.h"

typedef enum mg_node_type {
	/* blocks */
	MG_NODE_DOCUMENT,	/* root of a part's body or of a footnote */
	MG_NODE_PARAGRAPH,
	MG_NODE_HEADING,	/* level 1..4; id */
	MG_NODE_BLOCKQUOTE,
	MG_NODE_LIST,		/* ordered, start, tight; children are ITEMs */
	MG_NODE_ITEM,
	MG_NODE_CODE_BLOCK,	/* text: the code, ending in '\n' */
	MG_NODE_THEMATIC_BREAK,
	MG_NODE_TABLE,		/* columns; children are TABLE_ROWs, header row first */
	MG_NODE_TABLE_ROW,	/* header: 1 for the header row */
	MG_NODE_TABLE_CELL,	/* align; children are inlines */
	MG_NODE_FIGURE,		/* an image alone in its paragraph: image, alt, title */
	/* inlines */
	MG_NODE_TEXT,		/* text */
	MG_NODE_SOFTBREAK,	/* a line end inside a paragraph: a space in print */
	MG_NODE_LINEBREAK,	/* a hard line break */
	MG_NODE_CODE,		/* text */
	MG_NODE_EMPH,
	MG_NODE_STRONG,
	MG_NODE_STRIKE,
	MG_NODE_LINK,		/* url, or target_part + target_id; title */
	MG_NODE_IMAGE,		/* image, alt, title: an image inside text */
	MG_NODE_FOOTNOTE_REF	/* footnote: index into the part's footnotes */
} mg_node_type;

typedef enum mg_align {
	MG_ALIGN_NONE,
	MG_ALIGN_LEFT,
	MG_ALIGN_CENTER,
	MG_ALIGN_RIGHT
} mg_align;

typedef struct mg_node mg_node;
struct mg_node {
	mg_node_type type;
	mg_node *parent, *first_child, *last_child, *next;
	int line, col;		/* where it starts in the part's source file */

	const char *text;	/* TEXT, CODE, CODE_BLOCK */
	size_t len;		/* strlen(text) */

	int level;		/* HEADING: 1..4 (1 only for a part's heading) */
	const char *id;		/* HEADING: anchor id, unique in the whole guide */

	int ordered;		/* LIST */
	int start;		/* LIST: first number of an ordered list */
	int tight;		/* LIST */

	int columns;		/* TABLE */
	int header;		/* TABLE_ROW */
	mg_align align;		/* TABLE_CELL */

	const char *url;	/* LINK: an external URL (http, https, mailto); NULL if internal */
	int target_part;	/* LINK internal: index of the part it points into */
	const char *target_id;	/* LINK internal: a heading id, or NULL for the part's start */
	const char *title;	/* LINK, IMAGE, FIGURE: optional title; NULL if none */

	int image;		/* IMAGE, FIGURE: index into guide->images */
	const char *alt;	/* IMAGE, FIGURE: alt text, plain UTF-8, never empty */

	int footnote;		/* FOOTNOTE_REF: index into part->footnotes; shown as footnote + 1 */
};

typedef struct mg_footnote {
	const char *label;	/* as written: [^label] */
	mg_node *body;		/* MG_NODE_DOCUMENT */
	int line;
} mg_footnote;

typedef enum mg_part_kind {
	MG_PART_CHAPTER,
	MG_PART_FAQ,
	MG_PART_DISCLAIMER
} mg_part_kind;

typedef struct mg_part {
	mg_part_kind kind;
	const char *path;	/* the source file as named to the user: "book/x/01-intro.md" */
	const char *name;	/* a short stable name for products: "ch01", "faq", "disclaimer" */
	const char *title;	/* plain text of the heading */
	mg_node *heading;	/* MG_NODE_HEADING, level 1, with its id */
	mg_node *body;		/* MG_NODE_DOCUMENT */
	mg_footnote *footnotes;
	size_t nfootnotes;
} mg_part;

typedef struct mg_image {
	const char *path;	/* relative to the guide's folder, as written */
	const char *media_type;	/* "image/png" or "image/jpeg" */
	const unsigned char *data;
	size_t size;
	int width, height;	/* pixels */
} mg_image;

typedef struct mg_guide {
	mg_arena *arena;	/* owns everything below */

	const char *dir;	/* the guide's folder as given on the command line */
	const char *slug;	/* its folder name: names the products */

	const char *title;
	const char *subtitle;	/* NULL if none */
	const char *language;	/* BCP 47 tag */
	const char *identifier;	/* from guide.yaml, or "urn:uuid:" + UUID v5 of the slug */
	const char **authors;
	size_t nauthors;
	const char *publisher;	/* NULL if none */
	const char *date;	/* "YYYY-MM-DD" or NULL */
	const char *description;
	const char **subjects;
	size_t nsubjects;
	const char *reviewer;	/* review block; each NULL if absent */
	const char *reviewed;
	const char *next_review;
	const char *contact;	/* where readers send questions: one or more lines
				 * joined by '\n', none blank; NULL if none */
	int cover;		/* index into images, or -1 for a typographic cover */
	const char *style;	/* style name: guide.yaml's, or "default" */
	double max_grade;	/* readability target (en): SMOG and Flesch-Kincaid at most */
	double min_inflesz;	/* readability target (es): Szigriszt-Pazos at least */
	int audio;		/* guide.yaml's audio: true: build the read-aloud EPUB too */

	int braille;		/* guide.yaml's braille: true: build its BRF too */
	const char *braille_table;	/* guide.yaml's braille_table, or NULL */
	int braille_table_line, braille_table_col;	/* where it was written */

	time_t modified;	/* SOURCE_DATE_EPOCH if set, else date at 00:00 UTC, else 0 */

	mg_part *parts;
	size_t nparts;
	mg_image *images;
	size_t nimages;
} mg_guide;

/* The readability targets when guide.yaml names none: grade 8 (NIH, NLM)
 * and INFLESZ 55, "normal" (Barrio-Cantalejo et al. 2008). */
#define MG_DEFAULT_MAX_GRADE 8.0
#define MG_DEFAULT_MIN_INFLESZ 55.0

/* A new, empty guide with its arena. */
mg_guide *mg_guide_new(void);
void mg_guide_free(mg_guide *g);

/* Node construction, for the source reader and for tests. */
mg_node *mg_node_new(mg_guide *g, mg_node_type type, int line, int col);
void mg_node_append(mg_node *parent, mg_node *child);
/* A TEXT node holding a copy of s[0..len). */
mg_node *mg_node_new_text(mg_guide *g, const char *s, size_t len);

int mg_node_is_block(const mg_node *n);

/* The plain text of a node's inlines (TEXT and CODE joined, breaks as spaces),
 * as an arena string. */
char *mg_node_plain_text(mg_guide *g, const mg_node *n);
/* The same in arena a (for writers, whose guide is const). */
char *mg_node_plain_text_in(mg_arena *a, const mg_node *n);
/* The same on the heap: the caller frees it. */
char *mg_node_plain_text_dup(const mg_node *n);

/* Depth-first walk: calls fn on entering and leaving each node. Returning
 * non-zero from fn stops the walk; that value is returned. */
typedef int (*mg_walk_fn)(const mg_node *n, int entering, void *ctx);
int mg_node_walk(const mg_node *root, mg_walk_fn fn, void *ctx);

/* 1 if s has the shape YYYY-MM-DD (the model's dates always do). */
int mg_date_is_iso(const char *s);

/* The index of the disclaimer part (always nparts - 1 in a valid guide). */
size_t mg_guide_disclaimer(const mg_guide *g);

/* Fixed words of the products, localised by the guide's language
 * ("es", "es-MX" → Spanish; anything unknown → English). */
typedef enum mg_term {
	MG_TERM_FAQ,		/* "Frequently Asked Questions" */
	MG_TERM_DISCLAIMER,	/* "Disclaimer" */
	MG_TERM_CONTENTS,	/* "Contents" */
	MG_TERM_COVER,		/* "Cover" */
	MG_TERM_TITLE_PAGE,	/* "Title page" */
	MG_TERM_FOOTNOTES,	/* "Notes" */
	MG_TERM_BACK_TO_TEXT,	/* "Back to text" */
	MG_TERM_BY,		/* "By" */
	MG_TERM_PUBLISHED,	/* "Published" */
	MG_TERM_REVIEWED_BY,	/* "Medically reviewed by" */
	MG_TERM_REVIEWED_ON,	/* "Last reviewed" */
	MG_TERM_NEXT_REVIEW,	/* "Next review" */
	MG_TERM_PAGE,		/* "Page" */
	MG_TERM_LANDMARKS,	/* "Landmarks" */
	MG_TERM_START,		/* "Start of content" */
	MG_TERM_QUESTIONS,	/* "Questions about this guide?": before the contact */
	MG_TERM_QR_SCAN,	/* "Scan to get this guide as an e-book": over the QR code */
	MG_TERM_QR_CODE,	/* "QR code: link to the e-book of this guide": its alt text */
	MG_TERM_COUNT
} mg_term;

const char *mg_term_text(const char *language, mg_term term);

#endif
