//! A representative instance of every label (`all_labels`, a data table), and the position of each
//! variant (`label_index`, an exhaustive `match`), like the messages.

use super::*;

/// The position of a label variant; exhaustive like `message_index`.
pub(super) fn label_index(label: &Label<'_>) -> usize {
    match label {
        Label::PacketHeading { .. } => 0,
        Label::ChainTitle => 1,
        Label::PortTitle => 2,
        Label::StopTitle => 3,
        Label::ServiceLine { .. } => 4,
        Label::CookedFrom { .. } => 5,
        Label::CookedInterface { .. } => 6,
        Label::LoopbackFamily { .. } => 7,
        Label::VlanFields { .. } => 8,
        Label::UnnamedArpOperation => 9,
        Label::Ipv4Fields { .. } => 10,
        Label::FragmentOffset { .. } => 11,
        Label::Ipv6Fields { .. } => 12,
        Label::FlowLabel { .. } => 13,
        Label::IcmpFields { .. } => 14,
        Label::UnnamedMessage => 15,
        Label::EchoFields { .. } => 16,
        Label::IgmpFields { .. } => 17,
        Label::Sequence { .. } => 18,
        Label::Acknowledgment { .. } => 19,
        Label::Window { .. } => 20,
        Label::TcpOptions { .. } => 21,
        Label::Length { .. } => 22,
        Label::DataBytes { .. } => 23,
        Label::DataBytesCaptured { .. } => 24,
        Label::TlsOffers { .. } => 25,
        Label::TlsRecordType { .. } => 26,
        Label::DnsQuery => 27,
        Label::DnsResponse => 28,
        Label::DnsAnswerCount { .. } => 29,
        Label::DnsOverTcp => 30,
        Label::QuicPacket { .. } => 31,
        Label::ConversationCount { .. } => 32,
        Label::Column(_) => 33,
        Label::Evicted { .. } => 34,
        Label::InterfaceFlag(_) => 35,
        Label::Netmask { .. } => 36,
        Label::NoInterfaces => 37,
        Label::RunTotals { .. } => 38,
    }
}
pub(super) const LABEL_COUNT: usize = 39;

fn all_interface_flags() -> Vec<InterfaceFlag> {
    let flags = vec![
        InterfaceFlag::Up,
        InterfaceFlag::Running,
        InterfaceFlag::Loopback,
        InterfaceFlag::Wireless,
    ];
    for flag in &flags {
        match flag {
            InterfaceFlag::Up
            | InterfaceFlag::Running
            | InterfaceFlag::Loopback
            | InterfaceFlag::Wireless => {}
        }
    }
    flags
}

/// A representative instance of every label.
pub(super) fn all_labels() -> Vec<Label<'static>> {
    let mut all = vec![
        Label::PacketHeading {
            number: 1,
            timestamp: "2026-11-21T15:43:16.720451Z",
            captured: 75,
            original: 75,
        },
        Label::ChainTitle,
        Label::PortTitle,
        Label::StopTitle,
    ];
    for range in RANGES {
        all.push(Label::ServiceLine {
            port: 53,
            name: "DNS",
            range,
            client_port: 37662,
        });
    }
    all.extend([
        Label::CookedFrom { mac: MAC },
        Label::CookedInterface { index: 3 },
        Label::LoopbackFamily { family: 2 },
        Label::VlanFields {
            id: 10,
            priority: 3,
        },
        Label::UnnamedArpOperation,
        Label::Ipv4Fields {
            ttl: 64,
            identification: 0xdd3b,
            total_length: 61,
        },
        Label::FragmentOffset { offset: 1480 },
        Label::Ipv6Fields {
            hop_limit: 64,
            payload_length: 40,
        },
        Label::FlowLabel {
            flow_label: 0x12345,
        },
        Label::IcmpFields {
            name: "echo request",
            icmp_type: 8,
            code: 0,
        },
        Label::UnnamedMessage,
        Label::EchoFields {
            identifier: 1,
            sequence: 2,
        },
        Label::IgmpFields {
            igmp_type: 0x16,
            group: Some(Ipv4Addr::new(224, 0, 0, 251)),
        },
        Label::IgmpFields {
            igmp_type: 0x11,
            group: None,
        },
        Label::Sequence { value: 1 },
        Label::Acknowledgment { value: 1 },
        Label::Window { value: 64240 },
        Label::TcpOptions {
            text: "<mss 1460,sackOK>",
        },
        Label::Length { value: 41 },
        Label::DataBytes { count: 33 },
        Label::DataBytesCaptured {
            count: 1448,
            captured: 62,
        },
        Label::TlsOffers {
            versions: "TLS 1.3, TLS 1.2",
        },
        Label::TlsRecordType { content_type: 22 },
        Label::DnsQuery,
        Label::DnsResponse,
        Label::DnsAnswerCount { count: 1 },
        Label::DnsOverTcp,
        Label::QuicPacket {
            packet_type: "Initial",
            version: 1,
        },
        Label::ConversationCount { count: 1 },
        Label::Evicted { count: 2 },
        Label::Netmask {
            netmask: IpAddr::V4(Ipv4Addr::new(255, 0, 0, 0)),
        },
        Label::NoInterfaces,
        Label::RunTotals {
            packets: 5,
            received: 5,
            dropped_by_kernel: 0,
        },
    ]);
    all.extend(Column::ALL.into_iter().map(Label::Column));
    all.extend(all_interface_flags().into_iter().map(Label::InterfaceFlag));
    all
}
