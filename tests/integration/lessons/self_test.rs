//! The checker itself, on lessons made up for the purpose: each kind of drift is caught.

use super::checking::{all_problems, problems};
use super::reading::{LANGUAGES, citations, parse_check, parse_numbers, read_lesson};
use serde_json::Value;

fn packet(number: usize, port: u16, flags: &[&str]) -> Value {
    serde_json::json!({
        "number": number,
        "transport": {"protocol": "tcp", "destination_port": port, "tcp_flags": flags},
        "chain": [{"layer": "tcp", "field": "destination port", "value": port.to_string(), "next": "HTTP"}],
    })
}

fn sample() -> Vec<Value> {
    vec![packet(1, 80, &["SYN"]), packet(2, 80, &["SYN", "ACK"])]
}

const GOOD_LESSON: &str = "\
# A lesson
<!-- check count = 2 -->
Packet #1 opens the connection.
## Questions
1. Which packet opens it?
## Answers
1. Packet #1, a SYN to port 80; #2 answers it.
   <!-- check 1: transport.tcp_flags = [\"SYN\"] -->
   <!-- check 1-2: chain has {\"next\": \"HTTP\"} -->
   <!-- check 2: transport.tcp_flags has \"ACK\" -->
   <!-- check 2: network absent -->
";

fn problems_of(text: &str) -> Vec<String> {
    problems("test.en.md", &read_lesson(text, &LANGUAGES[0]), &sample())
}

#[test]
fn checker_accepts_a_lesson_whose_claims_hold() {
    assert_eq!(problems_of(GOOD_LESSON), Vec::<String>::new());
}

#[test]
fn checker_catches_a_false_claim() {
    let wrong = GOOD_LESSON.replace("= [\"SYN\"]", "= [\"FIN\"]");
    let found = problems_of(&wrong);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("packet 1: transport.tcp_flags is [\"SYN\"]"),
        "{found:?}"
    );
    let wrong = GOOD_LESSON.replace("count = 2", "count = 3");
    assert!(problems_of(&wrong)[0].contains("says 3 packets, the sample has 2"));
}

#[test]
fn checker_catches_a_packet_the_sample_does_not_have() {
    let wrong = GOOD_LESSON.replace("Packet #1 opens", "Packet #7 opens");
    let found = problems_of(&wrong);
    assert!(
        found
            .iter()
            .any(|p| p.contains("cites packet #7, but the sample has 2 packets")),
        "{found:?}"
    );
    let wrong = GOOD_LESSON.replace("check 2: network", "check 3: network");
    assert!(
        problems_of(&wrong)
            .iter()
            .any(|p| p.contains("packet 3 does not exist"))
    );
}

#[test]
fn checker_catches_an_answer_without_a_check() {
    let wrong = GOOD_LESSON
        .replace("#2 answers it", "#2 answers it (see also #1–#2)")
        .replace("   <!-- check 2: transport.tcp_flags has \"ACK\" -->\n", "")
        .replace("   <!-- check 2: network absent -->\n", "")
        .replace("check 1-2: chain", "check 1: chain");
    let found = problems_of(&wrong);
    assert!(
        found
            .iter()
            .any(|p| p.contains("the answer cites packet #2 but has no check about it")),
        "{found:?}"
    );
    let unpaired = GOOD_LESSON.replace("## Answers\n1.", "## Answers\n");
    assert!(
        problems_of(&unpaired)
            .iter()
            .any(|p| p.contains("1 questions but 0 answers"))
    );
}

#[test]
fn checker_reads_citations_and_ranges() {
    assert_eq!(citations("packets #5–#7 and #9"), vec![5, 6, 7, 9]);
    assert_eq!(
        citations("#12-14, then #20 - the end"),
        vec![12, 13, 14, 20]
    );
    assert_eq!(citations("#3 패킷과 #4 패킷"), vec![3, 4]);
    assert_eq!(citations("a#5 or # 6 or ## heading"), Vec::<usize>::new());
    assert_eq!(parse_numbers("1-3,9"), Some(vec![1, 2, 3, 9]));
    assert!(parse_check("5: transport.port ~ 80").is_err());
    assert!(parse_check("5: transport.port = eighty").is_err());
}

#[test]
fn checker_catches_a_missing_or_differing_translation() {
    let dir = std::env::temp_dir().join(format!("portlens-lessons-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("toy.en.md"), GOOD_LESSON).unwrap();
    let samples = vec![("toy".to_string(), sample())];
    let found = all_problems(&dir, &samples);
    assert!(
        found.iter().any(|p| p.contains("toy.ko.md is missing")),
        "{found:?}"
    );
    let korean = GOOD_LESSON
        .replace("## Questions", "## 질문")
        .replace("## Answers", "## 답")
        .replace("   <!-- check 2: network absent -->\n", "");
    std::fs::write(dir.join("toy.ko.md"), korean).unwrap();
    std::fs::write(dir.join("stray.en.md"), GOOD_LESSON).unwrap();
    let found = all_problems(&dir, &samples);
    assert!(
        found
            .iter()
            .any(|p| p.contains("does not make the same checks")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("no built-in sample is named stray"))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
