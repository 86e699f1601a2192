//! Test helper shared by the decoder's tests: every frame of every capture in a directory, with
//! its link type, read by libpcap.

use crate::capture::LinkType;
use std::path::Path;

/// The frames of the .pcap and .pcapng files in `dir`, in file-name order; nothing when the
/// directory cannot be read.
pub fn frames_in(dir: &Path) -> Vec<(LinkType, Vec<u8>)> {
    let mut frames = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return frames;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if !path
            .extension()
            .is_some_and(|e| e == "pcap" || e == "pcapng")
        {
            continue;
        }
        let Ok(mut capture) = pcap::Capture::from_file(&path) else {
            continue;
        };
        let link_type = LinkType::from_header_field(capture.get_datalink().0 as u32);
        while let Ok(packet) = capture.next_packet() {
            frames.push((link_type, packet.data.to_vec()));
        }
    }
    frames
}
