# portlens: the two commands of the README's quick start, and the checks behind them.
#   make demo   install what is missing, build, and replay the capture built into portlens
#   make test   install what is missing and run the whole test suite (lints included)

CARGO ?= cargo

.PHONY: setup build demo test lint doc bless

setup:
	@scripts/setup.sh

build: setup
	$(CARGO) build --release

demo: build
	./target/release/portlens demo

lint: setup
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings

doc: setup
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps

test: lint doc
	$(CARGO) test --all-targets

# Rewrite the golden outputs after an intended change in what portlens prints; review the diff.
bless: setup
	PORTLENS_BLESS=1 $(CARGO) test --test integration golden
