//! Explain: [`Dissection`] → [`Annotated`]. For each layer, the field that selects the next layer
//! and why ("EtherType 0x0800 → IPv4", "protocol 6 → TCP", "destination port 443 → HTTPS"), what
//! the addresses and flags mean, which side is the server and which port the client borrowed.
//! All sentences come from the catalogue in [`text`]; this module only decides which apply.

pub mod addresses;
mod brief;
pub mod ports;
pub mod protocols;
pub mod text;

use crate::capture::LinkType;
use crate::decode::{Dissection, Header, LayerName, TcpFlags, ether_type};
use addresses::{classify_ip, classify_mac};
pub use brief::{Detail, Role, role_of, service_of};
use ports::{PortRange, ServiceInfo, Transport};
use serde::Serialize;
use std::net::IpAddr;
pub use text::{Direction, Lang};
use text::{Field, Msg, say};

/// One step of the demultiplexing chain: a field of one layer whose value selects the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainStep {
    /// The layer that carries the field.
    pub layer: LayerName,
    /// The field's name ("EtherType", "protocol", "destination port").
    pub field: String,
    /// Its value as shown ("0x0800", "6", "443").
    pub value: String,
    /// What that value selects ("IPv4", "TCP", "HTTPS").
    pub next: String,
}

/// Which end of the conversation is the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Source,
    Destination,
}

/// The service the server's port names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Service {
    pub transport: Transport,
    /// The server's port.
    pub port: u16,
    pub name: String,
    pub description: String,
    pub range: PortRange,
    /// Which end of this packet is the server.
    pub server_side: Side,
    /// The client's port (the other end).
    pub client_port: u16,
}

/// The explanation of one layer: sentences, and the chain steps it contributes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LayerNotes {
    pub notes: Vec<String>,
    pub steps: Vec<ChainStep>,
}

/// A dissection with everything portlens has to say about it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Annotated {
    /// Sentences that belong to the frame before any layer (link type notes).
    pub frame_notes: Vec<String>,
    /// One entry per layer of the dissection, in the same order.
    pub layers: Vec<LayerNotes>,
    pub service: Option<Service>,
    /// Sentences about the ports: which program each selects, and what the range classes mean.
    pub port_notes: Vec<String>,
    /// Where and why decoding stopped, as a sentence.
    pub stopped: Option<String>,
}

impl Annotated {
    /// The chain from the first layer to the last, in order.
    pub fn chain(&self) -> impl Iterator<Item = &ChainStep> {
        self.layers.iter().flat_map(|l| l.steps.iter())
    }

    /// Every sentence in reading order, chain steps included, for JSON's `explanation`.
    pub fn sentences(&self) -> Vec<String> {
        let mut out = self.frame_notes.clone();
        for layer in &self.layers {
            out.extend(layer.notes.iter().cloned());
            out.extend(
                layer
                    .steps
                    .iter()
                    .map(|s| format!("{} {} → {}", s.field, s.value, s.next)),
            );
        }
        out.extend(self.port_notes.iter().cloned());
        out.extend(self.stopped.iter().cloned());
        out
    }
}

/// Explains frames one after another, remembering what the learner has already been told (each
/// introduction is said once per run).
#[derive(Debug, Default)]
pub struct Explainer {
    lang: Lang,
    told_tcp: bool,
    told_udp: bool,
    told_ranges: [bool; 3],
    told_link_types: Vec<u32>,
    /// Locally administered MACs already pointed out (bounded: a note, not a table).
    told_macs: Vec<crate::decode::MacAddress>,
}

impl Explainer {
    pub fn new(lang: Lang) -> Explainer {
        Explainer {
            lang,
            ..Explainer::default()
        }
    }

    fn say(&self, msg: Msg<'_>) -> String {
        say(self.lang, &msg)
    }

    fn step(&self, layer: LayerName, field: Field, value: String, next: String) -> ChainStep {
        ChainStep {
            layer,
            field: self.say(Msg::Field(field)),
            value,
            next,
        }
    }

