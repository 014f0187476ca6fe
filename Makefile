# mkguide — build, test, install. `make` builds ./mkguide and its EPUB module;
# `make test` runs every test; `make deps` installs the missing Debian packages.

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  := $(PREFIX)/bin
DATADIR := $(PREFIX)/share/mkguide
LIBDIR  := $(PREFIX)/lib/mkguide

CC      ?= cc
# The binary's libraries, and the EPUB module's (see src/module.h).
MAIN_PKGS := libcmark-gfm yaml-0.1 fontconfig uuid libxml-2.0 zlib
EPUB_PKGS := libzip
PKGS    := $(MAIN_PKGS) $(EPUB_PKGS)
VERSION := 0.1.0

BIN     := mkguide
ifeq ($(SANITIZE),1)
BIN     := mkguide-asan
endif
ifeq ($(SANITIZE),thread)
BIN     := mkguide-tsan
endif
MODULE  := $(BIN)-epub.so

CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wno-unused-parameter \
           -DMG_VERSION='"$(VERSION)"' -DMG_DATADIR='"$(DATADIR)"' \
           -DMG_LIBDIR='"$(LIBDIR)"' -DMG_MODULE_FILE='"$(MODULE)"'
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
# (which installs them) can run on a machine that has none yet.
HAVE_PKGS := $(shell pkg-config --exists $(PKGS) 2>/dev/null && echo yes)
ifeq ($(HAVE_PKGS),yes)
CFLAGS    += $(shell pkg-config --cflags $(PKGS))
MAIN_LIBS := $(shell pkg-config --libs $(MAIN_PKGS)) $(OWN_LIBS) -ldl
EPUB_LIBS := $(shell pkg-config --libs $(EPUB_PKGS)) -lpthread
LDLIBS    := $(shell pkg-config --libs $(PKGS)) $(OWN_LIBS) -ldl
endif

# A release build links the libraries Debian has archives of into the binary
# (STATIC=0: not): the dynamic loader then maps 5 libraries instead of 20,
# 0.5 to 1 ms less at every start, and libxml2, ICU and libstdc++ cost the
# loader no symbol lookup (they took a worker 2 ms to load shared). ICU's
# data, 31 MB, is most of the binary's size; it is never read (every
# document mkguide writes is UTF-8), so never paged in. libharu and libzip
# have no static archive in Debian; they and the libraries they need stay
# shared. A security fix to a static one reaches mkguide when it is rebuilt.
STATIC_LIBS := cmark-gfm-extensions cmark-gfm yaml fontconfig freetype expat \
               brotlidec brotlicommon uuid hyphen xml2 icuuc icudata lzma stdc++
STATIC ?= $(if $(SANITIZE),0,1)
ifeq ($(STATIC)$(HAVE_PKGS),1yes)
HAVE_STATIC := $(shell for l in $(STATIC_LIBS); do \
	test -f "$$($(CC) -print-file-name=lib$$l.a)" || exit 0; done; echo yes)
ifeq ($(HAVE_STATIC),yes)
MAIN_LIBS := -static-libgcc -Wl,-Bstatic $(addprefix -l,$(STATIC_LIBS)) \
             -Wl,-Bdynamic -lhpdf -lpng16 -lz -lpthread -lm -ldl
endif
endif
# A change between static and shared linking relinks the binary.
LINK_STAMP := $(BUILD)/link-$(if $(filter yes,$(HAVE_STATIC)),static,shared)

SRC      := $(wildcard src/*.c src/*/*.c)
HDR      := $(wildcard src/*.h src/*/*.h)
LIB_OBJ  := $(patsubst src/%.c,$(BUILD)/%.o,$(filter-out src/main.c,$(SRC)))
MAIN_OBJ := $(BUILD)/main.o
# The EPUB's zip writer lives in the module, with its own copy of the
# arena code it calls (position-independent builds).
EPUB_OBJ := $(BUILD)/epub/epubzip.o
MOD_OBJ  := $(patsubst %,$(BUILD)/pic/%.o,epub/epubzip core/arena core/vec)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))

