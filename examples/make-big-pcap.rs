//! Makes the large capture of the benchmark (see benches/make-big-pcap.sh and docs/performance.md)
//! from real captures: the first input (bulk TCP traffic) three times per round, then every other
//! input once, round after round until the requested number of packets is written. Each pass over
//! an input starts after the previous one ends and is a conversation of its own: it moves the
//! client (192.0.2.10) to another address of 192.0.2.0/24 and its ephemeral ports (32768 and
//! above) elsewhere in 32768–60999, fixing the IPv4,
//! TCP and UDP checksums, and cuts frames to a snapshot length of 128 bytes. Deterministic: the
//! same inputs give the same file, byte for byte. Only Ethernet inputs are used.
//!
//! Usage: cargo run --release --example make-big-pcap -- [--packets N] [--out FILE] BULK.pcap OTHER.pcap…

use portlens::capture::LinkType;
use portlens::decode::{Header, decode};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const SNAPLEN: usize = 128;
const CLIENT: [u8; 4] = [192, 0, 2, 10];
/// Times the bulk capture is repeated in each round, for a mix that is mostly bulk TCP.
const BULK_PER_ROUND: usize = 3;
/// Pause between two replayed captures, in microseconds.
const GAP_MICROS: u64 = 1_000;

/// One frame of an input: its time in microseconds and its bytes, with the original length.
struct Record {
    micros: u64,
    original_length: u32,
    data: Vec<u8>,
}

fn read(path: &PathBuf) -> Result<Option<Vec<Record>>, String> {
    let mut capture = pcap::Capture::from_file_with_precision(path, pcap::Precision::Micro)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if capture.get_datalink() != pcap::Linktype::ETHERNET {
        return Ok(None);
    }
    let mut records = Vec::new();
    while let Ok(packet) = capture.next_packet() {
        records.push(Record {
            micros: packet.header.ts.tv_sec as u64 * 1_000_000 + packet.header.ts.tv_usec as u64,
            original_length: packet.header.len,
            data: packet.data.to_vec(),
        });
    }
    Ok(Some(records))
}

/// RFC 1624: the checksum after one 16-bit word of the data it covers changed.
fn adjust(checksum: u16, old: u16, new: u16) -> u16 {
    let sum = u32::from(!checksum) + u32::from(!old) + u32::from(new);
    let sum = (sum & 0xffff) + (sum >> 16);
    let sum = (sum & 0xffff) + (sum >> 16);
    !(sum as u16)
}

fn word(data: &[u8], at: usize) -> u16 {
    u16::from_be_bytes([data[at], data[at + 1]])
}

fn put(data: &mut [u8], at: usize, value: u16) {
    data[at..at + 2].copy_from_slice(&value.to_be_bytes());
}

/// Moves the client and its ephemeral ports for pass `round`, keeping every checksum right.
fn vary(data: &mut [u8], round: u64) {
    let dissection = decode(LinkType::Ethernet, data);
    // (offset of the word, old value, new value) for every changed word the L4 checksum covers.
    let mut changes: Vec<(u16, u16)> = Vec::new();
    let mut transport_checksum: Option<(usize, bool)> = None;
    for layer in &dissection.layers {
        let at = layer.span.start;
        match &layer.header {
            Header::Ipv4(_) => {
                let host = 10 + (round % 240) as u8;
                for address in [at + 12, at + 16] {
                    if data[address..address + 4] == CLIENT && host != CLIENT[3] {
                        let old = word(data, address + 2);
                        data[address + 3] = host;
                        let new = word(data, address + 2);
                        let checksum = adjust(word(data, at + 10), old, new);
                        put(data, at + 10, checksum);
                        changes.push((old, new));
                    }
                }
            }
            Header::Tcp(_) | Header::Udp(_) => {
                for port_at in [at, at + 2] {
                    let port = word(data, port_at);
                    if port >= 32768 {
                        let moved =
                            32768 + ((u64::from(port) - 32768 + round * 7919) % 28232) as u16;
                        put(data, port_at, moved);
                        changes.push((port, moved));
                    }
                }
                let udp = matches!(layer.header, Header::Udp(_));
                transport_checksum = Some((at + if udp { 6 } else { 16 }, udp));
            }
            _ => {}
        }
    }
    if let Some((at, udp)) = transport_checksum {
        if at + 2 <= data.len() {
            let mut checksum = word(data, at);
            if udp && checksum == 0 {
                return; // IPv4 UDP without a checksum
            }
            for (old, new) in changes {
                checksum = adjust(checksum, old, new);
            }
            if udp && checksum == 0 {
                checksum = 0xffff;
            }
            put(data, at, checksum);
        }
    }
}

