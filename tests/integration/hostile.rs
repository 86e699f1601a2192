//! Hostile and broken captures, made in the test from a real sample's bytes: files cut inside a
//! record header or a packet, records longer than the snapshot length or than the packet itself,
//! absurd snapshot lengths, empty and header-only files, pcapng with unknown blocks or a block
//! whose length is a lie, a link-type field with FCS bits. Each must give a clear message, show
//! every packet that can be read, and exit 1 only when the file itself is broken. And a file with
//! two million distinct conversations must not make memory grow without bound.

use crate::craft::{
    ETHERNET, RAW_IP, Record, classic_pcap, ipv4_tcp, parse_classic, pcap_header, pcapng_block,
    pcapng_packet, pcapng_start,
};
use crate::helpers::{ndjson, portlens, program, require, root, run, stderr, stdout};
use serde_json::Value;
use std::io::Write;
use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// The real capture every damaged file is made from: a DNS lookup and an HTTP exchange.
fn sample() -> (Vec<u8>, Vec<Record>) {
    let bytes = std::fs::read(root().join("samples/web-http.pcap")).expect("sample");
    parse_classic(&bytes)
}

/// The damaged captures below, by name: the capture_file fuzz target's regression inputs hold
/// each of them (fuzz/regressions/capture_file, checked by `fuzz_replay`).
pub(crate) fn damaged_captures() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "cut-inside-a-record-header.pcap",
            cut_inside_a_record_header(),
        ),
        ("cut-inside-a-packet.pcap", cut_inside_a_packet()),
        (
            "a-record-longer-than-its-packet.pcap",
            a_record_longer_than_its_packet(),
        ),
        (
            "an-absurd-captured-length.pcap",
            an_absurd_captured_length(),
        ),
        ("half-a-file-header.pcap", half_a_file_header()),
        (
            "a-lying-pcapng-block-length.pcapng",
            a_lying_pcapng_block_length(),
        ),
    ]
}

/// The sample's first 3 records, then 9 bytes of the 4th record's header.
fn cut_inside_a_record_header() -> Vec<u8> {
    let (mut bytes, records) = sample();
    for record in &records[..3] {
        bytes.extend_from_slice(&record.bytes());
    }
    bytes.extend_from_slice(&records[3].bytes()[..9]);
    bytes
}

/// The sample's first 5 records, then the 6th record's header and 30 of its bytes.
fn cut_inside_a_packet() -> Vec<u8> {
    let (mut bytes, records) = sample();
    for record in &records[..5] {
        bytes.extend_from_slice(&record.bytes());
    }
    bytes.extend_from_slice(&records[5].bytes()[..16 + 30]);
    bytes
}

/// The sample, where record 2 claims 75 captured bytes of a 20-byte packet: impossible.
fn a_record_longer_than_its_packet() -> Vec<u8> {
    let (header, mut records) = sample();
    records[1].original_length = 20;
    with_records(header, &records)
}

/// The sample, where record 3 claims 2 GiB of captured bytes.
fn an_absurd_captured_length() -> Vec<u8> {
    let (header, mut records) = sample();
    records[2].captured_length = 0x7fff_ffff;
    with_records(header, &records)
}

/// The first 10 bytes of the sample's 24-byte file header.
fn half_a_file_header() -> Vec<u8> {
    sample().0[..10].to_vec()
}

/// The sample as pcapng, with a block that says it is 7 bytes long after packet 2.
fn a_lying_pcapng_block_length() -> Vec<u8> {
    let (_, records) = sample();
    let mut bytes = pcapng_start();
    for record in &records[..2] {
        bytes.extend_from_slice(&pcapng_packet(record));
    }
    bytes.extend_from_slice(&0x0bad_f00du32.to_le_bytes());
    bytes.extend_from_slice(&7u32.to_le_bytes());
    bytes.extend_from_slice(&[0; 8]);
    for record in &records[2..] {
        bytes.extend_from_slice(&pcapng_packet(record));
    }
    bytes
}

/// A file header followed by `records`.
fn with_records(mut header: Vec<u8>, records: &[Record]) -> Vec<u8> {
    for record in records {
        header.extend_from_slice(&record.bytes());
    }
    header
}

struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("portlens-hostile-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        Scratch(dir)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).expect("write the crafted file");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What portlens did with a file: exit code, packets shown (JSON), stderr.
struct Outcome {
    code: Option<i32>,
    packets: Vec<Value>,
    stderr: String,
}

fn read(path: &Path) -> Outcome {
    let output = run(&["-r", path.to_str().unwrap(), "--json"]);
    let text = stderr(&output);
    assert!(!text.contains("panicked"), "{}: {text}", path.display());
    Outcome {
        code: output.status.code(),
        packets: ndjson(&stdout(&output)),
        stderr: text,
    }
}

fn assert_mentions(outcome: &Outcome, needles: &[&str]) {
    for needle in needles {
        assert!(
            outcome.stderr.contains(needle),
            "expected {needle:?} in: {}",
            outcome.stderr
        );
    }
}

#[test]
fn a_file_cut_inside_a_record_header_shows_the_packets_before_it() {
    let scratch = Scratch::new("cut-header");
    let outcome = read(&scratch.file("cut-header.pcap", &cut_inside_a_record_header()));
    // libpcap: "truncated dump file; tried to read 16 header bytes, only got 9"; tcpdump shows
    // the 3 packets, then that message.
    assert_eq!(outcome.code, Some(1), "{}", outcome.stderr);
    assert_eq!(outcome.packets.len(), 3);
    assert_mentions(
        &outcome,
        &[
            "ends in the middle of a record after packet 3",
            "16 header bytes",
        ],
    );
}

#[test]
fn a_file_cut_inside_a_packet_shows_the_packets_before_it() {
    let scratch = Scratch::new("cut-packet");
    let outcome = read(&scratch.file("cut-packet.pcap", &cut_inside_a_packet()));
    assert_eq!(outcome.code, Some(1), "{}", outcome.stderr);
    assert_eq!(outcome.packets.len(), 5);
    assert_mentions(
        &outcome,
        &[
            "ends in the middle of a record after packet 5",
            "captured bytes",
        ],
    );
}

#[test]
fn records_longer_than_the_snapshot_length_are_cut_to_it_as_libpcap_does() {
    let (_, records) = sample();
    let scratch = Scratch::new("snaplen");
    // The header says 64 bytes; every record holds more. libpcap keeps the first 64 bytes of
    // each (as tcpdump shows them): the file is readable, so portlens succeeds.
    let outcome = read(&scratch.file("short-snaplen.pcap", &classic_pcap(64, ETHERNET, &records)));
    assert_eq!(outcome.code, Some(0), "{}", outcome.stderr);
    assert_eq!(outcome.packets.len(), records.len());
    for (packet, record) in outcome.packets.iter().zip(&records) {
        let captured = packet["captured_length"].as_u64().unwrap();
        assert_eq!(captured, u64::from(record.captured_length.min(64)));
        assert_eq!(packet["original_length"], record.original_length);
    }
    // Cut at 64 bytes, a DNS query over Ethernet still fits; decoding says where bytes ran out
    // when they did.
    let cut = outcome
        .packets
        .iter()
        .find(|p| p["stopped"].is_object())
        .expect("some packet was cut before its end");
    let reason = cut["stopped"]["reason"].as_str().unwrap();
    assert!(reason.contains("captured"), "{reason}");
}

#[test]
fn a_record_longer_than_its_packet_is_decoded_and_reported() {
    let (_, records) = sample();
    let scratch = Scratch::new("caplen-len");
    // tcpdump prints "[Invalid header: len(20) < caplen(75)]" and goes on; portlens decodes the
    // bytes it has.
    let outcome = read(&scratch.file("caplen-gt-len.pcap", &a_record_longer_than_its_packet()));
    assert_eq!(outcome.code, Some(0), "{}", outcome.stderr);
    assert_eq!(outcome.packets.len(), records.len());
    assert_eq!(outcome.packets[1]["original_length"], 20);
    assert!(
        outcome.packets[1]["transport"].is_object(),
        "decoded anyway"
    );
    assert_mentions(
        &outcome,
        &[
            "warning: packet 2 says",
            "[Invalid header]",
            "record header is wrong",
        ],
    );
}

#[test]
fn an_absurd_captured_length_is_named_as_damage_not_as_a_cut() {
    let scratch = Scratch::new("caplen-huge");
    let outcome = read(&scratch.file("caplen-huge.pcap", &an_absurd_captured_length()));
    // libpcap refuses the record ("invalid packet capture length 2147483647, bigger than
    // snaplen of 262144") and cannot read past it; neither can tcpdump.
    assert_eq!(outcome.code, Some(1), "{}", outcome.stderr);
    assert_eq!(outcome.packets.len(), 2);
    assert_mentions(
        &outcome,
        &[
            "is damaged",
            "the record after packet 2",
            "invalid packet capture length",
        ],
    );
    assert!(!outcome.stderr.contains("cut short"), "{}", outcome.stderr);
}

#[test]
fn absurd_snapshot_lengths_in_the_header_do_not_stop_reading() {
    let (_, records) = sample();
    let scratch = Scratch::new("snaplens");
    for snaplen in [0, 0x7fff_ffff, 0xffff_ffff, 1] {
        let path = scratch.file(
            &format!("snaplen-{snaplen:x}.pcap"),
            &classic_pcap(snaplen, ETHERNET, &records),
        );
        let outcome = read(&path);
        assert_eq!(
            outcome.code,
            Some(0),
            "snaplen {snaplen}: {}",
            outcome.stderr
        );
        assert_eq!(outcome.packets.len(), records.len(), "snaplen {snaplen}");
        if snaplen == 1 {
            // libpcap keeps one byte of each record, as the header asks: every packet stops in
            // its Ethernet header, and says so.
            for packet in &outcome.packets {
                assert_eq!(packet["captured_length"], 1);
                assert_eq!(packet["stopped"]["layer"], "ethernet", "{packet}");
            }
        } else {
            assert!(outcome.packets.iter().all(|p| p["stopped"].is_null()));
        }
    }
}

#[test]
fn empty_header_only_and_half_header_files() {
    let (header, _) = sample();
    let scratch = Scratch::new("empty");
    let empty = read(&scratch.file("empty.pcap", b""));
    assert_eq!(empty.code, Some(1));
    assert_mentions(&empty, &["is empty (0 bytes)"]);
    // A header and no packet is a valid, empty capture (tcpdump prints nothing either).
    let header_only = read(&scratch.file("header-only.pcap", &header));
    assert_eq!(header_only.code, Some(0), "{}", header_only.stderr);
    assert!(header_only.packets.is_empty());
    let half = read(&scratch.file("half.pcap", &half_a_file_header()));
    assert_eq!(half.code, Some(1));
    assert_mentions(
        &half,
        &["ends inside its file header", "24 file header bytes"],
    );
}

#[test]
fn pcapng_unknown_blocks_are_skipped_and_a_lying_block_length_is_damage() {
    let (_, records) = sample();
    let scratch = Scratch::new("pcapng");
    let classic = read(&scratch.file("classic.pcap", &classic_pcap(262_144, ETHERNET, &records)));
    // Unknown block types, and a custom block (0x00000BAD) with a private enterprise number,
    // between the packets: readers must skip what they do not know.
    let mut bytes = pcapng_start();
    for (index, record) in records.iter().enumerate() {
        bytes.extend_from_slice(&pcapng_packet(record));
        match index {
            0 => bytes.extend_from_slice(&pcapng_block(0x0bad_f00d, b"unknown block, skip me")),
            3 => {
                let mut custom = 32473u32.to_le_bytes().to_vec();
                custom.extend_from_slice(b"private data");
                bytes.extend_from_slice(&pcapng_block(0x0000_0bad, &custom));
            }
            _ => {}
        }
    }
    let outcome = read(&scratch.file("unknown-blocks.pcapng", &bytes));
    assert_eq!(outcome.code, Some(0), "{}", outcome.stderr);
    assert_eq!(
        outcome.packets, classic.packets,
        "the same packets as the classic file"
    );

    // A block that says it is 7 bytes long (less than a block header): libpcap stops there.
    let outcome = read(&scratch.file("lying-block.pcapng", &a_lying_pcapng_block_length()));
    assert_eq!(outcome.code, Some(1), "{}", outcome.stderr);
    assert_eq!(outcome.packets.len(), 2);
    assert_mentions(
        &outcome,
        &["is damaged", "after packet 2", "has a length of 7 < 12"],
    );
}

#[test]
fn a_link_type_with_fcs_bits_decodes_like_plain_ethernet() {
    let (_, records) = sample();
    let scratch = Scratch::new("fcs");
    // Upper bits of the link-type field: "F" (bit 26) and an FCS length of 2 × 16 bits. Each
    // frame then really ends in 4 bytes of frame check sequence.
    let field = ETHERNET | 0x0400_0000 | (2 << 28);
    let with_fcs: Vec<Record> = records
        .iter()
        .map(|r| {
            let mut data = r.data.clone();
            data.extend_from_slice(&[0xde, 0xad, 0xbe, 0xef]);
            Record {
                captured_length: r.captured_length + 4,
                original_length: r.original_length + 4,
                data,
                ..r.clone()
            }
        })
        .collect();
    let plain = read(&scratch.file("plain.pcap", &classic_pcap(262_144, ETHERNET, &records)));
    let path = scratch.file("fcs.pcap", &classic_pcap(262_144, field, &with_fcs));
    let outcome = read(&path);
    assert_eq!(outcome.code, Some(0), "{}", outcome.stderr);
    assert_eq!(outcome.packets.len(), plain.packets.len());
    for (fcs, plain) in outcome.packets.iter().zip(&plain.packets) {
        assert_eq!(fcs["link"], plain["link"]);
        assert_eq!(fcs["network"], plain["network"]);
        assert_eq!(
            fcs["transport"]["source_port"],
            plain["transport"]["source_port"]
        );
        assert_eq!(fcs["service"], plain["service"]);
    }
    // -w keeps the FCS bits, so the copy still says its frames end in a checksum.
    let copy = scratch.0.join("copy.pcap");
    let saved = run(&[
        "-r",
        path.to_str().unwrap(),
        "-w",
        copy.to_str().unwrap(),
        "--json",
    ]);
    assert!(saved.status.success(), "{}", stderr(&saved));
    let bytes = std::fs::read(&copy).unwrap();
    assert_eq!(u32::from_le_bytes(bytes[20..24].try_into().unwrap()), field);
}

/// Peak resident memory of a running process (VmHWM), in KiB.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
}

