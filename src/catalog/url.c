/* url.c — checking a --base-url and making links under it. A base URL is
 * printed on paper and written into feeds, so only plain absolute http(s)
 * URLs pass; file names are %-escaped as they are joined. */
#include "catalog/url.h"
#include "core/arena.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int unreserved(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

/* RFC 3986's sub-delims, and ':' '@' '/' of a path or authority. */
static int allowed(unsigned char c)
{
	return unreserved(c) || (c && strchr("!$&'()*+,;=:@/", c));
}

static int hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

const char *mg_url_check(const char *url)
{
	const char *rest;

	if (strncasecmp(url, "https://", 8) == 0)
		rest = url + 8;
	else if (strncasecmp(url, "http://", 7) == 0)
		rest = url + 7;
	else
		return "must start with http:// or https://";
	if (*rest == '\0' || *rest == '/')
		return "has no host";
	for (const unsigned char *p = (const unsigned char *)rest; *p; p++) {
		if (*p == '%' && hex(p[1]) && hex(p[2])) {
			p += 2;
			continue;
		}
		if (*p == '?' || *p == '#')
			return "must not have a query or a fragment";
		if (*p <= ' ' || *p >= 0x7f)
			return "has a space or a character a URL cannot hold; write it %-escaped";
		if (!allowed(*p))
			return "has a character a URL cannot hold; write it %-escaped";
	}
	return NULL;
}

char *mg_url_join(const char *base, const char *file)
{
	size_t blen = base ? strlen(base) : 0, n = 0;
	char *out = mg_xmalloc(blen + 1 + 3 * strlen(file) + 1);
	static const char digits[] = "0123456789ABCDEF";

	if (base) {
		memcpy(out, base, blen);
		n = blen;
		if (blen && base[blen - 1] != '/')
			out[n++] = '/';
	}
	for (const unsigned char *p = (const unsigned char *)file; *p; p++) {
		if (unreserved(*p) || *p == '/') {
			out[n++] = (char)*p;
			continue;
		}
		out[n++] = '%';
		out[n++] = digits[*p >> 4];
		out[n++] = digits[*p & 15];
	}
	out[n] = '\0';
	return out;
}
