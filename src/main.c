/* main.c — the command line: `mkguide build|check [options] [GUIDE_DIR ...]`.
 * Parses arguments, finds the guides, and hands them to the build.
 * Exit status: 0 ok, 1 content errors, 2 usage errors. */
#include "core/arena.h"
#include "audio/speech.h"
#include "core/build.h"
#include "pdf/pdf.h"
#include "read/style.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef MG_VERSION
#define MG_VERSION "0.0.0"
#endif

static const char usage_text[] =
	"usage: mkguide build [-o DIR] [-j N] [--epub | --pdf] [--braille] [--audio] [--style NAME] [-q] [GUIDE_DIR ...]\n"
	"       mkguide check [-q] [--format text|json] [GUIDE_DIR ...]\n"
	"       mkguide --help | --version\n";

static const char help_text[] =
	"\n"
	"Turns health guides (a folder with guide.yaml and Markdown chapters) into\n"
	"an EPUB 3 for e-readers and a tagged PDF for printed handouts.\n"
	"\n"
	"commands:\n"
	"  build            write DIR/<slug>.epub and DIR/<slug>.pdf for each guide\n"
	"  check            read and validate the guides, write nothing, and print\n"
	"                   each part's readability on stdout\n"
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
	"      --format F   check's readability report: text (a table) or json\n"
	"  -q, --quiet      print only errors and warnings (and check's report)\n"
	"  -h, --help       show this help\n"
	"  -V, --version    show the version\n"
	"\n"
	"Without GUIDE_DIR, every folder under ./book that holds a guide.yaml.\n"
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
	       OPT_AUDIO };
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "epub", no_argument, NULL, OPT_EPUB },
		{ "pdf", no_argument, NULL, OPT_PDF },
		{ "braille", no_argument, NULL, OPT_BRAILLE },
		{ "audio", no_argument, NULL, OPT_AUDIO },
		{ "style", required_argument, NULL, OPT_STYLE },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	mg_build_opts o = { .outdir = "out", .jobs = default_jobs() };
	int only_epub = 0, only_pdf = 0, format_given = 0, c, rc;
	const char *verb;
	char **found = NULL;
	long nfound = 0;

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
	if (strcmp(verb, "build") && strcmp(verb, "check"))
		return usage_error("unknown command '%s'", verb);
	o.check_only = strcmp(verb, "check") == 0;

	opterr = 0;
	optind = 2;
	while ((c = getopt_long(argc, argv, ":o:j:qhV", longopts, NULL)) != -1) {
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
	if (!o.check_only && format_given)
		return usage_error("%s", "--format is an option of 'check'");
	o.epub = !only_pdf;
	o.pdf = !only_epub;

	if (optind < argc) {
		rc = mg_build_run((const char *const *)argv + optind,
				  (size_t)(argc - optind), &o);
		return rc;
	}
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
	rc = mg_build_run((const char *const *)found, (size_t)nfound, &o);
	for (long i = 0; i < nfound; i++)
		free(found[i]);
	free(found);
	return rc;
}