/// How many distinct conversations the hostile file holds.
const FLOWS: u32 = 2_000_000;
/// The most memory portlens may use on it: a conversation table that kept every one of them
/// would need several times this; a bounded one fits easily.
const MEMORY_BOUND_MIB: u64 = 128;

/// Writes a raw-IP capture of `flows` TCP SYNs, each from a different address and port.
fn write_flood(path: &Path, flows: u32) {
    let file = std::fs::File::create(path).expect("create the flood file");
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    out.write_all(&pcap_header(262_144, RAW_IP)).unwrap();
    let server = (Ipv4Addr::new(198, 51, 100, 20), 80);
    for n in 0..flows {
        let client = (
            Ipv4Addr::from(0x0a00_0000 | (n >> 6)),
            1024 + (n & 0x3f) as u16 * 997 % 64_000,
        );
        let frame = ipv4_tcp(client, server, crate::craft::SYN, n, &[]);
        let record = Record::whole(1_700_000_000 + n / 10_000, frame);
        out.write_all(&record.bytes()).unwrap();
    }
    out.flush().unwrap();
}

#[test]
fn memory_stays_bounded_on_two_million_distinct_conversations() {
    let scratch = Scratch::new("flood");
    let path = scratch.0.join("flood.pcap");
    write_flood(&path, FLOWS);
    let started = Instant::now();
    let mut child = portlens()
        .args(["-r", path.to_str().unwrap(), "--color", "never"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn portlens");
    let err = crate::netns::drain(child.stderr.take().expect("stderr"));
    let mut peak = 0;
    let status = loop {
        if let Some(kib) = peak_rss_kib(child.id()) {
            peak = peak.max(kib);
        }
        if let Some(status) = child.try_wait().expect("poll") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(900) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("portlens took more than 15 minutes on {FLOWS} packets");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let err = err.join().unwrap();
    assert!(status.success(), "{status}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    eprintln!(
        "flood: {FLOWS} distinct conversations in {:.1} s, peak resident memory {} MiB",
        started.elapsed().as_secs_f64(),
        peak / 1024
    );
    assert!(peak > 0, "VmHWM was read while portlens ran");
    assert!(
        peak < MEMORY_BOUND_MIB * 1024,
        "peak resident memory {} MiB exceeds {MEMORY_BOUND_MIB} MiB on {FLOWS} conversations",
        peak / 1024
    );
}

/// scripts/make-flood-pcap.py, with which docs/security.md measures memory, writes the file this
/// test reads, byte for byte.
#[test]
fn the_flood_script_writes_the_file_of_the_memory_test() {
    let Some(python) = require(program("python3")) else {
        return;
    };
    let scratch = Scratch::new("flood-script");
    let (ours, theirs) = (scratch.0.join("test.pcap"), scratch.0.join("script.pcap"));
    write_flood(&ours, 1_000);
    let made = std::process::Command::new(python)
        .arg(root().join("scripts/make-flood-pcap.py"))
        .arg("1000")
        .arg(&theirs)
        .output()
        .expect("run the flood script");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let (ours, theirs) = (std::fs::read(ours).unwrap(), std::fs::read(theirs).unwrap());
    assert_eq!(ours.len(), 24 + 1_000 * 56);
    assert!(ours == theirs, "the script's file differs from the test's");
}
