//! Errors: each failure is one clear sentence on stderr that says what to do next, with exit
//! status 1 (2 for usage errors), never a panic; a closed pipe is a quiet success.

use crate::helpers::{portlens, root, run, samples, stderr};
use std::io::{BufRead, BufReader};
use std::process::Stdio;

fn temp_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("portlens-test-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn assert_clean_failure(output: &std::process::Output, code: i32, needles: &[&str]) {
    let text = stderr(output);
    assert_eq!(output.status.code(), Some(code), "stderr: {text}");
    assert!(!text.contains("panicked"), "{text}");
    for needle in needles {
        assert!(text.contains(needle), "expected {needle:?} in: {text}");
    }
}

#[test]
fn missing_file_names_the_path_and_what_to_do() {
    let output = run(&["-r", "/nonexistent/web.pcap"]);
    assert_clean_failure(
        &output,
        1,
        &["cannot open /nonexistent/web.pcap", "Check the path"],
    );
}

#[test]
fn a_file_that_is_not_a_capture_is_named_as_such() {
    let readme = root().join("Cargo.toml");
    let output = run(&["-r", readme.to_str().unwrap()]);
    assert_clean_failure(&output, 1, &["is not a capture file", "pcapng"]);
}

#[test]
fn an_empty_file_is_explained() {
    let dir = temp_dir("empty");
    let empty = dir.join("empty.pcap");
    std::fs::write(&empty, b"").unwrap();
    let output = run(&["-r", empty.to_str().unwrap()]);
    assert_clean_failure(&output, 1, &["is empty"]);
}

#[test]
fn a_capture_cut_short_shows_what_was_decoded_then_where_it_ends() {
    let sample = samples().into_iter().next().expect("a sample");
    let bytes = std::fs::read(&sample).unwrap();
    let dir = temp_dir("cut");
    let cut = dir.join("cut.pcap");
    // Keep the 24-byte file header and a little over one packet record.
    let first_record = 24 + 16 + u32::from_le_bytes(bytes[32..36].try_into().unwrap()) as usize;
    std::fs::write(&cut, &bytes[..first_record + 20]).unwrap();
    let output = run(&["-r", cut.to_str().unwrap(), "--color", "never"]);
    assert_clean_failure(
        &output,
        1,
        &["ends in the middle of a record after packet 1"],
    );
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(shown.contains("packet 1 ·"), "packet 1 was shown: {shown}");
    assert!(!shown.contains("packet 2 ·"));
}

#[test]
fn a_filter_libpcap_rejects_shows_its_message() {
    let sample = samples().into_iter().next().expect("a sample");
    let output = run(&["-r", sample.to_str().unwrap(), "tcp", "port", "eighty"]);
    assert_clean_failure(
        &output,
        1,
        &["rejected the filter \"tcp port eighty\"", "tcp port 80"],
    );
}

#[test]
fn a_filter_selects_packets_like_tcpdump() {
    let sample = root().join("samples/web-http.pcap");
    let all = crate::helpers::ndjson(&crate::helpers::stdout(&run(&[
        "-r",
        sample.to_str().unwrap(),
        "--json",
    ])));
    let udp = crate::helpers::ndjson(&crate::helpers::stdout(&run(&[
        "-r",
        sample.to_str().unwrap(),
        "--json",
        "udp",
        "port",
        "53",
    ])));
    assert!(!udp.is_empty() && udp.len() < all.len());
    for packet in &udp {
        assert_eq!(packet["transport"]["protocol"], "udp");
    }
    // Numbers count the packets shown, from 1, like tcpdump and tshark with a read filter.
    assert_eq!(udp[0]["number"], 1);
    let two = crate::helpers::ndjson(&crate::helpers::stdout(&run(&[
        "-r",
        sample.to_str().unwrap(),
        "--json",
        "-c",
        "2",
    ])));
    assert_eq!(two.len(), 2);
}

#[test]
fn conflicting_or_bad_arguments_are_usage_errors() {
    assert_clean_failure(
        &run(&["-r", "a.pcap", "-i", "lo"]),
        2,
        &["cannot be used with"],
    );
    assert_clean_failure(&run(&["-c", "0", "-r", "a.pcap"]), 2, &["-c"]);
    assert_clean_failure(&run(&["--color", "rainbow"]), 2, &["rainbow"]);
}

#[test]
fn a_closed_pipe_ends_quietly_with_success() {
    // The biggest sample, so that portlens is still writing when the reader goes away.
    let sample = samples()
        .into_iter()
        .max_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .expect("a sample");
    let mut child = portlens()
        .args(["-r", sample.to_str().unwrap(), "--color", "never"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("packet 1"));
    // Dropping the reader closes the pipe, like `| head -1`.
    let output = child.wait_with_output().expect("wait");
    assert!(output.status.success(), "status {:?}", output.status);
    assert_eq!(stderr(&output), "", "no message for a closed pipe");
}
