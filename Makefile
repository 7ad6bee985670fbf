# The two commands a newcomer needs:  make demo   and   make test
# Everything else is a step they call. Builds go under build/, the web artefacts under dist/.

SHELL := /bin/bash
APT_PACKAGES := cmake g++ ninja-build nlohmann-json3-dev libfmt-dev doctest-dev emscripten \
                brotli chromium nodejs clang-14 libclang-rt-14-dev
EMCMAKE_FLAGS := -DCMAKE_CROSSCOMPILING_EMULATOR="node;--no-experimental-fetch"
export NODE_PATH := /usr/share/nodejs
CTEST_FLAGS := --output-on-failure -j2

.PHONY: all deps apt npm native wasm web test test-native test-wasm test-js test-browser demo clean \
        test-asan fuzz fuzz-build test-fuzz bench bench-npm test-size screenshots

all: native wasm web

# Installs whatever is missing on a bare Debian 12 machine (apt packages, then npm packages
# from the committed lock file). Does nothing when all is present.
deps: apt npm

apt:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

npm: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

native:
	cmake --preset native >/dev/null
	cmake --build --preset native

# The browser modules only (build/wasm/frontdoor-core-{module,classic,probe}.js + .wasm);
# test-wasm adds the doctest suite, which takes minutes to link and is not needed by web.
WASM_MODULES := frontdoor_core_web frontdoor_core_classic frontdoor_core_probe

wasm:
	emcmake cmake --preset wasm $(EMCMAKE_FLAGS) >/dev/null
	cmake --build --preset wasm --target $(WASM_MODULES)

# dist/web (what a council copies), dist/kiosk (one offline file), dist/demo (the demo pages).
web: native wasm npm
	node web/build.mjs

# Tests leave the working tree as they found it: `git status` and `git diff` before and after
# must agree (outputs go under build/; the README's pictures have `make screenshots`).
TREE_STATE = { git status --porcelain=v1 --untracked-files=all; git diff; } 2>/dev/null | sha256sum
test: deps
	@before=$$($(TREE_STATE)); \
	$(MAKE) test-native test-asan test-fuzz test-wasm web test-js test-browser && \
	after=$$($(TREE_STATE)) && \
	if [ "$$before" != "$$after" ]; then \
	  echo "make test changed the working tree (tests must write under build/ only):"; git status --short; exit 1; \
	fi

test-native: native
	ctest --test-dir build/native $(CTEST_FLAGS)

test-wasm: wasm
	cmake --build --preset wasm
	ctest --test-dir build/wasm $(CTEST_FLAGS)

test-js:
	node --test tests/js/

test-browser:
	node --test --test-concurrency=1 tests/browser/

# The README's pictures (docs/screenshots/*.png); `make test` writes the same to build/screenshots/.
screenshots: web
	FRONTDOOR_SCREENSHOTS=docs/screenshots node --test tests/browser/screenshots.test.mjs

# Size budgets of dist/ (brotli: one visit, the wasm, the kiosk); also part of test-js.
test-size: web
	node --test tests/js/size_budget.test.mjs

# Performance budgets (docs/benchmarks.md, generated): builds the release artefacts, installs
# Lighthouse (bench/package.json, not the root's), runs every benchmark (bench/run.mjs) and
# rewrites docs/benchmarks.md; fails when a budget is missed. BENCH_LEVERS=1 also re-measures the
# wasm size levers (minutes of compiling; kept in bench/results/levers.json).
BENCH_LEVERS ?= 0
bench: web bench-npm
	cmake -S bench -B build/bench -G Ninja >/dev/null
	cmake --build build/bench
	@if [ "$(BENCH_LEVERS)" = 1 ] || [ ! -f bench/results/levers.json ]; then \
	  mkdir -p bench/results && \
	  node bench/levers.mjs --wasm-build build/wasm --dist dist --work build/bench/levers --out bench/results/levers.json; \
	fi
	node bench/run.mjs

bench-npm: bench/node_modules/.package-lock.json

bench/node_modules/.package-lock.json: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund --ignore-scripts
	@touch $@

# Reliability (docs/reliability.md). The whole doctest suite under AddressSanitizer + UBSan
# (leaks included); any report fails the run.
SANITIZER_ENV := ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 \
                 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
test-asan:
	cmake --preset asan >/dev/null
	cmake --build --preset asan
	$(SANITIZER_ENV) ctest --test-dir build/asan $(CTEST_FLAGS)

