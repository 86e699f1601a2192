//! The catalogues stay complete and in step: every message and every label has an instance below
//! (an exhaustive `match` maps each variant to its index, so a new variant without an instance
//! fails to compile or fails `every_variant_has_an_instance`), and every instance renders in
//! Korean as Hangul text that differs from the English.

use super::labels::{Column, InterfaceFlag, Label, label};
use super::*;
use crate::decode::{LayerName, LengthSource, MacAddress, StopReason};
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

/// Every field a chain step can name; the match below keeps this list complete.
fn all_fields() -> Vec<Field> {
    let fields = vec![
        Field::EtherType,
        Field::CookedProtocol,
        Field::AddressFamily,
        Field::IpVersion,
        Field::IpProtocol,
        Field::NextHeader,
        Field::DestinationPort,
    ];
    for field in &fields {
        match field {
            Field::EtherType
            | Field::CookedProtocol
            | Field::AddressFamily
            | Field::IpVersion
            | Field::IpProtocol
            | Field::NextHeader
            | Field::DestinationPort => {}
        }
    }
    fields
}

/// Every header field of the verbose view, in declaration order.
fn all_field_ids() -> Vec<FieldId> {
    use FieldId::*;
    vec![
        DestinationMac,
        SourceMac,
        EtherType,
        VlanPriority,
        VlanDropEligible,
        VlanId,
        CookedPacketType,
        CookedHardwareType,
        CookedAddress,
        CookedInterface,
        CookedProtocol,
        AddressFamily,
        ArpHardwareType,
        ArpProtocolType,
        ArpOperation,
        ArpSenderMac,
        ArpSenderIp,
        ArpTargetMac,
        ArpTargetIp,
        IpVersion,
        HeaderLength,
        Dscp,
        Ecn,
        TotalLength,
        Identification,
        IpFlags,
        FragmentOffset,
        Ttl,
        IpProtocol,
        HeaderChecksum,
        SourceIp,
        DestinationIp,
        TrafficClass,
        FlowLabel,
        PayloadLength,
        NextHeader,
        HopLimit,
        SourcePort,
        DestinationPort,
        SequenceNumber,
        AcknowledgmentNumber,
        DataOffset,
        TcpFlags,
        Window,
        Checksum,
        UrgentPointer,
        TcpOptions,
        UdpLength,
        IcmpType,
        IcmpCode,
        EchoIdentifier,
        EchoSequence,
        IgmpType,
        IgmpGroup,
    ]
}

/// The position of a field id in declaration order; exhaustive, so a new field id must be
/// listed here (and then in `all_field_ids`, or the coverage test fails).
fn field_id_index(id: FieldId) -> usize {
    use FieldId::*;
    match id {
        DestinationMac => 0,
        SourceMac => 1,
        EtherType => 2,
        VlanPriority => 3,
        VlanDropEligible => 4,
        VlanId => 5,
        CookedPacketType => 6,
        CookedHardwareType => 7,
        CookedAddress => 8,
        CookedInterface => 9,
        CookedProtocol => 10,
        AddressFamily => 11,
        ArpHardwareType => 12,
        ArpProtocolType => 13,
        ArpOperation => 14,
        ArpSenderMac => 15,
        ArpSenderIp => 16,
        ArpTargetMac => 17,
        ArpTargetIp => 18,
        IpVersion => 19,
        HeaderLength => 20,
        Dscp => 21,
        Ecn => 22,
        TotalLength => 23,
        Identification => 24,
        IpFlags => 25,
        FragmentOffset => 26,
        Ttl => 27,
        IpProtocol => 28,
        HeaderChecksum => 29,
        SourceIp => 30,
        DestinationIp => 31,
        TrafficClass => 32,
        FlowLabel => 33,
        PayloadLength => 34,
        NextHeader => 35,
        HopLimit => 36,
        SourcePort => 37,
        DestinationPort => 38,
        SequenceNumber => 39,
        AcknowledgmentNumber => 40,
        DataOffset => 41,
        TcpFlags => 42,
        Window => 43,
        Checksum => 44,
        UrgentPointer => 45,
        TcpOptions => 46,
        UdpLength => 47,
        IcmpType => 48,
        IcmpCode => 49,
        EchoIdentifier => 50,
        EchoSequence => 51,
        IgmpType => 52,
        IgmpGroup => 53,
    }
}
const FIELD_ID_COUNT: usize = 54;

