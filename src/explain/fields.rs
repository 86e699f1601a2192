//! Verbose detail: every field of a header with its value and what it is for, in the
//! explainer's language. The labels and meanings live in the catalogue (`FieldLabel`,
//! `FieldMeaning`); this module only decides which fields each header has and how values read.

use super::FieldNote;
use crate::decode::{Header, TcpOption};
use crate::i18n::{FieldId, Lang, Msg, say};

fn note(lang: Lang, id: FieldId, value: String) -> FieldNote {
    FieldNote {
        name: say(lang, &Msg::FieldLabel(id)),
        value,
        meaning: say(lang, &Msg::FieldMeaning(id)),
    }
}

fn hex16(value: u16) -> String {
    format!("0x{value:04x}")
}

/// The fields of one header, in header order.
pub fn describe(lang: Lang, header: &Header) -> Vec<FieldNote> {
    let rows = match header {
        Header::Ethernet(_)
        | Header::Vlan(_)
        | Header::LinuxSll(_)
        | Header::LinuxSll2(_)
        | Header::Loopback(_)
        | Header::Arp(_) => link_rows(header),
        Header::Ipv4(_) | Header::Ipv6(_) => ip_rows(header),
        Header::Tcp(_) | Header::Udp(_) => transport_rows(header),
        Header::Icmpv4(_) | Header::Icmpv6(_) | Header::Igmp(_) => control_rows(header),
    };
    rows.into_iter()
        .map(|(id, value)| note(lang, id, value))
        .collect()
}

/// Ethernet, VLAN tags, Linux cooked headers, BSD loopback and ARP.
fn link_rows(header: &Header) -> Vec<(FieldId, String)> {
    use FieldId::*;
    match header {
        Header::Ethernet(e) => vec![
            (DestinationMac, e.destination.to_string()),
            (SourceMac, e.source.to_string()),
            (EtherType, hex16(e.ether_type)),
        ],
        Header::Vlan(v) => vec![
            (VlanPriority, v.priority.to_string()),
            (VlanDropEligible, u8::from(v.drop_eligible).to_string()),
            (VlanId, v.id.to_string()),
            (EtherType, hex16(v.ether_type)),
        ],
        Header::LinuxSll(s) => vec![
            (CookedPacketType, s.packet_type.to_string()),
            (CookedHardwareType, s.hardware_type.to_string()),
            (
                CookedAddress,
                s.source
                    .map(|m| m.to_string())
                    .unwrap_or_else(|| "-".into()),
            ),
            (CookedProtocol, hex16(s.protocol)),
        ],
        Header::LinuxSll2(s) => vec![
            (CookedProtocol, hex16(s.protocol)),
            (CookedInterface, s.interface_index.to_string()),
            (CookedHardwareType, s.hardware_type.to_string()),
            (CookedPacketType, s.packet_type.to_string()),
            (
                CookedAddress,
                s.source
                    .map(|m| m.to_string())
                    .unwrap_or_else(|| "-".into()),
            ),
        ],
        Header::Loopback(l) => vec![(AddressFamily, l.family.to_string())],
        Header::Arp(a) => {
            let show = |v: Option<String>| v.unwrap_or_else(|| "-".into());
            vec![
                (ArpHardwareType, a.hardware_type.to_string()),
                (ArpProtocolType, hex16(a.protocol_type)),
                (ArpOperation, a.operation.to_string()),
                (ArpSenderMac, show(a.sender_mac.map(|m| m.to_string()))),
                (ArpSenderIp, show(a.sender_ip.map(|i| i.to_string()))),
                (ArpTargetMac, show(a.target_mac.map(|m| m.to_string()))),
                (ArpTargetIp, show(a.target_ip.map(|i| i.to_string()))),
            ]
        }
        _ => Vec::new(),
    }
}

/// IPv4 and IPv6.
fn ip_rows(header: &Header) -> Vec<(FieldId, String)> {
    use FieldId::*;
    match header {
        Header::Ipv4(ip) => {
            let mut flags = Vec::new();
            if ip.dont_fragment {
                flags.push("DF");
            }
            if ip.more_fragments {
                flags.push("MF");
            }
            vec![
                (IpVersion, "4".into()),
                (HeaderLength, ip.header_length.to_string()),
                (Dscp, ip.dscp.to_string()),
                (Ecn, ip.ecn.to_string()),
                (TotalLength, ip.total_length.to_string()),
                (Identification, hex16(ip.identification)),
                (
                    IpFlags,
                    if flags.is_empty() {
                        "-".into()
                    } else {
                        flags.join(" ")
                    },
                ),
                (FragmentOffset, ip.fragment_offset.to_string()),
                (Ttl, ip.ttl.to_string()),
                (IpProtocol, ip.protocol.to_string()),
                (HeaderChecksum, hex16(ip.checksum)),
                (SourceIp, ip.source.to_string()),
                (DestinationIp, ip.destination.to_string()),
            ]
        }
        Header::Ipv6(ip) => vec![
            (IpVersion, "6".into()),
            (TrafficClass, ip.traffic_class.to_string()),
            (FlowLabel, format!("0x{:05x}", ip.flow_label)),
            (PayloadLength, ip.payload_length.to_string()),
            (NextHeader, ip.next_header.to_string()),
            (HopLimit, ip.hop_limit.to_string()),
            (SourceIp, ip.source.to_string()),
            (DestinationIp, ip.destination.to_string()),
        ],
        _ => Vec::new(),
    }
}

/// TCP and UDP.
fn transport_rows(header: &Header) -> Vec<(FieldId, String)> {
    use FieldId::*;
    match header {
        Header::Tcp(t) => {
            let mut rows = vec![
                (SourcePort, t.source_port.to_string()),
                (DestinationPort, t.destination_port.to_string()),
                (SequenceNumber, t.sequence.to_string()),
                (AcknowledgmentNumber, t.acknowledgment.to_string()),
                (DataOffset, t.header_length.to_string()),
                (TcpFlags, t.flags.names().collect::<Vec<_>>().join(" ")),
                (Window, t.window.to_string()),
                (Checksum, hex16(t.checksum)),
                (UrgentPointer, t.urgent_pointer.to_string()),
            ];
            if !t.options.is_empty() {
                rows.push((TcpOptions, TcpOption::compact_list(&t.options).to_string()));
            }
            rows
        }
        Header::Udp(u) => vec![
            (SourcePort, u.source_port.to_string()),
            (DestinationPort, u.destination_port.to_string()),
            (UdpLength, u.length.to_string()),
            (Checksum, hex16(u.checksum)),
        ],
        _ => Vec::new(),
    }
}

/// ICMP, ICMPv6 and IGMP.
fn control_rows(header: &Header) -> Vec<(FieldId, String)> {
    use FieldId::*;
    match header {
        Header::Icmpv4(i) | Header::Icmpv6(i) => {
            let mut rows = vec![
                (IcmpType, i.icmp_type.to_string()),
                (IcmpCode, i.code.to_string()),
                (Checksum, hex16(i.checksum)),
            ];
            if let Some((id, seq)) = i.echo {
                rows.push((EchoIdentifier, id.to_string()));
                rows.push((EchoSequence, seq.to_string()));
            }
            rows
        }
        Header::Igmp(g) => vec![
            (IgmpType, format!("0x{:02x}", g.igmp_type)),
            (
                IgmpGroup,
                g.group.map(|a| a.to_string()).unwrap_or_else(|| "-".into()),
            ),
        ],
        _ => Vec::new(),
    }
}
