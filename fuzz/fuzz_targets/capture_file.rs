//! Fuzz target: one input is a whole capture file (pcap or pcapng, as libpcap reads it), run
//! through the pipeline `portlens -r FILE` runs, as a coloured tree, as JSON, and as statistics
//! with `-w` (whose savefile must read back as the same frames) (src/lib.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

/// One scratch file per fuzzing process, rewritten for every input.
fn scratch() -> &'static PathBuf {
    static SCRATCH: OnceLock<PathBuf> = OnceLock::new();
    SCRATCH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("portlens-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create the scratch directory");
        dir.join("input.pcap")
    })
}

fuzz_target!(|data: &[u8]| {
    portlens_fuzz::capture_file(data, scratch());
});