fn main() -> ExitCode {
    let mut packets: u64 = 1_000_000;
    let mut out = PathBuf::from("target/bench/big.pcap");
    let mut inputs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--packets" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => packets = n,
                None => return usage("--packets needs a number"),
            },
            "--out" => match args.next() {
                Some(path) => out = PathBuf::from(path),
                None => return usage("--out needs a file"),
            },
            _ => inputs.push(PathBuf::from(arg)),
        }
    }
    if inputs.is_empty() {
        return usage("give the bulk capture first, then the others");
    }
    let mut captures = Vec::new();
    for path in &inputs {
        match read(path) {
            Ok(Some(records)) if !records.is_empty() => captures.push(records),
            Ok(_) => eprintln!(
                "make-big-pcap: skipping {} (not Ethernet, or empty)",
                path.display()
            ),
            Err(error) => {
                eprintln!("make-big-pcap: cannot read {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    if captures.is_empty() {
        return usage("no Ethernet capture among the inputs");
    }
    let mut order: Vec<usize> = vec![0; BULK_PER_ROUND];
    order.extend(1..captures.len());

    match write(&out, &captures, &order, packets) {
        Ok(()) => {
            eprintln!(
                "make-big-pcap: wrote {packets} packets to {}",
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("make-big-pcap: cannot write {}: {error}", out.display());
            ExitCode::FAILURE
        }
    }
}

fn write(
    out: &PathBuf,
    captures: &[Vec<Record>],
    order: &[usize],
    packets: u64,
) -> std::io::Result<()> {
    let mut file = BufWriter::with_capacity(1 << 20, std::fs::File::create(out)?);
    // Classic pcap, microseconds, little-endian, snapshot length 128, Ethernet.
    file.write_all(&0xa1b2_c3d4u32.to_le_bytes())?;
    file.write_all(&2u16.to_le_bytes())?;
    file.write_all(&4u16.to_le_bytes())?;
    file.write_all(&[0; 8])?;
    file.write_all(&(SNAPLEN as u32).to_le_bytes())?;
    file.write_all(&1u32.to_le_bytes())?;

    let mut clock = captures[0][0].micros;
    let mut written = 0u64;
    // Every pass over an input is a conversation of its own: another client address and ports.
    let mut pass = 0u64;
    let mut frame = Vec::with_capacity(SNAPLEN);
    while written < packets {
        for &index in order {
            let records = &captures[index];
            let start = records[0].micros;
            for record in records {
                if written == packets {
                    return file.flush();
                }
                let micros = clock + (record.micros - start);
                frame.clear();
                frame.extend_from_slice(&record.data[..record.data.len().min(SNAPLEN)]);
                vary(&mut frame, pass);
                file.write_all(&((micros / 1_000_000) as u32).to_le_bytes())?;
                file.write_all(&((micros % 1_000_000) as u32).to_le_bytes())?;
                file.write_all(&(frame.len() as u32).to_le_bytes())?;
                file.write_all(&record.original_length.to_le_bytes())?;
                file.write_all(&frame)?;
                written += 1;
            }
            let last = records[records.len() - 1].micros;
            clock += last - start + GAP_MICROS;
            pass += 1;
        }
    }
    file.flush()
}

fn usage(problem: &str) -> ExitCode {
    eprintln!(
        "make-big-pcap: {problem}\nusage: make-big-pcap [--packets N] [--out FILE] BULK.pcap OTHER.pcap…"
    );
    ExitCode::from(2)
}
