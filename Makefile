# mkguide — build, test, install. `make` builds ./mkguide; `make test` runs
# every test; `make guide` builds the bundled guide into out/; `make deps`
# installs the missing Debian packages.

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  := $(PREFIX)/bin
DATADIR := $(PREFIX)/share/mkguide

CC      ?= cc
PKGS    := libcmark-gfm yaml-0.1 fontconfig uuid libxml-2.0 zlib libzip libpng liblouis lame
# libespeak-ng is only compiled against: the speech child dlopens it
# (src/audio/speech.c), so it adds nothing to a build's start.
DL_PKGS := espeak-ng
VERSION := 0.1.0

BIN     := mkguide
ifeq ($(SANITIZE),1)
BIN     := mkguide-asan
endif
ifeq ($(SANITIZE),thread)
BIN     := mkguide-tsan
endif

CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wno-unused-parameter \
           -DMG_VERSION='"$(VERSION)"' -DMG_DATADIR='"$(DATADIR)"' -iquote src
OWN_LIBS := -lhpdf -lhyphen -lpthread -lm

ifeq ($(SANITIZE),1)
BUILD   := build/asan
CFLAGS  += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
else ifeq ($(SANITIZE),thread)
BUILD   := build/tsan
CFLAGS  += -O1 -fsanitize=thread -fno-omit-frame-pointer
LDFLAGS += -fsanitize=thread
else
BUILD   := build/rel
endif

# pkg-config is asked only when it knows every package, so that `make deps`
# (which installs them) can run on a machine that has none yet. libharu and
# libhyphen have no .pc file in Debian.
HAVE_PKGS := $(shell pkg-config --exists $(PKGS) $(DL_PKGS) 2>/dev/null && echo yes)
ifeq ($(HAVE_PKGS),yes)
CFLAGS  += $(shell pkg-config --cflags $(PKGS) $(DL_PKGS))
LDLIBS  := $(shell pkg-config --libs $(PKGS)) $(OWN_LIBS)
endif

# One folder per stage of the pipeline (docs/internals.md).
SRC      := $(wildcard src/*.c src/*/*.c)
HDR      := $(wildcard src/*.h src/*/*.h)
LIB_OBJ  := $(patsubst src/%.c,$(BUILD)/%.o,$(filter-out src/main.c,$(SRC)))
MAIN_OBJ := $(BUILD)/main.o
# tests/unit/<stage>/test_*.c mirrors src/<stage>/.
UNIT_SRC := $(wildcard tests/unit/*/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))

.PHONY: all deps deps-check test unit-tests clean install guide bench fuzz

all: deps-check $(BIN)

$(BIN): $(LIB_OBJ) $(MAIN_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: src/%.c $(HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/mgtest.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -iquote tests/unit -o $@ $< $(LIB_OBJ) $(LDFLAGS) $(LDLIBS)

# style.c has the data folder built in: a new PREFIX rebuilds it.
DATADIR_STAMP := $(BUILD)/datadir$(subst /,_,$(DATADIR))
$(BUILD)/read/style.o: $(DATADIR_STAMP)
$(DATADIR_STAMP):
	@mkdir -p $(BUILD)
	rm -f $(BUILD)/datadir_*
	touch $@

unit-tests: $(UNIT_BIN)

# The README's first command: build mkguide and the bundled guide into out/.
guide:
	@tests/deps.sh build
	$(MAKE) all
	./$(BIN) build -o out

# The README's second command: every test; the last line is "N passed, N failed".
test: deps
	$(MAKE) all unit-tests
	$(MAKE) SANITIZE=1 all unit-tests
	$(MAKE) SANITIZE=thread all
	tests/run.sh

bench: deps
	$(MAKE) all
	tests/bench.sh $(if $(AGAINST),--against $(AGAINST))

deps:
	@tests/deps.sh

# Fails early, with the command that fixes it, when libraries are missing.
deps-check:
	@test "$(HAVE_PKGS)" = yes || { echo "mkguide: missing libraries; run 'make deps' (as root) first" >&2; exit 1; }

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/styles
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/mkguide
	cp -R styles/. $(DESTDIR)$(DATADIR)/styles/

clean:
	rm -rf build mkguide mkguide-asan mkguide-tsan out

# Fuzzing (clang + libFuzzer): `make fuzz FUZZ_SECONDS=600` runs each harness
# for that long; new crashers land in build/fuzz/ and belong in tests/fuzz/regress/.
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
               -std=c11 -D_GNU_SOURCE -iquote src $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
FUZZ_SRC := $(filter-out src/main.c,$(SRC))

build/fuzz/fuzz_source: tests/fuzz/fuzz_guide.c $(FUZZ_SRC) $(HDR)
	mkdir -p build/fuzz
	clang $(FUZZ_CFLAGS) -o $@ tests/fuzz/fuzz_guide.c $(FUZZ_SRC) $(LDLIBS)

build/fuzz/fuzz_pipeline: tests/fuzz/fuzz_guide.c $(FUZZ_SRC) $(HDR)
	mkdir -p build/fuzz
	clang $(FUZZ_CFLAGS) -DMG_FUZZ_PIPELINE -o $@ tests/fuzz/fuzz_guide.c $(FUZZ_SRC) $(LDLIBS)

build/fuzz/fuzz_ttf: tests/fuzz/fuzz_ttf.c src/pdf/ttf.c src/core/arena.c src/pdf/ttf.h src/core/arena.h
	mkdir -p build/fuzz
	clang $(FUZZ_CFLAGS) -o $@ tests/fuzz/fuzz_ttf.c src/pdf/ttf.c src/core/arena.c

fuzz: deps build/fuzz/fuzz_source build/fuzz/fuzz_pipeline build/fuzz/fuzz_ttf
	tests/fuzz/run.sh $(FUZZ_SECONDS)
