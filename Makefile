# Samråd: `make run` serves the app, `make test` runs every check. Both install what is
# missing first, so a fresh machine needs nothing but this repository, Rust and Node.
#
# Every tool version is pinned here and only here.
WASM_BINDGEN_VERSION := 0.2.130   # must equal wasm-bindgen in Cargo.lock (checked below)
BINARYEN_VERSION := 132.0.0       # wasm-opt, from npm (Debian's 108 breaks wasm-bindgen's externref table)
CARGO_LEPTOS_VERSION := 0.3.10    # optional, for `make dev`; 0.3.11 needs a newer rustc
# From Debian: chromium (end-to-end tests), libreoffice-calc-nogui (the exported spreadsheets
# opened by a real spreadsheet program, server/tests/real_clients.rs).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

OUTPUT_NAME := samraad
SITE := target/site
PKG := $(SITE)/pkg
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CARGO_BIN := $(HOME)/.cargo/bin
# Tools that are not cargo's live outside the clone, so a fresh clone reuses them.
TOOLS := $(HOME)/.cache/samraad/tools
BINARYEN_BIN := $(TOOLS)/binaryen-$(strip $(BINARYEN_VERSION))/node_modules/.bin
export PATH := $(CARGO_BIN):$(BINARYEN_BIN):$(PATH)
LOGS := target/test-logs
# Measured cold on this project's 2-core machine (README, "Build and test times").
SERVER_MINUTES := 15

.PHONY: help run build server release site publish tools test-tools test check lint unit e2e dev clean cargo-leptos bench bench-cafe

help:
	@echo "make run      build and serve on http://127.0.0.1:3000 (data in ./data)"
	@echo "make test     format, lint, unit + integration tests, then Playwright in Chromium"
	@echo "make release  the fully optimised server for production (target/release/samraad)"
	@echo "make bench  the load scenarios against the release server; writes docs/performance.md"
	@echo "make bench-cafe  the café rotation's quality and speed; writes docs/cafe-rotation.md"
	@echo "make dev    cargo leptos watch (installs cargo-leptos $(CARGO_LEPTOS_VERSION) once, ~16 min)"

## ---- Tools (idempotent, quiet when already there) ----------------------------------------

tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@locked=$$(grep -A1 '^name = "wasm-bindgen"$$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p'); \
	  if [ "$$locked" != "$(strip $(WASM_BINDGEN_VERSION))" ]; then \
	    echo "Makefile pins wasm-bindgen $(strip $(WASM_BINDGEN_VERSION)) but Cargo.lock has $$locked: update WASM_BINDGEN_VERSION"; exit 1; fi
	@wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(strip $(WASM_BINDGEN_VERSION))" \
	  || { echo "== Installing wasm-bindgen-cli $(strip $(WASM_BINDGEN_VERSION)) (once per machine, about 2½ minutes on 2 cores)"; \
	       cargo install --quiet wasm-bindgen-cli --version $(strip $(WASM_BINDGEN_VERSION)); }
	@[ -x $(BINARYEN_BIN)/wasm-opt ] || npm install --prefix $(TOOLS)/binaryen-$(strip $(BINARYEN_VERSION)) \
	  --no-audit --no-fund --loglevel=error binaryen@$(strip $(BINARYEN_VERSION))

test-tools: tools
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
	  $(SUDO) apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
	@command -v soffice >/dev/null || { echo "Installing LibreOffice Calc (headless) from Debian, about 2 minutes once"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null; }
	@[ -d end2end/node_modules/@playwright/test ] && [ -d end2end/node_modules/jsqr ] || (cd end2end && npm ci --no-audit --no-fund --loglevel=error)

cargo-leptos:
	@cargo leptos --version 2>/dev/null | grep -q "$(strip $(CARGO_LEPTOS_VERSION))" \
	  || cargo install cargo-leptos --version $(strip $(CARGO_LEPTOS_VERSION)) --locked --features no_downloads

## ---- Build --------------------------------------------------------------------------------

