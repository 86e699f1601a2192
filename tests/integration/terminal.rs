//! Terminal safety: packets whose text fields are laden with escape sequences (an HTTP request
//! with ESC in its Host header and path, a DNS query with ESC in the name, an SSH banner with
//! ESC and a raw C1 byte, a TLS ClientHello whose SNI holds ESC and U+202E) must never put a raw
//! control character on stdout: none at all with `--color never`, only portlens's own colour codes
//! with `--color always`, and JSON escaped by JSON's rules. Holds for every view portlens has, and
//! for text from the system too (file names in error messages).

use crate::craft::{
    ETHERNET, Ends, Record, classic_pcap, dns_query, ethernet_udp, tcp_conversation,
    tls_client_hello,
};
use crate::helpers::{ndjson, run, stderr, stdout};
use portlens::sanitize::audit_terminal_output;
use std::net::Ipv4Addr;
use std::path::PathBuf;

const CLIENT: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 10);
const SERVER: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 20);

/// Every hostile text, with a visible marker ("evil") that portlens would print next to it once
/// it shows application text.
fn hostile_frames() -> Vec<Vec<u8>> {
    let mut frames = Vec::new();
    let ends = |client_port, server_port| Ends {
        client: (CLIENT, client_port),
        server: (SERVER, server_port),
    };
    frames.extend(tcp_conversation(
        ends(40001, 80),
        b"GET /evil\x1b[2J\x1b]0;owned\x07/index.html HTTP/1.1\r\n\
          Host: evil\x1b[31m.example\r\n\
          User-Agent: evil\xe2\x80\xaeexe.txt\x9b31m\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nServer: evil\x1b[5m\r\nContent-Length: 0\r\n\r\n",
    ));
    frames.push(ethernet_udp(
        (CLIENT, 40002),
        (SERVER, 53),
        &dns_query(b"evil\x1b[31m.example\x1b]8;;http://x\x07.com"),
    ));
    frames.extend(tcp_conversation(
        ends(40003, 22),
        b"SSH-2.0-evil\x1b[2J\r\n",
        b"SSH-2.0-OpenSSH_9.2 evil\x1b[31m\x9b\x07\xc2\x9b\r\n",
    ));
    frames.extend(tcp_conversation(
        ends(40004, 443),
        &tls_client_hello("evil\u{1b}[31m\u{202e}moc.example".as_bytes()),
        b"",
    ));
    frames
}

fn hostile_capture(tag: &str) -> (PathBuf, usize) {
    let dir = std::env::temp_dir().join(format!("portlens-terminal-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("hostile.pcap");
    let frames = hostile_frames();
    let records: Vec<Record> = frames
        .iter()
        .enumerate()
        .map(|(i, frame)| Record::whole(1_700_000_000 + i as u32, frame.clone()))
        .collect();
    std::fs::write(&path, classic_pcap(262_144, ETHERNET, &records)).expect("write capture");
    (path, frames.len())
}

/// Where portlens shows text from a packet, it must be escaped: the marker may only appear
/// followed by its escaped form, never by the raw control character.
fn check_escaped_where_shown(text: &str) {
    for (at, _) in text.match_indices("evil") {
        let after = &text[at + 4..];
        assert!(
            !after.starts_with('\u{1b}') && !after.starts_with('\u{202e}'),
            "raw control after the marker: {:?}",
            &text[at..(at + 24).min(text.len())]
        );
    }
}

#[test]
fn no_raw_escape_reaches_the_terminal_without_colour() {
    let (path, frames) = hostile_capture("plain");
    let output = run(&["-r", path.to_str().unwrap(), "--color", "never"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout.clone()).expect("output is UTF-8");
    assert_eq!(
        text.matches("\npacket ").count() + 1,
        frames,
        "every packet shown"
    );
    if let Err(problem) = audit_terminal_output(&text, false) {
        panic!("{problem}: {text}");
    }
    check_escaped_where_shown(&text);
}

#[test]
fn with_colour_the_only_escapes_are_portlens_colour_codes() {
    let (path, _) = hostile_capture("colour");
    let output = run(&["-r", path.to_str().unwrap(), "--color", "always"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("\u{1b}["), "colour was asked for");
    if let Err(problem) = audit_terminal_output(&text, true) {
        panic!("{problem}: {text:?}");
    }
    check_escaped_where_shown(&text);
}

#[test]
fn json_escapes_every_control_character() {
    let (path, frames) = hostile_capture("json");
    let output = run(&["-r", path.to_str().unwrap(), "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout.clone()).expect("output is UTF-8");
    // JSON's rules escape U+0000–U+001F; portlens also escapes DEL, C1 and bidi controls.
    if let Err(problem) = audit_terminal_output(&text, false) {
        panic!("{problem}: {text}");
    }
    assert_eq!(
        ndjson(&text).len(),
        frames,
        "one valid JSON object per packet"
    );
}

#[test]
fn text_from_the_system_is_escaped_in_errors() {
    // A file name is text from the system: a hostile one must not act on the terminal either.
    let output = run(&["-r", "/nonexistent/evil\u{1b}[2J\u{202e}.pcap"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.contains("evil^[[2J<U+202E>.pcap"), "{text}");
    if let Err(problem) = audit_terminal_output(&text, false) {
        panic!("{problem}: {text}");
    }
    // And an interface name given on the command line.
    let output = run(&["-i", "eth\u{1b}[31m9", "-c", "1"]);
    let text = stderr(&output);
    if let Err(problem) = audit_terminal_output(&text, false) {
        panic!("{problem}: {text}");
    }
}
