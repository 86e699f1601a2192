//! Conformance: for every capture in ../shared/captures (tcpdump's test captures), portlens must
//! read the same frames, MAC addresses, IP addresses, ports and TCP flags as tshark 4.0, whose
//! reading sits beside each capture as NAME.tsv (one row per frame, the outermost value of each
//! field, empty where tshark found no such field, IP reassembly off). Every disagreement across
//! every capture is collected and reported at once. Without the shared captures (../shared/captures
//! or the folder PORTLENS_SHARED_CAPTURES names) the test fails under CI and is skipped elsewhere.

use crate::helpers::{captures_in, portlens, shared_captures, stderr, stdout};
use serde_json::Value;
use std::collections::HashMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

/// The columns of the TSV files that are compared, in the order they are reported.
const COLUMNS: [&str; 11] = [
    "eth.src",
    "eth.dst",
    "ip.src",
    "ip.dst",
    "ipv6.src",
    "ipv6.dst",
    "tcp.srcport",
    "tcp.dstport",
    "udp.srcport",
    "udp.dstport",
    "tcp.flags",
];

/// TCP flag names in bit order of the 9 low bits of the flags field (tshark's `tcp.flags`).
const TCP_FLAG_BITS: [(&str, u16); 9] = [
    ("FIN", 0x001),
    ("SYN", 0x002),
    ("RST", 0x004),
    ("PSH", 0x008),
    ("ACK", 0x010),
    ("URG", 0x020),
    ("ECE", 0x040),
    ("CWR", 0x080),
    ("NS", 0x100),
];

/// Known disagreements where tshark's column does not describe the frame's own headers:
/// (capture, frame, column, why). Keep this minimal; every entry says why.
const TSHARK_IS_WRONG: &[(&str, u64, &str, &str)] = &[
    // of13_ericsson.pcapng frames 65, 68 and 69 are OpenFlow 1.3 PACKET_OUT (type 13) and
    // PACKET_IN (type 10) messages over TCP 6633 ↔ 58449. Their *application data* carries a
    // whole Ethernet/IPv4/UDP 1234 → 5678 frame, and tshark dissects it, so its udp.* columns
    // come from inside the OpenFlow payload (frame.protocols ends ...tcp:openflow:openflow_v4:
    // eth:ethertype:ip:udp:data). The frame's own transport is TCP, which both agree on
    // (ports and flags 0x0018 are still compared); portlens rightly does not decode
    // application data as a packet.
    (
        "of13_ericsson.pcapng",
        65,
        "udp.srcport",
        "UDP inside OpenFlow PACKET_OUT data",
    ),
    (
        "of13_ericsson.pcapng",
        65,
        "udp.dstport",
        "UDP inside OpenFlow PACKET_OUT data",
    ),
    (
        "of13_ericsson.pcapng",
        68,
        "udp.srcport",
        "UDP inside OpenFlow PACKET_OUT data",
    ),
    (
        "of13_ericsson.pcapng",
        68,
        "udp.dstport",
        "UDP inside OpenFlow PACKET_OUT data",
    ),
    (
        "of13_ericsson.pcapng",
        69,
        "udp.srcport",
        "UDP inside OpenFlow PACKET_IN data",
    ),
    (
        "of13_ericsson.pcapng",
        69,
        "udp.dstport",
        "UDP inside OpenFlow PACKET_IN data",
    ),
];

/// The captures of the directory with their TSV beside them, sorted by name.
fn captures(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    captures_in(dir)
        .into_iter()
        .map(|capture| {
            let tsv = capture.with_extension("tsv");
            (capture, tsv)
        })
        .collect()
}

/// Reads a TSV file into rows keyed by header name.
fn read_tsv(path: &Path) -> Result<Vec<HashMap<String, String>>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .ok_or_else(|| format!("{} has no header", path.display()))?
        .split('\t')
        .map(str::to_owned)
        .collect();
    for column in COLUMNS.iter().chain(std::iter::once(&"frame.number")) {
        if !header.iter().any(|h| h == column) {
            return Err(format!("{} lacks the column {column}", path.display()));
        }
    }
    Ok(lines
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut fields: Vec<&str> = line.split('\t').collect();
            fields.resize(header.len(), "");
            header
                .iter()
                .cloned()
                .zip(fields.into_iter().map(str::to_owned))
                .collect()
        })
        .collect())
}

fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The TCP flags bits that portlens names.
fn flag_bits(names: &Value) -> Result<u16, String> {
    let mut bits = 0;
    for name in names
        .as_array()
        .ok_or_else(|| format!("tcp_flags is not a list: {names}"))?
    {
        let name = name.as_str().unwrap_or_default();
        let bit = TCP_FLAG_BITS
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or_else(|| format!("unknown TCP flag name {name:?}"))?
            .1;
        bits |= bit;
    }
    Ok(bits)
}

