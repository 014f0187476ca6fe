/* style.c — finds and loads a named style: style.yaml (the PDF's page, type
 * and fonts, read with libyaml) and style.css (the EPUB's stylesheet).
 * A style is read-only once loaded and may be shared by threads. */
#include "read/style.h"
#include "core/files.h"
#include "core/arena.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#ifndef MG_DATADIR
#define MG_DATADIR "/usr/local/share/mkguide"
#endif

#define STYLE_MAX_FILE (1024 * 1024)

int mg_style_name_ok(const char *name)
{
	if (!name || !*name || strlen(name) > 64)
		return 0;
	for (const char *p = name; *p; p++) {
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

/* Reads a whole small file; NULL if it cannot be read or is too large. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	if (!f)
		return NULL;
	buf = mg_xmalloc(STYLE_MAX_FILE + 1);
	size_t n = fread(buf, 1, STYLE_MAX_FILE + 1, f);
	fclose(f);
	if (n > STYLE_MAX_FILE) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

static int page_size(const char *v, double *w, double *h)
{
	if (strcmp(v, "A4") == 0) {
		*w = 595.276;
		*h = 841.89;
	} else if (strcmp(v, "A5") == 0) {
		*w = 419.528;
		*h = 595.276;
	} else if (strcmp(v, "Letter") == 0) {
		*w = 612;
		*h = 792;
	} else {
		return -1;
	}
	return 0;
}

static int number(const char *v, double *out)
{
	char *end;
	errno = 0;
	double x = strtod(v, &end);
	if (errno || end == v || *end || x <= 0 || x > 10000)
		return -1;
	*out = x;
	return 0;
}

/* Applies one key: value of style.yaml. */
static int apply(mg_style *s, const char *key, const char *v)
{
	struct {
		const char *key;
		double *field;
	} lengths[] = {
		{ "font_size", &s->font_size },
		{ "leading", &s->leading },
		{ "margin_top", &s->margin_top },
		{ "margin_bottom", &s->margin_bottom },
		{ "margin_inner", &s->margin_inner },
		{ "margin_outer", &s->margin_outer },
	};
	struct {
		const char *key;
		char **field;
	} fonts[] = {
		{ "body_font", &s->body_font },
		{ "heading_font", &s->heading_font },
		{ "mono_font", &s->mono_font },
	};
	if (strcmp(key, "page") == 0)
		return page_size(v, &s->page_width, &s->page_height);
	if (strcmp(key, "align") == 0) {
		if (strcmp(v, "left") && strcmp(v, "justify"))
			return -1;
		s->justify = strcmp(v, "justify") == 0;
		return 0;
	}
	if (strcmp(key, "chapter_break") == 0) {
		if (strcmp(v, "page") && strcmp(v, "space"))
			return -1;
		s->chapter_pages = strcmp(v, "page") == 0;
		return 0;
	}
	if (strcmp(key, "stylesheet") == 0) {
		if (!mg_style_name_ok(v))
			return -1;
		free(s->css_from);
		s->css_from = mg_xstrdup(v);
		return 0;
	}
	for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++)
		if (strcmp(key, lengths[i].key) == 0)
			return number(v, lengths[i].field);
	for (size_t i = 0; i < sizeof(fonts) / sizeof(fonts[0]); i++)
		if (strcmp(key, fonts[i].key) == 0) {
			free(*fonts[i].field);
			*fonts[i].field = mg_xstrdup(v);
			return 0;
		}
	return -2;
}

/* style.yaml is a flat mapping of scalar keys to scalar values. */
static int parse_yaml(mg_style *s, const char *path, const char *buf,
		      size_t len, mg_diag *d)
{
	yaml_parser_t p;
	yaml_event_t ev;
	char *key = NULL;
	int depth = 0, rc = 0, done = 0;

	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			mg_error(d, path, (int)p.problem_mark.line + 1,
				 (int)p.problem_mark.column + 1, "%s",
				 p.problem ? p.problem : "YAML syntax error");
			rc = -1;
			break;
		}
		int line = (int)ev.start_mark.line + 1;
		int col = (int)ev.start_mark.column + 1;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			if (++depth > 1 || ev.type == YAML_SEQUENCE_START_EVENT) {
				mg_error(d, path, line, col,
					 "style settings are 'key: value' pairs");
				rc = -1;
			}
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			depth--;
			break;
		case YAML_SCALAR_EVENT: {
			const char *v = (const char *)ev.data.scalar.value;
			if (!key) {
				key = mg_xstrdup(v);
				break;
			}
			int r = apply(s, key, v);
			if (r == -2)
				mg_error(d, path, line, col,
					 "unknown style setting '%s'", key);
			else if (r < 0)
				mg_error(d, path, line, col,
					 "bad value '%s' for '%s'", v, key);
			if (r < 0)
				rc = -1;
			free(key);
			key = NULL;
			break;
		}
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	free(key);
	yaml_parser_delete(&p);
	return rc;
}

