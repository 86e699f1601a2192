#!/usr/bin/env python3
"""Writes a flood of distinct conversations, for measuring memory (docs/security.md):
    scripts/make-flood-pcap.py FLOWS OUT.pcap
a raw-IP classic pcap of FLOWS TCP SYNs to 198.51.100.20:80, each from its own client address and
port (10.0.0.0/8, ports 1024-63835), ten thousand a second from 2023-11-14: the file that
tests/integration/hostile.rs::memory_stays_bounded_on_two_million_distinct_conversations writes,
byte for byte, for any number of flows. 56 bytes a flow, plus 24."""
import struct
import sys


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    flows, out = int(sys.argv[1]), sys.argv[2]
    server = bytes([198, 51, 100, 20])
    with open(out, "wb") as f:
        # Little-endian, microseconds, version 2.4, snapshot length 262144, LINKTYPE_RAW (101).
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262_144, 101))
        for n in range(flows):
            client = struct.pack(">I", 0x0A00_0000 | (n >> 6))
            port = 1024 + (n & 0x3F) * 997 % 64_000
            ip = bytes([0x45, 0]) + struct.pack(">H", 40) + bytes([0, 1, 0x40, 0, 64, 6, 0, 0])
            tcp = struct.pack(">HHII", port, 80, n, 0) + bytes([0x50, 0x02, 0xFF, 0xFF, 0, 0, 0, 0])
            frame = ip + client + server + tcp
            f.write(struct.pack("<IIII", 1_700_000_000 + n // 10_000, 0, len(frame), len(frame)))
            f.write(frame)
    return 0


if __name__ == "__main__":
    sys.exit(main())
