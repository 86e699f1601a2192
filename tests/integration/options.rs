//! Options that change what a run does: `-w` saves exactly the frames shown, `-c` stops early.

use crate::helpers::{root, run, stdout};

#[test]
fn savefile_holds_exactly_the_frames_that_were_shown() {
    let sample = root().join("samples/browse.pcap");
    let dir = std::env::temp_dir().join(format!("portlens-test-w-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let saved = dir.join("saved.pcap");
    let shown = run(&[
        "-r",
        sample.to_str().unwrap(),
        "-w",
        saved.to_str().unwrap(),
        "--json",
        "tcp",
        "port",
        "443",
    ]);
    assert!(shown.status.success());
    let reread = run(&["-r", saved.to_str().unwrap(), "--json"]);
    assert!(reread.status.success());
    assert_eq!(
        stdout(&shown),
        stdout(&reread),
        "the savefile replays the same packets"
    );
    assert!(stdout(&reread).lines().count() > 10);
}

#[test]
fn savefile_in_a_missing_directory_is_a_clear_error() {
    let sample = root().join("samples/arp.pcap");
    let output = run(&[
        "-r",
        sample.to_str().unwrap(),
        "-w",
        "/nonexistent/dir/x.pcap",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stderr);
    assert!(
        text.contains("cannot write the capture file /nonexistent/dir/x.pcap"),
        "{text}"
    );
}
