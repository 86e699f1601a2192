//! Checking a lesson against the packets portlens printed: each claim evaluated on the JSON, and
//! every way a lesson can drift (a false claim, a packet the sample lacks, an answer without a
//! check, a missing or differing translation) as a sentence naming the line.

use super::reading::{Check, Claim, LANGUAGES, Lesson, read_lesson};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

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
pub(super) fn problems(file: &str, lesson: &Lesson, packets: &[Value]) -> Vec<String> {
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
pub(super) fn all_problems(directory: &Path, samples: &[(String, Vec<Value>)]) -> Vec<String> {
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
