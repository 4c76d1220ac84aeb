# initlab - build, test, bench, install.
#
#   make            static and shared library in build/
#   make deps       install the Debian packages the project needs
#   make test       every test (C, C under ASan+UBSan, ...); last line N passed, M failed
#   make demo       the zero vs random vs He lesson (lesson 2)
#   make notebooks  every Octave lesson as an HTML page, in build/notebooks
#   make fuzz       the libFuzzer harnesses for FUZZ_SECONDS each (tests/fuzz/)
#   make bench      benchmarks, printed as ratios measured in one run
#   make install    library, header, pkg-config file and Lua module under PREFIX
#
# The engine is compiled once, with the flags below, into the one library
# every front end links: -ffp-contract=off keeps gcc from fusing a + x*y into
# an FMA, which would change the last bits and break parity between callers.

PREFIX  ?= /usr/local
SANITIZE ?=
BUILD   ?= build

ENGINE_FLAGS = -std=c11 -O3 -g -ffp-contract=off -fno-math-errno -fPIC
WARN_FLAGS   = -Wall -Wextra -Wpedantic
ifeq ($(SANITIZE),1)
override BUILD := $(BUILD)/san
SAN_FLAGS    = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
endif
CFLAGS_ALL = $(ENGINE_FLAGS) $(WARN_FLAGS) $(SAN_FLAGS) $(CFLAGS)
BLAS_LIBS ?= -lblas
# OpenBLAS picks its kernels by the CPU's model number and falls back to its
# slowest ones (Prescott's, SSE3) on a model it does not know, as it does on
# these virtual machines' "Intel Xeon Processor": dgemm then runs at a
# quarter of its speed.  Naming the kernels by the instruction set the CPU
# has puts every make target (tests, lessons, demo, bench) on the fast ones;
# an OPENBLAS_CORETYPE already set is left as it is.
ifeq ($(origin OPENBLAS_CORETYPE),undefined)
OPENBLAS_CORETYPE := $(shell grep -qw avx512f /proc/cpuinfo 2>/dev/null && echo SkylakeX || \
                       { grep -qw avx2 /proc/cpuinfo 2>/dev/null && echo Haswell; })
endif
ifneq ($(OPENBLAS_CORETYPE),)
export OPENBLAS_CORETYPE
endif
# LAPACK (through LAPACKE) computes the Jacobians' singular values.
LAPACK_LIBS ?= -llapacke
LIBS = $(LAPACK_LIBS) $(BLAS_LIBS) -lm

