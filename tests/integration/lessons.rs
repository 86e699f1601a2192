//! Lessons cannot drift from the program: every claim a lesson in docs/lessons/ makes about a
//! packet is a check marker, evaluated against what `portlens demo NAME --json` prints for that
//! sample. The format (docs/lessons/README.md):
//!
//! * a packet is cited in the text as `#N`, a range as `#N–#M` (or `#N-M`);
//! * a claim is an HTML comment, invisible on the rendered page:
//!   `<!-- check 5: transport.tcp_flags = ["SYN"] -->`, `<!-- check 23,26: service.port = 443 -->`,
//!   `<!-- check 1-4: chain has {"next": "DNS"} -->`, `<!-- check 1: network absent -->`,
//!   `<!-- check count = 14 -->`. The path walks the packet's JSON (numbers index arrays); `=`
//!   compares JSON values, `has` finds an element of an array (objects match on the keys given)
//!   or a substring of a string, `absent` says the key is not there.
//!
//! The test fails when a check is false, when a lesson cites a packet the sample does not have,
//! when a cited packet has no check (in an answer: no check in that same answer), when the
//! questions and answers do not pair up, when the English and Korean lessons of a sample do not
//! make exactly the same checks, and when a sample lacks a lesson in either language.
//!
//! The files: `lessons/reading.rs` reads a lesson, `lessons/checking.rs` checks it against the
//! packets, `lessons/self_test.rs` shows the checker catching each kind of drift; here, the test
//! over every lesson of docs/lessons/.

mod checking;
mod reading;
mod self_test;

use crate::helpers::{ndjson, root, run, stderr, stdout};
use checking::all_problems;
use serde_json::Value;

/// The sample names `portlens demo --list` offers.
fn demo_names() -> Vec<String> {
    let output = run(&["demo", "--list"]);
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
        .lines()
        .take_while(|line| !line.is_empty())
        .filter_map(|line| line.split_whitespace().next().map(str::to_string))
        .collect()
}

fn packets_of(sample: &str) -> Vec<Value> {
    let output = run(&["demo", sample, "--json"]);
    assert!(output.status.success(), "{sample}: {}", stderr(&output));
    ndjson(&stdout(&output))
}

#[test]
fn every_lesson_matches_what_portlens_prints() {
    let names = demo_names();
    let on_disk: Vec<String> = crate::helpers::samples()
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(sorted, on_disk, "demo --list names every file in samples/");
    let samples: Vec<(String, Vec<Value>)> = names
        .into_iter()
        .map(|name| {
            let packets = packets_of(&name);
            (name, packets)
        })
        .collect();
    let found = all_problems(&root().join("docs/lessons"), &samples);
    assert!(
        found.is_empty(),
        "lessons disagree with portlens:\n{}",
        found.join("\n")
    );
}
