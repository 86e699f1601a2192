//! Golden outputs: every bundled sample, rendered as a tree (colour off) and as JSON, must match
//! tests/golden/NAME.txt and NAME.json exactly, so any change in what portlens says is a visible
//! diff; a mismatch prints the unified diff of the whole output. Set PORTLENS_BLESS=1 to rewrite
//! the golden files after an intended change.

use crate::helpers::{
    assert_same_text, name, run, samples, stderr, stdout, strip_ansi, unified_diff,
};
use std::path::{Path, PathBuf};

fn golden_path(sample: &Path, extension: &str) -> PathBuf {
    let stem = sample.file_stem().unwrap_or_default().to_string_lossy();
    crate::helpers::root()
        .join("tests/golden")
        .join(format!("{stem}.{extension}"))
}

pub(crate) fn check(sample: &Path, extension: &str, args: &[&str], failures: &mut Vec<String>) {
    let path = sample.to_str().expect("utf-8 path");
    let mut all = vec!["-r", path];
    all.extend_from_slice(args);
    let output = run(&all);
    assert!(
        output.status.success(),
        "{} failed: {}",
        name(sample),
        stderr(&output)
    );
    let actual = stdout(&output);
    let golden = golden_path(sample, extension);
    if std::env::var_os("PORTLENS_BLESS").is_some() {
        std::fs::create_dir_all(golden.parent().expect("parent")).expect("mkdir");
        std::fs::write(&golden, &actual).expect("write golden");
        return;
    }
    match std::fs::read_to_string(&golden) {
        Ok(expected) => failures.extend(mismatch(&expected, &actual, &golden, &all)),
        Err(_) => failures.push(format!(
            "{} has no golden file {} (run with PORTLENS_BLESS=1 to create it)",
            name(sample),
            golden.display()
        )),
    }
}

/// `None` when portlens printed the golden text; else the unified diff of the whole output, from
/// the golden file to what `portlens ARGS` printed.
fn mismatch(expected: &str, actual: &str, golden: &Path, args: &[&str]) -> Option<String> {
    (expected != actual).then(|| {
        let golden = golden
            .strip_prefix(crate::helpers::root())
            .unwrap_or(golden)
            .display()
            .to_string();
        let root = format!("{}/", crate::helpers::root().display());
        let command = format!("portlens {}", args.join(" ")).replace(&root, "");
        format!(
            "{command} differs from {golden}:\n{}",
            unified_diff(expected, actual, &golden, &command)
        )
    })
}

#[test]
fn a_mismatch_is_a_unified_diff_of_the_whole_output() {
    let expected: String = (1..=20).map(|n| format!("line {n}\n")).collect();
    let actual = expected
        .replace("line 2\n", "line two\n")
        .replace("line 19\n", "line nineteen\n");
    let golden = crate::helpers::root().join("tests/golden/example.txt");
    let report = mismatch(&expected, &actual, &golden, &["-r", "example.pcap"]).expect("a diff");
    assert!(
        report.starts_with("portlens -r example.pcap differs from tests/golden/example.txt:\n"),
        "{report}"
    );
    assert!(report.contains("--- tests/golden/example.txt\n+++ portlens -r example.pcap\n"));
    // Both changes, far apart, each in a hunk of its own with its context.
    for change in ["-line 2\n+line two\n", "-line 19\n+line nineteen\n"] {
        assert!(report.contains(change), "{change:?} in:\n{report}");
    }
    assert_eq!(report.matches("\n@@ ").count(), 2, "{report}");
    assert_eq!(mismatch(&expected, &expected, &golden, &[]), None);
}

#[test]
fn every_sample_matches_its_golden_tree_and_json() {
    let samples = samples();
    assert!(samples.len() >= 3, "samples/ holds the bundled captures");
    let mut failures = Vec::new();
    for sample in &samples {
        check(sample, "txt", &["--color", "never"], &mut failures);
        check(sample, "json", &["--json"], &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Other views and levels of detail, on the samples that show them best.
const VIEWS: &[(&str, &str, &[&str])] = &[
    ("web-http", "quiet.txt", &["-q", "--color", "never"]),
    ("web-http", "verbose.txt", &["-v", "--color", "never"]),
    ("browse", "conversations.txt", &["--conversations"]),
    (
        "browse",
        "conversations.json",
        &["--conversations", "--json"],
    ),
    ("refused", "summary.txt", &["--summary", "--color", "never"]),
    // Korean, as teachers replay captures in class with --lang ko.
    ("web-http", "ko.txt", &["--lang", "ko", "--color", "never"]),
    ("web-http", "ko.json", &["--lang", "ko", "--json"]),
    (
        "web-http",
        "ko.verbose.txt",
        &["--lang", "ko", "-v", "--color", "never"],
    ),
    (
        "refused",
        "ko.summary.txt",
        &["--lang", "ko", "--summary", "--color", "never"],
    ),
    (
        "ports-tour",
        "ko.quiet.txt",
        &["--lang", "ko", "-q", "--color", "never"],
    ),
    ("ping", "ko.txt", &["--lang", "ko", "--color", "never"]),
];

#[test]
fn other_views_match_their_golden_files() {
    let mut failures = Vec::new();
    for (sample, extension, args) in VIEWS {
        let path = crate::helpers::root().join(format!("samples/{sample}.pcap"));
        check(&path, extension, args, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn colour_is_only_portlens_own_and_only_when_asked() {
    let sample = samples().into_iter().next().expect("a sample");
    let path = sample.to_str().expect("utf-8");
    let plain = stdout(&run(&["-r", path, "--color", "never"]));
    assert!(!plain.contains('\u{1b}'), "no escape with --color never");
    let piped = stdout(&run(&["-r", path]));
    assert!(
        !piped.contains('\u{1b}'),
        "auto colour is off when stdout is a pipe"
    );
    let coloured = stdout(&run(&["-r", path, "--color", "always"]));
    assert!(coloured.contains("\u{1b}["), "--color always colours");
    let no_color = crate::helpers::portlens()
        .args(["-r", path])
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert!(!stdout(&no_color).contains('\u{1b}'));
    // With colour removed, the coloured text is the plain text.
    assert_same_text(
        &plain,
        &strip_ansi(&coloured),
        "the coloured tree without its colour",
    );
}