/// What portlens's packet says for each compared column, in tshark's terms: empty when portlens
/// has no such field. `None` for tcp.flags means "not comparable" (the ports of a TCP segment
/// quoted inside an ICMP error carry no flags in portlens's output).
fn portlens_view(packet: &Value) -> HashMap<&'static str, Option<String>> {
    let mut view: HashMap<&'static str, Option<String>> =
        COLUMNS.iter().map(|c| (*c, Some(String::new()))).collect();
    let link = &packet["link"];
    if link["type"] == "ethernet" {
        view.insert("eth.src", Some(text(&link["source_mac"])));
        view.insert("eth.dst", Some(text(&link["destination_mac"])));
    }
    let network = &packet["network"];
    match network["version"].as_u64() {
        Some(4) => {
            view.insert("ip.src", Some(text(&network["source"])));
            view.insert("ip.dst", Some(text(&network["destination"])));
        }
        Some(6) => {
            view.insert("ipv6.src", Some(text(&network["source"])));
            view.insert("ipv6.dst", Some(text(&network["destination"])));
        }
        _ => {}
    }
    let transport = &packet["transport"];
    match transport["protocol"].as_str() {
        Some("tcp") => {
            view.insert("tcp.srcport", Some(text(&transport["source_port"])));
            view.insert("tcp.dstport", Some(text(&transport["destination_port"])));
            let flags = if transport["tcp_flags"].is_null() {
                String::new()
            } else {
                match flag_bits(&transport["tcp_flags"]) {
                    Ok(bits) => format!("0x{bits:04x}"),
                    Err(e) => format!("<{e}>"),
                }
            };
            view.insert("tcp.flags", Some(flags));
        }
        Some("udp") => {
            view.insert("udp.srcport", Some(text(&transport["source_port"])));
            view.insert("udp.dstport", Some(text(&transport["destination_port"])));
        }
        Some("icmp" | "icmpv6") => {
            let quoted = &transport["quoted"];
            let columns = match quoted["protocol"].as_u64() {
                Some(6) => Some(("tcp.srcport", "tcp.dstport")),
                Some(17) => Some(("udp.srcport", "udp.dstport")),
                _ => None,
            };
            if let Some((src, dst)) = columns {
                view.insert(src, Some(text(&quoted["source_port"])));
                view.insert(dst, Some(text(&quoted["destination_port"])));
                if src == "tcp.srcport" {
                    view.insert("tcp.flags", None);
                }
            }
        }
        _ => {}
    }
    view
}

/// True when tshark's value and portlens's agree for this column.
fn agree(column: &str, tshark: &str, portlens: &str) -> bool {
    if tshark == portlens {
        return true;
    }
    if tshark.is_empty() || portlens.is_empty() {
        return false;
    }
    match column {
        "eth.src" | "eth.dst" => tshark.eq_ignore_ascii_case(portlens),
        "ip.src" | "ip.dst" | "ipv6.src" | "ipv6.dst" => {
            matches!((tshark.parse::<IpAddr>(), portlens.parse::<IpAddr>()), (Ok(a), Ok(b)) if a == b)
        }
        "tcp.flags" => {
            let parse = |s: &str| u16::from_str_radix(s.trim_start_matches("0x"), 16).ok();
            matches!((parse(tshark), parse(portlens)), (Some(a), Some(b)) if a & 0x1ff == b & 0x1ff)
        }
        _ => tshark
            .parse::<u64>()
            .ok()
            .is_some_and(|a| portlens.parse::<u64>().ok() == Some(a)),
    }
}

