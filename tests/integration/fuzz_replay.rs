//! The fuzz harness (fuzz/src/lib.rs) run as an ordinary test, without libFuzzer: every input
//! that once crashed a fuzz target (fuzz/regressions/TARGET/) and every real capture we have,
//! whole and packet by packet, go through the same pipeline and the same checks as under the
//! fuzzer (no panic, terminal-safe tree, valid JSON). This also keeps the harness compiling as
//! portlens changes, though `make test` never builds the fuzz crate itself.

#[allow(dead_code)]
#[path = "../../fuzz/src/lib.rs"]
mod harness;

use crate::helpers::{root, samples, shared_captures};
use portlens::capture::{CaptureOptions, Source, SourceSpec};
use std::path::{Path, PathBuf};

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.is_file());
    files.sort();
    files
}

fn scratch(tag: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("portlens-fuzz-replay-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join("input.pcap")
}

#[test]
fn every_fuzz_regression_still_passes() {
    let packet = files_in(&root().join("fuzz/regressions/packet"));
    assert!(
        !packet.is_empty(),
        "the regressions of the packet target are there"
    );
    for input in &packet {
        harness::packets(&std::fs::read(input).expect("read regression"));
    }
    let file = scratch("regressions");
    for input in files_in(&root().join("fuzz/regressions/capture_file")) {
        harness::capture_file(&std::fs::read(&input).expect("read regression"), &file);
    }
}

/// The captures the fuzzer is seeded with: the samples and, where present, the shared ones.
fn captures() -> Vec<PathBuf> {
    let mut all = samples();
    if let Some(dir) = shared_captures() {
        all.extend(
            files_in(&dir)
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "pcap" || e == "pcapng")),
        );
    }
    all
}

#[test]
fn every_real_capture_passes_the_fuzz_checks() {
    let file = scratch("captures");
    for capture in captures() {
        harness::capture_file(&std::fs::read(&capture).expect("read capture"), &file);
        let options = CaptureOptions {
            source: SourceSpec::File(capture.clone()),
            ..CaptureOptions::default()
        };
        let Ok(mut source) = Source::open(&options) else {
            continue;
        };
        let number = source.link_type().number();
        let index = harness::LINK_TYPES
            .iter()
            .position(|&n| n == number)
            .unwrap_or(10) as u8;
        let mut frames = Vec::new();
        while let Ok(Some(frame)) = source.next_frame() {
            frames.push(frame.data.clone());
        }
        for group in frames.chunks(harness::MAX_FRAMES) {
            let refs: Vec<&[u8]> = group.iter().map(Vec::as_slice).collect();
            harness::packets(&harness::encode_packet_input(index, &refs));
        }
    }
}
