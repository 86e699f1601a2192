//! A representative instance of every message (`all_messages`, a data table), and the position of
//! each variant (`message_index`, an exhaustive `match`), so that a new message without an instance
//! does not pass.

use super::fields::{all_field_ids, all_fields};
use super::*;

/// The position of a message variant; exhaustive (no wildcard), so adding a variant to `Msg`
/// does not compile until it is numbered here.
pub(super) fn message_index(msg: &Msg<'_>) -> usize {
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
        Msg::RolesGuess { .. } => 93,
    }
}
pub(super) const MESSAGE_COUNT: usize = 94;

/// A representative instance of every message, with every branch a catalogue takes (each
/// address class, port range, direction, stop reason…).
pub(super) fn all_messages() -> Vec<Msg<'static>> {
    let mut all = Vec::new();
    all.extend(all_fields().into_iter().map(Msg::Field));
    for id in all_field_ids() {
        all.push(Msg::FieldLabel(id));
        all.push(Msg::FieldMeaning(id));
    }
    for lent in [true, false] {
        all.push(Msg::ClientOf {
            service: "HTTP",
            lent,
        });
    }
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
                for audience in [Audience::One, Audience::Link, Audience::Group] {
                    all.push(Msg::ServerPort {
                        transport,
                        port: 53,
                        range: PortRange::WellKnown,
                        service: "DNS",
                        description,
                        curated,
                        host: V4,
                        direction,
                        audience,
                    });
                }
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
        for (port, range, kind) in [
            (
                52814,
                PortRange::Dynamic,
                ClientPortKind::Lent(Ephemeral::LinuxAndDynamic),
            ),
            (
                62000,
                PortRange::Dynamic,
                ClientPortKind::Lent(Ephemeral::Dynamic),
            ),
            (
                37662,
                PortRange::Registered,
                ClientPortKind::Lent(Ephemeral::Linux),
            ),
            (
                4299,
                PortRange::Registered,
                ClientPortKind::Lent(Ephemeral::OldWindows),
            ),
            (68, PortRange::WellKnown, ClientPortKind::Fixed),
            (1000, PortRange::WellKnown, ClientPortKind::Bound),
        ] {
            for (audience, unspecified_host) in [
                (Audience::One, false),
                (Audience::One, true),
                (Audience::Link, false),
                (Audience::Group, false),
            ] {
                all.push(Msg::ClientPort {
                    port,
                    range,
                    host: V4,
                    unspecified_host,
                    direction,
                    kind,
                    service: "DHCP",
                    audience,
                });
            }
        }
    }
    for fixed in [true, false] {
        all.push(Msg::SamePorts {
            port: 123,
            range: PortRange::WellKnown,
            service: "NTP",
            fixed,
        });
    }
    for transport in [Transport::Tcp, Transport::Udp] {
        for guess in [
            Guess::EphemeralRange,
            Guess::RegisteredName,
            Guess::LowerPort,
            Guess::SamePort,
            Guess::RepeatedPort,
            Guess::SpokeFirst,
        ] {
            for lent in [
                Some(Ephemeral::Linux),
                Some(Ephemeral::LinuxAndDynamic),
                Some(Ephemeral::Dynamic),
                Some(Ephemeral::OldWindows),
                None,
            ] {
                all.push(Msg::RolesGuess {
                    transport,
                    guess,
                    client_port: 1066,
                    server_port: 7000,
                    server_host: V4,
                    lent,
                });
            }
        }
    }
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
        response_code: ResponseCode::NoError,
        answers: "www.example.com A 198.51.100.20".to_string(),
    });
    for value in [3, 0, 2, 9] {
        all.push(Msg::DnsNoAnswer {
            response_code: ResponseCode::from_value(value),
        });
    }
    all.push(Msg::Banner {
        protocol: "SSH",
        line: "SSH-2.0-OpenSSH_9.6",
    });
    all.push(Msg::TextLine {
        protocol: "SMTP",
        line: "250 OK",
    });
    for value in [1, 2, 3, 5, 6, 200] {
        all.push(Msg::Dhcp {
            message_type: MessageType::from_value(value),
        });
    }
    for version in [1, 0x6b33_43cf, 0, 0xff00_001d] {
        all.push(Msg::Quic {
            version: QuicVersion::from_value(version),
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
    for (listening, end) in [
        (false, Side::Source),
        (false, Side::Destination),
        (true, Side::Destination),
    ] {
        all.push(Msg::ProcessOwnsPort {
            port: 52814,
            name: "curl",
            pid: 4242,
            listening,
            end,
        });
    }
    for reason in crate::procs::ALL_REASONS {
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