    /// Explains one dissection.
    pub fn explain(&mut self, dissection: &Dissection) -> Annotated {
        let mut out = Annotated {
            layers: Vec::with_capacity(dissection.layers.len()),
            ..Annotated::default()
        };
        let addresses = dissection.ip_addresses();

        if matches!(
            dissection.link_type,
            LinkType::Raw | LinkType::Ipv4 | LinkType::Ipv6
        ) {
            out.frame_notes.push(self.say(Msg::RawIp {
                link_type: dissection.link_type.description().unwrap_or("raw IP"),
            }));
        }

        for (index, layer) in dissection.layers.iter().enumerate() {
            let next = dissection.layers.get(index + 1).map(|l| &l.header);
            let mut notes = LayerNotes::default();
            match &layer.header {
                Header::Ethernet(eth) => {
                    notes.notes.push(self.say(Msg::MacDestination {
                        mac: eth.destination,
                        class: classify_mac(&eth.destination),
                    }));
                    if eth.source.is_locally_administered()
                        && !eth.source.is_multicast()
                        && !self.told_macs.contains(&eth.source)
                    {
                        if self.told_macs.len() < 64 {
                            self.told_macs.push(eth.source);
                        }
                        notes
                            .notes
                            .push(self.say(Msg::MacLocallyAdministered { mac: eth.source }));
                    }
                    if eth.ether_type < 0x0600 {
                        notes.notes.push(self.say(Msg::Ieee8023Length {
                            length: eth.ether_type,
                        }));
                    } else {
                        self.ether_type_step(
                            &mut notes,
                            LayerName::Ethernet,
                            Field::EtherType,
                            eth.ether_type,
                            next,
                        );
                    }
                }
                Header::Vlan(vlan) => {
                    notes.notes.push(self.say(Msg::Vlan {
                        id: vlan.id,
                        priority: vlan.priority,
                        outer: vlan.tag_protocol != ether_type::VLAN,
                    }));
                    self.ether_type_step(
                        &mut notes,
                        LayerName::Vlan,
                        Field::EtherType,
                        vlan.ether_type,
                        next,
                    );
                }
                Header::LinuxSll(sll) => {
                    notes.notes.push(self.say(Msg::Cooked {
                        version: 1,
                        direction: protocols::name_of(protocols::SLL_PACKET_TYPES, sll.packet_type),
                        interface_index: None,
                    }));
                    self.ether_type_step(
                        &mut notes,
                        LayerName::LinuxSll,
                        Field::CookedProtocol,
                        sll.protocol,
                        next,
                    );
                }
                Header::LinuxSll2(sll) => {
                    notes.notes.push(self.say(Msg::Cooked {
                        version: 2,
                        direction: protocols::name_of(
                            protocols::SLL_PACKET_TYPES,
                            u16::from(sll.packet_type),
                        ),
                        interface_index: Some(sll.interface_index),
                    }));
                    self.ether_type_step(
                        &mut notes,
                        LayerName::LinuxSll2,
                        Field::CookedProtocol,
                        sll.protocol,
                        next,
                    );
                }
                Header::Loopback(lo) => {
                    notes
                        .notes
                        .push(self.say(Msg::BsdLoopback { family: lo.family }));
                    let target = protocols::name_of(protocols::ADDRESS_FAMILIES, lo.family);
                    notes.steps.push(self.step(
                        LayerName::Loopback,
                        Field::AddressFamily,
                        lo.family.to_string(),
                        target.unwrap_or("?").to_string(),
                    ));
                    if target.is_none() {
                        notes.notes.push(self.say(Msg::NotDecoded {
                            what: format!("address family {}", lo.family),
                        }));
                    }
                }
                Header::Arp(arp) => {
                    let fmt_ip = |ip: Option<std::net::Ipv4Addr>| {
                        ip.map(|i| i.to_string()).unwrap_or_else(|| "?".into())
                    };
                    let fmt_mac = |mac: Option<crate::decode::MacAddress>| {
                        mac.map(|m| m.to_string()).unwrap_or_else(|| "?".into())
                    };
                    let (sender_ip, sender_mac, target_ip) = (
                        fmt_ip(arp.sender_ip),
                        fmt_mac(arp.sender_mac),
                        fmt_ip(arp.target_ip),
                    );
                    let msg = match arp.operation {
                        _ if arp.sender_ip.is_some() && arp.sender_ip == arp.target_ip => {
                            Msg::ArpAnnouncement {
                                ip: sender_ip,
                                mac: sender_mac,
                            }
                        }
                        1 => Msg::ArpRequest {
                            sender_ip,
                            sender_mac,
                            target_ip,
                        },
                        2 => Msg::ArpReply {
                            sender_ip,
                            sender_mac,
                            target_ip,
                        },
                        operation => Msg::ArpOther { operation },
                    };
                    notes.notes.push(self.say(msg));
                    notes.notes.push(self.say(Msg::ArpHasNoPorts));
                }
                Header::Ipv4(ip) => {
                    notes.notes.push(self.say(Msg::IpEndpoints {
                        source: IpAddr::V4(ip.source),
                        source_class: classify_ip(IpAddr::V4(ip.source)),
                        destination: IpAddr::V4(ip.destination),
                        destination_class: classify_ip(IpAddr::V4(ip.destination)),
                    }));
                    notes.notes.push(self.say(Msg::Ttl { ttl: ip.ttl }));
                    if ip.dont_fragment {
                        notes.notes.push(self.say(Msg::DontFragment));
                    }
                    if ip.header_length > 20 {
                        notes.notes.push(self.say(Msg::Ipv4Options {
                            header_length: ip.header_length,
                        }));
                    }
                    if ip.fragment_offset != 0 {
                        notes.notes.push(self.say(Msg::LaterFragment {
                            offset: ip.fragment_offset,
                            more: ip.more_fragments,
                        }));
                    } else if ip.more_fragments {
                        notes.notes.push(self.say(Msg::FirstFragment));
                    }
                    self.protocol_step(
                        &mut notes,
                        LayerName::Ipv4,
                        Field::IpProtocol,
                        ip.protocol,
                        next,
                        ip.fragment_offset == 0,
                    );
                }
                Header::Ipv6(ip) => {
                    notes.notes.push(self.say(Msg::IpEndpoints {
                        source: IpAddr::V6(ip.source),
                        source_class: classify_ip(IpAddr::V6(ip.source)),
                        destination: IpAddr::V6(ip.destination),
                        destination_class: classify_ip(IpAddr::V6(ip.destination)),
                    }));
                    notes.notes.push(self.say(Msg::HopLimit {
                        hop_limit: ip.hop_limit,
                    }));
                    // The fixed header's Next Header, then each extension header's.
                    let mut selector = ip.next_header;
                    for ext in &ip.extensions {
                        notes.steps.push(self.step(
                            LayerName::Ipv6,
                            Field::NextHeader,
                            selector.to_string(),
                            protocol_name(selector),
                        ));
                        selector = ext.next_header;
                    }
                    if ip.fragmented {
                        notes.notes.push(self.say(Msg::FirstFragment));
                    }
                    self.protocol_step(
                        &mut notes,
                        LayerName::Ipv6,
                        Field::NextHeader,
                        selector,
                        next,
                        !ip.fragmented,
                    );
                }
                Header::Tcp(tcp) => {
                    if !self.told_tcp {
                        self.told_tcp = true;
                        notes.notes.push(self.say(Msg::TcpIntro));
                    }
                    self.tcp_flag_notes(
                        &mut notes,
                        tcp.flags,
                        tcp.acknowledgment,
                        tcp.payload_length,
                    );
                    if tcp.options_malformed {
                        notes.notes.push(self.say(Msg::TcpOptionsMalformed));
                    }
                    self.ports(
                        &mut out,
                        &mut notes,
                        Transport::Tcp,
                        tcp.source_port,
                        tcp.destination_port,
                        Some(tcp.flags),
                        addresses,
                    );
                }
                Header::Udp(udp) => {
                    if !self.told_udp {
                        self.told_udp = true;
                        notes.notes.push(self.say(Msg::UdpIntro));
                    }
                    if udp.payload_length > 0 {
                        notes.notes.push(self.say(Msg::Data {
                            bytes: udp.payload_length,
                        }));
                    }
                    self.ports(
                        &mut out,
                        &mut notes,
                        Transport::Udp,
                        udp.source_port,
                        udp.destination_port,
                        None,
                        addresses,
                    );
                }
                Header::Icmpv4(icmp) | Header::Icmpv6(icmp) => {
                    let v6 = matches!(layer.header, Header::Icmpv6(_));
                    let (type_name, code_name) =
                        protocols::icmp_name(v6, icmp.icmp_type, icmp.code);
                    notes.notes.push(self.say(Msg::Icmp {
                        v6,
                        icmp_type: icmp.icmp_type,
                        code: icmp.code,
                        type_name,
                        code_name,
                    }));
                    if let Some((source, destination)) = addresses {
                        let kind = (v6, icmp.icmp_type, icmp.code);
                        match kind {
                            (false, 8, _) | (true, 128, _) => notes
                                .notes
                                .push(self.say(Msg::IcmpEchoRequest { destination })),
                            (false, 0, _) | (true, 129, _) => {
                                notes.notes.push(self.say(Msg::IcmpEchoReply { source }))
                            }
                            (false, 3, 3) | (true, 1, 4) => notes
                                .notes
                                .push(self.say(Msg::IcmpPortUnreachable { reporter: source })),
                            (false, 11, 0) | (true, 3, 0) => notes
                                .notes
                                .push(self.say(Msg::IcmpTimeExceeded { reporter: source })),
                            (true, 133..=137, _) => {
                                notes.notes.push(self.say(Msg::NeighborDiscovery))
                            }
                            _ => {}
                        }
                    }
                    if let Some(quoted) = &icmp.quoted {
                        let ports = quoted.source_port.zip(quoted.destination_port);
                        let transport = match quoted.protocol {
                            6 => Some(Transport::Tcp),
                            17 => Some(Transport::Udp),
                            _ => None,
                        };
                        let service = transport
                            .zip(quoted.destination_port)
                            .and_then(|(t, port)| ports::lookup(port, t))
                            .map(|s| s.name);
                        let protocol = protocols::ip_protocol(quoted.protocol)
                            .map(|p| p.0)
                            .unwrap_or("IP");
                        notes.notes.push(self.say(Msg::IcmpQuoted {
                            protocol,
                            source: quoted.source,
                            destination: quoted.destination,
                            ports,
                            service,
                        }));
                    }
                    notes.notes.push(self.say(Msg::IcmpNoPorts));
                }
                Header::Igmp(igmp) => {
                    notes.notes.push(self.say(Msg::Igmp {
                        igmp_type: igmp.igmp_type,
                        group: igmp.group.map(|g| g.to_string()),
                    }));
                }
            }
            out.layers.push(notes);
        }

        if let Some(stop) = &dissection.stopped {
            out.stopped = Some(match stop.reason {
                crate::decode::StopReason::UnsupportedLinkType { link_type } => {
                    if self.told_link_types.contains(&link_type) {
                        self.say(Msg::LinkTypeAgain { number: link_type })
                    } else {
                        self.told_link_types.push(link_type);
                        self.say(Msg::LinkTypeOnce {
                            number: link_type,
                            name: dissection.link_type.description(),
                        })
                    }
                }
                _ => self.say(Msg::Stop {
                    layer: stop.layer,
                    offset: stop.offset,
                    reason: &stop.reason,
                }),
            });
        }
        out
    }

