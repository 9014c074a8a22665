# Heritage Atlas developer tasks (GNU make).
#
#   make serve   dev server on http://127.0.0.1:8080, debug build in target/serve/ (Trunk.toml)
#   make build   release bundle into dist/, the folder a kiosk is deployed from
#   make test    fmt, clippy (native + wasm), cargo test, build, end-to-end
#   make e2e     Playwright against dist/ (run `make build` first)
#   make bench   release build, bundle sizes, browser timings beside a Leaflet peer, kiosk soak (tools/bench.sh)
#   make clean   remove build outputs and test reports
#
# Every target installs what it needs through tools/setup.sh, which skips what
# is already present.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# npm's wasm-opt (binaryen 132) must come before any system one: trunk picks
# the first on PATH, and Debian's binaryen is too old for wasm-bindgen output.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Never let Playwright download browsers: tests use /usr/bin/chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

SETUP := $(CURDIR)/tools/setup.sh
PLAYWRIGHT_CONFIG := end2end/playwright.config.ts

.PHONY: help serve build test e2e bench clean setup-serve setup-test \
        fmt-check clippy clippy-wasm cargo-test check-data fuzz-smoke

help:
	@sed -n '3,9p' $(firstword $(MAKEFILE_LIST)) | sed 's/^# \{0,1\}//'

setup-serve:
	@bash $(SETUP) serve

setup-test:
	@bash $(SETUP) test

serve: setup-serve
	trunk serve --offline

# dist/ only ever holds a release build: Trunk.toml sends everything else to target/serve/.
build: setup-serve
	trunk build --release --offline --dist dist

fmt-check:
	cargo fmt --all -- --check

clippy:
	cargo clippy --workspace --all-targets -- -D warnings

clippy-wasm:
	cargo clippy -p heritage-atlas --target wasm32-unknown-unknown -- -D warnings

cargo-test:
	cargo test --workspace

# The bundled datasets must pass the curators' own check, warnings included.
check-data:
	cargo run -q -p atlas-check -- --strict public/data/*.geojson

# Half a minute of coverage-guided fuzzing of the parser (the long runs are in fuzz/README.md).
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP lets this machine's stable compiler take them.
fuzz-smoke:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2 --locked || cargo install cargo-fuzz --version 0.13.2
	mkdir -p fuzz/corpus/load
	cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run load corpus/load seeds -- -dict=load.dict -max_total_time=30 -max_len=65536

# Steps run strictly in order, even under `make -j`.
test: setup-test
	$(MAKE) fmt-check
	$(MAKE) clippy
	$(MAKE) clippy-wasm
	$(MAKE) cargo-test
	$(MAKE) check-data
	$(MAKE) fuzz-smoke
	$(MAKE) build
	$(MAKE) e2e

e2e:
	@test -f dist/index.html || { echo "e2e: dist/index.html missing: run 'make build' first" >&2; exit 1; }
	@{ test -d node_modules/@playwright/test && test -x /usr/bin/chromium; } || bash $(SETUP) test
	npx playwright test -c $(PLAYWRIGHT_CONFIG)

bench: build
	bash tools/bench.sh

clean:
	rm -rf dist target/serve end2end/test-results end2end/playwright-report
	cargo clean