# libFuzzer targets (tests/fuzz/, clang-14): `make fuzz` runs each FUZZ_SECONDS (default 300) and
# keeps what it learns in build/fuzz/corpus/; `make test-fuzz` runs each 30 s (two at a time) from the seed corpus
# (copied to a temporary folder, so tests/fuzz/corpus/ never changes). A crash fails the run and
# its input is kept in tests/fuzz/artifacts/<target>/ (git-ignored).
comma := ,
space := $(subst ,, )
FUZZ_TARGETS := api loader time
FUZZ_SECONDS ?= 300
FUZZ_FLAGS = -dict=tests/fuzz/frontdoor.dict -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
fuzz-build:
	CXX=clang++-14 cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz --target $(addprefix fuzz_,$(FUZZ_TARGETS))

fuzz: fuzz-build
	@set -e; for t in $(FUZZ_TARGETS); do \
	  seeds=$$t; \
	  mkdir -p build/fuzz/corpus/$$t tests/fuzz/artifacts/$$t; \
	  echo "== fuzz_$$t for $(FUZZ_SECONDS) s"; \
	  $(SANITIZER_ENV) build/fuzz/tests/fuzz/fuzz_$$t $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SECONDS) \
	    -artifact_prefix=tests/fuzz/artifacts/$$t/ build/fuzz/corpus/$$t tests/fuzz/corpus/$$seeds; \
	done

test-fuzz: fuzz-build
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	for t in $(FUZZ_TARGETS); do \
	  seeds=$$t; \
	  mkdir -p tests/fuzz/artifacts/$$t; cp -r tests/fuzz/corpus/$$seeds "$$tmp/$$t"; \
	done; \
	echo "== fuzz_{$(subst $(space),$(comma),$(FUZZ_TARGETS))}: 30 s each, two at a time (one per core)"; \
	printf '%s\n' $(FUZZ_TARGETS) | xargs -P 2 -I{} sh -c \
	  '$(SANITIZER_ENV) build/fuzz/tests/fuzz/fuzz_{} $(FUZZ_FLAGS) -max_total_time=30 -artifact_prefix=tests/fuzz/artifacts/{}/ "$$0/{}" >"$$0/{}.log" 2>&1 && touch "$$0/{}.ok"' \
	  "$$tmp" || true; \
	failed=""; \
	for t in $(FUZZ_TARGETS); do \
	  echo "== fuzz_$$t"; tail -n 7 "$$tmp/$$t.log"; [ -f "$$tmp/$$t.ok" ] || failed="$$failed $$t"; \
	done; \
	for t in $$failed; do \
	  echo "== fuzz_$$t failed: the input is in tests/fuzz/artifacts/$$t/"; tail -n 80 "$$tmp/$$t.log"; \
	done; \
	[ -z "$$failed" ]

# Generated documentation (needs build/native/frontdoor and data/ only): docs/flow.dot + .svg
# (the rules as a graph, Graphviz) and the printable contact sheet docs/poster/who-to-contact-
# {A4,A3}.html + .pdf (docs/poster/poster.mjs, printed by headless Chromium; fails if a sheet
# has more pages than fit a noticeboard). Installs graphviz when `dot` is missing.
DOCS_CHROMIUM := chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --no-pdf-header-footer
.PHONY: docs
docs: native
	@command -v dot >/dev/null || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends graphviz; }
	build/native/frontdoor graph --data data --format dot > docs/flow.dot.tmp && mv docs/flow.dot.tmp docs/flow.dot
	dot -Tsvg docs/flow.dot -o docs/flow.svg
	node docs/poster/poster.mjs --data data --out docs/poster
	@set -e; for paper in A4 A3; do \
	  profile=$$(mktemp -d); \
	  $(DOCS_CHROMIUM) --user-data-dir=$$profile --print-to-pdf=docs/poster/who-to-contact-$$paper.pdf \
	    file://$(CURDIR)/docs/poster/who-to-contact-$$paper.html 2>/dev/null || { rm -rf $$profile; exit 1; }; \
	  rm -rf $$profile; echo "wrote docs/poster/who-to-contact-$$paper.pdf"; \
	done
	node docs/poster/poster.mjs --check-pdf --out docs/poster

demo: deps web
	node web/serve.mjs dist 8080

clean:
	rm -rf build dist
