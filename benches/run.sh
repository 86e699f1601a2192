#!/usr/bin/env bash
# run.sh - the benchmark behind `make bench` (docs/performance.md): portlens against tcpdump on
# the same large capture, side by side in one run, with hyperfine; then peak memory of every mode.
#
# Usage: benches/run.sh [--packets N] [--runs R] [--ten-million]
#   --packets N     size of the capture (default 1000000), made by benches/make-big-pcap.sh
#   --runs R        timed runs of each command (default 5, after one warm-up run)
#   --ten-million   also measure peak memory on a 10-million-packet capture (about 1.2 GB on disk)
# Prints a table of ratios against the targets; the raw numbers are in target/bench/*.json.
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
PACKETS=1000000
RUNS=5
TEN=0
while [[ $# -gt 0 ]]; do
    case $1 in
        --packets) PACKETS=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --ten-million) TEN=1; shift ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "bench: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v tcpdump >/dev/null || missing+=(tcpdump)
[[ -x /usr/bin/time ]] || missing+=(time)
command -v python3 >/dev/null || missing+=(python3)
if [[ ${#missing[@]} -gt 0 ]]; then
    sudo=""; [[ $(id -u) -eq 0 ]] || sudo=sudo
    echo "bench: installing ${missing[*]}"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

cargo build --quiet --release
PORTLENS="$ROOT/target/release/portlens"
DIR="$ROOT/target/bench"
BIG="$DIR/big-$PACKETS.pcap"
OUT="$DIR/out"
mkdir -p "$OUT"
[[ -f $BIG ]] || benches/make-big-pcap.sh --packets "$PACKETS" --out "$BIG"

echo "bench: $BIG ($(stat -c %s "$BIG") bytes, $PACKETS packets)"
echo "bench: $(tcpdump --version 2>&1 | head -1), $("$PORTLENS" --version)"
echo "bench: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(uname -sr)"

# compare NAME TARGET KIND PORTLENS-COMMAND TCPDUMP-COMMAND
#   KIND "faster": portlens must be TARGET times faster; "within": at most TARGET times slower.
#   TARGET 0: no target, the ratio is only reported (a filtered run, JSON).
compare() {
    local name=$1 target=$2 kind=$3 ours=$4 theirs=$5
    # Each run writes a fresh file: removing the last run's output (hundreds of MB) is the file
    # system's work, not the program's, and would be timed with it otherwise.
    hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json "$DIR/$name.json" \
        --prepare "rm -f $OUT/*" \
        -n portlens "$ours" -n tcpdump "$theirs" >"$DIR/$name.log" 2>&1 ||
        { cat "$DIR/$name.log" >&2; exit 1; }
    python3 - "$DIR/$name.json" "$name" "$target" "$kind" <<'PY'
import json, sys
path, name, target, kind = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
r = {x["command"]: x for x in json.load(open(path))["results"]}
p, t = r["portlens"], r["tcpdump"]
cpu = lambda x: x["user"] + x["system"]
if kind == "faster":
    wall, cpu_ratio = t["mean"] / p["mean"], cpu(t) / cpu(p)
    goal, ok = f">= {target:g}x faster", wall >= target
    verb = "faster"
else:
    wall, cpu_ratio = p["mean"] / t["mean"], cpu(p) / cpu(t)
    goal, ok = f"<= {target:g}x the time", wall <= target
    verb = "the time"
verdict = "(no target)" if target == 0 else f"target {goal}: {'met' if ok else 'NOT met'}"
print(f"{name:<18} portlens {p['mean']:7.3f} s ±{p['stddev']:.3f}  tcpdump {t['mean']:7.3f} s ±{t['stddev']:.3f}"
      f"  {wall:5.2f}x {verb} (cpu {cpu_ratio:5.2f}x)  {verdict}")
PY
}

echo
echo "Speed (mean of $RUNS runs; ratios of wall-clock means, and of user+system CPU time)"
compare oneline 5 faster \
    "$PORTLENS -r $BIG --oneline > $OUT/portlens-oneline.txt" \
    "tcpdump -nn -r $BIG > $OUT/tcpdump-nn.txt 2>/dev/null"
compare oneline-filtered 0 faster \
    "$PORTLENS -r $BIG --oneline tcp port 80 or udp port 53 > $OUT/portlens-filtered.txt" \
    "tcpdump -nn -r $BIG tcp port 80 or udp port 53 > $OUT/tcpdump-filtered.txt 2>/dev/null"
compare stats 1.5 within \
    "$PORTLENS -r $BIG --stats > $OUT/portlens-stats.txt" \
    "tcpdump -r $BIG -w /dev/null 2>/dev/null"
compare tree 1 within \
    "$PORTLENS -r $BIG > $OUT/portlens-tree.txt" \
    "tcpdump -nn -v -r $BIG > $OUT/tcpdump-v.txt 2>/dev/null"
compare json 0 within \
    "$PORTLENS -r $BIG --json > $OUT/portlens.json" \
    "tcpdump -nn -v -r $BIG > $OUT/tcpdump-v.txt 2>/dev/null"

# peak FILE ARGS... : the maximum resident set size of one run, in MiB.
peak() {
    local file=$1; shift
    /usr/bin/time -f %M "$PORTLENS" -r "$file" "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.1f", $1 / 1024}'
}
memory() {
    local file=$1 label=$2
    printf '%-16s' "$label"
    for mode in "" --oneline --json --stats --conversations "-X --diagram"; do
        # shellcheck disable=SC2086
        printf '  %-14s %6s MiB' "${mode:-tree}" "$(peak "$file" $mode)"
    done
    echo
}
echo
echo "Peak memory (maximum resident set size; target: under 32 MiB, the same for 1 and 10 million packets)"
memory "$BIG" "$PACKETS packets"
if [[ $TEN == 1 ]]; then
    TEN_BIG="$DIR/big-10000000.pcap"
    [[ -f $TEN_BIG ]] || benches/make-big-pcap.sh --packets 10000000 --out "$TEN_BIG"
    memory "$TEN_BIG" "10000000 packets"
fi
