//! The catalogues stay complete and in step: every message and every label has an instance (an
//! exhaustive `match` maps each variant to its index, so a new variant without an instance fails
//! to compile or fails `every_variant_has_an_instance`), and every instance renders in Korean as
//! Hangul text that differs from the English.
//!
//! The instances are data tables, one file each: `tests/fields.rs` (field names),
//! `tests/messages.rs` (sentences) and `tests/labels.rs` (the words around values); the checks over
//! them are here.

mod fields;
mod labels;
mod messages;

use super::labels::{Column, InterfaceFlag, Label, label};
use super::*;
use crate::decode::{LayerName, LengthSource, MacAddress, StopReason};
use fields::{FIELD_ID_COUNT, all_field_ids, field_id_index};
use labels::{LABEL_COUNT, all_labels, label_index};
use messages::{MESSAGE_COUNT, all_messages, message_index};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c))
}

const V4: IpAddr = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 10));
const V4_OTHER: IpAddr = IpAddr::V4(Ipv4Addr::new(198, 51, 100, 20));
const V6: IpAddr = IpAddr::V6(Ipv6Addr::LOCALHOST);
const MAC: MacAddress = MacAddress([0x02, 0, 0, 0, 0, 1]);

const IP_CLASSES: [IpClass; 11] = [
    IpClass::Unspecified,
    IpClass::Loopback,
    IpClass::Private,
    IpClass::SharedNat,
    IpClass::LinkLocal,
    IpClass::Multicast,
    IpClass::Broadcast,
    IpClass::Documentation,
    IpClass::Ipv4Mapped,
    IpClass::Reserved,
    IpClass::Public,
];

const RANGES: [PortRange; 3] = [
    PortRange::WellKnown,
    PortRange::Registered,
    PortRange::Dynamic,
];

const LAYERS: [LayerName; 17] = [
    LayerName::Link,
    LayerName::Ethernet,
    LayerName::LinuxSll,
    LayerName::LinuxSll2,
    LayerName::Loopback,
    LayerName::Vlan,
    LayerName::Macsec,
    LayerName::Arp,
    LayerName::Ip,
    LayerName::Ipv4,
    LayerName::Ipv6,
    LayerName::Ipv6Extension,
    LayerName::Icmpv4,
    LayerName::Icmpv6,
    LayerName::Igmp,
    LayerName::Tcp,
    LayerName::Udp,
];

#[test]
fn every_variant_has_an_instance() {
    let mut seen = [false; MESSAGE_COUNT];
    for msg in all_messages() {
        seen[message_index(&msg)] = true;
    }
    let missing: Vec<usize> = (0..MESSAGE_COUNT).filter(|i| !seen[*i]).collect();
    assert!(missing.is_empty(), "no instance of messages {missing:?}");

    let mut seen = [false; FIELD_ID_COUNT];
    for id in all_field_ids() {
        seen[field_id_index(id)] = true;
    }
    assert!(seen.iter().all(|s| *s), "all_field_ids misses a FieldId");
}

#[test]
fn every_message_exists_in_korean() {
    let mut problems = Vec::new();
    for msg in all_messages() {
        let english = say(Lang::En, &msg);
        let korean = say(Lang::Ko, &msg);
        if english.trim().is_empty() {
            problems.push(format!("{msg:?}: empty English"));
        }
        if korean.trim().is_empty() || !has_hangul(&korean) || korean == english {
            problems.push(format!("{msg:?}: Korean {korean:?} (English {english:?})"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn korean_keeps_values_as_they_are() {
    let msg = Msg::ServerPort {
        transport: Transport::Tcp,
        port: 443,
        range: PortRange::WellKnown,
        service: "HTTPS",
        description: "TLS로 암호화한 웹 페이지를 보내는 웹 서버",
        curated: true,
        host: V4,
        direction: Direction::ToServer,
        audience: Audience::One,
    };
    let korean = say(Lang::Ko, &msg);
    for value in [
        "TCP",
        "443",
        "HTTPS",
        "192.0.2.10",
        "잘 알려진 포트",
        "목적지 포트",
    ] {
        assert!(korean.contains(value), "{value} in {korean}");
    }
    let handshake = say(Lang::Ko, &Msg::HandshakeSyn { port: 80 });
    assert!(handshake.contains("3-way 핸드셰이크") && handshake.contains("80"));
}

#[test]
fn every_label_has_an_instance_and_exists_in_korean() {
    let labels = all_labels();
    let mut seen = [false; LABEL_COUNT];
    for l in &labels {
        seen[label_index(l)] = true;
    }
    let missing: Vec<usize> = (0..LABEL_COUNT).filter(|i| !seen[*i]).collect();
    assert!(missing.is_empty(), "no instance of labels {missing:?}");
    // Every column appears in Column::ALL exactly once.
    for column in Column::ALL {
        match column {
            Column::Protocol
            | Column::Client
            | Column::Server
            | Column::Service
            | Column::ClientToServerPackets
            | Column::ClientToServerBytes
            | Column::ServerToClientPackets
            | Column::ServerToClientBytes
            | Column::Duration
            | Column::State => {}
        }
        assert_eq!(Column::ALL.iter().filter(|c| **c == column).count(), 1);
    }

    let mut problems = Vec::new();
    for l in &labels {
        let english = label(Lang::En, l);
        let korean = label(Lang::Ko, l);
        if english.trim().is_empty() {
            problems.push(format!("{l:?}: empty English"));
        }
        if korean.trim().is_empty() || !has_hangul(&korean) || korean == english {
            problems.push(format!("{l:?}: Korean {korean:?} (English {english:?})"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A DNS response code without a mnemonic is named in the reader's language: the Korean tree
/// once said "an unusual code" in English.
#[test]
fn an_unnamed_response_code_is_named_in_korean_too() {
    for msg in [
        Msg::DnsNoAnswer {
            response_code: ResponseCode::from_value(23),
        },
        Msg::DnsResponse {
            response_code: ResponseCode::from_value(23),
            answers: "example.com A 192.0.2.1".to_string(),
        },
    ] {
        let korean = say(Lang::Ko, &msg);
        assert!(!korean.contains("unusual"), "{korean}");
        assert!(korean.contains("흔하지 않은 코드"), "{korean}");
        assert!(say(Lang::En, &msg).contains("an unusual code"));
    }
}
