//! Each header's fields as its standard draws them: name, width in bits, and this packet's value,
//! in the order they sit on the wire.

use crate::decode::{Arp, Header, Icmp, Igmp, Ipv4, Ipv6, Layer, LinuxSll, LinuxSll2};
use crate::decode::{MacAddress, Tcp, TcpFlags, TcpOption};
use crate::knowledge::protocols;
use crate::lang::Lang;
use std::net::Ipv4Addr;

/// One field of a header: its name, width in bits, and this packet's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub bits: usize,
    pub value: String,
    /// True for the field that selects the next layer.
    pub selects: bool,
}

fn field(name: &'static str, bits: usize, value: impl ToString) -> Field {
    Field {
        name,
        bits,
        value: value.to_string(),
        selects: false,
    }
}

/// A header to draw: its title, the standard that defines it, and its fields in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagram {
    pub title: &'static str,
    pub standard: &'static str,
    pub fields: Vec<Field>,
}

impl Diagram {
    fn new(title: &'static str, standard: &'static str, fields: Vec<Field>) -> Diagram {
        Diagram {
            title,
            standard,
            fields,
        }
    }
}

/// The bytes of the layer's header, for the few fields the dissection does not keep (reserved
/// bits, extension header lengths): `byte(n)` is the header's n-th byte, 0 past the capture.
struct Bytes<'a> {
    data: &'a [u8],
    start: usize,
}

impl Bytes<'_> {
    fn byte(&self, offset: usize) -> u8 {
        self.data.get(self.start + offset).copied().unwrap_or(0)
    }

    fn u16(&self, offset: usize) -> u16 {
        u16::from_be_bytes([self.byte(offset), self.byte(offset + 1)])
    }
}

fn hex16(value: u16) -> String {
    format!("0x{value:04x}")
}

fn mac(mac: Option<MacAddress>) -> String {
    mac.map(|m| m.to_string()).unwrap_or_default()
}

/// The fields of a layer's header with this packet's values. `data` is the whole frame.
pub fn diagram_of(layer: &Layer, data: &[u8]) -> Diagram {
    let bytes = Bytes {
        data,
        start: layer.span.start,
    };
    match &layer.header {
        Header::Ethernet(e) => Diagram::new(
            "Ethernet II header",
            "IEEE 802.3",
            vec![
                field("Destination MAC address", 48, e.destination),
                field("Source MAC address", 48, e.source),
                field("EtherType", 16, hex16(e.ether_type)),
            ],
        ),
        Header::Vlan(v) => Diagram::new(
            "VLAN tag",
            "IEEE 802.1Q",
            vec![
                field("PCP", 3, v.priority),
                field("D", 1, u8::from(v.drop_eligible)),
                field("VLAN ID", 12, v.id),
                field("EtherType", 16, hex16(v.ether_type)),
            ],
        ),
        Header::LinuxSll(sll) => linux_sll(sll),
        Header::LinuxSll2(sll) => linux_sll2(sll, &bytes),
        Header::Loopback(lo) => Diagram::new(
            "BSD loopback header",
            "LINKTYPE_NULL",
            vec![field("Address Family", 32, lo.family)],
        ),
        Header::Arp(arp) => arp_packet(arp, &bytes),
        Header::Ipv4(ip) => ipv4(ip, layer.span.len()),
        Header::Ipv6(ip) => ipv6(ip, &bytes),
        Header::Icmpv4(icmp) => icmp_header(icmp, false, &bytes),
        Header::Icmpv6(icmp) => icmp_header(icmp, true, &bytes),
        Header::Igmp(igmp) => igmp_message(igmp, &bytes),
        Header::Tcp(tcp) => tcp_header(tcp, &bytes),
        Header::Udp(u) => Diagram::new(
            "UDP header",
            "RFC 768",
            vec![
                field("Source Port", 16, u.source_port),
                field("Destination Port", 16, u.destination_port),
                field("Length", 16, u.length),
                field("Checksum", 16, hex16(u.checksum)),
            ],
        ),
    }
}

