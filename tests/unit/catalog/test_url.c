/* test_url.c — the --base-url a catalogue is published under (url.h): which
 * addresses are accepted and which refused, and links joined beneath one
 * with their file names %-escaped. */
#include <stdlib.h>
#include <string.h>

#include "mgtest.h"
#include "catalog/url.h"

static void test_accepted(void)
{
	static const char *const good[] = {
		"https://clinic.example.org/guides/",
		"https://clinic.example.org/guides",
		"http://clinic.example.org",
		"HTTPS://CLINIC.EXAMPLE.ORG/",
		"https://clinic.example.org:8443/guides/",
		"https://192.0.2.7/g/",
		"https://clinic.example.org/gu%C3%ADas/",
		"https://clinic.example.org/a-b_c.d~e/(1)/",
	};

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		const char *why = mg_url_check(good[i]);
		if (why)
			printf("  refused %s: %s\n", good[i], why);
		CHECK(why == NULL);
	}
}

static void test_refused(void)
{
	static const char *const bad[] = {
		"",
		"clinic.example.org/guides/",
		"ftp://clinic.example.org/",
		"file:///srv/guides/",
		"javascript:alert(1)",
		"https://",
		"https:///guides/",
		"https://clinic.example.org/my guides/",
		"https://clinic.example.org/guides/\t",
		"https://clinic.example.org/guías/",
		"https://clinic.example.org/?page=1",
		"https://clinic.example.org/#top",
		"https://clinic.example.org/%zz/",
		"https://clinic.example.org/%4/",
		"https://clinic.example.org/<b>/",
		"https://clinic.example.org/\"/",
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *why = mg_url_check(bad[i]);
		if (!why)
			printf("  accepted %s\n", bad[i]);
		CHECK(why != NULL && *why);
	}
	CHECK(strstr(mg_url_check("ftp://x.org/"), "http"));
	CHECK(strstr(mg_url_check("https://x.org/a b"), "space"));
	CHECK(strstr(mg_url_check("https://x.org/?q"), "query"));
}

static void join(const char *base, const char *file, const char *want)
{
	char *got = mg_url_join(base, file);

	CHECK_STR(got, want);
	free(got);
}

static void test_join(void)
{
	/* without a base: relative, for a USB stick or any folder */
	join(NULL, "guide.epub", "guide.epub");
	join(NULL, "catalog.xml", "catalog.xml");
	/* under a base, with or without its closing slash */
	join("https://clinic.example.org/guides/", "guide.epub",
	     "https://clinic.example.org/guides/guide.epub");
	join("https://clinic.example.org/guides", "guide.epub",
	     "https://clinic.example.org/guides/guide.epub");
	join("https://clinic.example.org/", "a.pdf", "https://clinic.example.org/a.pdf");
	/* unreserved characters stay; everything else is escaped, UTF-8
	 * byte by byte, so that a file name never breaks out of its link */
	join(NULL, "a-b_c.d~e.epub", "a-b_c.d~e.epub");
	join(NULL, "my guide.epub", "my%20guide.epub");
	join(NULL, "guía.epub", "gu%C3%ADa.epub");
	join(NULL, "a#b?c%d.epub", "a%23b%3Fc%25d.epub");
	join(NULL, "<b>&\"'.epub", "%3Cb%3E%26%22%27.epub");
	join("https://x.org/g/", "niño.pdf", "https://x.org/g/ni%C3%B1o.pdf");
	/* the base itself is the user's, already checked, and kept as it is */
	join("https://x.org/gu%C3%ADas/", "a.epub", "https://x.org/gu%C3%ADas/a.epub");
}

int main(void)
{
	RUN(test_accepted);
	RUN(test_refused);
	RUN(test_join);
	return MGT_DONE();
}
