//! Reading a lesson: its check markers (`<!-- check 5: transport.tcp_flags = ["SYN"] -->`), the
//! packets its prose cites (`#N`, `#N–#M`), and its numbered questions and answers, in each
//! language's headings.

use serde_json::Value;

/// The languages every lesson is written in, with the headings of their question and answer
/// sections.
pub(super) const LANGUAGES: &[Language] = &[
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

pub(super) struct Language {
    pub(super) code: &'static str,
    pub(super) questions: &'static str,
    pub(super) answers: &'static str,
}

/// One claim about the sample.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Check {
    Count(usize),
    Packets {
        numbers: Vec<usize>,
        path: String,
        claim: Claim,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Claim {
    /// The JSON value (kept as text, compared parsed).
    Equals(String),
    Has(String),
    Absent,
}

/// A lesson, read for the test.
#[derive(Debug, Default)]
pub(super) struct Lesson {
    /// Every check with the line it is on and its text.
    pub(super) checks: Vec<(usize, String, Check)>,
    /// Every packet cited in the text, with its line.
    pub(super) citations: Vec<(usize, usize)>,
    /// The numbered items of the question section.
    pub(super) questions: usize,
    /// The numbered items of the answer section: their citations and checks.
    pub(super) answers: Vec<Answer>,
    /// Lines whose check markers could not be read.
    pub(super) unreadable: Vec<String>,
}

#[derive(Debug, Default)]
pub(super) struct Answer {
    pub(super) line: usize,
    pub(super) citations: Vec<usize>,
    pub(super) checked: Vec<usize>,
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
pub(super) fn parse_numbers(spec: &str) -> Option<Vec<usize>> {
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

pub(super) fn parse_check(body: &str) -> Result<Check, String> {
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
pub(super) fn citations(line: &str) -> Vec<usize> {
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

pub(super) fn read_lesson(text: &str, language: &Language) -> Lesson {
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
