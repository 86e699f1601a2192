#!/usr/bin/env bash
# Fuzzes one target of portlens for a bounded time on one core, on stable Rust:
#   fuzz/run.sh packet|capture_file SECONDS [more libFuzzer flags…]
# Seeds the corpus from samples/ and the shared captures beside the repository (copied into
# fuzz/corpus/, which git ignores), then runs cargo-fuzz without a sanitizer (the only mode the
# stable toolchain builds; our crate has no unsafe code, and overflow checks and debug assertions
# stay on). Crashes land in fuzz/artifacts/TARGET/. See docs/fuzzing.md.
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
exec cargo fuzz run --sanitizer none "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=1024 \
    -print_final_stats=1 "$@"
