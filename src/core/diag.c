/* diag.c — collects messages for a unit of work and prints them compiler-style.
 * Messages are kept, not printed at once, so a threaded build can print each
 * guide's problems together and so tests can inspect them. */
#include "core/diag.h"
#include "core/arena.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void mg_diag_init(mg_diag *d)
{
	memset(d, 0, sizeof(*d));
}

void mg_diag_release(mg_diag *d)
{
	for (size_t i = 0; i < d->len; i++) {
		free(d->items[i].file);
		free(d->items[i].text);
	}
	free(d->items);
	memset(d, 0, sizeof(*d));
}

static mg_message *push(mg_diag *d)
{
	if (d->len == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->items = mg_xrealloc(d->items, d->cap * sizeof(*d->items));
	}
	return &d->items[d->len++];
}

static void add(mg_diag *d, mg_severity sev, const char *file, int line,
		int col, char *text)
{
	mg_message *m = push(d);
	m->severity = sev;
	m->file = file ? mg_xstrdup(file) : NULL;
	m->line = line;
	m->col = col;
	m->text = text;
	if (sev == MG_ERROR)
		d->errors++;
	else if (sev == MG_WARNING)
		d->warnings++;
}

void mg_diag_report(mg_diag *d, mg_severity sev, const char *file, int line,
		    int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *text = mg_xmalloc(n > 0 ? (size_t)n + 1 : 1);
	va_start(ap, fmt);
	vsnprintf(text, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
	va_end(ap);
	add(d, sev, file, line, col, text);
}

void mg_diag_append(mg_diag *dst, const mg_diag *src)
{
	for (size_t i = 0; i < src->len; i++) {
		const mg_message *m = &src->items[i];
		add(dst, m->severity, m->file, m->line, m->col,
		    mg_xstrdup(m->text));
	}
}

static const char *severity_name(mg_severity sev)
{
	switch (sev) {
	case MG_ERROR:
		return "error";
	case MG_WARNING:
		return "warning";
	default:
		return "note";
	}
}

void mg_diag_print(const mg_diag *d, FILE *f)
{
	for (size_t i = 0; i < d->len; i++) {
		const mg_message *m = &d->items[i];
		if (m->file && m->line > 0 && m->col > 0)
			fprintf(f, "%s:%d:%d: ", m->file, m->line, m->col);
		else if (m->file && m->line > 0)
			fprintf(f, "%s:%d: ", m->file, m->line);
		else if (m->file)
			fprintf(f, "%s: ", m->file);
		else
			fputs("mkguide: ", f);
		fprintf(f, "%s: %s\n", severity_name(m->severity), m->text);
	}
}
