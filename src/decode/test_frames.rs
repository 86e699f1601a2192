//! Test helpers shared by the decoder's tests: every frame of every capture in a directory, with
//! its link type, read by libpcap; and the two sweeps that compare a quick path with the general
//! decoder over the samples (every frame cut at every length) and over the shared captures.

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

/// Runs `check` on every sample frame and every cut of it; `check` returns whether the quick
/// path took the frame, and most whole sample frames must take it.
pub fn sweep_samples(check: impl Fn(LinkType, &[u8]) -> bool) {
    let frames = frames_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("samples"));
    assert!(frames.len() > 200);
    let mut quick = 0;
    for (link_type, data) in &frames {
        quick += usize::from(check(*link_type, data));
        for cut in 0..data.len() {
            check(*link_type, &data[..cut]);
        }
    }
    assert!(
        quick * 10 > frames.len() * 8,
        "most sample frames take the quick way ({quick} of {})",
        frames.len()
    );
}

/// Runs `check` on every frame of the shared captures beside the repository, or says why not.
pub fn sweep_shared_captures(check: impl Fn(LinkType, &[u8]) -> bool) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/captures");
    let frames = frames_in(&dir);
    if frames.is_empty() {
        eprintln!("skipped: {} holds no captures", dir.display());
        return;
    }
    for (link_type, data) in &frames {
        check(*link_type, data);
    }
}
