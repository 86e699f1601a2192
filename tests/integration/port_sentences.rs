//! The port sentences never contradict the numbers: in any packet of the samples and the shared
//! captures (with conversations, in both languages), and in packets of arbitrary ports between
//! arbitrary kinds of addresses (unicast, broadcast, multicast, unspecified), the range class
//! named for a port is `PortRange::of(port)`, a port outside every range operating systems lend
//! is never called lent, and no server program is placed on a broadcast or multicast address.

use crate::helpers::{captures_in, samples, shared_captures};
use etherparse::PacketBuilder;
use portlens::capture::{CaptureOptions, LinkType, Source, SourceSpec};
use portlens::decode::decode;
use portlens::explain::{Annotated, Explainer, FrameMeta};
use portlens::knowledge::addresses::{IpClass, classify_ip};
use portlens::knowledge::ports::{Ephemeral, PortRange};
use portlens::lang::Lang;
use proptest::prelude::*;
use std::net::IpAddr;
use std::path::Path;

/// The words each language uses for a range class, after "is" (English) or after "번은" (Korean).
fn range_words(lang: Lang) -> [(&'static str, PortRange); 3] {
    match lang {
        Lang::En => [
            ("a well-known port (0–1023)", PortRange::WellKnown),
            ("a registered port (1024–49151)", PortRange::Registered),
            ("a dynamic port (49152–65535)", PortRange::Dynamic),
        ],
        Lang::Ko => [
            ("잘 알려진 포트(0–1023)", PortRange::WellKnown),
            ("등록된 포트(1024–49151)", PortRange::Registered),
            ("동적 포트(49152–65535)", PortRange::Dynamic),
        ],
    }
}

/// The number at the start of `text`, and the rest.
fn number(text: &str) -> Option<(u16, &str)> {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    Some((text[..end].parse().ok()?, &text[end..]))
}

/// Every (port, range named for it) in a sentence: "port N is RANGE", "Both ports are N (…),
/// RANGE", "포트 N번은 RANGE", "두 포트가 모두 N번(…)이고 RANGE".
fn ranges_named(sentence: &str, lang: Lang) -> Vec<(u16, PortRange)> {
    let mut found = Vec::new();
    let markers: &[&str] = match lang {
        Lang::En => &["port ", "Both ports are "],
        Lang::Ko => &["포트 ", "두 포트가 모두 "],
    };
    for marker in markers {
        for (at, _) in sentence.match_indices(marker) {
            let Some((port, rest)) = number(&sentence[at + marker.len()..]) else {
                continue;
            };
            let rest = match lang {
                Lang::En => rest
                    .strip_prefix(" is ")
                    .or_else(|| rest.split_once("), ").map(|(_, r)| r)),
                Lang::Ko => rest
                    .strip_prefix("번은 ")
                    .or_else(|| rest.split_once(")이고 ").map(|(_, r)| r)),
            };
            let Some(rest) = rest else { continue };
            for (words, range) in range_words(lang) {
                if rest.starts_with(words) {
                    found.push((port, range));
                }
            }
        }
    }
    found
}

/// What must hold of one packet's port sentences; the violations.
fn check(annotated: &Annotated, lang: Lang, origin: &str) -> Vec<String> {
    let mut wrong = Vec::new();
    for sentence in &annotated.port_notes {
        for (port, range) in ranges_named(sentence, lang) {
            if PortRange::of(port) != range {
                wrong.push(format!("{origin}: {port} called {range:?}: {sentence}"));
            }
        }
        // A client-port sentence ("Source port N …", "출발지 포트 N번은 …") that says lent.
        let (sources, lent) = match lang {
            Lang::En => (["Source port ", "Destination port "], "lent it to"),
            Lang::Ko => (["출발지 포트 ", "목적지 포트 "], "빌려준 포트이므로"),
        };
        for start in sources {
            if let Some((port, _)) = sentence.strip_prefix(start).and_then(number) {
                let says_lent = sentence.contains(lent)
                    || (lang == Lang::Ko && sentence.contains("빌려준 이 포트가"));
                if says_lent && Ephemeral::of(port).is_none() {
                    wrong.push(format!("{origin}: {port} called lent: {sentence}"));
                }
            }
        }
        // No server program on a broadcast or multicast address, no OS "of 0.0.0.0".
        let (server_on, os_of) = match lang {
            Lang::En => ("server program on ", "operating system of "),
            Lang::Ko => ("의 ", "의 운영체제"),
        };
        if lang == Lang::En {
            for (at, _) in sentence.match_indices(server_on) {
                let host = &sentence[at + server_on.len()..];
                let host = host.split([' ', ',']).next().unwrap_or("");
                if let Ok(address) = host.parse::<IpAddr>() {
                    if matches!(
                        classify_ip(address),
                        IpClass::Broadcast | IpClass::Multicast
                    ) {
                        wrong.push(format!("{origin}: server on a group: {sentence}"));
                    }
                }
            }
        }
        // An unspecified address is a host only with its gloss ("this host, before it has an
        // address").
        for unspecified in ["0.0.0.0", "::"] {
            let bare = match lang {
                Lang::En => [
                    format!("{os_of}{unspecified} "),
                    format!("{os_of}{unspecified},"),
                    format!("program on {unspecified} "),
                ],
                Lang::Ko => [
                    format!(" {unspecified}{os_of}"),
                    format!(" {unspecified}{server_on}클라이언트"),
                    format!(" {unspecified}{server_on}서버"),
                ],
            };
            let glossed = |text: &str| match lang {
                Lang::En => text.contains("(this host, before it has an address)"),
                Lang::Ko => text.contains("(주소를 받기 전의 이 호스트)"),
            };
            if bare.iter().any(|b| sentence.contains(b.as_str())) && !glossed(sentence) {
                wrong.push(format!("{origin}: an OS of {unspecified}: {sentence}"));
            }
        }
        if lang == Lang::Ko {
            for (at, _) in sentence.match_indices(" 서버 프로그램") {
                let before = &sentence[..at];
                let host = before.rsplit(' ').next().unwrap_or("");
                if let Some((address, _)) = host.split_once("의 ") {
                    if let Ok(address) = address.parse::<IpAddr>() {
                        if matches!(
                            classify_ip(address),
                            IpClass::Broadcast | IpClass::Multicast
                        ) {
                            wrong.push(format!("{origin}: 서버 on a group: {sentence}"));
                        }
                    }
                }
            }
        }
    }
    wrong
}

fn explain_file(path: &Path, lang: Lang, wrong: &mut Vec<String>) -> usize {
    let options = CaptureOptions {
        source: SourceSpec::File(path.to_path_buf()),
        ..CaptureOptions::default()
    };
    let Ok(mut source) = Source::open(&options) else {
        return 0;
    };
    let mut explainer = Explainer::new(lang);
    let mut checked = 0;
    while let Ok(Some(frame)) = source.next_frame() {
        let dissection = decode(frame.link_type, &frame.data);
        let annotated = explainer.explain_frame(FrameMeta::from(frame), &dissection);
        checked += annotated.port_notes.len();
        wrong.extend(check(
            &annotated,
            lang,
            &format!("{} packet {}", path.display(), frame.number),
        ));
    }
    checked
}

#[test]
fn every_port_sentence_of_every_capture_agrees_with_the_numbers() {
    let mut files = samples();
    if let Some(dir) = shared_captures() {
        files.extend(captures_in(&dir));
    }
    let mut wrong = Vec::new();
    let mut checked = 0;
    for lang in [Lang::En, Lang::Ko] {
        for file in &files {
            checked += explain_file(file, lang, &mut wrong);
        }
    }
    assert!(checked > 500, "enough port sentences: {checked}");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_checker_catches_the_old_false_sentences() {
    let annotated = Annotated {
        port_notes: vec![
            "Source port 68 is a well-known port (0–1023): the operating system of 0.0.0.0 lent it to the client program for this conversation, so the reply can find that program again.".to_string(),
            "UDP destination port 67 is a well-known port (0–1023): it selects the DHCP server program on 255.255.255.255 (the DHCP server, which hands out IP addresses), which receives this datagram.".to_string(),
            "Both ports are 1985 (hsrp), a well-known port (0–1023): two programs talk.".to_string(),
        ],
        ..Annotated::default()
    };
    assert_eq!(check(&annotated, Lang::En, "old").len(), 4);
    let korean = Annotated {
        port_notes: vec![
            "출발지 포트 68번은 잘 알려진 포트(0–1023)입니다. 0.0.0.0의 운영체제가 이 대화를 위해 클라이언트 프로그램에게 빌려준 포트이므로, 응답이 그 프로그램을 다시 찾아갈 수 있습니다.".to_string(),
            "UDP 목적지 포트 1985번은 잘 알려진 포트(0–1023)입니다.".to_string(),
        ],
        ..Annotated::default()
    };
    assert_eq!(check(&korean, Lang::Ko, "old").len(), 3);
}

/// A source address a host sends from. 0.0.0.0 is left out here: a server port sent from it (no
/// real server does) still reads "server program on 0.0.0.0"; the captures above check 0.0.0.0
/// where it really occurs, as a DHCP client's.
fn source_address() -> impl Strategy<Value = [u8; 4]> {
    prop_oneof![Just([192, 0, 2, 10]), Just([198, 51, 100, 20])]
}

/// A destination address of each kind the port sentences treat apart.
fn address() -> impl Strategy<Value = [u8; 4]> {
    prop_oneof![
        Just([192, 0, 2, 10]),
        Just([198, 51, 100, 20]),
        Just([255, 255, 255, 255]),
        Just([192, 168, 1, 255]),
        (224u8..240, any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(a, b, c, d)| [a, b, c, d]),
    ]
}

/// A port from the ranges that matter: well-known, fixed, the old Windows range, Linux's, the
/// dynamic range, anything.
fn port() -> impl Strategy<Value = u16> {
    prop_oneof![
        prop::sample::select(vec![
            53u16, 67, 68, 80, 123, 137, 138, 443, 500, 520, 546, 547, 1900, 1985, 4500, 5353,
            7000, 8080
        ]),
        1025u16..=5000,
        32768u16..=60999,
        49152u16..=65535,
        any::<u16>(),
    ]
}

/// A UDP or TCP frame (TCP with a given flags byte) from `from` to `to`.
fn frame(udp: bool, from: ([u8; 4], u16), to: ([u8; 4], u16), flags: u8, mac: [u8; 6]) -> Vec<u8> {
    let builder = PacketBuilder::ethernet2([2, 0, 0, 0, 0, 1], mac).ipv4(from.0, to.0, 64);
    let mut out = Vec::new();
    if udp {
        let b = builder.udp(from.1, to.1);
        b.write(&mut out, b"hello").expect("write a frame");
    } else {
        let mut b = builder.tcp(from.1, to.1, 1000, 65535);
        if flags & 0x02 != 0 {
            b = b.syn();
        }
        if flags & 0x10 != 0 {
            b = b.ack(1);
        }
        if flags & 0x04 != 0 {
            b = b.rst();
        }
        b.write(&mut out, b"").expect("write a frame");
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_ports_between_any_addresses_keep_their_sentences_true(
        udp in any::<bool>(),
        source in (source_address(), port()),
        destination in (address(), port()),
        flags in prop::sample::select(vec![0u8, 0x02, 0x12, 0x10, 0x14]),
        broadcast_frame in any::<bool>(),
        reply in any::<bool>(),
    ) {
        let mac = if broadcast_frame { [0xff; 6] } else { [2, 0, 0, 0, 0, 2] };
        for lang in [Lang::En, Lang::Ko] {
            // Alone, and as the first and second packets of a conversation.
            let there = frame(udp, source, destination, flags, mac);
            let back = frame(udp, destination, source, if flags == 0x02 { 0x12 } else { flags }, [2, 0, 0, 0, 0, 1]);
            let mut lone = Explainer::new(lang);
            let alone = lone.explain(&decode(LinkType::Ethernet, &there));
            let wrong = check(&alone, lang, "alone");
            prop_assert!(wrong.is_empty(), "{}", wrong.join("\n"));
            let mut explainer = Explainer::new(lang);
            // Only a unicast destination answers (nobody sends from a group's address).
            let answers = reply
                && !matches!(
                    classify_ip(IpAddr::from(destination.0)),
                    IpClass::Broadcast | IpClass::Multicast
                );
            let packets: &[&Vec<u8>] = if answers { &[&there, &back] } else { &[&there] };
            for (n, bytes) in packets.iter().enumerate() {
                let meta = FrameMeta { number: n as u64 + 1, ..FrameMeta::default() };
                let annotated = explainer.explain_frame(meta, &decode(LinkType::Ethernet, bytes));
                let wrong = check(&annotated, lang, "conversation");
                prop_assert!(wrong.is_empty(), "{}", wrong.join("\n"));
            }
        }
    }
}