/// Checks one capture; pushes every problem onto `problems` and returns the frames checked.
fn check_capture(
    capture: &Path,
    tsv: &Path,
    problems: &mut Vec<String>,
    allowed: &mut Vec<(String, u64, &'static str)>,
) -> usize {
    let name = crate::helpers::name(capture);
    let rows = match read_tsv(tsv) {
        Ok(rows) => rows,
        Err(e) => {
            problems.push(format!("{name}: {e}"));
            return 0;
        }
    };
    let Some(packets) = run_json(capture, &name, problems) else {
        return 0;
    };
    if packets.len() != rows.len() {
        problems.push(format!(
            "{name}: portlens printed {} packets, tshark read {} frames",
            packets.len(),
            rows.len()
        ));
    }
    for (index, (packet, row)) in packets.iter().zip(&rows).enumerate() {
        let frame = row["frame.number"]
            .parse::<u64>()
            .unwrap_or(index as u64 + 1);
        check_frame(&name, frame, packet, row, problems, allowed);
    }
    rows.len().min(packets.len())
}

/// `portlens -r CAPTURE --json`, checked for a clean exit (0, or 1 with a message) and no panic;
/// its packets, or `None` when a line is not JSON.
fn run_json(capture: &Path, name: &str, problems: &mut Vec<String>) -> Option<Vec<Value>> {
    let output = portlens()
        .arg("-r")
        .arg(capture)
        .arg("--json")
        .output()
        .expect("portlens runs");
    let out = stdout(&output);
    let err = stderr(&output);
    for (stream, content) in [("stdout", &out), ("stderr", &err)] {
        for needle in ["panicked", "RUST_BACKTRACE"] {
            if content.contains(needle) {
                problems.push(format!(
                    "{name}: {stream} contains {needle:?}: {}",
                    err.trim()
                ));
            }
        }
    }
    match output.status.code() {
        Some(0) => {}
        Some(1) if !err.trim().is_empty() => {}
        code => problems.push(format!(
            "{name}: exit status {code:?} (expected 0, or 1 with a message); stderr: {}",
            err.trim()
        )),
    }
    let mut packets = Vec::new();
    for (index, line) in out.lines().enumerate() {
        match serde_json::from_str::<Value>(line) {
            Ok(packet) => packets.push(packet),
            Err(e) => {
                problems.push(format!(
                    "{name}: output line {} is not JSON ({e}): {line}",
                    index + 1
                ));
                return None;
            }
        }
    }
    Some(packets)
}

/// One frame: its number, a known transport, and every column portlens fills against tshark's.
fn check_frame(
    name: &str,
    frame: u64,
    packet: &Value,
    row: &HashMap<String, String>,
    problems: &mut Vec<String>,
    allowed: &mut Vec<(String, u64, &'static str)>,
) {
    if packet["number"].as_u64() != Some(frame) {
        problems.push(format!(
            "{name} frame {frame}: portlens numbers it {}",
            packet["number"]
        ));
    }
    if let Some(reason) = unknown_transport(packet) {
        problems.push(format!("{name} frame {frame}: {reason}"));
    }
    let view = portlens_view(packet);
    let mut differences = Vec::new();
    for column in COLUMNS {
        let Some(mine) = &view[column] else { continue };
        let theirs = &row[column];
        if agree(column, theirs, mine) {
            continue;
        }
        // An allowed disagreement only covers portlens saying nothing for that column.
        if mine.is_empty()
            && TSHARK_IS_WRONG
                .iter()
                .any(|(c, f, col, _)| *c == name && *f == frame && *col == column)
        {
            allowed.push((name.to_string(), frame, column));
            continue;
        }
        differences.push(format!("{column}: tshark {theirs:?}, portlens {mine:?}"));
    }
    if !differences.is_empty() {
        let stopped = match &packet["stopped"] {
            Value::Null => String::new(),
            stopped => format!(
                " [portlens stopped at {} byte {}: {}]",
                stopped["layer"], stopped["offset"], stopped["reason"]
            ),
        };
        problems.push(format!(
            "{name} frame {frame}: {}{stopped}",
            differences.join("; ")
        ));
    }
}

/// A transport protocol name outside the documented set.
fn unknown_transport(packet: &Value) -> Option<String> {
    let protocol = &packet["transport"]["protocol"];
    match protocol {
        Value::Null => None,
        Value::String(s) if ["tcp", "udp", "icmp", "icmpv6", "igmp"].contains(&s.as_str()) => None,
        other => Some(format!("unexpected transport.protocol {other}")),
    }
}

#[test]
fn every_frame_of_every_shared_capture_agrees_with_tshark() {
    let Some(dir) = shared_captures() else { return };
    let captures = captures(&dir);
    assert!(!captures.is_empty(), "no captures in {}", dir.display());
    let mut problems = Vec::new();
    let mut allowed = Vec::new();
    let mut total = 0;
    for (capture, tsv) in &captures {
        let before = problems.len();
        let checked = check_capture(capture, tsv, &mut problems, &mut allowed);
        total += checked;
        eprintln!(
            "conformance: {:<32} {checked:>4} frames checked, {} problem(s)",
            crate::helpers::name(capture),
            problems.len() - before
        );
    }
    eprintln!(
        "conformance: {} captures, {total} frames checked, {} known tshark disagreement(s) allowed",
        captures.len(),
        allowed.len()
    );
    // Keep the allowlist honest: an entry that no longer matches a disagreement must go.
    for (capture, frame, column, _) in TSHARK_IS_WRONG {
        let used = allowed
            .iter()
            .any(|(c, f, col)| c == capture && f == frame && col == column);
        let present = captures
            .iter()
            .any(|(p, _)| crate::helpers::name(p) == *capture);
        if present && !used {
            problems.push(format!(
                "{capture} frame {frame}: allowlist entry for {column} is stale (no disagreement); remove it"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} disagreement(s) with tshark:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
