//! The fuzz harness (fuzz/src/lib.rs) run as an ordinary test, without libFuzzer: every input
//! that once crashed a fuzz target or that the hardening tests craft (fuzz/regressions/TARGET/)
//! and every real capture we have, whole and packet by packet, go through the same pipeline and
//! the same checks as under the fuzzer (no panic, terminal-safe tree, valid JSON). This also keeps
//! the harness compiling as portlens changes, though `make test` never builds the fuzz crate
//! itself. Missing inputs fail the tests, and each says how much it checked.

#[allow(dead_code)]
#[path = "../../fuzz/src/lib.rs"]
mod harness;

use crate::helpers::{captures_in, root, samples, shared_captures};
use std::path::{Path, PathBuf};

/// The files of `dir`, sorted by name.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.is_file());
    files.sort();
    files
}

/// The regression inputs of a fuzz target; fails when there are none.
fn regressions(target: &str) -> Vec<PathBuf> {
    let dir = root().join("fuzz/regressions").join(target);
    let files = files_in(&dir);
    assert!(
        !files.is_empty(),
        "{} holds no regression input of the {target} fuzz target",
        dir.display()
    );
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
    let packet = regressions("packet");
    for input in &packet {
        harness::packets(&std::fs::read(input).expect("read regression"));
    }
    let file = scratch("regressions");
    let capture_file = regressions("capture_file");
    let mut shown = 0;
    for input in &capture_file {
        shown += harness::capture_file(&std::fs::read(input).expect("read regression"), &file);
    }
    eprintln!(
        "fuzz_replay: {} packet and {} capture_file regression inputs checked ({shown} packets \
         shown from the capture files)",
        packet.len(),
        capture_file.len()
    );
    assert!(
        shown > 0,
        "the damaged capture files still hold readable packets"
    );
}

/// The damaged files the hardening tests craft are regression inputs of the capture_file target;
/// PORTLENS_BLESS=1 writes any that is missing.
#[test]
fn the_damaged_captures_of_the_hardening_tests_are_capture_file_regressions() {
    let dir = root().join("fuzz/regressions/capture_file");
    let mut missing = Vec::new();
    for (name, bytes) in crate::hostile::damaged_captures() {
        let path = dir.join(name);
        if std::fs::read(&path).is_ok_and(|kept| kept == bytes) {
            continue;
        }
        if std::env::var_os("PORTLENS_BLESS").is_some() {
            std::fs::create_dir_all(&dir).expect("mkdir");
            std::fs::write(&path, &bytes).expect("write the regression input");
        } else {
            missing.push(path.display().to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "missing or different (run with PORTLENS_BLESS=1 to write them): {}",
        missing.join(", ")
    );
}

/// The captures the fuzzer is seeded with: the samples and the shared ones (which CI requires).
fn captures() -> Vec<PathBuf> {
    let mut all = samples();
    if let Some(dir) = shared_captures() {
        all.extend(captures_in(&dir));
    }
    all
}

#[test]
fn every_real_capture_passes_the_fuzz_checks() {
    let file = scratch("captures");
    let captures = captures();
    let (mut shown, mut frames, mut groups) = (0, 0, 0);
    for capture in &captures {
        shown += harness::capture_file(&std::fs::read(capture).expect("read capture"), &file);
        let (index, packets) = harness::capture_frames(capture)
            .unwrap_or_else(|error| panic!("{}: {error}", capture.display()));
        frames += packets.len();
        for group in packets.chunks(harness::MAX_FRAMES) {
            let refs: Vec<&[u8]> = group.iter().map(Vec::as_slice).collect();
            harness::packets(&harness::encode_packet_input(index, &refs));
            groups += 1;
        }
    }
    eprintln!(
        "fuzz_replay: {} captures checked whole ({shown} packets shown) and frame by frame \
         ({frames} frames in {groups} packet inputs)",
        captures.len()
    );
    assert_eq!(
        shown, frames as u64,
        "every frame of every capture is shown"
    );
}
