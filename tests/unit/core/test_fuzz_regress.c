/* test_fuzz_regress.c — replays every input the fuzzers ever found (kept in
 * tests/fuzz/regress/) through the whole pipeline, under the same build as
 * the other unit tests: each must be handled without a crash or a leak. */
#define MG_FUZZ_PIPELINE 1
#include "../../fuzz/fuzz_guide.c"

#include "mgtest.h"

#include <dirent.h>

static int replay(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	uint8_t *buf = malloc(1 << 22);
	size_t n = fread(buf, 1, 1 << 22, f);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, n);
	free(buf);
	return 0;
}

int main(void)
{
	DIR *dir = opendir("tests/fuzz/regress");
	struct dirent *e;
	char path[512];
	if (!dir) {
		printf("not ok - tests/fuzz/regress is missing\n");
		return 1;
	}
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "tests/fuzz/regress/%s", e->d_name);
		mgt_current = path;
		mgt_current_failed = replay(path) != 0;
		printf("%s - replay %s\n", mgt_current_failed ? "not ok" : "ok", path);
		if (mgt_current_failed)
			mgt_failed++;
		else
			mgt_passed++;
	}
	closedir(dir);
	if (fuzz_dir[0]) {
		snprintf(path, sizeof(path), "rm -rf /tmp/mkguide-fuzz-%ld", (long)getpid());
		if (system(path) != 0)
			printf("  could not remove the fuzz folder\n");
	}
	return MGT_DONE();
}
