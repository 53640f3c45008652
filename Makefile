# Samråd: `make run` serves the app, `make test` runs every check. Both install what is
# missing first, so a fresh machine needs nothing but this repository, Rust and Node.
#
# Every tool version is pinned here and only here.
WASM_BINDGEN_VERSION := 0.2.130   # must equal wasm-bindgen in Cargo.lock (checked below)
BINARYEN_VERSION := 132.0.0       # wasm-opt, from npm (Debian's 108 breaks wasm-bindgen's externref table)
CARGO_LEPTOS_VERSION := 0.3.10    # optional, for `make dev`; 0.3.11 needs a newer rustc
# From Debian: chromium (end-to-end tests).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

OUTPUT_NAME := samraad
SITE := target/site
PKG := $(SITE)/pkg
WASM := target/wasm32-unknown-unknown/wasm-release/app.wasm
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CARGO_BIN := $(HOME)/.cargo/bin
# Tools that are not cargo's live outside the clone, so a fresh clone reuses them.
TOOLS := $(HOME)/.cache/samraad/tools
BINARYEN_BIN := $(TOOLS)/binaryen-$(strip $(BINARYEN_VERSION))/node_modules/.bin
export PATH := $(CARGO_BIN):$(BINARYEN_BIN):$(PATH)
LOGS := target/test-logs

.PHONY: help run build site tools test-tools test lint unit e2e dev clean cargo-leptos bench

help:
	@echo "make run    build in release and serve on http://127.0.0.1:3000 (data in ./data)"
	@echo "make test   format, lint, unit + integration tests, then Playwright in Chromium"
	@echo "make bench  the load scenarios against the release server; writes docs/performance.md"
	@echo "make dev    cargo leptos watch (installs cargo-leptos $(CARGO_LEPTOS_VERSION) once, ~16 min)"

## ---- Tools (idempotent, quiet when already there) ----------------------------------------

tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@locked=$$(grep -A1 '^name = "wasm-bindgen"$$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p'); \
	  if [ "$$locked" != "$(strip $(WASM_BINDGEN_VERSION))" ]; then \
	    echo "Makefile pins wasm-bindgen $(strip $(WASM_BINDGEN_VERSION)) but Cargo.lock has $$locked: update WASM_BINDGEN_VERSION"; exit 1; fi
	@wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(strip $(WASM_BINDGEN_VERSION))" \
	  || cargo install --quiet wasm-bindgen-cli --version $(strip $(WASM_BINDGEN_VERSION))
	@[ -x $(BINARYEN_BIN)/wasm-opt ] || npm install --prefix $(TOOLS)/binaryen-$(strip $(BINARYEN_VERSION)) \
	  --no-audit --no-fund --loglevel=error binaryen@$(strip $(BINARYEN_VERSION))

test-tools: tools
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
	  $(SUDO) apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
	@[ -d end2end/node_modules/@playwright/test ] || (cd end2end && npm ci --no-audit --no-fund --loglevel=error)

cargo-leptos:
	@cargo leptos --version 2>/dev/null | grep -q "$(strip $(CARGO_LEPTOS_VERSION))" \
	  || cargo install cargo-leptos --version $(strip $(CARGO_LEPTOS_VERSION)) --locked --features no_downloads

## ---- Build --------------------------------------------------------------------------------

# The browser bundle, laid out as cargo-leptos lays it out: pkg/samraad.{js,wasm,css}.
# cargo decides whether the wasm is stale; bindgen and wasm-opt (25 s) run only when it changed.
site: tools
	cargo build --package app --lib --target wasm32-unknown-unknown \
	  --no-default-features --features hydrate --profile wasm-release
	@$(MAKE) --no-print-directory $(PKG)/$(OUTPUT_NAME).wasm
	@cp style/main.css $(PKG)/$(OUTPUT_NAME).css
	@gzip -9 -k -f $(PKG)/$(OUTPUT_NAME).css
	@cp -R public/. $(SITE)/

$(PKG)/$(OUTPUT_NAME).wasm: $(WASM)
	@mkdir -p $(PKG)
	wasm-bindgen $(WASM) --target web --no-typescript --out-dir $(PKG) --out-name $(OUTPUT_NAME)
	@mv -f $(PKG)/$(OUTPUT_NAME)_bg.wasm $(PKG)/$(OUTPUT_NAME).wasm
	$(BINARYEN_BIN)/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	  --enable-mutable-globals --enable-reference-types --enable-multivalue \
	  $(PKG)/$(OUTPUT_NAME).wasm -o $(PKG)/$(OUTPUT_NAME).wasm
	@# Pre-compressed copies: served as they are to browsers that accept gzip, no CPU per request.
	@gzip -9 -k -f $(PKG)/$(OUTPUT_NAME).wasm $(PKG)/$(OUTPUT_NAME).js
	@printf 'wasm: %s bytes raw, %s gzip\n' "$$(stat -c %s $(PKG)/$(OUTPUT_NAME).wasm)" \
	  "$$(stat -c %s $(PKG)/$(OUTPUT_NAME).wasm.gz)"

build: site
	cargo build --release --package server

run: build
	./target/release/samraad

dev: cargo-leptos
	cargo leptos watch

## ---- Test ---------------------------------------------------------------------------------

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --package app --lib --target wasm32-unknown-unknown \
	  --no-default-features --features hydrate -- -D warnings

unit:
	@mkdir -p $(LOGS)
	cargo test --workspace 2>&1 | tee $(LOGS)/cargo-test.log

# The server binary comes from the test build (`--no-run`): the same features as `cargo test`,
# so nothing is compiled twice. Playwright starts it on a free port with a fresh data dir.
e2e: test-tools site
	cargo test --workspace --no-run --quiet
	@mkdir -p $(LOGS)
	cd end2end && PLAYWRIGHT_JSON_OUTPUT_NAME=../$(LOGS)/playwright.json \
	  npx playwright test --reporter=list,json

test: test-tools
	@rm -rf $(LOGS)
	$(MAKE) --no-print-directory lint
	@status=0; \
	  $(MAKE) --no-print-directory unit || status=1; \
	  $(MAKE) --no-print-directory e2e || status=1; \
	  end2end/summary.sh $(LOGS); \
	  exit $$status

## ---- Benchmarks (not part of `make test`: figures in docs/performance.md) ---------------

bench:
	bench/run.sh

clean:
	cargo clean
	rm -rf end2end/test-results end2end/playwright-report
