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

use crate::helpers::{ndjson, root, run, stderr, stdout};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// The languages every lesson is written in, with the headings of their question and answer
/// sections.
const LANGUAGES: &[Language] = &[
    Language {
        code: "en",
        questions: "## Questions",
        answers: "## Answers",
    },
    Language {
        code: "ko",
        questions: "## 질문",
        answers: "## 답",
    },
];

struct Language {
    code: &'static str,
    questions: &'static str,
    answers: &'static str,
}

/// One claim about the sample.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Check {
    Count(usize),
    Packets {
        numbers: Vec<usize>,
        path: String,
        claim: Claim,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Claim {
    /// The JSON value (kept as text, compared parsed).
    Equals(String),
    Has(String),
    Absent,
}

/// A lesson, read for the test.
#[derive(Debug, Default)]
struct Lesson {
    /// Every check with the line it is on and its text.
    checks: Vec<(usize, String, Check)>,
    /// Every packet cited in the text, with its line.
    citations: Vec<(usize, usize)>,
    /// The numbered items of the question section.
    questions: usize,
    /// The numbered items of the answer section: their citations and checks.
    answers: Vec<Answer>,
    /// Lines whose check markers could not be read.
    unreadable: Vec<String>,
}

#[derive(Debug, Default)]
struct Answer {
    line: usize,
    citations: Vec<usize>,
    checked: Vec<usize>,
}

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

/// Splits `<!-- check … -->` markers out of a line: the markers' bodies, and the line without them.
fn split_markers(line: &str) -> (Vec<String>, String) {
    let mut bodies = Vec::new();
    let mut rest = String::new();
    let mut text = line;
    while let Some(start) = text.find("<!--") {
        rest.push_str(&text[..start]);
        match text[start..].find("-->") {
            Some(end) => {
                let inner = text[start + 4..start + end].trim();
                if let Some(body) = inner.strip_prefix("check ") {
                    bodies.push(body.trim().to_string());
                }
                text = &text[start + end + 3..];
            }
            None => {
                text = "";
            }
        }
    }
    rest.push_str(text);
    (bodies, rest)
}

/// Reads `5`, `5-7`, `23,26` or `1-4,9`.
fn parse_numbers(spec: &str) -> Option<Vec<usize>> {
    let mut numbers = Vec::new();
    for part in spec.split(',') {
        let part = part.trim();
        match part.split_once('-') {
            Some((from, to)) => {
                let (from, to): (usize, usize) =
                    (from.trim().parse().ok()?, to.trim().parse().ok()?);
                if from > to {
                    return None;
                }
                numbers.extend(from..=to);
            }
            None => numbers.push(part.parse().ok()?),
        }
    }
    (!numbers.is_empty()).then_some(numbers)
}

fn parse_check(body: &str) -> Result<Check, String> {
    if let Some(count) = body.strip_prefix("count") {
        let count = count
            .trim()
            .strip_prefix('=')
            .ok_or("expected `count = N`")?;
        return count
            .trim()
            .parse()
            .map(Check::Count)
            .map_err(|_| "expected `count = N`".to_string());
    }
    let (numbers, claim) = body
        .split_once(':')
        .ok_or("expected `check N: path op value`")?;
    let numbers = parse_numbers(numbers).ok_or("packet numbers are `5`, `5-7` or `5,9`")?;
    let claim = claim.trim();
    let (path, rest) = claim.split_once(' ').ok_or("expected `path op value`")?;
    let rest = rest.trim();
    let claim = if rest == "absent" {
        Claim::Absent
    } else if let Some(value) = rest.strip_prefix("has ") {
        Claim::Has(parse_json(value)?)
    } else if let Some(value) = rest.strip_prefix("= ") {
        Claim::Equals(parse_json(value)?)
    } else {
        return Err("the operator is `=`, `has` or `absent`".to_string());
    };
    Ok(Check::Packets {
        numbers,
        path: path.to_string(),
        claim,
    })
}

/// Checks that `text` is JSON and returns it in a canonical form, so that the English and Korean
/// checks compare equal however they are spaced.
fn parse_json(text: &str) -> Result<String, String> {
    serde_json::from_str::<Value>(text.trim())
        .map(|value| value.to_string())
        .map_err(|e| format!("the value is not JSON ({e})"))
}

/// The packet numbers cited as `#N` or `#N–#M` in a line of prose.
fn citations(line: &str) -> Vec<usize> {
    let chars: Vec<char> = line.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    let digits = |i: &mut usize| -> Option<usize> {
        let start = *i;
        while *i < chars.len() && chars[*i].is_ascii_digit() {
            *i += 1;
        }
        chars[start..*i].iter().collect::<String>().parse().ok()
    };
    while i < chars.len() {
        let starts_citation = chars[i] == '#'
            && (i == 0 || !chars[i - 1].is_alphanumeric())
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if !starts_citation {
            i += 1;
            continue;
        }
        i += 1;
        let Some(first) = digits(&mut i) else {
            continue;
        };
        let mut last = first;
        let mut j = i;
        while chars.get(j) == Some(&' ') {
            j += 1;
        }
        if matches!(chars.get(j), Some('–' | '-')) {
            j += 1;
            while chars.get(j) == Some(&' ') {
                j += 1;
            }
            if chars.get(j) == Some(&'#') {
                j += 1;
            }
            if let Some(end) = digits(&mut j) {
                last = end;
                i = j;
            }
        }
        if last < first {
            found.push(first);
            found.push(last);
        } else {
            found.extend(first..=last);
        }
    }
    found
}

fn is_numbered_item(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && line[digits..].starts_with(". ")
}

fn read_lesson(text: &str, language: &Language) -> Lesson {
    #[derive(PartialEq)]
    enum Section {
        Other,
        Questions,
        Answers,
    }
    let mut lesson = Lesson::default();
    let mut section = Section::Other;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let hashes = line.chars().take_while(|c| *c == '#').count();
        if hashes > 0 && line[hashes..].starts_with(' ') {
            section = if line.trim() == language.questions {
                Section::Questions
            } else if line.trim() == language.answers {
                Section::Answers
            } else {
                Section::Other
            };
            continue;
        }
        let (bodies, prose) = split_markers(line);
        let mut checks = Vec::new();
        for body in bodies {
            match parse_check(&body) {
                Ok(check) => checks.push((body, check)),
                Err(why) => lesson
                    .unreadable
                    .push(format!("line {number}: `{body}`: {why}")),
            }
        }
        let cited = citations(&prose);
        if section == Section::Questions && is_numbered_item(line) {
            lesson.questions += 1;
        }
        if section == Section::Answers && is_numbered_item(line) {
            lesson.answers.push(Answer {
                line: number,
                ..Answer::default()
            });
        }
        let answer = match section {
            Section::Answers => lesson.answers.last_mut(),
            _ => None,
        };
        if let Some(answer) = answer {
            answer.citations.extend(&cited);
            for (_, check) in &checks {
                if let Check::Packets { numbers, .. } = check {
                    answer.checked.extend(numbers);
                }
            }
        }
        lesson
            .citations
            .extend(cited.into_iter().map(|packet| (number, packet)));
        lesson.checks.extend(
            checks
                .into_iter()
                .map(|(body, check)| (number, body, check)),
        );
    }
    lesson
}