    /// Adds the step an EtherType-like field contributes, and a note when portlens cannot follow.
    fn ether_type_step(
        &self,
        notes: &mut LayerNotes,
        layer: LayerName,
        field: Field,
        value: u16,
        next: Option<&Header>,
    ) {
        let known = protocols::ether_type(value);
        notes.steps.push(self.step(
            layer,
            field,
            format!("0x{value:04x}"),
            known.map(|k| k.0).unwrap_or("?").to_string(),
        ));
        let decodable = matches!(
            value,
            ether_type::IPV4
                | ether_type::IPV6
                | ether_type::ARP
                | ether_type::VLAN
                | ether_type::PROVIDER_BRIDGING
                | ether_type::VLAN_DOUBLE
        );
        if !decodable && next.is_none() {
            let what = match known {
                Some((name, description)) => format!("{name} ({description})"),
                None => format!("EtherType 0x{value:04x}"),
            };
            notes.notes.push(self.say(Msg::NotDecoded { what }));
        }
    }

    /// Adds the step of an IP protocol / next-header field.
    fn protocol_step(
        &self,
        notes: &mut LayerNotes,
        layer: LayerName,
        field: Field,
        value: u8,
        next: Option<&Header>,
        transport_expected: bool,
    ) {
        notes
            .steps
            .push(self.step(layer, field, value.to_string(), protocol_name(value)));
        let decodable = matches!(value, 1 | 2 | 6 | 17 | 58 | 59);
        if !decodable && next.is_none() && transport_expected {
            let what = match protocols::ip_protocol(value) {
                Some((name, description)) => format!("{name} ({description})"),
                None => format!("IP protocol {value}"),
            };
            notes.notes.push(self.say(Msg::NotDecoded { what }));
        }
    }

