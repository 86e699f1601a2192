//! Test helpers shared by the decoder's tests: every frame of every capture in a directory, with
//! its link type, read by libpcap; and the two sweeps that compare a quick path with the general
//! decoder over the samples (every frame cut at every length) and over the shared captures.

use crate::capture::LinkType;
use crate::test_fixtures::environment::{captures_in, shared_captures};
use crate::test_fixtures::frames_of;
use std::path::Path;

/// The frames of the .pcap and .pcapng files in `dir`, in file-name order, each with its link
/// type. A capture libpcap cannot open fails the test: every capture these sweeps read is a real
/// one.
pub fn frames_in(dir: &Path) -> Vec<(LinkType, Vec<u8>)> {
    let mut all = Vec::new();
    for path in captures_in(dir) {
        let (link_type, frames) = frames_of(&path);
        all.extend(frames.into_iter().map(|frame| (link_type, frame)));
    }
    all
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

/// Runs `check` on every frame of the shared captures (../shared/captures, or the folder
/// PORTLENS_SHARED_CAPTURES names). Where they are absent the test fails under CI and is skipped
/// elsewhere (`test_fixtures::environment`).
pub fn sweep_shared_captures(check: impl Fn(LinkType, &[u8]) -> bool) {
    let Some(dir) = shared_captures() else {
        return;
    };
    let frames = frames_in(&dir);
    assert!(
        frames.len() > 1000,
        "the shared captures in {} hold {} frames, fewer than expected",
        dir.display(),
        frames.len()
    );
    for (link_type, data) in &frames {
        check(*link_type, data);
    }
}
