/* fuzz_guide.c — libFuzzer harness: one input is one guide folder.
 * The input is split at the first line "@@" into guide.yaml and a chapter;
 * without that line a fixed valid guide.yaml is used and the whole input is
 * the chapter. MG_FUZZ_PIPELINE also makes the EPUB and the PDF (in memory),
 * so the writers are fuzzed too. */
#include "core/diag.h"
#include "core/vec.h"
#include "epub/epub.h"
#include "model/guide.h"
#include "pdf/pdf.h"
#include "read/source.h"
#include "read/style.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char default_yaml[] =
	"title: Fuzz\nlanguage: en\nchapters: [ch.md]\nfaq: faq.md\n"
	"disclaimer: disclaimer.md\n";

/* The harness's folder; created once per process (harness state only). */
static char fuzz_dir[64];

static int write_file(const char *name, const uint8_t *data, size_t size)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/%s", fuzz_dir, name);
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	if (size)
		fwrite(data, 1, size, f);
	fclose(f);
	return 0;
}

static void make_dir(void)
{
	if (fuzz_dir[0])
		return;
	snprintf(fuzz_dir, sizeof(fuzz_dir), "/tmp/mkguide-fuzz-%ld/guide",
		 (long)getpid());
	char parent[64];
	snprintf(parent, sizeof(parent), "/tmp/mkguide-fuzz-%ld", (long)getpid());
	mkdir(parent, 0700);
	mkdir(fuzz_dir, 0700);
	write_file("faq.md", (const uint8_t *)"## Why?\n\nBecause.\n", 18);
	write_file("disclaimer.md", (const uint8_t *)"Not advice.\n", 12);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *sep = NULL;
	mg_diag d;

	make_dir();
	for (size_t i = 0; i + 4 <= size; i++)
		if (memcmp(data + i, "\n@@\n", 4) == 0) {
			sep = data + i;
			break;
		}
	if (sep) {
		write_file("guide.yaml", data, (size_t)(sep - data));
		write_file("ch.md", sep + 4, size - (size_t)(sep - data) - 4);
	} else {
		write_file("guide.yaml", (const uint8_t *)default_yaml,
			   sizeof(default_yaml) - 1);
		write_file("ch.md", data, size);
	}
	mg_diag_init(&d);
	mg_guide *g = mg_source_read(fuzz_dir, &d);
#ifdef MG_FUZZ_PIPELINE
	if (g) {
		mg_bytes out = { NULL, 0 };
		mg_style *s = mg_style_load("default", &d);
		if (s) {
			mg_epub_write(g, s, &out, &d);
			mg_bytes_release(&out);
			mg_pdf_write(g, s, NULL, NULL, NULL, &out, &d);
			mg_bytes_release(&out);
		}
		mg_style_free(s);
	}
#endif
	mg_guide_free(g);
	mg_diag_release(&d);
	return 0;
}
