#!/usr/bin/env bash
# Regenerates tests/expected/NAME.conversations.tsv: tshark's conversation statistics
# (`tshark -q -z conv,tcp -z conv,udp`) for every sample, so the conversations test can compare
# portlens with Wireshark's reading without needing tshark installed.
# Columns: transport, endpoint A, endpoint B, frames A→B, bytes A→B, frames B→A, bytes B→A.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v tshark >/dev/null || { echo "tshark is needed: apt-get install tshark" >&2; exit 1; }
mkdir -p tests/expected
for sample in samples/*.pcap; do
    name=$(basename "$sample" .pcap)
    {
        echo "# $(tshark --version 2>/dev/null | head -1) -q -z conv,tcp -z conv,udp -r $sample"
        tshark -r "$sample" -q -z conv,tcp -z conv,udp 2>/dev/null | python3 -c '
import sys, re
transport = None
for line in sys.stdin:
    if line.startswith("TCP Conversations"): transport = "tcp"
    elif line.startswith("UDP Conversations"): transport = "udp"
    m = re.match(r"(\S+)\s+<->\s+(\S+)\s+(\d+)\s+(\d+) bytes\s+(\d+)\s+(\d+) bytes", line)
    if m and transport:
        a, b, f_ba, b_ba, f_ab, b_ab = m.groups()
        # tshark lists B→A ("<-") first, then A→B ("->").
        print("\t".join([transport, a, b, f_ab, b_ab, f_ba, b_ba]))
'
    } > "tests/expected/$name.conversations.tsv" 2>/dev/null
done