fn linux_sll(s: &LinuxSll) -> Diagram {
    Diagram::new(
        "Linux cooked capture header",
        "LINKTYPE_LINUX_SLL",
        vec![
            field("Packet Type", 16, s.packet_type),
            field("ARPHRD Type", 16, s.hardware_type),
            field("Address Length", 16, s.address_length),
            field("Link-layer Address", 64, mac(s.source)),
            field("Protocol", 16, hex16(s.protocol)),
        ],
    )
}

fn linux_sll2(s: &LinuxSll2, bytes: &Bytes<'_>) -> Diagram {
    Diagram::new(
        "Linux cooked capture v2 header",
        "LINKTYPE_LINUX_SLL2",
        vec![
            field("Protocol", 16, hex16(s.protocol)),
            field("Reserved", 16, bytes.u16(2)),
            field("Interface Index", 32, s.interface_index),
            field("ARPHRD Type", 16, s.hardware_type),
            field("Packet Type", 8, s.packet_type),
            field("Addr Len", 8, s.address_length),
            field("Link-layer Address", 64, mac(s.source)),
        ],
    )
}

fn arp_packet(a: &Arp, bytes: &Bytes<'_>) -> Diagram {
    let ip = |v: Option<Ipv4Addr>| v.map(|v| v.to_string()).unwrap_or_default();
    let operation = match protocols::name_in(protocols::ARP_OPERATIONS, a.operation, Lang::En) {
        Some(name) => format!("{} ({name})", a.operation),
        None => a.operation.to_string(),
    };
    Diagram::new(
        "ARP packet",
        "RFC 826",
        vec![
            field("Hardware Type", 16, a.hardware_type),
            field("Protocol Type", 16, hex16(a.protocol_type)),
            field("HLen", 8, bytes.byte(4)),
            field("PLen", 8, bytes.byte(5)),
            field("Operation", 16, operation),
            field("Sender MAC address", 48, mac(a.sender_mac)),
            field("Sender IP address", 32, ip(a.sender_ip)),
            field("Target MAC address", 48, mac(a.target_mac)),
            field("Target IP address", 32, ip(a.target_ip)),
        ],
    )
}

/// IPv4's fixed header, its options, and an authentication header etherparse counts with it.
fn ipv4(ip: &Ipv4, layer_length: usize) -> Diagram {
    let flags = match (ip.dont_fragment, ip.more_fragments) {
        (true, true) => "DF MF",
        (true, false) => "DF",
        (false, true) => "MF",
        (false, false) => "-",
    };
    let mut fields = vec![
        field("Version", 4, 4),
        field("IHL", 4, ip.header_length / 4),
        field("DSCP", 6, ip.dscp),
        field("ECN", 2, ip.ecn),
        field("Total Length", 16, ip.total_length),
        field("Identification", 16, hex16(ip.identification)),
        field("Flags", 3, flags),
        field("Fragment Offset", 13, ip.fragment_offset / 8),
        field("Time to Live", 8, ip.ttl),
        field("Protocol", 8, ip.protocol),
        field("Header Checksum", 16, hex16(ip.checksum)),
        field("Source Address", 32, ip.source),
        field("Destination Address", 32, ip.destination),
    ];
    let options = usize::from(ip.header_length).saturating_sub(20);
    if options > 0 {
        fields.push(field("Options", options * 8, format!("{options} bytes")));
    }
    let extra = layer_length.saturating_sub(usize::from(ip.header_length));
    if extra > 0 {
        // An IPsec authentication header that etherparse counts with the IP header.
        let value = format!("{extra} bytes");
        fields.push(field("Authentication Header", extra * 8, value));
    }
    Diagram::new("IPv4 header", "RFC 791", fields)
}