.PHONY: fuzz all deps deps-check test unit-tests clean install guide bench fuzz

all: deps-check $(BIN) $(MODULE)

$(BIN): $(filter-out $(EPUB_OBJ),$(LIB_OBJ)) $(MAIN_OBJ) $(LINK_STAMP)
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(MAIN_LIBS)

# The loader looks each symbol of the module's libraries up in the order the
# module names them (RTLD_DEEPBIND, src/module.c). OpenSSL, which libzip
# brings, binds thousands of symbols, most to itself: named first (found by
# ldd in a first link), each lookup passes fewer libraries.
MODULE_FIRST := libcrypto

$(MODULE): $(MOD_OBJ)
	printf '{ global: mg_epubzip_write; mg_epubzip_version; local: *; };\n' >$(BUILD)/module.map
	$(CC) -shared $(LDFLAGS) -Wl,--no-undefined -Wl,--version-script=$(BUILD)/module.map \
		-o $@.first $^ $(EPUB_LIBS)
	$(CC) -shared $(LDFLAGS) -Wl,--no-undefined -Wl,--version-script=$(BUILD)/module.map \
		-o $@ $^ -Wl,--push-state,--no-as-needed \
		$$(ldd $@.first | awk '$$1 ~ /^($(MODULE_FIRST))\./ { print $$3 }') \
		-Wl,--pop-state $(EPUB_LIBS)
	rm -f $@.first

$(BUILD)/%.o: src/%.c $(HDR) | $(BUILD)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -iquote src -c -o $@ $<

$(BUILD)/pic/%.o: src/%.c $(HDR) | $(BUILD)/pic
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -iquote src -fPIC -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/mgtest.h $(LIB_OBJ) | $(BUILD)/tests
	$(CC) $(CFLAGS) -iquote src -o $@ $< $(LIB_OBJ) $(LDFLAGS) $(LDLIBS)

# test_heap needs a process whose malloc has not started before main: it
# links heap.o alone (libstdc++, which libxml2 brings, allocates at load).
$(BUILD)/tests/test_heap: tests/unit/test_heap.c tests/unit/mgtest.h $(BUILD)/core/heap.o | $(BUILD)/tests
	$(CC) $(CFLAGS) -iquote src -o $@ $< $(BUILD)/core/heap.o $(LDFLAGS)

$(BUILD) $(BUILD)/tests $(BUILD)/pic:
	mkdir -p $@

$(LINK_STAMP): | $(BUILD)
	rm -f $(BUILD)/link-*
	touch $@

# style.c has the data folder built in: a new PREFIX rebuilds it.
DATADIR_STAMP := $(BUILD)/datadir$(subst /,_,$(DATADIR))
$(BUILD)/read/style.o $(BUILD)/core/module.o: $(DATADIR_STAMP)
$(DATADIR_STAMP): | $(BUILD)
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
	tests/bench.sh

deps:
	@tests/deps.sh

# Fails early, with the command that fixes it, when libraries are missing.
deps-check:
	@test "$(HAVE_PKGS)" = yes || { echo "mkguide: missing libraries; run 'make deps' (as root) first" >&2; exit 1; }

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/styles $(DESTDIR)$(LIBDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/mkguide
	install -m 644 $(MODULE) $(DESTDIR)$(LIBDIR)/mkguide-epub.so
	cp -R styles/. $(DESTDIR)$(DATADIR)/styles/

clean:
	rm -rf build mkguide mkguide-asan mkguide-tsan out \
		mkguide-epub.so mkguide-asan-epub.so mkguide-tsan-epub.so

# Fuzzing (clang + libFuzzer): `make fuzz FUZZ_SECONDS=600` runs each harness
# for that long; new crashers land in build/fuzz/ and belong in tests/fuzz/regress/.
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -std=c11 -D_GNU_SOURCE -iquote src \
               $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
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
