/* url.h — the --base-url the products are published under: which URLs are
 * accepted, and a product's link beneath one. The feed, the download page
 * and the handouts' QR codes all make their links here. */
#ifndef MG_URL_H
#define MG_URL_H

/* NULL when url can be a base URL: http:// or https://, a host, then only
 * characters a URI may hold (RFC 3986, '%' escapes well formed), no
 * query or fragment. Otherwise a sentence saying what is wrong. */
const char *mg_url_check(const char *url);

/* The link to file (a name in the output folder) under base, or file alone
 * when base is NULL; bytes of file outside RFC 3986's unreserved set are
 * %-escaped, so a slug with spaces or accents still makes one URL.
 * malloc'd: the caller frees it. */
char *mg_url_join(const char *base, const char *file);

#endif