    fn tcp_flag_notes(
        &self,
        notes: &mut LayerNotes,
        flags: TcpFlags,
        acknowledgment: u32,
        data: usize,
    ) {
        let syn = flags.has(TcpFlags::SYN);
        let ack = flags.has(TcpFlags::ACK);
        if syn && ack {
            notes.notes.push(self.say(Msg::TcpSynAck));
        } else if syn {
            notes.notes.push(self.say(Msg::TcpSyn));
        }
        if flags.has(TcpFlags::RST) {
            notes.notes.push(self.say(Msg::TcpRst));
        }
        if flags.has(TcpFlags::FIN) {
            notes.notes.push(self.say(Msg::TcpFin));
        }
        if flags.has(TcpFlags::PSH) {
            notes.notes.push(self.say(Msg::TcpPsh));
        }
        if flags.has(TcpFlags::URG) {
            notes.notes.push(self.say(Msg::TcpUrg));
        }
        if flags.has(TcpFlags::ECE) || flags.has(TcpFlags::CWR) {
            notes.notes.push(self.say(Msg::TcpCongestion));
        }
        if ack && !syn && !flags.has(TcpFlags::RST) {
            notes
                .notes
                .push(self.say(Msg::TcpAckOnly { acknowledgment }));
        }
        if data > 0 {
            notes.notes.push(self.say(Msg::Data { bytes: data }));
        }
    }