/// The position of a message variant; exhaustive (no wildcard), so adding a variant to `Msg`
/// does not compile until it is numbered here.
fn message_index(msg: &Msg<'_>) -> usize {
    match msg {
        Msg::Field(_) => 0,
        Msg::FieldLabel(_) => 1,
        Msg::FieldMeaning(_) => 2,
        Msg::ClientOf { .. } => 3,
        Msg::UnknownService => 4,
        Msg::MacDestination { .. } => 5,
        Msg::MacLocallyAdministered { .. } => 6,
        Msg::Ieee8023Length { .. } => 7,
        Msg::NotDecoded { .. } => 8,
        Msg::Vlan { .. } => 9,
        Msg::Cooked { .. } => 10,
        Msg::BsdLoopback { .. } => 11,
        Msg::RawIp { .. } => 12,
        Msg::ArpRequest { .. } => 13,
        Msg::ArpReply { .. } => 14,
        Msg::ArpAnnouncement { .. } => 15,
        Msg::ArpOther { .. } => 16,
        Msg::ArpHasNoPorts => 17,
        Msg::IpEndpoints { .. } => 18,
        Msg::Ttl { .. } => 19,
        Msg::HopLimit { .. } => 20,
        Msg::DontFragment => 21,
        Msg::FirstFragment => 22,
        Msg::LaterFragment { .. } => 23,
        Msg::Ipv4Options { .. } => 24,
        Msg::TcpIntro => 25,
        Msg::UdpIntro => 26,
        Msg::TcpSyn => 27,
        Msg::TcpSynAck => 28,
        Msg::TcpRst => 29,
        Msg::TcpFin => 30,
        Msg::TcpPsh => 31,
        Msg::TcpAckOnly { .. } => 32,
        Msg::TcpUrg => 33,
        Msg::TcpCongestion => 34,
        Msg::Data { .. } => 35,
        Msg::TcpOptionsMalformed => 36,
        Msg::Icmp { .. } => 37,
        Msg::IcmpEchoRequest { .. } => 38,
        Msg::IcmpEchoReply { .. } => 39,
        Msg::IcmpPortUnreachable { .. } => 40,
        Msg::IcmpTimeExceeded { .. } => 41,
        Msg::IcmpQuoted { .. } => 42,
        Msg::IcmpNoPorts => 43,
        Msg::NeighborDiscovery => 44,
        Msg::Igmp { .. } => 45,
        Msg::RangeMeaning { .. } => 46,
        Msg::ServerPort { .. } => 47,
        Msg::ResetFromPort { .. } => 48,
        Msg::ClientPort { .. } => 49,
        Msg::SamePorts { .. } => 50,
        Msg::NoService { .. } => 51,
        Msg::HandshakeSyn { .. } => 52,
        Msg::HandshakeSynAck => 53,
        Msg::HandshakeAck => 54,
        Msg::StreamBytes { .. } => 55,
        Msg::AcknowledgesUpTo { .. } => 56,
        Msg::FinFirst { .. } => 57,
        Msg::FinAcknowledged => 58,
        Msg::FinSecond { .. } => 59,
        Msg::LastAck => 60,
        Msg::Refused { .. } => 61,
        Msg::Aborted { .. } => 62,
        Msg::Retransmission { .. } => 63,
        Msg::DuplicateAck { .. } => 64,
        Msg::Gap { .. } => 65,
        Msg::ZeroWindow { .. } => 66,
        Msg::UdpFirstDatagram => 67,
        Msg::DnsAnswers { .. } => 68,
        Msg::HttpRequest { .. } => 69,
        Msg::HttpResponse { .. } => 70,
        Msg::TlsClientHello { .. } => 71,
        Msg::TlsServerHello { .. } => 72,
        Msg::TlsApplicationData => 73,
        Msg::TlsRecord { .. } => 74,
        Msg::DnsQuery { .. } => 75,
        Msg::DnsResponse { .. } => 76,
        Msg::DnsNoAnswer { .. } => 77,
        Msg::Banner { .. } => 78,
        Msg::TextLine { .. } => 79,
        Msg::Dhcp { .. } => 80,
        Msg::Quic { .. } => 81,
        Msg::PortIsConvention { .. } => 82,
        Msg::Stop { .. } => 83,
        Msg::LinkTypeOnce { .. } => 84,
        Msg::LinkTypeAgain { .. } => 85,
        Msg::SocketOf { .. } => 86,
        Msg::ProcessOwnsPort { .. } => 87,
        Msg::ProcessUnknown { .. } => 88,
        Msg::OfflineNoProcess => 89,
        Msg::CountShown { .. } => 90,
        Msg::CountReceived { .. } => 91,
        Msg::CountDropped { .. } => 92,
    }
}
const MESSAGE_COUNT: usize = 93;