# The browser bundles, laid out as cargo-leptos lays them out (pkg/), in two builds of the
# app crate: the whole site (`samraad`, package `bundles/site`) and the phone's page only
# (`samraad-phone`, `bundles/phone`, the app's feature `phone`: about a third smaller, README
# "The phone's download"). Two cargo invocations, so the features do not mix; two packages, so
# neither build undoes the other's (one package built with two feature sets shares one .wasm
# and rebuilt both bundles at every `make site`). Each .wasm is copied aside only when it
# changed, so bindgen and wasm-opt (25 s) run only for a bundle that changed. Each file is then published under a content-hashed name
# (served `immutable`), with brotli and gzip copies, and pkg/bundles.txt tells the server the
# names. Unhashed copies stay for pages that cannot know the hash (the static error page).
WASM_DIR := target/wasm32-unknown-unknown/wasm-release
BUNDLES := target/bundles
site: tools
	@echo "== The browser bundles: two WebAssembly builds (the first time about 4 minutes on 2 cores)"
	cargo build --package bundle-site --lib --target wasm32-unknown-unknown --profile wasm-release
	cargo build --package bundle-phone --lib --target wasm32-unknown-unknown --profile wasm-release
	@mkdir -p $(BUNDLES) && for b in site phone; do n=samraad-$$b; [ $$b = site ] && n=samraad; \
	  cmp -s $(WASM_DIR)/bundle_$$b.wasm $(BUNDLES)/$$n.wasm || cp $(WASM_DIR)/bundle_$$b.wasm $(BUNDLES)/$$n.wasm; done
	@$(MAKE) --no-print-directory $(PKG)/samraad.wasm $(PKG)/samraad-phone.wasm
	@cp style/main.css $(PKG)/$(OUTPUT_NAME).css
	@cp -R public/. $(SITE)/
	@$(MAKE) --no-print-directory publish

# Content-hashed copies of each bundle (js and wasm share one hash, the css its own), with
# brotli (quality 11, from Node's zlib) and gzip copies, and the manifest the server reads.
publish:
	@cd $(PKG) && rm -f *.*[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f].* && : > bundles.txt && \
	  for b in samraad samraad-phone; do \
	    h=$$(cat $$b.js $$b.wasm | sha256sum | cut -c1-12); \
	    cp $$b.js $$b.$$h.js; cp $$b.wasm $$b.$$h.wasm; echo "$$b=$$b.$$h" >> bundles.txt; done && \
	  h=$$(sha256sum $(OUTPUT_NAME).css | cut -c1-12); cp $(OUTPUT_NAME).css $(OUTPUT_NAME).$$h.css; \
	  echo "css=$(OUTPUT_NAME).$$h.css" >> bundles.txt && \
	  for f in *.js *.wasm *.css; do gzip -9 -k -f $$f; done && \
	  node -e 'const z=require("zlib"),f=require("fs");for(const n of process.argv.slice(1))f.writeFileSync(n+".br",z.brotliCompressSync(f.readFileSync(n),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11,[z.constants.BROTLI_PARAM_SIZE_HINT]:f.statSync(n).size}}))' *.*.js *.*.wasm *.*.css && \
	  for b in samraad samraad-phone; do n=$$(sed -n "s/^$$b=//p" bundles.txt); \
	    printf '%-14s wasm %8s bytes, %7s brotli, %7s gzip\n' $$b $$(stat -c %s $$n.wasm) $$(stat -c %s $$n.wasm.br) $$(stat -c %s $$n.wasm.gz); done

$(PKG)/%.wasm: $(BUNDLES)/%.wasm
	@mkdir -p $(PKG)
	wasm-bindgen $< --target web --no-typescript --out-dir $(PKG) --out-name $*
	@mv -f $(PKG)/$*_bg.wasm $(PKG)/$*.wasm
	$(BINARYEN_BIN)/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	  --enable-mutable-globals --enable-reference-types --enable-multivalue \
	  $(PKG)/$*.wasm -o $(PKG)/$*.wasm

