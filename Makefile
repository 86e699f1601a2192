# portlens: the two commands of the README's quick start, and the checks behind them.
#   make demo   install what is missing, build, install portlens with its man page and shell
#               completions under PREFIX (~/.local), and replay the capture built into portlens
#   make test   install what is missing and run the whole test suite (lints included), then say
#               how many tests that depend on the machine ran and how many were skipped
#   make bench  portlens against tcpdump on a large capture (docs/performance.md)
#   make install  the binary, its man page and shell completions under PREFIX (~/.local)

CARGO ?= cargo

.PHONY: setup build demo test lint doc bless bench install

setup:
	@scripts/setup.sh

build: setup
	$(CARGO) build --release

demo: install
	./target/release/portlens demo

lint: setup
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings

doc: setup
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps

# Tests that depend on the machine (root, a network namespace, a program, the shared captures) each
# append `ran` or `skipped` to this record; after the run, `make test` says how many did which.
# Under CI (CI=true) such a test fails instead of skipping.
ENVIRONMENT_RECORD := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)/tmp/environment-tests.txt

test: lint doc
	@mkdir -p $(dir $(ENVIRONMENT_RECORD)) && rm -f $(ENVIRONMENT_RECORD)
	PORTLENS_ENVIRONMENT_RECORD=$(ENVIRONMENT_RECORD) $(CARGO) test --all-targets; \
		status=$$?; scripts/environment-summary.sh $(ENVIRONMENT_RECORD) && exit $$status

# Rewrite the golden outputs after an intended change in what portlens prints; review the diff.
bless: setup
	PORTLENS_BLESS=1 $(CARGO) test --test integration golden

# The benchmark of docs/performance.md: ratios against tcpdump on a 1-million-packet capture, peak
# memory, then the per-packet micro-benchmark. BENCH_ARGS="--ten-million" adds the 10M-packet file.
bench: setup
	benches/run.sh $(BENCH_ARGS)
	$(CARGO) bench --bench pipeline

PREFIX ?= $(HOME)/.local
BIN := target/release/portlens

# The binary, the man page and bash/zsh/fish completions, generated from the command-line options.
install: build
	install -Dm755 $(BIN) $(DESTDIR)$(PREFIX)/bin/portlens
	mkdir -p $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	$(BIN) --generate man > $(DESTDIR)$(PREFIX)/share/man/man1/portlens.1
	$(BIN) --generate complete-bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/portlens
	$(BIN) --generate complete-zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_portlens
	$(BIN) --generate complete-fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/portlens.fish
	@echo "installed portlens in $(DESTDIR)$(PREFIX)/bin (man page and completions beside it)"