/// The value at a dotted path (`transport.tcp_flags`, `chain.2.next`).
fn lookup<'v>(packet: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(packet, |value, key| match value {
        Value::Array(items) => items.get(key.parse::<usize>().ok()?),
        Value::Object(map) => map.get(key),
        _ => None,
    })
}

/// Whether `element` matches `wanted`: equal, or for objects, equal on every key `wanted` has.
fn matches(element: &Value, wanted: &Value) -> bool {
    match (element, wanted) {
        (Value::Object(have), Value::Object(want)) => {
            want.iter().all(|(key, value)| have.get(key) == Some(value))
        }
        _ => element == wanted,
    }
}

/// Evaluates one check; the error says what portlens printed instead.
fn evaluate(check: &Check, packets: &[Value]) -> Result<(), String> {
    let (numbers, path, claim) = match check {
        Check::Count(count) if *count == packets.len() => return Ok(()),
        Check::Count(count) => {
            return Err(format!(
                "says {count} packets, the sample has {}",
                packets.len()
            ));
        }
        Check::Packets {
            numbers,
            path,
            claim,
        } => (numbers, path, claim),
    };
    for &number in numbers {
        let packet = number
            .checked_sub(1)
            .and_then(|i| packets.get(i))
            .ok_or_else(|| format!("packet {number} does not exist ({} packets)", packets.len()))?;
        let found = lookup(packet, path);
        let holds = match (claim, found) {
            (Claim::Absent, found) => found.is_none(),
            (_, None) => false,
            (Claim::Equals(text), Some(value)) => {
                serde_json::from_str::<Value>(text).is_ok_and(|want| *value == want)
            }
            (Claim::Has(text), Some(value)) => {
                let want: Value = serde_json::from_str(text).unwrap_or(Value::Null);
                match (value, &want) {
                    (Value::Array(items), _) => items.iter().any(|item| matches(item, &want)),
                    (Value::String(have), Value::String(want)) => have.contains(want.as_str()),
                    _ => false,
                }
            }
        };
        if !holds {
            let shown = found.map_or("nothing".to_string(), Value::to_string);
            return Err(format!("packet {number}: {path} is {shown}"));
        }
    }
    Ok(())
}

