//! A capture cut by a snapshot length: benches/data/bulk-seed.pcap, an iperf3 bulk transfer that
//! tcpdump recorded with `-s 128`, so every full-sized segment keeps 62 of its 1448 data bytes.
//! portlens must count data as the wire carried it, not as the capture kept it: the one-line view
//! says tcpdump's `length` and `seq first:next` for every TCP packet (tcpdump itself is the
//! oracle, when installed), the JSON's lengths add up to the frames' original lengths, and TCP
//! tracking follows the clean transfer without a gap, retransmission or duplicate ACK.

use crate::helpers::{ndjson, portlens, program, require_part, root, run, stdout};
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;

fn seed() -> PathBuf {
    root().join("benches/data/bulk-seed.pcap")
}

/// From a tcpdump-style TCP line: the `seq` value (absolute, as `tcpdump -S` prints it) and the
/// `length`. `None` for a line that is not TCP.
fn seq_and_length(line: &str) -> Option<(Option<String>, u64)> {
    let tcp = &line[line.find("Flags [")?..];
    let seq = tcp.find(", seq ").map(|at| {
        let value = &tcp[at + ", seq ".len()..];
        value[..value.find(',').unwrap_or(value.len())].to_string()
    });
    let length = &tcp[tcp.find(", length ")? + ", length ".len()..];
    let digits: String = length.chars().take_while(char::is_ascii_digit).collect();
    Some((seq, digits.parse().ok()?))
}

#[test]
fn one_line_lengths_and_sequence_ranges_are_tcpdumps() {
    let path = seed();
    let ours = stdout(&run(&["-r", path.to_str().unwrap(), "--oneline"]));
    let ours: Vec<&str> = ours.lines().collect();
    assert_eq!(ours.len(), 718, "one line per packet");
    // The full-sized segments: 1448 bytes on the wire, whatever was captured.
    let cut = ours
        .iter()
        .filter(|l| seq_and_length(l).is_some_and(|(_, length)| length == 1448))
        .count();
    assert!(cut > 300, "{cut} full-sized segments");

    let Some(tcpdump) = require_part("the comparison with tcpdump", program("tcpdump")) else {
        return;
    };
    let output = std::process::Command::new(tcpdump)
        .args(["-S", "-nn", "-r"])
        .arg(&path)
        .output()
        .expect("tcpdump runs");
    assert!(output.status.success(), "tcpdump failed: {output:?}");
    let theirs = String::from_utf8_lossy(&output.stdout);
    let theirs: Vec<&str> = theirs.lines().collect();
    assert_eq!(
        ours.len(),
        theirs.len(),
        "packets read by portlens and tcpdump"
    );
    let mut compared = 0;
    let mut differences = Vec::new();
    for (number, (mine, reference)) in ours.iter().zip(&theirs).enumerate() {
        let (Some(mine), Some(reference)) = (seq_and_length(mine), seq_and_length(reference))
        else {
            continue;
        };
        compared += 1;
        if mine != reference {
            differences.push(format!(
                "packet {}: portlens {mine:?}, tcpdump {reference:?}",
                number + 1
            ));
        }
    }
    assert_eq!(compared, 718, "every packet is TCP");
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
fn data_lengths_are_the_wires_and_the_transfer_is_clean() {
    let path = seed();
    let packets = ndjson(&stdout(&run(&["-r", path.to_str().unwrap(), "--json"])));
    assert_eq!(packets.len(), 718);
    // Per conversation and direction, the last data byte seen.
    let mut last_byte: HashMap<(u64, String), u64> = HashMap::new();
    let mut problems = Vec::new();
    for packet in &packets {
        let number = &packet["number"];
        let transport = &packet["transport"];
        let wire = transport["payload_length"]
            .as_u64()
            .expect("payload_length");
        let captured = transport["payload_captured"]
            .as_u64()
            .expect("payload_captured");
        let captured_length = packet["captured_length"].as_u64().unwrap();
        let original_length = packet["original_length"].as_u64().unwrap();
        // Every frame keeps its whole headers and has no padding: what the capture lacks is data.
        if original_length - captured_length != wire - captured {
            problems.push(format!(
                "packet {number}: {wire} data bytes on the wire, {captured} captured, \
                 frame {original_length} on the wire, {captured_length} captured"
            ));
        }
        let tcp = &packet["conversation"]["tcp"];
        for flag in ["gap", "retransmission", "duplicate_ack", "zero_window"] {
            if !matches!(tcp[flag], Value::Null | Value::Bool(false)) {
                problems.push(format!("packet {number}: {flag} {}", tcp[flag]));
            }
        }
        let explanation = packet["explanation"].as_array().unwrap();
        for sentence in explanation.iter().filter_map(Value::as_str) {
            if ["were not seen", "Retransmission", "Duplicate ACK"]
                .iter()
                .any(|needle| sentence.contains(needle))
            {
                problems.push(format!("packet {number}: {sentence}"));
            }
        }
        // Each segment's data follows the previous one of its direction, byte for byte.
        if let Some(range) = tcp["data_bytes"].as_array() {
            let (first, last) = (range[0].as_u64().unwrap(), range[1].as_u64().unwrap());
            if last + 1 - first != wire {
                problems.push(format!("packet {number}: bytes {first}–{last} for {wire}"));
            }
            let key = (
                packet["conversation"]["id"].as_u64().unwrap(),
                packet["conversation"]["role"].to_string(),
            );
            let expected = last_byte.get(&key).map_or(1, |previous| previous + 1);
            if first != expected {
                problems.push(format!(
                    "packet {number}: starts at {first}, not {expected}"
                ));
            }
            last_byte.insert(key, last);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // The tree says both numbers, in each language.
    for (lang, words) in [
        ("en", "1448 data bytes (62 captured)"),
        ("ko", "데이터 1448바이트 (62바이트 캡처됨)"),
    ] {
        let output = portlens()
            .args(["-r", path.to_str().unwrap(), "-c", "21", "--lang", lang])
            .output()
            .expect("portlens runs");
        let tree = stdout(&output);
        assert!(tree.contains(words), "{lang}: {tree}");
    }
}
