//! Writes the seed corpora from real captures: `seed OUT_DIR CAPTURE_DIR…` puts every capture file
//! into OUT_DIR/capture_file, and groups of up to four consecutive frames of each (with the index
//! of its link type in front) into OUT_DIR/packet. Files are named by content, so re-running it
//! adds nothing twice.

use portlens_fuzz::{capture_frames, encode_packet_input};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

fn write_seed(dir: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    std::fs::write(dir.join(format!("seed-{:016x}", hasher.finish())), bytes)
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let out = args.next().expect("usage: seed OUT_DIR CAPTURE_DIR…");
    let (file_seeds, packet_seeds) = (out.join("capture_file"), out.join("packet"));
    std::fs::create_dir_all(&file_seeds)?;
    std::fs::create_dir_all(&packet_seeds)?;
    let (mut files, mut groups) = (0, 0);
    for dir in args {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("pcap" | "pcapng")
                )
            })
            .collect();
        entries.sort();
        for path in entries {
            write_seed(&file_seeds, &std::fs::read(&path)?)?;
            files += 1;
            let Ok((index, frames)) = capture_frames(&path) else {
                continue;
            };
            for group in frames.chunks(4) {
                let refs: Vec<&[u8]> = group.iter().map(Vec::as_slice).collect();
                write_seed(&packet_seeds, &encode_packet_input(index, &refs))?;
                groups += 1;
            }
        }
    }
    eprintln!(
        "seed: {files} capture files and {groups} packet groups written under {}",
        out.display()
    );
    Ok(())
}
