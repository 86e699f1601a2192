//! The views beside the tree and JSON: one-line, hex, header diagrams and statistics, each with
//! golden outputs on real samples; the statistics agree with what the other views count; the
//! progress bar appears only on a terminal; the man page and completions are generated.

use crate::golden::check;
use crate::helpers::{
    name, ndjson, portlens, program, require_part, root, run, samples, stderr, stdout,
};
use std::path::{Path, PathBuf};

fn sample(file: &str) -> PathBuf {
    root().join("samples").join(file)
}

fn path(sample: &Path) -> &str {
    sample.to_str().expect("utf-8 path")
}

#[test]
fn every_sample_matches_its_golden_oneline_and_statistics() {
    let mut failures = Vec::new();
    for sample in &samples() {
        check(
            sample,
            "oneline.txt",
            &["--oneline", "--color", "never"],
            &mut failures,
        );
        check(
            sample,
            "stats.txt",
            &["--stats", "--color", "never"],
            &mut failures,
        );
        check(sample, "stats.json", &["--stats", "--json"], &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn hex_and_diagrams_match_their_golden_outputs() {
    let mut failures = Vec::new();
    // Ethernet, IPv6, 802.1Q, Linux SLL2 and ARP: every kind of header the views draw.
    for file in [
        "web-http.pcap",
        "ipv6-web.pcap",
        "vlan.pcap",
        "any-interface.pcap",
        "arp.pcap",
        "ping.pcap",
    ] {
        let args = [
            "--oneline",
            "-X",
            "--diagram",
            "-c",
            "3",
            "--color",
            "never",
        ];
        check(&sample(file), "views.txt", &args, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn one_line_per_packet_and_the_filter_applies() {
    for sample in samples() {
        let lines = stdout(&run(&["-r", path(&sample), "--oneline"]))
            .lines()
            .count();
        let packets = ndjson(&stdout(&run(&["-r", path(&sample), "--json"]))).len();
        assert_eq!(lines, packets, "{}", name(&sample));
    }
    let web = sample("web-http.pcap");
    let text = stdout(&run(&["-r", path(&web), "--oneline", "tcp", "port", "80"]));
    assert!(text.lines().count() >= 8);
    assert!(
        text.lines()
            .all(|l| l.contains(".80 > ") || l.contains(".80: ")),
        "{text}"
    );
    assert!(text.contains("  HTTP client→server SYN\n"), "{text}");
    assert!(text.contains("  HTTP server→client SYN-ACK\n"), "{text}");
}

#[test]
fn statistics_count_what_the_other_views_show() {
    for sample in samples() {
        let packets = ndjson(&stdout(&run(&["-r", path(&sample), "--json"])));
        let output = run(&["-r", path(&sample), "--stats", "--json"]);
        assert!(output.status.success(), "{}", stderr(&output));
        let summary = ndjson(&stdout(&output));
        assert_eq!(summary.len(), 1, "one summary object, no packets");
        let statistics = &summary[0]["statistics"];
        assert_eq!(
            statistics["frames"],
            packets.len() as u64,
            "{}",
            name(&sample)
        );
        let wire: u64 = packets
            .iter()
            .map(|p| p["original_length"].as_u64().unwrap())
            .sum();
        assert_eq!(statistics["bytes"], wire);
        // The link layer of the hierarchy holds every frame; TCP and UDP agree with JSON.
        let top: u64 = statistics["hierarchy"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["frames"].as_u64().unwrap())
            .sum();
        assert_eq!(top, packets.len() as u64, "{}", name(&sample));
        for transport in ["tcp", "udp"] {
            let expected = packets
                .iter()
                .filter(|p| p["transport"]["protocol"] == transport)
                .count() as u64;
            let counted = statistics["transports"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["transport"] == transport)
                .map_or(0, |t| t["frames"].as_u64().unwrap());
            assert_eq!(counted, expected, "{} {transport}", name(&sample));
        }
    }
}

#[test]
fn statistics_alone_print_no_packets_and_follow_the_packets_when_asked() {
    let web = sample("web-http.pcap");
    let alone = stdout(&run(&["-r", path(&web), "--stats"]));
    assert!(alone.starts_with("Statistics  14 frames"), "{alone}");
    assert!(
        alone.contains("\n  80/tcp  HTTP     well-known      10  71.4"),
        "{alone}"
    );
    let both = stdout(&run(&["-r", path(&web), "--stats", "--oneline", "-c", "2"]));
    let lines: Vec<&str> = both.lines().collect();
    assert!(lines[0].contains("DNS client→server"), "{both}");
    assert_eq!(lines[2], "", "a blank line before the tables: {both}");
    assert!(lines[3].starts_with("Statistics  2 frames"), "{both}");
}

#[test]
fn views_that_cannot_be_combined_are_usage_errors() {
    for args in [
        &["--oneline", "--json"][..],
        &["-x", "--json"],
        &["--diagram", "--json"],
        &["--generate", "man", "--oneline"],
    ] {
        let mut all = vec!["-r", "samples/web-http.pcap"];
        all.extend_from_slice(args);
        let output = run(&all);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn the_man_page_and_completions_come_from_the_options() {
    let man = stdout(&run(&["--generate", "man"]));
    assert!(man.contains(".TH portlens 1"), "{man}");
    assert!(
        man.contains("\\-\\-oneline"),
        "the man page lists --oneline"
    );
    let bash = stdout(&run(&["--generate", "complete-bash"]));
    assert!(
        bash.contains("--oneline") && bash.contains("--stats"),
        "{bash}"
    );
    let zsh = stdout(&run(&["--generate", "complete-zsh"]));
    assert!(zsh.starts_with("#compdef portlens"), "{zsh}");
}

/// A classic pcap file of `records` copies of the first frame of web-http.pcap (about 90 bytes
/// each), big enough for the progress bar.
fn big_capture(records: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("portlens-test-progress-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("big.pcap");
    let original = std::fs::read(sample("web-http.pcap")).expect("sample");
    let first_length = u32::from_le_bytes(original[32..36].try_into().unwrap()) as usize;
    let record = &original[24..40 + first_length];
    let mut bytes = original[..24].to_vec();
    for _ in 0..records {
        bytes.extend_from_slice(record);
    }
    std::fs::write(&file, bytes).expect("write");
    file
}

#[test]
fn progress_is_drawn_on_a_terminal_only_and_then_cleared() {
    let big = big_capture(60_000);
    let output = run(&["-r", path(&big), "--oneline"]);
    assert!(output.status.success());
    assert_eq!(stderr(&output), "", "no bar when stderr is not a terminal");
    assert_eq!(stdout(&output).lines().count(), 60_000);
    let Some(script) = require_part("the terminal half", program("script")) else {
        return;
    };
    // script(1) runs portlens on a pseudo-terminal; its stdout goes to a file, so the bar shows.
    let binary = env!("CARGO_BIN_EXE_portlens");
    let command = format!("{binary} -r {} --oneline > /dev/null", path(&big));
    // A terminal that can draw a bar: indicatif draws nothing when TERM is unset or `dumb`, as it
    // may be where the tests run (CI, an editor's task runner).
    let terminal = std::process::Command::new(script)
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .env("LC_ALL", "C.UTF-8")
        .env("TERM", "xterm-256color")
        .output()
        .expect("script runs");
    let drawn = String::from_utf8_lossy(&terminal.stdout);
    assert!(terminal.status.success(), "{drawn}");
    assert!(
        drawn.contains("reading big.pcap"),
        "the bar names the file: {drawn:?}"
    );
    assert!(
        drawn.ends_with("\u{1b}[2K"),
        "and is cleared at the end: {drawn:?}"
    );
    let _ = portlens; // the helper is used by the other modules
    std::fs::remove_dir_all(big.parent().unwrap()).ok();
}
