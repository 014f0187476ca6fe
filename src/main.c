/* main.c — the command line: `mkguide build|check [options] [GUIDE_DIR ...]`
 * and `mkguide index DIR`. Parses arguments, finds the guides (and a shard's
 * part of them), and hands them to the build, then to the catalogue.
 * Exit status: 0 ok, 1 content errors, 2 usage errors. */
#include "core/arena.h"
#include "audio/speech.h"
#include "catalog/catalog.h"
#include "catalog/url.h"
#include "core/build.h"
#include "core/vec.h"
#include "pdf/pdf.h"
#include "read/style.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef MG_VERSION
#define MG_VERSION "0.0.0"
#endif

static const char usage_text[] =
	"usage: mkguide build [-o DIR] [-j N] [--epub | --pdf] [--braille] [--audio] [--style NAME]\n"
	"                     [--base-url URL] [--shard K/N] [-q] [GUIDE_DIR ...]\n"
	"       mkguide check [-q] [--format text|json] [GUIDE_DIR ...]\n"
	"       mkguide index [--base-url URL] DIR\n"
	"       mkguide --help | --version\n";

static const char help_text[] =
	"\n"
	"Turns health guides (a folder with guide.yaml and Markdown chapters) into\n"
	"an EPUB 3 for e-readers and a tagged PDF for printed handouts.\n"
	"\n"
	"commands:\n"
	"  build            write DIR/<slug>.epub and DIR/<slug>.pdf for each guide,\n"
	"                   then the catalogue of DIR (catalog.xml, index.html)\n"
	"  check            read and validate the guides, write nothing, and print\n"
	"                   each part's readability on stdout\n"
	"  index DIR        write DIR's catalogue from the products already in it\n"
	"                   (gathered from builds elsewhere, e.g. shards)\n"
	"\n"
	"options:\n"
	"  -o, --output DIR write the products into DIR (default: ./out)\n"
	"  -j, --jobs N     build N guides at once (default: the number of cores)\n"
	"      --epub       write only the EPUB\n"
	"      --pdf        write only the PDF\n"
	"      --braille    write DIR/<slug>.brf too (braille, liblouis)\n"
	"      --audio      also write DIR/<slug>-audio.epub, read aloud by eSpeak NG\n"
	"                   (EPUB 3 Media Overlays; MKGUIDE_VOICE picks the voice)\n"
	"      --style NAME use styles/NAME for every guide (default, letter, large-print)\n"
	"      --base-url URL  the http(s) address DIR is published at: the catalogue's\n"
	"                   links become absolute, and each handout gets a QR code\n"
	"                   leading to its EPUB\n"
	"      --shard K/N  build only part K of N (1 <= K <= N), chosen by slug,\n"
	"                   to share a catalogue between N machines\n"
	"      --format F   check's readability report: text (a table) or json\n"
	"  -q, --quiet      print only errors and warnings (and check's report)\n"
	"  -h, --help       show this help\n"
	"  -V, --version    show the version\n"
	"\n"
	"Without GUIDE_DIR, every folder under ./book that holds a guide.yaml; a\n"
	"GUIDE_DIR without a guide.yaml stands for the guides inside it.\n"
	"Exit status: 0 success, 1 a guide has errors, 2 usage error.\n"
	"\n"
	"environment:\n"
	"  SOURCE_DATE_EPOCH  the products' date (default: the guide's date)\n";

