#!/usr/bin/env bash
# make-big-pcap.sh - make the large capture the benchmark reads (docs/performance.md).
#
# Usage: benches/make-big-pcap.sh [--packets N] [--out FILE]   (default: 1000000, target/bench/big-1000000.pcap)
#        sudo benches/make-big-pcap.sh --record-seed           (re-record benches/data/bulk-seed.pcap)
#
# The big capture is made deterministically from real traffic: the committed seed
# benches/data/bulk-seed.pcap (an iperf3 bulk TCP transfer between two network namespaces,
# recorded by --record-seed with tcpdump at snaplen 128) and the Ethernet samples in samples/
# (DNS, HTTP, TLS, ping, ARP, SSH, SMTP, ...). examples/make-big-pcap.rs repeats them, round after
# round, until N packets are written: each pass over an input shifts the timestamps after the
# previous one and is a conversation of its own (the client moves to another address of
# 192.0.2.0/24 and its ephemeral ports elsewhere in 32768-60999, with the IPv4, TCP and UDP
# checksums fixed), and frames are cut to 128 bytes, as tcpdump
# -s 128 would. The same inputs give the same file, byte for byte.
#
# --record-seed creates namespaces portlens-bench-c and portlens-bench-s joined by a veth pair with
# documentation addresses (192.0.2.10, 198.51.100.20) and no route anywhere else, runs an iperf3
# server and client there, and captures the transfer; it needs root, iproute2, iperf3 and tcpdump.
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SEED="$ROOT/benches/data/bulk-seed.pcap"
PACKETS=1000000
OUT="$ROOT/target/bench/big-1000000.pcap"
RECORD=0

while [[ $# -gt 0 ]]; do
    case $1 in
        --packets) PACKETS=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --record-seed) RECORD=1; shift ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) echo "make-big-pcap: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

record_seed() {
    [[ $(id -u) -eq 0 ]] || { echo "make-big-pcap: --record-seed needs root (network namespaces)" >&2; exit 1; }
    for tool in ip iperf3 tcpdump; do
        command -v "$tool" >/dev/null || { echo "make-big-pcap: $tool is missing (apt-get install iproute2 iperf3 tcpdump)" >&2; exit 1; }
    done
    c=portlens-bench-c s=portlens-bench-s
    tmp=$(mktemp -d)
    CAP=""
    cleanup() {
        set +e
        [[ -n ${CAP:-} ]] && kill -INT "$CAP" 2>/dev/null && wait "$CAP" 2>/dev/null
        for ns in $c $s; do
            pids=$(ip netns pids "$ns" 2>/dev/null); [[ -n $pids ]] && kill $pids 2>/dev/null
            ip netns del "$ns" 2>/dev/null
        done
        [[ ${KEEP_TMP:-0} == 1 ]] && echo "kept $tmp" >&2 || rm -rf "$tmp"
    }
    trap cleanup EXIT
    for ns in $c $s; do ip netns del "$ns" 2>/dev/null || true; ip netns add "$ns"; done
    ip link add eth0 netns $c address 02:00:00:00:00:01 type veth peer name eth0 netns $s address 02:00:00:00:00:02
    for ns in $c $s; do
        ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
        ip -n "$ns" link set lo up
        # No offloads, so that the capture holds wire-sized segments.
        ip netns exec "$ns" ethtool -K eth0 tx off tso off gso off gro off >/dev/null 2>&1 || true
        ip -n "$ns" link set eth0 up
    done
    ip -n $c addr add 192.0.2.10/24 dev eth0
    ip -n $c route add 198.51.100.0/24 dev eth0
    ip -n $s addr add 198.51.100.20/24 dev eth0
    ip -n $s route add 192.0.2.0/24 dev eth0
    ip -n $c neigh replace 198.51.100.20 lladdr 02:00:00:00:00:02 dev eth0 nud permanent
    ip -n $s neigh replace 192.0.2.10 lladdr 02:00:00:00:00:01 dev eth0 nud permanent
    ip netns exec $s iperf3 --server --one-off --port 5201 >"$tmp/server.log" 2>&1 &
    # -Z root: tcpdump keeps the privileges it needs to write into our private directory.
    ip netns exec $c tcpdump -Z root --immediate-mode -i eth0 -s 128 -U -w "$tmp/seed.pcap" >"$tmp/tcpdump.log" 2>&1 &
    CAP=$!
    sleep 1
    ip netns exec $c iperf3 --client 198.51.100.20 --port 5201 --bytes 640K >"$tmp/client.log" ||
        { cat "$tmp/client.log" "$tmp/server.log" >&2; exit 1; }
    sleep 1
    kill -INT "$CAP"; wait "$CAP" || true; CAP=""
    mkdir -p "$(dirname "$SEED")"
    cp "$tmp/seed.pcap" "$SEED"
    echo "make-big-pcap: recorded $SEED ($(stat -c %s "$SEED") bytes)"
}

if [[ $RECORD == 1 ]]; then
    record_seed
    exit 0
fi

[[ -f $SEED ]] || { echo "make-big-pcap: $SEED is missing; record it with: sudo $0 --record-seed" >&2; exit 1; }
mkdir -p "$(dirname "$OUT")"
cd "$ROOT"
cargo run --quiet --release --example make-big-pcap -- --packets "$PACKETS" --out "$OUT" \
    "$SEED" samples/*.pcap