/// A representative instance of every message, with every branch a catalogue takes (each
/// address class, port range, direction, stop reason…).
fn all_messages() -> Vec<Msg<'static>> {
    let mut all = Vec::new();
    all.extend(all_fields().into_iter().map(Msg::Field));
    for id in all_field_ids() {
        all.push(Msg::FieldLabel(id));
        all.push(Msg::FieldMeaning(id));
    }
    all.push(Msg::ClientOf { service: "HTTP" });
    all.push(Msg::UnknownService);
    for class in [
        MacClass::Broadcast,
        MacClass::Multicast,
        MacClass::Zero,
        MacClass::Unicast,
    ] {
        all.push(Msg::MacDestination { mac: MAC, class });
    }
    all.push(Msg::MacLocallyAdministered { mac: MAC });
    all.push(Msg::Ieee8023Length { length: 38 });
    all.push(Msg::NotDecoded {
        what: "LLDP".to_string(),
    });
    for outer in [false, true] {
        all.push(Msg::Vlan {
            id: 10,
            priority: 3,
            outer,
        });
    }
    for (version, direction, interface_index) in [
        (1, Some("broadcast"), None),
        (2, Some("sent by this host"), Some(3)),
        (2, None, None),
    ] {
        all.push(Msg::Cooked {
            version,
            direction,
            interface_index,
        });
    }
    all.push(Msg::BsdLoopback { family: 2 });
    all.push(Msg::RawIp {
        link_type: "raw IP",
    });
    let (sender_ip, sender_mac, target_ip) = (
        "192.0.2.1".to_string(),
        "02:00:00:00:00:01".to_string(),
        "192.0.2.2".to_string(),
    );
    all.push(Msg::ArpRequest {
        sender_ip: sender_ip.clone(),
        sender_mac: sender_mac.clone(),
        target_ip: target_ip.clone(),
    });
    all.push(Msg::ArpReply {
        sender_ip: sender_ip.clone(),
        sender_mac: sender_mac.clone(),
        target_ip,
    });
    all.push(Msg::ArpAnnouncement {
        ip: sender_ip,
        mac: sender_mac,
    });
    all.push(Msg::ArpOther { operation: 9 });
    all.push(Msg::ArpHasNoPorts);
    for class in IP_CLASSES {
        all.push(Msg::IpEndpoints {
            source: V4,
            source_class: class,
            destination: V4,
            destination_class: class,
        });
        all.push(Msg::IpEndpoints {
            source: V4,
            source_class: class,
            destination: V4_OTHER,
            destination_class: class,
        });
        all.push(Msg::IpEndpoints {
            source: V4,
            source_class: class,
            destination: V6,
            destination_class: IpClass::Public,
        });
    }
    all.push(Msg::Ttl { ttl: 64 });
    all.push(Msg::HopLimit { hop_limit: 64 });
    all.push(Msg::DontFragment);
    all.push(Msg::FirstFragment);
    for more in [false, true] {
        all.push(Msg::LaterFragment { offset: 1480, more });
    }
    all.push(Msg::Ipv4Options { header_length: 24 });
    all.extend([
        Msg::TcpIntro,
        Msg::UdpIntro,
        Msg::TcpSyn,
        Msg::TcpSynAck,
        Msg::TcpRst,
        Msg::TcpFin,
        Msg::TcpPsh,
        Msg::TcpAckOnly { acknowledgment: 1 },
        Msg::TcpUrg,
        Msg::TcpCongestion,
        Msg::Data { bytes: 78 },
        Msg::TcpOptionsMalformed,
    ]);
    for (v6, icmp_type, code, type_name, code_name) in [
        (
            false,
            3,
            3,
            Some("destination unreachable"),
            Some("port unreachable"),
        ),
        (false, 8, 0, Some("echo request"), None),
        (true, 200, 0, None, None),
    ] {
        all.push(Msg::Icmp {
            v6,
            icmp_type,
            code,
            type_name,
            code_name,
        });
    }
    all.push(Msg::IcmpEchoRequest { destination: V4 });
    all.push(Msg::IcmpEchoReply { source: V4 });
    all.push(Msg::IcmpPortUnreachable { reporter: V4 });
    all.push(Msg::IcmpTimeExceeded { reporter: V4 });
    for (ports, service) in [
        (Some((40000, 53)), Some("DNS")),
        (Some((40000, 4000)), None),
        (None, None),
    ] {
        all.push(Msg::IcmpQuoted {
            protocol: "UDP",
            source: V4,
            destination: V4_OTHER,
            ports,
            service,
        });
    }
    all.push(Msg::IcmpNoPorts);
    all.push(Msg::NeighborDiscovery);
    for group in [Some("224.0.0.251".to_string()), None] {
        all.push(Msg::Igmp {
            igmp_type: 0x16,
            group,
        });
    }
    for range in RANGES {
        all.push(Msg::RangeMeaning { range });
    }
    for transport in [Transport::Tcp, Transport::Udp] {
        for direction in [Direction::ToServer, Direction::FromServer] {
            for (description, curated) in [
                ("DNS name server, which turns names into addresses", true),
                ("Domain Name Server", false),
                ("", false),
            ] {
                all.push(Msg::ServerPort {
                    transport,
                    port: 53,
                    range: PortRange::WellKnown,
                    service: "DNS",
                    description,
                    curated,
                    host: V4,
                    direction,
                });
            }
        }
        all.push(Msg::ResetFromPort {
            transport,
            port: 8080,
            range: PortRange::Registered,
            service: "HTTP-alt",
            host: V4,
        });
    }
    for direction in [Direction::ToServer, Direction::FromServer] {
        for (port, range, linux_ephemeral) in [
            (52814, PortRange::Dynamic, true),
            (37662, PortRange::Registered, true),
            (1000, PortRange::WellKnown, false),
        ] {
            all.push(Msg::ClientPort {
                port,
                range,
                host: V4,
                direction,
                linux_ephemeral,
            });
        }
    }
    all.push(Msg::SamePorts {
        port: 123,
        service: "NTP",
    });
    all.push(Msg::NoService {
        transport: Transport::Udp,
        source_port: 40000,
        destination_port: 40001,
    });
    all.push(Msg::HandshakeSyn { port: 80 });
    all.push(Msg::HandshakeSynAck);
    all.push(Msg::HandshakeAck);
    for from_client in [true, false] {
        all.push(Msg::StreamBytes {
            from_client,
            first: 1,
            last: 78,
        });
        all.push(Msg::FinFirst { from_client });
        all.push(Msg::FinSecond { from_client });
        all.push(Msg::Aborted { from_client });
        all.push(Msg::ZeroWindow { from_client });
    }
    all.push(Msg::AcknowledgesUpTo { next: 79 });
    all.push(Msg::FinAcknowledged);
    all.push(Msg::LastAck);
    all.push(Msg::Refused {
        port: 8080,
        host: V4,
    });
    for bytes in [Some((1, 78)), None] {
        all.push(Msg::Retransmission { bytes });
    }
    for next in [Some(79), None] {
        all.push(Msg::DuplicateAck { count: 2, next });
    }
    all.push(Msg::Gap {
        first: 79,
        last: 1526,
    });
    all.push(Msg::UdpFirstDatagram);
    for elapsed_microseconds in [106, 4_200, 2_500_000] {
        all.push(Msg::DnsAnswers {
            query_packet: 1,
            elapsed_microseconds,
        });
    }
    for host in [Some("www.example.com"), None] {
        all.push(Msg::HttpRequest {
            method: "GET",
            target: "/",
            host,
        });
    }
    for status in [100, 200, 301, 404, 503, 999] {
        all.push(Msg::HttpResponse {
            status,
            reason: "OK",
        });
    }
    for server_name in [Some("www.example.com"), None] {
        all.push(Msg::TlsClientHello {
            server_name,
            versions: "TLS 1.3, TLS 1.2".to_string(),
        });
    }
    all.push(Msg::TlsServerHello {
        version: "TLS 1.3".to_string(),
    });
    all.push(Msg::TlsApplicationData);
    for content_type in [20, 21, 22, 24, 99] {
        all.push(Msg::TlsRecord { content_type });
    }
    all.push(Msg::DnsQuery {
        name: "www.example.com",
        record_type: "A".to_string(),
    });
    all.push(Msg::DnsResponse {
        response_code: "NOERROR",
        answers: "www.example.com A 198.51.100.20".to_string(),
    });
    for response_code in ["NXDOMAIN", "NOERROR", "SERVFAIL"] {
        all.push(Msg::DnsNoAnswer { response_code });
    }
    all.push(Msg::Banner {
        protocol: "SSH",
        line: "SSH-2.0-OpenSSH_9.6",
    });
    all.push(Msg::TextLine {
        protocol: "SMTP",
        line: "250 OK",
    });
    for message_type in [
        Some("DISCOVER"),
        Some("OFFER"),
        Some("REQUEST"),
        Some("ACK"),
        Some("NAK"),
        None,
    ] {
        all.push(Msg::Dhcp {
            message_type,
            value: 6,
        });
    }
    for version in [1, 0x6b33_43cf, 0, 0xff00_001d] {
        all.push(Msg::Quic {
            version,
            packet_type: "Initial",
        });
    }
    all.push(Msg::PortIsConvention {
        protocol: "HTTP",
        port: 8000,
        usual: 80,
    });
    let reasons: &'static [StopReason] = Box::leak(Box::new([
        StopReason::Truncated {
            needed: 20,
            available: 6,
            length_source: LengthSource::Captured,
        },
        StopReason::Truncated {
            needed: 20,
            available: 6,
            length_source: LengthSource::HeaderField,
        },
        StopReason::Invalid {
            detail: "bad IHL".to_string(),
        },
        StopReason::MacsecProtected { header_length: 16 },
        StopReason::UnsupportedLinkType { link_type: 105 },
    ]));
    for reason in reasons {
        for layer in LAYERS {
            all.push(Msg::Stop {
                layer,
                offset: 14,
                reason,
            });
        }
    }
    for name in [Some("IEEE 802.11 wireless LAN"), None] {
        all.push(Msg::LinkTypeOnce { number: 105, name });
    }
    all.push(Msg::LinkTypeAgain { number: 105 });
    all.push(Msg::SocketOf {
        name: "curl",
        pid: 4242,
    });
    for (listening, receiving) in [(false, false), (false, true), (true, true)] {
        all.push(Msg::ProcessOwnsPort {
            port: 52814,
            name: "curl",
            pid: 4242,
            listening,
            receiving,
        });
    }
    for reason in crate::test_fixtures::REASONS {
        all.push(Msg::ProcessUnknown { port: 80, reason });
    }
    all.push(Msg::OfflineNoProcess);
    all.push(Msg::CountShown { packets: 12 });
    for (received, shown) in [(12, 12), (15, 12)] {
        all.push(Msg::CountReceived { received, shown });
    }
    for dropped in [0, 3] {
        all.push(Msg::CountDropped { dropped });
    }
    all
}

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

/// The position of a label variant; exhaustive like `message_index`.
fn label_index(label: &Label<'_>) -> usize {
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
const LABEL_COUNT: usize = 39;

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
fn all_labels() -> Vec<Label<'static>> {
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
