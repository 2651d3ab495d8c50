# qb324's front door.
#
#   make serve    build the page and serve www/ on http://127.0.0.1:8324/ (PORT=…)
#   make test     every test: cargo test, clippy, fmt, the wasm build, wasm tests in
#                 Node, and the page in headless Chromium
#   make build    leave www/ complete as a static site (www/pkg/qb324.js, _bg.wasm, .d.ts,
#                 and www/qb324-offline.html, the single-file copy that works from disk)
#   make tools    install what the above need (also run by them; fast when present)
#   make bench    native benchmarks (criterion, hostile files); make bench-page: the
#                 page beside Papa Parse in headless Chromium; make fuzz: every fuzz
#                 target (nightly + cargo-fuzz; FUZZ_SECONDS each). See BENCHMARKS.md.
#
# On a fresh machine `make tools` installs, once: the wasm32 target (rustup), the
# wasm-bindgen CLI at Cargo.lock's version (cargo install, ~4 min), node packages
# (npm ci: playwright-core, axe-core, binaryen's wasm-opt) and, only when
# /usr/bin/chromium is missing, Debian's chromium + chromium-driver (~1.5 min).
# Nothing downloads a prebuilt binary or a browser of its own.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

CARGO ?= cargo
NPM ?= npm
PORT ?= 8324
WASM_TARGET := wasm32-unknown-unknown
# The wasm-bindgen CLI must equal the crate's version in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"$$/\1/p;}' Cargo.lock)
# npm's wasm-opt 132 before any other (Debian's wasm-opt 108 corrupts wasm-bindgen
# output: TOOLCHAIN.md trap 2); cargo-installed tools on PATH in a bare shell.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

RUST_SOURCES := $(shell find src -name '*.rs') Cargo.toml Cargo.lock
PKG := www/pkg/qb324.js www/pkg/qb324_bg.wasm www/pkg/qb324.d.ts

.PHONY: help tools build serve test test-native lint test-wasm test-browser screens bench bench-page fuzz

help:
	@sed -n '3,12p' Makefile | sed 's/^# \{0,1\}//'

# ---- tools (idempotent; each step is skipped when already done) ----------------------
tools: .tools-rust node_modules/.installed .tools-chromium

.tools-rust:
	@rustup target list --installed | grep -qx '$(WASM_TARGET)' || rustup target add $(WASM_TARGET)
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
	@# Without --locked: a locked dependency is missing from the registry mirror (TOOLCHAIN.md trap 1).
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (a few minutes, once)"; \
	  $(CARGO) install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi
.PHONY: .tools-rust

node_modules/.installed: package.json package-lock.json
	@command -v $(NPM) >/dev/null || { $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm; }
	$(NPM) ci --ignore-scripts --no-audit --no-fund
	@touch $@

.tools-chromium:
	@[ -x /usr/bin/chromium ] || { echo "installing Debian chromium (once)"; \
	  $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; }
.PHONY: .tools-chromium

# ---- build ------------------------------------------------------------------------
build: $(PKG) www/qb324-offline.html

# scripts/build.mjs reads wasm-pack.toml: cargo (wasm32, --no-default-features) →
# wasm-bindgen --target web → wasm-opt (its flags in wasm-pack.toml).
$(PKG) &: $(RUST_SOURCES) wasm-pack.toml scripts/build.mjs | .tools-rust node_modules/.installed
	node scripts/build.mjs

# One self-contained file for a saved copy (file://): page, CSS, JS, wasm and samples.
www/qb324-offline.html: $(PKG) scripts/standalone.mjs $(filter-out www/qb324-offline.html,$(wildcard www/*.js www/*.css www/*.html www/*.svg www/samples/*))
	node scripts/standalone.mjs

serve: build
	node scripts/serve.mjs --port $(PORT)

# ---- tests ------------------------------------------------------------------------
test: test-native lint build test-wasm test-browser
	@echo "make test: all passed"

test-native:
	$(CARGO) test

lint: .tools-rust
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) clippy --target $(WASM_TARGET) --no-default-features --lib --test wasm_node -- -D warnings
	@# The fuzz targets build only on nightly, but type-check on stable: this keeps them
	@# from rotting when the library's types change (they once did, unseen).
	$(CARGO) check --manifest-path fuzz/Cargo.toml --bins

# The wasm face in Node (wasm-bindgen-test-runner comes with wasm-bindgen-cli).
test-wasm: .tools-rust
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  $(CARGO) test --target $(WASM_TARGET) --no-default-features --test wasm_node

test-browser: build node_modules/.installed .tools-chromium
	$(CARGO) build --bin qb324
	node --test --test-concurrency=1 tests/browser/

# Screenshots of the page, desktop and phone, empty and with the sample report.
screens: build node_modules/.installed .tools-chromium
	node scripts/screens.mjs test-results/screens

# ---- benchmarks and fuzzing (BENCHMARKS.md, fuzz/README.md) -----------------------
FUZZ_SECONDS ?= 1800

# Criterion: the whole check of the 1M-row Chase CSV beside rust-csv, OFX, 10x scaling;
# then issue 9's hostile files at full size (time and peak heap).
bench:
	$(CARGO) bench --bench check
	$(CARGO) bench --bench hostile
	$(CARGO) bench --bench scaling

# The page: qb324's check() and streaming Checker beside Papa Parse 5.7, same page.
bench-page: build node_modules/.installed .tools-chromium
	node scripts/bench-page.mjs

fuzz:
	cd fuzz && ./run.sh $(FUZZ_SECONDS)
