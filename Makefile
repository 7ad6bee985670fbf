# The two commands a newcomer needs:  make demo   and   make test
# Everything else is a step they call. Builds go under build/, the web artefacts under dist/.

SHELL := /bin/bash
APT_PACKAGES := cmake g++ ninja-build nlohmann-json3-dev libfmt-dev doctest-dev emscripten \
                brotli chromium nodejs clang-14 libclang-rt-14-dev
EMCMAKE_FLAGS := -DCMAKE_CROSSCOMPILING_EMULATOR="node;--no-experimental-fetch"
export NODE_PATH := /usr/share/nodejs
CTEST_FLAGS := --output-on-failure -j2

.PHONY: all deps apt npm native wasm web test test-native test-wasm test-js test-browser demo clean

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

wasm:
	emcmake cmake --preset wasm $(EMCMAKE_FLAGS) >/dev/null
	cmake --build --preset wasm

# dist/web (what a council copies), dist/kiosk (one offline file), dist/demo (the demo pages).
web: native wasm
	node web/build.mjs

test: deps
	$(MAKE) test-native test-wasm web test-js test-browser

test-native: native
	ctest --test-dir build/native $(CTEST_FLAGS)

test-wasm: wasm
	ctest --test-dir build/wasm $(CTEST_FLAGS)

test-js:
	node --test tests/js/

test-browser:
	node --test --test-concurrency=1 tests/browser/

demo: deps web
	node web/serve.mjs dist 8080

clean:
	rm -rf build dist