    /// The port step, the service, and the role sentences.
    #[allow(clippy::too_many_arguments)]
    fn ports(
        &mut self,
        out: &mut Annotated,
        notes: &mut LayerNotes,
        transport: Transport,
        source_port: u16,
        destination_port: u16,
        flags: Option<TcpFlags>,
        addresses: Option<(IpAddr, IpAddr)>,
    ) {
        let layer = match transport {
            Transport::Tcp => LayerName::Tcp,
            Transport::Udp => LayerName::Udp,
        };
        let side = server_side(transport, source_port, destination_port, flags);
        let Some(side) = side else {
            notes.steps.push(self.step(
                layer,
                Field::DestinationPort,
                destination_port.to_string(),
                self.say(Msg::UnknownService),
            ));
            out.port_notes.push(self.say(Msg::NoService {
                transport,
                source_port,
                destination_port,
            }));
            return;
        };
        let (server_port, client_port) = match side {
            Side::Destination => (destination_port, source_port),
            Side::Source => (source_port, destination_port),
        };
        let info = ports::lookup(server_port, transport).unwrap_or(ServiceInfo {
            name: "unregistered",
            description: "a program IANA has no name for",
            curated: false,
        });
        let direction = match side {
            Side::Destination => Direction::ToServer,
            Side::Source => Direction::FromServer,
        };
        notes.steps.push(self.step(
            layer,
            Field::DestinationPort,
            destination_port.to_string(),
            match direction {
                Direction::ToServer => info.name.to_string(),
                Direction::FromServer => self.say(Msg::ClientOf { service: info.name }),
            },
        ));
        let server_range = PortRange::of(server_port);
        let client_range = PortRange::of(client_port);
        for range in [server_range, client_range] {
            let index = range as usize;
            if !self.told_ranges[index] {
                self.told_ranges[index] = true;
                out.port_notes.push(self.say(Msg::RangeMeaning { range }));
            }
        }
        let (server_host, client_host) = match (addresses, side) {
            (Some((s, d)), Side::Destination) => (Some(d), Some(s)),
            (Some((s, d)), Side::Source) => (Some(s), Some(d)),
            (None, _) => (None, None),
        };
        let reset = flags.is_some_and(|f| f.has(TcpFlags::RST));
        if let (Some(host), true, Direction::FromServer) = (server_host, reset, direction) {
            out.port_notes.push(self.say(Msg::ResetFromPort {
                transport,
                port: server_port,
                range: server_range,
                service: info.name,
                host,
            }));
        } else if let Some(host) = server_host {
            out.port_notes.push(self.say(Msg::ServerPort {
                transport,
                port: server_port,
                range: server_range,
                service: info.name,
                description: info.description,
                curated: info.curated,
                host,
                direction,
            }));
        }
        if server_port == client_port {
            out.port_notes.push(self.say(Msg::SamePorts {
                port: server_port,
                service: info.name,
            }));
        } else if let Some(host) = client_host {
            out.port_notes.push(self.say(Msg::ClientPort {
                port: client_port,
                range: client_range,
                host,
                direction,
                linux_ephemeral: (32768..=60999).contains(&client_port),
            }));
        }
        out.service = Some(Service {
            transport,
            port: server_port,
            name: info.name.to_string(),
            description: info.description.to_string(),
            range: server_range,
            server_side: side,
            client_port,
        });
    }
}

