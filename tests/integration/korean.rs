//! Korean: the language follows `--lang`, else the locale (LC_ALL, LC_MESSAGES, LANG); JSON
//! carries the same data in every language (only the sentences and chain words change); and the
//! Korean output of every sample is Korean outside the text it quotes from the wire.

use crate::helpers::{assert_same_text, name, ndjson, portlens, run, samples, stderr, stdout};
use serde_json::Value;

/// Runs portlens with the locale variables set as given (the others unset).
fn run_with_locale(args: &[&str], locale: &[(&str, &str)]) -> String {
    let mut command = portlens();
    for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(variable);
    }
    for (variable, value) in locale {
        command.env(variable, value);
    }
    let output = command.args(args).output().expect("portlens runs");
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
}

fn is_korean(text: &str) -> bool {
    text.contains("역다중화 경로") && text.contains("패킷 1 ·")
}

fn is_english(text: &str) -> bool {
    text.contains("  Chain  ") && text.contains("packet 1 ·")
}

#[test]
fn the_locale_chooses_the_language_unless_lang_is_given() {
    let sample = crate::helpers::root().join("samples/web-http.pcap");
    let args = [
        "-r",
        sample.to_str().unwrap(),
        "--color",
        "never",
        "-c",
        "1",
    ];
    let korean = [("LANG", "ko_KR.UTF-8")];
    assert!(is_korean(&run_with_locale(&args, &korean)), "LANG=ko_KR");
    assert!(is_english(&run_with_locale(&args, &[])), "no locale");
    assert!(
        is_english(&run_with_locale(
            &args,
            &[("LC_ALL", "C"), ("LANG", "ko_KR.UTF-8")]
        )),
        "LC_ALL wins over LANG"
    );
    assert!(
        is_korean(&run_with_locale(
            &args,
            &[("LC_MESSAGES", "ko_KR.UTF-8"), ("LANG", "en_US.UTF-8")]
        )),
        "LC_MESSAGES wins over LANG"
    );
    let mut with_flag = args.to_vec();
    with_flag.extend(["--lang", "en"]);
    assert!(
        is_english(&run_with_locale(&with_flag, &korean)),
        "--lang en wins over the locale"
    );
    with_flag.truncate(args.len());
    with_flag.extend(["--lang", "ko"]);
    assert!(is_korean(&run_with_locale(&with_flag, &[("LC_ALL", "C")])));
}

/// A packet's JSON without what is allowed to change with the language.
fn language_free(mut packet: Value) -> Value {
    let object = packet.as_object_mut().expect("an object");
    object.remove("explanation");
    if let Some(stopped) = object.get_mut("stopped").and_then(Value::as_object_mut) {
        stopped.remove("reason");
    }
    if let Some(chain) = object.get_mut("chain").and_then(Value::as_array_mut) {
        for step in chain {
            let step = step.as_object_mut().expect("a step");
            step.remove("field");
            step.remove("next");
        }
    }
    packet
}

#[test]
fn json_keys_and_data_are_the_same_in_every_language() {
    for sample in samples() {
        let path = sample.to_str().unwrap();
        let english = ndjson(&stdout(&run(&["-r", path, "--json", "--lang", "en"])));
        let korean = ndjson(&stdout(&run(&["-r", path, "--json", "--lang", "ko"])));
        assert_eq!(english.len(), korean.len(), "{}", name(&sample));
        for (e, k) in english.into_iter().zip(korean) {
            let number = e["number"].clone();
            let explained = |v: &Value| v["explanation"].as_array().map_or(0, Vec::len);
            assert_eq!(
                explained(&e),
                explained(&k),
                "{} packet {number}: as many sentences in Korean as in English",
                name(&sample)
            );
            if let Some(sentence) = k["explanation"].as_array().and_then(|a| a.first()) {
                let sentence = sentence.as_str().unwrap_or_default();
                assert!(
                    sentence
                        .chars()
                        .any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c)),
                    "{} packet {number}: {sentence}",
                    name(&sample)
                );
            }
            assert_eq!(
                language_free(e),
                language_free(k),
                "{} packet {number}",
                name(&sample)
            );
        }
        let conversations = |lang: &str| {
            stdout(&run(&[
                "-r",
                path,
                "--conversations",
                "--json",
                "--lang",
                lang,
            ]))
        };
        assert_same_text(
            &conversations("en"),
            &conversations("ko"),
            &format!("{} --conversations --json --lang ko", name(&sample)),
        );
    }
}

/// English words that only a sentence or label (never a value) would bring.
const ENGLISH_WORDS: &[&str] = &[
    "the",
    "is",
    "are",
    "and",
    "of",
    "to",
    "this",
    "that",
    "from",
    "with",
    "for",
    "its",
    "by",
    "packet",
    "port",
    "bytes",
    "data",
    "client",
    "server",
    "program",
    "address",
    "captured",
    "Chain",
    "Port",
    "Stop",
    "Conversations",
    "proto",
    "duration",
    "state",
    "service",
    "length",
    "seq",
    "ack",
    "win",
    "options",
    "offers",
    "query",
    "response",
    "answer",
    "operation",
    "message",
    "request",
    "reply",
    "type",
    "code",
    "group",
    "interface",
    "family",
    "priority",
    "hop",
    "limit",
    "payload",
    "flow",
    "offset",
    "unregistered",
    "false",
    "true",
];

#[test]
fn korean_output_says_nothing_in_english() {
    let mut leaks = Vec::new();
    for sample in samples() {
        let path = sample.to_str().unwrap();
        for view in [&["-v", "--summary"][..], &["-q"][..]] {
            let mut args = vec!["-r", path, "--lang", "ko", "--color", "never"];
            args.extend_from_slice(view);
            let text = stdout(&run(&args));
            for line in text.lines() {
                let trimmed = line.trim_start();
                // Text quoted from the wire, and the application's own line under its protocol
                // name, are the program's words, not portlens's.
                let quoted_line = line.starts_with("  ")
                    && !line.starts_with("   ")
                    && [
                        "HTTP", "DNS", "TLS", "SSH", "SMTP", "FTP", "POP3", "IMAP", "DHCP", "QUIC",
                    ]
                    .iter()
                    .any(|p| trimmed.starts_with(&format!("{p}  ")));
                if quoted_line {
                    continue;
                }
                let unquoted = match (trimmed.find('"'), trimmed.rfind('"')) {
                    (Some(first), Some(last)) if first < last => {
                        format!("{}{}", &trimmed[..first], &trimmed[last + 1..])
                    }
                    _ => trimmed.to_string(),
                };
                let english: Vec<&str> = unquoted
                    .split(|c: char| !(c.is_ascii_alphabetic() || c == '-'))
                    .filter(|word| ENGLISH_WORDS.contains(word))
                    .collect();
                if !english.is_empty() {
                    leaks.push(format!("{}: {english:?} in {line}", name(&sample)));
                }
            }
        }
    }
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}