ENGINE_SRC  = $(wildcard src/*.c)
# src/report.html, the run report's page, is compiled in as a C array that
# tools/embed-text (sh + od) writes into the build folder.
ENGINE_OBJ  = $(ENGINE_SRC:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/report_html.o
ENGINE_HDR  = src/initlab.h src/internal.h
LIB_A       = $(BUILD)/libinitlab.a
LIB_SO      = $(BUILD)/libinitlab.so
C_TESTS     = $(patsubst tests/c/%.c,$(BUILD)/tests/%,$(wildcard tests/c/test_*.c))
EXAMPLES_C  = $(patsubst examples/c/%.c,$(BUILD)/examples/%,$(wildcard examples/c/*.c))
BENCH_C     = $(patsubst bench/%.c,$(BUILD)/bench/%,$(wildcard bench/*.c))

# The libFuzzer harnesses (tests/fuzz/): the engine again, compiled by clang
# with coverage and ASan+UBSan, in its own build directory.
FUZZ_CC      ?= clang
FUZZ_DIR      = build/fuzz
FUZZ_FLAGS    = -std=c11 -ffp-contract=off -g -O1 -fno-omit-frame-pointer \
                -fsanitize=address,undefined -fno-sanitize-recover=all $(WARN_FLAGS)
FUZZ_OBJ      = $(ENGINE_SRC:src/%.c=$(FUZZ_DIR)/obj/%.o) $(FUZZ_DIR)/obj/report_html.o
FUZZ_NAMES    = api options command
FUZZ_BINS     = $(FUZZ_NAMES:%=$(FUZZ_DIR)/fuzz_%)
FUZZ_SECONDS ?= 60

# Octave: one MEX gateway linking the same engine library.
MKOCTFILE ?= mkoctfile
OCT_DIR    = $(BUILD)/octave
OCT_MEX    = $(OCT_DIR)/__initlab__.mex
OCTAVE     = sh tools/octave-run

# Lua: the C module initlab.core, and lua/initlab.lua on top.
LUA_INC   ?= /usr/include/lua5.4
LUA_DIR    = $(BUILD)/lua
LUA_CORE   = $(LUA_DIR)/initlab/core.so
LUA_ENV    = LUA_PATH="$(CURDIR)/lua/?.lua;;" LUA_CPATH="$(abspath $(LUA_DIR))/?.so;;"

.PHONY: all lib lua deps test test-build test-browser test-c test-fuzz fuzz test-numpy test-lessons test-notebooks notebooks test-lua test-lua-leaks test-octave test-parity test-conformance test-docs docs test-interrupt test-package octave-pkg octave demo demo-c bench install clean
.DELETE_ON_ERROR:

all: lib
lib: $(LIB_A) $(LIB_SO)

$(BUILD)/obj/%.o: src/%.c $(ENGINE_HDR)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

ifeq ($(SANITIZE),1)
# pass.c's kernel tiles, one inlined copy per shape and instruction set,
# take GCC 100 s to instrument at -O3 and 10 s at -O1; the checks are the same.
$(BUILD)/obj/pass.o: CFLAGS_ALL += -O1
endif

$(BUILD)/gen/report_html.c $(FUZZ_DIR)/gen/report_html.c: src/report.html tools/embed-text
	@mkdir -p $(@D)
	sh tools/embed-text il_report_template src/report.html > $@

$(BUILD)/obj/report_html.o: $(BUILD)/gen/report_html.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(LIB_A): $(ENGINE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(LIB_SO): $(ENGINE_OBJ)
	$(CC) $(CFLAGS_ALL) -shared -Wl,-Bsymbolic -Wl,-soname,libinitlab.so.0 -o $@ $^ $(LIBS)

$(BUILD)/tests/%: tests/c/%.c tests/c/check.h tests/c/values.h $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Isrc $< $(LIB_A) $(LIBS) $(TEST_LDFLAGS) -o $@

# test_alloc counts the engine's allocations through the linker.
$(BUILD)/tests/test_alloc: TEST_LDFLAGS = -Wl,--wrap=malloc -Wl,--wrap=calloc -Wl,--wrap=realloc

$(BUILD)/examples/%: examples/c/%.c $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Isrc $< $(LIB_A) $(LIBS) -o $@

$(BUILD)/bench/%: bench/%.c bench/common.h $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -D_POSIX_C_SOURCE=200809L -Isrc $< $(LIB_A) $(LIBS) -o $@

$(FUZZ_DIR)/obj/%.o: src/%.c $(ENGINE_HDR)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/obj/report_html.o: $(FUZZ_DIR)/gen/report_html.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_BINS): $(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -Isrc $< $(FUZZ_OBJ) $(LIBS) -o $@

# Replays the seed corpus and every input that ever crashed a harness.
test-fuzz: $(FUZZ_BINS)
	@sh tests/fuzz/replay.sh $(FUZZ_DIR) $(FUZZ_NAMES)

# Fuzzes each harness for FUZZ_SECONDS (make fuzz FUZZ_SECONDS=600).
fuzz: $(FUZZ_BINS)
	@sh tests/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_NAMES)

octave: $(OCT_MEX)

lua: $(LUA_CORE)

LUA_C = lua/initlab_core.c lua/matrix.c

$(LUA_CORE): $(LUA_C) lua/lua_core.h src/initlab.h $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -shared -Wl,-Bsymbolic -I$(LUA_INC) -Isrc $(LUA_C) $(LIB_A) $(LIBS) -o $@

# The gateway is also il_forward.mex, beside a copy of il_forward.m (its
# help and tests: Octave reads a MEX file's help from the .m in its folder),
# so that a tiny forward pass does not pay for an .m layer; and beside both
# il_forward.oct, which Octave takes first: the plain calls without the MEX
# interface's conversions (octave/il_forward.cc says why), the help that
# of the .m, embedded.
$(OCT_MEX): octave/__initlab__.c octave/il_forward.m octave/il_forward.cc \
            src/initlab.h tools/embed-text $(LIB_A)
	@mkdir -p $(@D)
	CFLAGS="$(ENGINE_FLAGS) $(WARN_FLAGS)" $(MKOCTFILE) --mex -DIL_OCTAVE -Isrc \
	    $< $(LIB_A) $(LIBS) -o $@
	cp $@ $(@D)/il_forward.mex
	cp octave/il_forward.m $(@D)/il_forward.m
	sed -n '/^function/q; s/^%//p' octave/il_forward.m > $(@D)/il_forward_help.txt
	sh tools/embed-text il_forward_help $(@D)/il_forward_help.txt > $(@D)/il_forward_help.c
	CFLAGS="$(ENGINE_FLAGS)" CXXFLAGS="-O2 -ffp-contract=off" $(MKOCTFILE) -Isrc \
	    octave/il_forward.cc $(@D)/il_forward_help.c $(LIB_A) $(LIBS) -o $(@D)/il_forward.oct
	rm -f $(@D)/il_forward.o $(@D)/il_forward_help.o il_forward.o il_forward_help.o

$(BUILD)/tests/parity_experiment: tests/parity/experiment.c $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Isrc $< $(LIB_A) $(LIBS) -o $@

$(BUILD)/tests/numpy_reproduce: tests/numpy/reproduce.c $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Isrc $< $(LIB_A) $(LIBS) -o $@

# The numpy stream against NumPy itself (Debian's python3-numpy: the
# system python3, not one a version manager puts first on PATH).
NUMPY_PYTHON ?= /usr/bin/python3

test-numpy: $(BUILD)/tests/numpy_reproduce
	@cd tests/numpy && $(NUMPY_PYTHON) compare.py $(abspath $(BUILD)/tests/numpy_reproduce)

test-parity: $(BUILD)/tests/parity_experiment $(OCT_MEX) $(LUA_CORE)
	@sh tests/parity/run.sh $(BUILD)

# One table of option cases (tests/conformance/cases.py) through Octave and
# Lua: records bit for bit, errors by identifier.
test-conformance: $(OCT_MEX) $(LUA_CORE)
	@/usr/bin/python3 tests/conformance/run.py $(BUILD)

test-octave: $(OCT_MEX)
	@$(OCTAVE) "addpath('$(abspath $(OCT_DIR))', '$(CURDIR)/octave'); \
	    run('$(CURDIR)/tests/octave/run_tests.m')"

# An Octave package: pkg install build/initlab-VERSION.tar.gz
VERSION := $(shell sed -n 's/^\#define IL_VERSION "\(.*\)"/\1/p' src/initlab.h)
OCT_PKG  = $(BUILD)/initlab-$(VERSION).tar.gz

octave-pkg: $(OCT_PKG)

$(OCT_PKG): $(ENGINE_SRC) $(ENGINE_HDR) octave/__initlab__.c octave/il_forward.cc \
            $(wildcard octave/*.m) octave/pkg/DESCRIPTION.in octave/pkg/INDEX \
            octave/pkg/Makefile.src COPYING $(BUILD)/gen/report_html.c tools/embed-text
	@rm -rf $(BUILD)/pkg && mkdir -p $(BUILD)/pkg/initlab/inst $(BUILD)/pkg/initlab/src/engine
	sed 's/@VERSION@/$(VERSION)/' octave/pkg/DESCRIPTION.in > $(BUILD)/pkg/initlab/DESCRIPTION
	cp octave/pkg/INDEX COPYING $(BUILD)/pkg/initlab/
	cp octave/il_*.m octave/__il_*.m $(BUILD)/pkg/initlab/inst/
	cp octave/__initlab__.c octave/il_forward.cc $(BUILD)/pkg/initlab/src/
	sed -n '/^function/q; s/^%//p' octave/il_forward.m > $(BUILD)/pkg/il_forward_help.txt
	sh tools/embed-text il_forward_help $(BUILD)/pkg/il_forward_help.txt \
	    > $(BUILD)/pkg/initlab/src/il_forward_help.c
	cp octave/pkg/Makefile.src $(BUILD)/pkg/initlab/src/Makefile
	cp $(ENGINE_SRC) $(ENGINE_HDR) $(BUILD)/gen/report_html.c $(BUILD)/pkg/initlab/src/engine/
	tar -C $(BUILD)/pkg -czf $@ initlab

test-package: $(OCT_PKG) $(BUILD)/tests/parity_experiment
	@sh tests/octave/package.sh $(OCT_PKG)

test-lua: $(LUA_CORE)
	@sh tests/lua/run.sh $(BUILD)

# The run report in headless Chromium (tests/browser/): make deps installs
# chromium, node and playwright-core (into build/node).
test-browser: $(LUA_CORE)
	@sh tests/browser/run.sh $(BUILD)

test-lua-leaks: $(LUA_CORE)
	@sh tests/lua/leaks.sh $(BUILD)

test-interrupt: $(OCT_MEX)
	@sh tests/octave/interrupt.sh $(BUILD)

deps:
	@sh tools/install-deps

# The C tests of one build; tests/run-all.sh calls this for each build.
test-c: $(C_TESTS)
	@sh tests/run-c.sh $(C_TESTS)

# The README's option reference, printed from the engine's own tables.
$(BUILD)/tools/options_md: tools/options_md.c src/initlab.h $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Isrc $< $(LIB_A) $(LIBS) -o $@

docs: $(BUILD)/tools/options_md
	@sh tools/readme-options $(BUILD)/tools/options_md README.md write

test-docs: $(BUILD)/tools/options_md
	@sh tools/readme-options $(BUILD)/tools/options_md README.md check

test: deps
	@sh tests/run-all.sh

# What the suites share, built once before they run side by side.
test-build: $(C_TESTS) $(OCT_MEX) $(LUA_CORE) $(EXAMPLES_C) $(OCT_PKG) \
            $(BUILD)/tests/numpy_reproduce $(BUILD)/tests/parity_experiment \
            $(BUILD)/tools/options_md

# The lessons as tests: every claim each prints, in Octave and in Lua.
test-lessons: $(OCT_MEX) $(LUA_CORE) $(EXAMPLES_C)
	@sh tests/lessons/run.sh $(BUILD)

test-notebooks: $(OCT_MEX)
	@sh tests/lessons/notebooks.sh $(BUILD)

# The Octave lessons as HTML pages with their figures, in build/notebooks.
NOTEBOOKS = $(patsubst examples/octave/%.m,$(BUILD)/notebooks/%.html,$(wildcard examples/octave/lesson[0-9]*.m))

notebooks: deps $(OCT_MEX) $(NOTEBOOKS)
	@sh tools/notebook-index $(BUILD)/notebooks $(wildcard examples/octave/lesson[0-9]*.m)
	@echo "lessons published: $(BUILD)/notebooks/index.html"

$(BUILD)/notebooks/%.html: examples/octave/%.m $(OCT_MEX) $(wildcard octave/*.m) $(wildcard examples/octave/lesson_*.m)
	@echo "publishing $<"
	@sh tools/publish-lesson $< $(@D) $(OCT_DIR)
	@! grep -q 'not ok - ' $@ || { echo "$@: a claim does not hold"; grep -o 'not ok - [^<]*' $@; exit 1; }

# The lesson, in Octave; its figures go to build/figures.
demo: deps $(OCT_MEX)
	@mkdir -p $(BUILD)/figures
	@IL_FIGURES=$(abspath $(BUILD)/figures) $(OCTAVE) "addpath('$(abspath $(OCT_DIR))', \
	    '$(CURDIR)/octave', '$(CURDIR)/examples/octave'); \
	    lesson2_coursework"

demo-c: $(EXAMPLES_C)
	$(BUILD)/examples/zero_vs_random

bench: deps $(BENCH_C) $(OCT_MEX) $(LUA_CORE)
	@sh bench/run.sh $(BUILD)

install: lib $(LUA_CORE)
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -d $(DESTDIR)$(PREFIX)/lib/lua/5.4/initlab $(DESTDIR)$(PREFIX)/share/lua/5.4/initlab
	install -m 755 $(LUA_CORE) $(DESTDIR)$(PREFIX)/lib/lua/5.4/initlab/core.so
	install -m 644 lua/initlab.lua $(DESTDIR)$(PREFIX)/share/lua/5.4/initlab.lua
	install -m 644 lua/initlab/*.lua $(DESTDIR)$(PREFIX)/share/lua/5.4/initlab/
	install -m 644 $(LIB_A) $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(LIB_SO) $(DESTDIR)$(PREFIX)/lib/libinitlab.so.0
	ln -sf libinitlab.so.0 $(DESTDIR)$(PREFIX)/lib/libinitlab.so
	install -m 644 src/initlab.h $(DESTDIR)$(PREFIX)/include/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(shell sed -n 's/^#define IL_VERSION "\(.*\)"/\1/p' src/initlab.h)|' \
	    -e 's|@BLAS_LIBS@|$(BLAS_LIBS)|' -e 's|@LAPACK_LIBS@|$(LAPACK_LIBS)|' tools/initlab.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/initlab.pc

clean:
	rm -rf build