/// The name an IP protocol number selects, or the number itself.
fn protocol_name(value: u8) -> String {
    protocols::ip_protocol(value)
        .map(|p| p.0.to_string())
        .unwrap_or_else(|| "?".to_string())
}

/// How strongly a port looks like a server's: a port in the curated table, then any port IANA
/// names below the range operating systems lend to clients, then any named port.
fn server_score(port: u16, transport: Transport) -> u8 {
    match ports::lookup(port, transport) {
        Some(info) if info.curated => 3,
        Some(_) if port < 32768 => 2,
        Some(_) => 1,
        None => 0,
    }
}

/// Decides which end is the server: the SYN's destination when the segment is part of a
/// handshake; otherwise the port that better names a service; on a tie, the lower port.
pub fn server_side(
    transport: Transport,
    source_port: u16,
    destination_port: u16,
    flags: Option<TcpFlags>,
) -> Option<Side> {
    if let Some(flags) = flags {
        if flags.has(TcpFlags::SYN) {
            return Some(if flags.has(TcpFlags::ACK) {
                Side::Source
            } else {
                Side::Destination
            });
        }
    }
    let source = server_score(source_port, transport);
    let destination = server_score(destination_port, transport);
    if source > destination {
        Some(Side::Source)
    } else if destination > source {
        Some(Side::Destination)
    } else if source == 0 && source_port.min(destination_port) >= 1024 {
        None
    } else if source_port < destination_port {
        Some(Side::Source)
    } else {
        Some(Side::Destination)
    }
}

#[cfg(test)]
mod tests;