/// IPv6's fixed header, then each extension header's next header, length and the rest.
fn ipv6(ip: &Ipv6, bytes: &Bytes<'_>) -> Diagram {
    let mut fields = vec![
        field("Version", 4, 6),
        field("Traffic Class", 8, ip.traffic_class),
        field("Flow Label", 20, format!("0x{:05x}", ip.flow_label)),
        field("Payload Length", 16, ip.payload_length),
        field("Next Header", 8, ip.next_header),
        field("Hop Limit", 8, ip.hop_limit),
        field("Source Address", 128, ip.source),
        field("Destination Address", 128, ip.destination),
    ];
    let mut offset = 40;
    for extension in &ip.extensions {
        let name = match extension.kind {
            0 => "Hop-by-Hop Options header",
            43 => "Routing header",
            44 => "Fragment header",
            51 => "Authentication header",
            60 => "Destination Options header",
            _ => "Extension header",
        };
        fields.push(field("Next Header", 8, extension.next_header));
        fields.push(field("Hdr Ext Len", 8, bytes.byte(offset + 1)));
        let rest = extension.length.saturating_sub(2) * 8;
        if rest > 0 {
            fields.push(field(name, rest, ""));
        }
        offset += extension.length;
    }
    Diagram::new("IPv6 header", "RFC 8200", fields)
}

fn icmp_header(icmp: &Icmp, v6: bool, bytes: &Bytes<'_>) -> Diagram {
    let mut fields = vec![
        field("Type", 8, icmp.icmp_type),
        field("Code", 8, icmp.code),
        field("Checksum", 16, hex16(icmp.checksum)),
    ];
    match icmp.echo {
        Some((id, sequence)) => {
            fields.push(field("Identifier", 16, id));
            fields.push(field("Sequence Number", 16, sequence));
        }
        None => {
            let rest = (4..8).map(|at| format!("{:02x}", bytes.byte(at)));
            let rest = format!("0x{}", rest.collect::<String>());
            fields.push(field("Rest of Header", 32, rest));
        }
    }
    if v6 {
        Diagram::new("ICMPv6 header", "RFC 4443", fields)
    } else {
        Diagram::new("ICMP header", "RFC 792", fields)
    }
}

fn igmp_message(igmp: &Igmp, bytes: &Bytes<'_>) -> Diagram {
    Diagram::new(
        "IGMP message",
        "RFC 2236",
        vec![
            field("Type", 8, format!("0x{:02x}", igmp.igmp_type)),
            field("Max Resp Time", 8, bytes.byte(1)),
            field("Checksum", 16, hex16(bytes.u16(2))),
            field(
                "Group Address",
                32,
                igmp.group.map(|g| g.to_string()).unwrap_or_default(),
            ),
        ],
    )
}

/// TCP's header with every flag in a column of its own, then the options in tcpdump's words.
fn tcp_header(t: &Tcp, bytes: &Bytes<'_>) -> Diagram {
    let flag = |name: &'static str, bit: u16| field(name, 1, u8::from(t.flags.has(bit)));
    let mut fields = vec![
        field("Source Port", 16, t.source_port),
        field("Destination Port", 16, t.destination_port),
        field("Sequence Number", 32, t.sequence),
        field("Acknowledgment Number", 32, t.acknowledgment),
        field("Offset", 4, t.header_length / 4),
        field("Rsrvd", 4, bytes.byte(12) & 0x0f),
        flag("C", TcpFlags::CWR),
        flag("E", TcpFlags::ECE),
        flag("U", TcpFlags::URG),
        flag("A", TcpFlags::ACK),
        flag("P", TcpFlags::PSH),
        flag("R", TcpFlags::RST),
        flag("S", TcpFlags::SYN),
        flag("F", TcpFlags::FIN),
        field("Window", 16, t.window),
        field("Checksum", 16, hex16(t.checksum)),
        field("Urgent Pointer", 16, t.urgent_pointer),
    ];
    let options = usize::from(t.header_length).saturating_sub(20);
    if options > 0 {
        let text = TcpOption::compact_list(&t.options).to_string();
        let text = text.trim_start_matches('<').trim_end_matches('>');
        fields.push(field("Options", options * 8, text));
    }
    Diagram::new("TCP header", "RFC 9293", fields)
}
