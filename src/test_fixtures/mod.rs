//! What the unit tests share: a real frame to decode and explain ([`SYN`]), the frames of the
//! bundled samples ([`samples`], [`frames_of`]), the requirements of tests that depend on the machine ([`environment`]) and
//! whole outputs compared with a unified diff ([`text`]); the last two are shared with the
//! integration tests. It uses nothing above capture, so any layer's tests may use it (the
//! renderers' own helper is `render::fixtures`, the list of owner reasons `procs::ALL_REASONS`).

pub mod environment;
pub mod text;

use crate::capture::{Frame, LinkType};
use std::path::{Path, PathBuf};

/// print-flags.pcap frame 1 (tcpdump's test captures): a SYN from 127.0.0.1:55920 to
/// 127.0.0.1:80 on Linux loopback, Ethernet/IPv4/TCP with the options MSS, SACK permitted,
/// timestamps and window scale.
pub const SYN: [u8; 74] = [
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x45, 0x00,
    0x00, 0x3c, 0x1b, 0x68, 0x40, 0x00, 0x40, 0x06, 0x21, 0x52, 0x7f, 0x00, 0x00, 0x01, 0x7f, 0x00,
    0x00, 0x01, 0xda, 0x70, 0x00, 0x50, 0x37, 0x58, 0x89, 0x7e, 0x00, 0x00, 0x00, 0x00, 0xa0, 0x02,
    0x7f, 0xff, 0x14, 0x21, 0x00, 0x00, 0x02, 0x04, 0x40, 0x0c, 0x04, 0x02, 0x08, 0x0a, 0x4d, 0xdc,
    0x92, 0x16, 0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x03, 0x02,
];

/// `data` as packet 1 of a `link_type` capture, captured whole, at time 0.
pub fn frame(link_type: LinkType, data: &[u8]) -> Frame {
    Frame {
        number: 1,
        link_type,
        captured_length: data.len() as u32,
        original_length: data.len() as u32,
        data: data.to_vec(),
        ..Frame::default()
    }
}

/// The bundled samples (samples/*.pcap), sorted by name.
pub fn samples() -> Vec<PathBuf> {
    let files = environment::captures_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("samples"));
    assert!(!files.is_empty(), "samples/ holds the bundled captures");
    files
}

/// The link type and the frames of the capture at `path`, read by libpcap; a capture libpcap
/// cannot open fails the test.
pub fn frames_of(path: &Path) -> (LinkType, Vec<Vec<u8>>) {
    let mut capture = pcap::Capture::from_file(path)
        .unwrap_or_else(|error| panic!("libpcap cannot open {}: {error}", path.display()));
    let link_type = LinkType::from_header_field(capture.get_datalink().0 as u32);
    let mut frames = Vec::new();
    while let Ok(packet) = capture.next_packet() {
        frames.push(packet.data.to_vec());
    }
    (link_type, frames)
}