/// Everything wrong with one lesson, as sentences naming the line.
fn problems(file: &str, lesson: &Lesson, packets: &[Value]) -> Vec<String> {
    let mut found: Vec<String> = lesson
        .unreadable
        .iter()
        .map(|why| format!("{file}: {why}"))
        .collect();
    let checked: Vec<usize> = lesson
        .checks
        .iter()
        .flat_map(|(_, _, check)| match check {
            Check::Packets { numbers, .. } => numbers.clone(),
            Check::Count(_) => Vec::new(),
        })
        .collect();
    for (line, body, check) in &lesson.checks {
        if let Err(why) = evaluate(check, packets) {
            found.push(format!("{file}:{line}: `check {body}` is false: {why}"));
        }
    }
    for (line, packet) in &lesson.citations {
        if *packet == 0 || *packet > packets.len() {
            found.push(format!(
                "{file}:{line}: cites packet #{packet}, but the sample has {} packets",
                packets.len()
            ));
        } else if !checked.contains(packet) {
            found.push(format!(
                "{file}:{line}: cites packet #{packet}, but no check in the lesson is about it"
            ));
        }
    }
    for answer in &lesson.answers {
        for packet in &answer.citations {
            if !answer.checked.contains(packet) {
                found.push(format!(
                    "{file}:{}: the answer cites packet #{packet} but has no check about it",
                    answer.line
                ));
            }
        }
    }
    if lesson.questions == 0 || lesson.questions != lesson.answers.len() {
        found.push(format!(
            "{file}: {} questions but {} answers (each needs a numbered list under its heading)",
            lesson.questions,
            lesson.answers.len()
        ));
    }
    if !lesson
        .checks
        .iter()
        .any(|(_, _, check)| matches!(check, Check::Count(_)))
    {
        found.push(format!("{file}: no `<!-- check count = N -->`"));
    }
    found
}

/// Every problem of every lesson for `samples`, read from `directory`.
fn all_problems(directory: &Path, samples: &[(String, Vec<Value>)]) -> Vec<String> {
    let mut found = Vec::new();
    for (sample, packets) in samples {
        let mut check_sets = BTreeMap::new();
        for language in LANGUAGES {
            let file = format!("{sample}.{}.md", language.code);
            let Ok(text) = std::fs::read_to_string(directory.join(&file)) else {
                found.push(format!(
                    "{file} is missing: every sample has a lesson in each language"
                ));
                continue;
            };
            let lesson = read_lesson(&text, language);
            found.extend(problems(&file, &lesson, packets));
            let mut checks: Vec<Check> = lesson.checks.into_iter().map(|(_, _, c)| c).collect();
            checks.sort();
            check_sets.insert(language.code, (checks, lesson.questions));
        }
        let mut sets = check_sets.iter();
        if let Some((first_code, first)) = sets.next() {
            for (code, other) in sets {
                if other != first {
                    found.push(format!(
                        "{sample}: the {code} lesson does not make the same checks and questions \
                         as the {first_code} lesson (they must say the same thing)"
                    ));
                }
            }
        }
    }
    if let Ok(entries) = std::fs::read_dir(directory) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some((sample, _)) = name.split_once('.') else {
                continue;
            };
            if name.ends_with(".md")
                && name != "README.md"
                && !samples.iter().any(|(s, _)| s == sample)
            {
                found.push(format!("{name}: no built-in sample is named {sample}"));
            }
        }
    }
    found
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

// The checker itself, on lessons made up for the purpose: each kind of drift is caught.

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