static int usage_error(const char *fmt, const char *arg)
{
	fputs("mkguide: error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fputs(usage_text, stderr);
	return 2;
}

static int usage_error_url(const char *url, const char *why)
{
	fprintf(stderr, "mkguide: error: --base-url '%s' %s\n", url, why);
	fputs(usage_text, stderr);
	return 2;
}

/* "K/N" with 1 <= K <= N <= 100000, digits only. */
static int parse_shard(const char *s, unsigned *k, unsigned *n)
{
	char *end;
	unsigned long a, b;

	if (*s < '0' || *s > '9')
		return -1;
	a = strtoul(s, &end, 10);
	if (*end != '/' || end[1] < '0' || end[1] > '9')
		return -1;
	b = strtoul(end + 1, &end, 10);
	if (*end || a < 1 || b < 1 || a > b || b > 100000)
		return -1;
	*k = (unsigned)a;
	*n = (unsigned)b;
	return 0;
}

static int parse_jobs(const char *s, int *jobs)
{
	char *end;
	long n = strtol(s, &end, 10);
	if (end == s || *end || n < 1 || n > 1024)
		return -1;
	*jobs = (int)n;
	return 0;
}

static int default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

static int is_file(const char *dir, const char *name)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void push_dir(mg_vec *dirs, char *dir)
{
	*(char **)mg_vec_push(dirs) = dir;
}

/* The guides the operands stand for, into dirs (malloc'd strings): each
 * folder with a guide.yaml, the guides inside a folder without one, and
 * without operands those under ./book. An operand that is neither stays,
 * for the build to report. 0, or the exit status after a message. */
static int find_guides(int n, char **operands, mg_vec *dirs)
{
	char **found;
	long nfound;

	if (n == 0) {
		nfound = mg_build_find_guides("book", &found);
		if (nfound < 0) {
			fprintf(stderr, "mkguide: error: no GUIDE_DIR given and no ./book folder here\n");
			return 2;
		}
		if (nfound == 0) {
			fprintf(stderr, "mkguide: error: no folder under ./book holds a guide.yaml\n");
			free(found);
			return 1;
		}
		for (long i = 0; i < nfound; i++)
			push_dir(dirs, found[i]);
		free(found);
		return 0;
	}
	for (int i = 0; i < n; i++) {
		char *dir = mg_xstrdup(operands[i]);
		size_t len = strlen(dir);
		while (len > 1 && dir[len - 1] == '/')
			dir[--len] = '\0';
		if (is_file(dir, "guide.yaml")) {
			push_dir(dirs, dir);
			continue;
		}
		nfound = mg_build_find_guides(dir, &found);
		if (nfound <= 0) {
			free(found);
			push_dir(dirs, dir);
			continue;
		}
		for (long j = 0; j < nfound; j++)
			push_dir(dirs, found[j]);
		free(found);
		free(dir);
	}
	return 0;
}

/* Drops from dirs the guides outside the shard's part. */
static void keep_shard(mg_vec *dirs, const mg_build_opts *o)
{
	char **d = dirs->items;
	size_t kept = 0, all = dirs->len;

	for (size_t i = 0; i < all; i++) {
		if (mg_build_shard_of(d[i], o->shard_n) == o->shard_k)
			d[kept++] = d[i];
		else
			free(d[i]);
	}
	dirs->len = kept;
	if (!o->quiet)
		fprintf(stderr, "shard %u/%u: %zu of %zu guide%s\n", o->shard_k,
			o->shard_n, kept, all, all == 1 ? "" : "s");
}

/* The catalogue of dir after a build or for index: the exit status, rc or
 * 1 when it could not be written. */
static int write_catalog(const char *dir, const mg_build_opts *o,
			 mg_catalog_when when, int rc)
{
	mg_diag d;
	int written;

	mg_diag_init(&d);
	written = mg_catalog_write(dir, o->base_url, when, &d);
	if (written < 0)
		rc = 1;
	else if (written == 0 && !o->quiet)
		fprintf(stderr, "catalogue: %s/catalog.xml, %s/index.html\n", dir, dir);
	mg_diag_print(&d, stderr);
	mg_diag_release(&d);
	return rc;
}

/* mkguide index [--base-url URL] DIR */
static int run_index(int n, char **operands, const mg_build_opts *o)
{
	struct stat st;

	if (n != 1)
		return usage_error("%s", "index takes one folder");
	if (stat(operands[0], &st) < 0 || !S_ISDIR(st.st_mode))
		return usage_error("'%s' is not a folder", operands[0]);
	return write_catalog(operands[0], o, MG_CATALOG_ALWAYS, 0);
}

static int run(int argc, char **argv);

int main(int argc, char **argv)
{
	/* the build's speech child (audio/speech.h), not for people */
	if (argc >= 2 && strcmp(argv[1], "__speak") == 0)
		return mg_speech_child(argc, argv);
	int rc = run(argc, argv);
	mg_pdf_shutdown();
	return rc;
}

static int run(int argc, char **argv)
{
	enum { OPT_EPUB = 256, OPT_PDF, OPT_STYLE, OPT_FORMAT, OPT_BRAILLE,
	       OPT_AUDIO, OPT_BASE_URL, OPT_SHARD };
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "epub", no_argument, NULL, OPT_EPUB },
		{ "pdf", no_argument, NULL, OPT_PDF },
		{ "braille", no_argument, NULL, OPT_BRAILLE },
		{ "audio", no_argument, NULL, OPT_AUDIO },
		{ "style", required_argument, NULL, OPT_STYLE },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "base-url", required_argument, NULL, OPT_BASE_URL },
		{ "shard", required_argument, NULL, OPT_SHARD },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	mg_build_opts o = { .outdir = "out", .jobs = default_jobs() };
	int only_epub = 0, only_pdf = 0, format_given = 0, index = 0, c, rc;
	const char *verb, *why;
	mg_vec dirs;

	if (argc < 2)
		return usage_error("%s", "no command given");
	verb = argv[1];
	if (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0) {
		fputs(usage_text, stdout);
		fputs(help_text, stdout);
		return 0;
	}
	if (strcmp(verb, "--version") == 0 || strcmp(verb, "-V") == 0) {
		printf("mkguide %s\n", MG_VERSION);
		return 0;
	}
	if (strcmp(verb, "build") && strcmp(verb, "check") && strcmp(verb, "index"))
		return usage_error("unknown command '%s'", verb);
	o.check_only = strcmp(verb, "check") == 0;
	index = strcmp(verb, "index") == 0;

	opterr = 0;
	optind = 2;
	while ((c = getopt_long(argc, argv, ":o:j:qhV", longopts, NULL)) != -1) {
		if (index && c != OPT_BASE_URL && c != 'q' && c != 'h' &&
		    c != 'V' && c != ':' && c != '?')
			return usage_error("%s", "index takes only --base-url and -q");
		switch (c) {
		case 'o':
			if (!*optarg)
				return usage_error("%s", "-o needs a folder");
			o.outdir = optarg;
			break;
		case 'j':
			if (parse_jobs(optarg, &o.jobs) < 0)
				return usage_error("-j takes a number from 1 to 1024, not '%s'", optarg);
			break;
		case OPT_EPUB:
			only_epub = 1;
			break;
		case OPT_PDF:
			only_pdf = 1;
			break;
		case OPT_BRAILLE:
			o.braille = 1;
			break;
		case OPT_AUDIO:
			o.audio = 1;
			break;
		case OPT_STYLE:
			if (!mg_style_name_ok(optarg))
				return usage_error("'%s' is not a style name", optarg);
			o.style = optarg;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") == 0)
				o.format = MG_FORMAT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o.format = MG_FORMAT_JSON;
			else
				return usage_error("--format takes text or json, not '%s'", optarg);
			format_given = 1;
			break;
		case OPT_BASE_URL:
			why = mg_url_check(optarg);
			if (why)
				return usage_error_url(optarg, why);
			o.base_url = optarg;
			break;
		case OPT_SHARD:
			if (parse_shard(optarg, &o.shard_k, &o.shard_n) < 0)
				return usage_error("--shard takes K/N with 1 <= K <= N, not '%s'", optarg);
			break;
		case 'q':
			o.quiet = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			return 0;
		case 'V':
			printf("mkguide %s\n", MG_VERSION);
			return 0;
		case ':':
			return usage_error("option '%s' needs a value", argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (index)
		return run_index(argc - optind, argv + optind, &o);
	if (only_epub && only_pdf)
		return usage_error("%s", "--epub and --pdf cannot be used together");
	if (o.check_only && (only_epub || only_pdf))
		return usage_error("%s", "--epub and --pdf are options of 'build'");
	if (o.check_only && o.braille)
		return usage_error("%s", "--braille is an option of 'build'");
	if (o.audio && only_pdf)
		return usage_error("%s", "--audio makes an EPUB: it cannot be used with --pdf alone");
	if (o.check_only && o.audio)
		return usage_error("%s", "--audio is an option of 'build'");
	if (o.check_only && (o.base_url || o.shard_n))
		return usage_error("%s", "--base-url and --shard are options of 'build'");
	if (!o.check_only && format_given)
		return usage_error("%s", "--format is an option of 'check'");
	o.epub = !only_pdf;
	o.pdf = !only_epub;

	mg_vec_init(&dirs, sizeof(char *));
	rc = find_guides(argc - optind, argv + optind, &dirs);
	if (rc == 0 && o.shard_n)
		keep_shard(&dirs, &o);
	if (rc == 0)
		rc = mg_build_run((const char *const *)dirs.items, dirs.len, &o);
	if (rc != 2 && !o.check_only)
		rc = write_catalog(o.outdir, &o, MG_CATALOG_AFTER_BUILD, rc);
	for (size_t i = 0; i < dirs.len; i++)
		free(((char **)dirs.items)[i]);
	mg_vec_release(&dirs);
	return rc;
}
