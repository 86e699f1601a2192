#!/usr/bin/env bash
# Fuzzes one target of portlens for a bounded time on one core, on stable Rust:
#   fuzz/run.sh packet|capture_file SECONDS [more libFuzzer flags…]
# Seeds the corpus from samples/ and the shared captures beside the repository (copied into
# fuzz/corpus/, which git ignores), then runs cargo-fuzz without a sanitizer: plain stable Rust
# builds that, and overflow checks and debug assertions (which include the standard library's
# checks of unsafe preconditions) stay on. FUZZ_SANITIZER=address adds AddressSanitizer, which
# needs the unstable -Zsanitizer flag: the script then sets RUSTC_BOOTSTRAP=1 for that build only
# and keeps it in fuzz/target-asan/. Crashes land in fuzz/artifacts/TARGET/. See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh packet|capture_file SECONDS [libFuzzer flags]}
seconds=${2:?usage: fuzz/run.sh packet|capture_file SECONDS [libFuzzer flags]}
shift 2
case "$target" in
    packet) max_len=4096 ;;
    capture_file) max_len=65536 ;;
    *) echo "unknown target $target (packet or capture_file)" >&2; exit 2 ;;
esac
shared=${PORTLENS_SHARED_CAPTURES:-../../shared/captures}
seed_dirs=(../samples)
[ -d "$shared" ] && seed_dirs+=("$shared")
cargo run --quiet --bin seed -- corpus "${seed_dirs[@]}"
sanitizer=${FUZZ_SANITIZER:-none}
build=(--sanitizer "$sanitizer")
if [ "$sanitizer" != none ]; then
    export RUSTC_BOOTSTRAP=1
    build+=(--target-dir target-asan)
fi
exec cargo fuzz run "${build[@]}" "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=1024 \
    -print_final_stats=1 "$@"