static void set_defaults(mg_style *s)
{
	page_size("A4", &s->page_width, &s->page_height);
	s->margin_top = s->margin_bottom = 64;
	s->margin_inner = s->margin_outer = 64;
	s->font_size = 10.5;
	s->leading = 14.5;
	s->body_font = mg_xstrdup("Noto Serif");
	s->heading_font = mg_xstrdup("Noto Sans");
	s->mono_font = mg_xstrdup("Liberation Mono");
}

/* Looks in ./styles, beside the binary, then in the installed data folder. */
static char *find_dir(const char *name)
{
	char exe[2048], beside[2100];
	const char *roots[3] = { "styles", NULL, MG_DATADIR "/styles" };
	char path[4096];

	if (mg_exe_dir(exe, sizeof(exe)) == 0) {
		snprintf(beside, sizeof(beside), "%s/styles", exe);
		roots[1] = beside;
	}
	for (size_t i = 0; i < 3; i++) {
		if (!roots[i])
			continue;
		snprintf(path, sizeof(path), "%s/%s/style.yaml", roots[i], name);
		if (access(path, R_OK) == 0) {
			snprintf(path, sizeof(path), "%s/%s", roots[i], name);
			return mg_xstrdup(path);
		}
	}
	return NULL;
}

/* The EPUB stylesheet: the borrowed style's style.css ("stylesheet:"), then
 * this style's own style.css, if it has one; at least one must be there.
 * On failure path names the file that could not be read. */
static char *load_css(const mg_style *s, const char *dir, char *path,
		      size_t size, size_t *len)
{
	char *base = NULL, *own;
	size_t base_len = 0, own_len = 0;

	if (s->css_from) {
		char *other = find_dir(s->css_from);
		snprintf(path, size, "%s/style.css", other ? other : s->css_from);
		free(other);
		base = slurp(path, &base_len);
		if (!base)
			return NULL;
	}
	snprintf(path, size, "%s/style.css", dir);
	own = slurp(path, &own_len);
	if (!base) {
		*len = own_len;
		return own;
	}
	if (own) {
		base = mg_xrealloc(base, base_len + own_len + 2);
		base[base_len++] = '\n';
		memcpy(base + base_len, own, own_len + 1);
		base_len += own_len;
		free(own);
	}
	*len = base_len;
	return base;
}

mg_style *mg_style_load(const char *name, mg_diag *d)
{
	mg_style *s = NULL;
	char *dir = NULL, *yaml = NULL;
	char path[4096];
	size_t len = 0;

	if (!mg_style_name_ok(name)) {
		mg_error(d, NULL, 0, 0, "'%s' is not a style name", name);
		return NULL;
	}
	dir = find_dir(name);
	if (!dir) {
		mg_error(d, NULL, 0, 0,
			 "style '%s' not found in ./styles, beside mkguide, or in %s/styles", name,
			 MG_DATADIR);
		return NULL;
	}
	s = mg_xcalloc(1, sizeof(*s));
	s->name = mg_xstrdup(name);
	s->dir = dir;
	set_defaults(s);

	snprintf(path, sizeof(path), "%s/style.yaml", dir);
	yaml = slurp(path, &len);
	if (!yaml) {
		mg_error(d, path, 0, 0, "cannot read the style");
		goto fail;
	}
	if (parse_yaml(s, path, yaml, len, d) < 0)
		goto fail;
	if (s->leading < s->font_size) {
		mg_error(d, path, 0, 0, "leading is smaller than font_size");
		goto fail;
	}
	s->css = load_css(s, dir, path, sizeof(path), &s->css_len);
	if (!s->css) {
		mg_error(d, path, 0, 0, "cannot read the stylesheet");
		goto fail;
	}
	free(yaml);
	return s;
fail:
	free(yaml);
	mg_style_free(s);
	return NULL;
}

void mg_style_free(mg_style *s)
{
	if (!s)
		return;
	free(s->name);
	free(s->dir);
	free(s->body_font);
	free(s->heading_font);
	free(s->mono_font);
	free(s->css);
	free(s->css_from);
	free(s);
}