# `make run` and `make test` share the build of every dependency (README, "Build and test
# times"): the `dev` profile, whose dependencies are optimised (Cargo.toml), for the whole
# workspace in one cargo invocation, so that its features are the tests' (server/Cargo.toml,
# quick-xml) and `cargo test` reuses SurrealDB instead of compiling it again. Only the
# workspace's own crates are built at opt-level 3 here and at 0 for the tests.
RUN_PROFILE := CARGO_PROFILE_DEV_OPT_LEVEL=3 CARGO_PROFILE_DEV_DEBUG_ASSERTIONS=false \
  CARGO_PROFILE_DEV_OVERFLOW_CHECKS=false
server:
	@echo "== The server and SurrealDB (the first time about $(SERVER_MINUTES) minutes on 2 cores; then seconds)"
	$(RUN_PROFILE) cargo build --workspace --bins

build: site server

run: build
	@echo "== Serving http://127.0.0.1:3000 (Ctrl-C stops it; the data stays in ./data)"
	./target/debug/samraad

# Everything at opt-level 3, for a server that faces a real school: about 30 minutes the first
# time on 2 cores. Serve it from this directory (it reads target/site): ./target/release/samraad
release: site
	@echo "== The release server (the first time about 30 minutes on 2 cores)"
	cargo build --release --package server

dev: cargo-leptos
	cargo leptos watch

## ---- Test ---------------------------------------------------------------------------------

# The native lints run inside the test build: clippy-driver compiles the workspace's own crates
# and lints them as it goes (README, "Build and test times"), with the same lints denied as
# `cargo clippy --workspace --all-targets -- -D warnings`, instead of a separate check that
# goes through every dependency again (2 min 48 s on a fresh clone). Dependencies are compiled
# by rustc as before, so `make run` and the tests still share them.
CLIPPY_BUILD := RUSTC_WORKSPACE_WRAPPER=$(CARGO_BIN)/clippy-driver \
  CLIPPY_ARGS=-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__

# Formatting and the WebAssembly build's lints (the part of `lint` that `make test` runs first).
check:
	cargo fmt --all -- --check
	cargo clippy --package app --lib --target wasm32-unknown-unknown \
	  --no-default-features --features hydrate -- -D warnings
	cargo clippy --package app --lib --target wasm32-unknown-unknown \
	  --no-default-features --features hydrate,phone -- -D warnings

lint: check
	cargo clippy --workspace --all-targets -- -D warnings

unit:
	@mkdir -p $(LOGS)
	SAMRAAD_REAL_CLIENTS=1 $(CLIPPY_BUILD) cargo test --workspace --all-targets 2>&1 \
	  | tee $(LOGS)/cargo-test.log

# The server binary comes from the test build (`--no-run`): the same features as `cargo test`,
# so nothing is compiled twice. Playwright starts it on a free port with a fresh data dir.
e2e: test-tools site
	$(CLIPPY_BUILD) cargo test --workspace --all-targets --no-run --quiet
	@mkdir -p $(LOGS)
	cd end2end && PLAYWRIGHT_JSON_OUTPUT_NAME=../$(LOGS)/playwright.json \
	  npx playwright test --reporter=list,json

test: test-tools
	@rm -rf $(LOGS)
	$(MAKE) --no-print-directory check
	@status=0; \
	  $(MAKE) --no-print-directory unit || status=1; \
	  $(MAKE) --no-print-directory e2e || status=1; \
	  end2end/summary.sh $(LOGS); \
	  exit $$status

## ---- Benchmarks (not part of `make test`: figures in docs/performance.md) ---------------

bench:
	bench/run.sh

# The café rotation's quality and speed for typical sizes, built as `make run` builds the
# server (the workspace at opt-level 3, the dependencies shared): docs/cafe-rotation.md.
bench-cafe:
	$(RUN_PROFILE) cargo build --quiet --workspace --examples
	./target/debug/examples/cafe_rotation > docs/cafe-rotation.md
	@cat docs/cafe-rotation.md | tail -n 15

clean:
	cargo clean
	rm -rf end2end/test-results end2end/playwright-report
