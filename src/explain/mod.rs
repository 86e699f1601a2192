//! Explain: [`Dissection`] → [`Annotated`]. For each layer, the field that selects the next layer
//! and why ("EtherType 0x0800 → IPv4", "protocol 6 → TCP", "destination port 443 → HTTPS"), what
//! the addresses and flags mean, which side is the server and which port the client borrowed.
//! All sentences come from the catalogue in [`text`]; this module only decides which apply.

pub mod addresses;
mod brief;
mod fields;
pub mod ports;
pub mod protocols;
pub mod text;

use crate::capture::{Frame, LinkType, Timestamp};
use crate::decode::app::{self, Application};
use crate::decode::{Dissection, Header, LayerName, TcpFlags, Transport, ether_type};
use crate::flows::{ConversationTable, PacketContext, Reset, TcpObservation, Teardown};
use addresses::{classify_ip, classify_mac};
pub use brief::{Depth, Role, role_of, service_of};
use ports::PortRange;
use serde::Serialize;
use std::borrow::Cow;
use std::net::IpAddr;
pub use text::{Direction, Lang};
use text::{Field, Msg, say};

/// One step of the demultiplexing chain: a field of one layer whose value selects the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainStep {
    /// The layer that carries the field.
    pub layer: LayerName,
    /// The field's name ("EtherType", "protocol", "destination port").
    pub field: Cow<'static, str>,
    /// Its value as shown ("0x0800", "6", "443").
    pub value: String,
    /// What that value selects ("IPv4", "TCP", "HTTPS").
    pub next: Cow<'static, str>,
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
    pub name: &'static str,
    /// The name as the learner reads it, in the explainer's language (`name`, what JSON shows,
    /// is the same in every language).
    #[serde(skip)]
    pub display_name: &'static str,
    pub description: &'static str,
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
    /// Every field of the header with its meaning, at verbose detail.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldNote>,
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
    /// The packet's place in its conversation, when it is TCP or UDP and the explainer keeps a
    /// conversation table.
    pub conversation: Option<PacketContext>,
    /// What the application data says, in sentences.
    pub application_notes: Vec<String>,
    /// The one sentence that matters most about this packet; filled at quiet detail only.
    pub summary: Option<String>,
    /// Which local programs own the packet's sockets (live capture on Linux).
    pub process: Option<crate::procs::PacketOwners>,
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
        out.extend(self.application_notes.iter().cloned());
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
    /// Facts already explained in this run, so that each is said the first time it matters
    /// rather than on every packet (bounded: cleared when it grows large).
    told: std::collections::HashSet<Told, foldhash::fast::RandomState>,
    /// The facts said once whatever the packet (kept apart from `told`: no hashing needed).
    told_ttl: bool,
    told_hop_limit: bool,
    told_dont_fragment: bool,
    conversations: ConversationTable,
    detail: Detail,
    /// The role sentence of the packet being explained, for its summary.
    role_sentence: Option<String>,
    told_offline: bool,
}

/// How much to say about each packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    /// One line of explanation.
    Quiet,
    /// The chain, the roles and the narration.
    #[default]
    Normal,
    /// Also every header field with its meaning.
    Verbose,
}

/// One header field with its value and what it means (verbose detail).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldNote {
    pub name: String,
    pub value: String,
    pub meaning: String,
}

/// A fact the learner has been told once in this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Told {
    DestinationMac(crate::decode::MacAddress),
    LocallyAdministered(crate::decode::MacAddress),
    Endpoints(IpAddr, IpAddr),
    /// The role sentences of one direction of one conversation.
    Roles(u64, bool),
}

/// How many facts the explainer remembers before it starts afresh.
const TOLD_LIMIT: usize = 8192;

/// What the explainer needs to know about a frame besides its dissection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FrameMeta {
    pub number: u64,
    pub timestamp: Timestamp,
    /// Length of the frame on the wire, for the conversation's byte counts.
    pub wire_length: u32,
}

impl From<&Frame> for FrameMeta {
    fn from(frame: &Frame) -> FrameMeta {
        FrameMeta {
            number: frame.number,
            timestamp: frame.timestamp,
            wire_length: frame.original_length,
        }
    }
}

impl Explainer {
    pub fn new(lang: Lang) -> Explainer {
        Explainer {
            lang,
            ..Explainer::default()
        }
    }

    /// An explainer whose conversation table keeps at most `capacity` conversations.
    pub fn with_capacity(lang: Lang, capacity: usize) -> Explainer {
        Explainer {
            lang,
            conversations: ConversationTable::with_capacity(capacity),
            ..Explainer::default()
        }
    }

    /// Adds what is known of the programs that own the packet's sockets: the destination's
    /// program becomes the last step of the chain, and a sentence says which program sent or
    /// receives it, or why it cannot be named.
    pub fn annotate_owners(
        &mut self,
        annotated: &mut Annotated,
        ends: &crate::decode::Connection,
        owners: crate::procs::PacketOwners,
    ) {
        use crate::procs::{Outcome, Reason, SocketKind};
        let (source_port, destination_port) = (ends.source.port, ends.destination.port);
        for (outcome, port, receiving) in [
            (&owners.destination, destination_port, true),
            (&owners.source, source_port, false),
        ] {
            match outcome {
                Outcome::Found(owner) => {
                    if receiving {
                        let target = self.say(Msg::SocketOf {
                            name: &owner.process.name,
                            pid: owner.process.pid,
                        });
                        // To a server, the step keeps the service the port names; to a
                        // client, the program replaces "the client program".
                        let to_server = annotated
                            .service
                            .as_ref()
                            .is_some_and(|s| s.server_side == Side::Destination);
                        if let Some(step) = annotated
                            .layers
                            .iter_mut()
                            .rev()
                            .find_map(|l| l.steps.last_mut())
                        {
                            step.next = if to_server {
                                Cow::Owned(format!("{}, {target}", step.next))
                            } else {
                                Cow::Owned(target)
                            };
                        }
                    }
                    annotated.port_notes.push(self.say(Msg::ProcessOwnsPort {
                        port,
                        name: &owner.process.name,
                        pid: owner.process.pid,
                        listening: owner.socket == SocketKind::Listening,
                        receiving,
                    }));
                }
                Outcome::Unknown(Reason::NotLocal) => {}
                Outcome::Unknown(reason) => {
                    annotated.port_notes.push(self.say(Msg::ProcessUnknown {
                        port,
                        reason: *reason,
                    }));
                }
            }
        }
        annotated.process = Some(owners);
    }

    /// Says once per run, on the first TCP or UDP packet of a saved capture, why no program can
    /// be named.
    pub fn note_offline(&mut self, annotated: &mut Annotated) {
        if !self.told_offline && annotated.service.is_some() {
            self.told_offline = true;
            annotated.port_notes.push(self.say(Msg::OfflineNoProcess));
        }
    }

    /// Sets how much to say about each packet.
    pub fn set_detail(&mut self, detail: Detail) {
        self.detail = detail;
    }

    /// The conversations seen so far (those still in the bounded table).
    pub fn conversations(&self) -> &ConversationTable {
        &self.conversations
    }

    /// Explains one frame in the context of the conversation it belongs to: the handshake step,
    /// relative sequence numbers, teardown, resets, retransmissions, DNS answers.
    pub fn explain_frame(&mut self, meta: FrameMeta, dissection: &Dissection) -> Annotated {
        let context =
            self.conversations
                .observe(meta.number, meta.timestamp, meta.wire_length, dissection);
        self.explain_with(dissection, context)
    }

    /// What kind of addresses the two ends have, said the first time this pair appears.
    fn endpoint_note(&mut self, notes: &mut LayerNotes, source: IpAddr, destination: IpAddr) {
        if self.first_time(Told::Endpoints(source, destination)) {
            notes.notes.push(self.say(Msg::IpEndpoints {
                source,
                source_class: classify_ip(source),
                destination,
                destination_class: classify_ip(destination),
            }));
        }
    }

    /// True the first time `fact` comes up in this run.
    fn first_time(&mut self, fact: Told) -> bool {
        if self.told.len() >= TOLD_LIMIT {
            self.forget();
        }
        self.told.insert(fact)
    }

    /// Starts afresh: every fact will be said again the next time it matters.
    fn forget(&mut self) {
        self.told.clear();
        self.told_ttl = false;
        self.told_hop_limit = false;
        self.told_dont_fragment = false;
    }

    /// True the first time a fact kept in `flag` comes up (or since the explainer last forgot).
    fn first_time_flag(flag: &mut bool) -> bool {
        !std::mem::replace(flag, true)
    }

    /// Accounts a frame to its conversation without explaining it (for views that print no
    /// explanation while the conversations table is asked for).
    pub fn observe(&mut self, meta: FrameMeta, dissection: &Dissection) {
        self.conversations
            .observe(meta.number, meta.timestamp, meta.wire_length, dissection);
    }

    fn say(&self, msg: Msg<'_>) -> String {
        say(self.lang, &msg)
    }

    fn step(
        &self,
        layer: LayerName,
        field: Field,
        value: String,
        next: impl Into<Cow<'static, str>>,
    ) -> ChainStep {
        ChainStep {
            layer,
            field: Cow::Borrowed(text::field_name(self.lang, field)),
            value,
            next: next.into(),
        }
    }

    /// Explains one dissection on its own, without conversation context.
    pub fn explain(&mut self, dissection: &Dissection) -> Annotated {
        self.explain_with(dissection, None)
    }

    fn explain_with(
        &mut self,
        dissection: &Dissection,
        context: Option<PacketContext>,
    ) -> Annotated {
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

        // The first sentence about what this packet does at its innermost layer.
        let mut key: Option<String> = None;
        for (index, layer) in dissection.layers.iter().enumerate() {
            let next = dissection.layers.get(index + 1).map(|l| &l.header);
            let mut notes = LayerNotes::default();
            let mut key_from = usize::MAX;
            match &layer.header {
                Header::Ethernet(eth) => {
                    if self.first_time(Told::DestinationMac(eth.destination)) {
                        notes.notes.push(self.say(Msg::MacDestination {
                            mac: eth.destination,
                            class: classify_mac(&eth.destination),
                        }));
                    }
                    if eth.source.is_locally_administered()
                        && !eth.source.is_multicast()
                        && self.first_time(Told::LocallyAdministered(eth.source))
                    {
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
                        direction: protocols::name_in(
                            protocols::SLL_PACKET_TYPES,
                            sll.packet_type,
                            self.lang,
                        ),
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
                        direction: protocols::name_in(
                            protocols::SLL_PACKET_TYPES,
                            u16::from(sll.packet_type),
                            self.lang,
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
                        target.unwrap_or("?"),
                    ));
                    if target.is_none() {
                        notes.notes.push(self.say(Msg::NotDecoded {
                            what: format!(
                                "{} {}",
                                self.say(Msg::Field(Field::AddressFamily)),
                                lo.family
                            ),
                        }));
                    }
                }
                Header::Arp(arp) => {
                    key_from = notes.notes.len();
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
                    self.endpoint_note(
                        &mut notes,
                        IpAddr::V4(ip.source),
                        IpAddr::V4(ip.destination),
                    );
                    if Self::first_time_flag(&mut self.told_ttl) {
                        notes.notes.push(self.say(Msg::Ttl { ttl: ip.ttl }));
                    }
                    if ip.dont_fragment && Self::first_time_flag(&mut self.told_dont_fragment) {
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
                    self.endpoint_note(
                        &mut notes,
                        IpAddr::V6(ip.source),
                        IpAddr::V6(ip.destination),
                    );
                    if Self::first_time_flag(&mut self.told_hop_limit) {
                        notes.notes.push(self.say(Msg::HopLimit {
                            hop_limit: ip.hop_limit,
                        }));
                    }
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
                    key_from = notes.notes.len();
                    match context
                        .as_ref()
                        .and_then(|c| c.tcp.as_ref().map(|t| (c, t)))
                    {
                        Some((ctx, observed)) => self.tcp_narration(
                            &mut notes,
                            ctx,
                            observed,
                            tcp.flags,
                            tcp.destination_port,
                            addresses,
                        ),
                        None => self.tcp_flag_notes(
                            &mut notes,
                            tcp.flags,
                            tcp.acknowledgment,
                            tcp.payload_length,
                        ),
                    }
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
                        context.as_ref(),
                    );
                }
                Header::Udp(udp) => {
                    if !self.told_udp {
                        self.told_udp = true;
                        notes.notes.push(self.say(Msg::UdpIntro));
                    }
                    key_from = notes.notes.len();
                    if context.as_ref().is_some_and(|c| c.first_packet) {
                        notes.notes.push(self.say(Msg::UdpFirstDatagram));
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
                        context.as_ref(),
                    );
                }
                Header::Icmpv4(icmp) | Header::Icmpv6(icmp) => {
                    key_from = notes.notes.len();
                    let v6 = matches!(layer.header, Header::Icmpv6(_));
                    let (type_name, code_name) =
                        protocols::icmp_name_in(v6, icmp.icmp_type, icmp.code, self.lang);
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
                        let transport = Transport::from_ip_protocol(quoted.protocol);
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
            if self.detail == Detail::Quiet {
                if let Some(sentence) = notes.notes.get(key_from) {
                    key = Some(sentence.clone());
                }
            }
            out.layers.push(notes);
        }

        if let Some(application) = &dissection.application {
            self.application_notes(&mut out, application);
        }
        if let Some(answer) = context.as_ref().and_then(|c| c.dns_answer) {
            out.application_notes.push(self.say(Msg::DnsAnswers {
                query_packet: answer.query_packet,
                elapsed_microseconds: answer.elapsed_microseconds,
            }));
        }
        out.conversation = context;
        let role = self.role_sentence.take();
        if self.detail == Detail::Quiet {
            out.summary = summary_of(&out, key, role);
        }
        if self.detail == Detail::Verbose {
            for (layer, notes) in dissection.layers.iter().zip(out.layers.iter_mut()) {
                notes.fields = fields::describe(self.lang, &layer.header);
            }
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
        let known = protocols::ether_type_in(value, self.lang);
        notes.steps.push(self.step(
            layer,
            field,
            format!("0x{value:04x}"),
            known.map(|k| k.0).unwrap_or("?"),
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
                None => format!("{} 0x{value:04x}", self.say(Msg::Field(Field::EtherType))),
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
            let what = match protocols::ip_protocol_in(value, self.lang) {
                Some((name, description)) => format!("{name} ({description})"),
                None => format!("IP {} {value}", self.say(Msg::Field(Field::IpProtocol))),
            };
            notes.notes.push(self.say(Msg::NotDecoded { what }));
        }
    }

    /// The story of a segment within its connection.
    fn tcp_narration(
        &self,
        notes: &mut LayerNotes,
        ctx: &PacketContext,
        observed: &TcpObservation,
        flags: TcpFlags,
        destination_port: u16,
        addresses: Option<(IpAddr, IpAddr)>,
    ) {
        let from_client = ctx.from_client;
        match observed.handshake_step {
            Some(1) => notes.notes.push(self.say(Msg::HandshakeSyn {
                port: destination_port,
            })),
            Some(2) => notes.notes.push(self.say(Msg::HandshakeSynAck)),
            Some(3) => notes.notes.push(self.say(Msg::HandshakeAck)),
            _ => {}
        }
        match observed.reset {
            Some(Reset::Refused) => {
                if let Some((host, _)) = addresses {
                    notes.notes.push(self.say(Msg::Refused {
                        port: ctx.server.port,
                        host,
                    }));
                }
            }
            Some(Reset::Abort) => notes.notes.push(self.say(Msg::Aborted { from_client })),
            None => {}
        }
        if observed.retransmission {
            notes.notes.push(self.say(Msg::Retransmission {
                bytes: observed.data_bytes,
            }));
        }
        if let Some((first, last)) = observed.gap {
            notes.notes.push(self.say(Msg::Gap { first, last }));
        }
        if let (Some((first, last)), false) = (observed.data_bytes, observed.retransmission) {
            notes.notes.push(self.say(Msg::StreamBytes {
                from_client,
                first,
                last,
            }));
        }
        match observed.teardown {
            Some(Teardown::FirstFin) => notes.notes.push(self.say(Msg::FinFirst { from_client })),
            Some(Teardown::SecondFin) => notes.notes.push(self.say(Msg::FinSecond { from_client })),
            Some(Teardown::FinAcknowledged) => notes.notes.push(self.say(Msg::FinAcknowledged)),
            Some(Teardown::LastAck) => notes.notes.push(self.say(Msg::LastAck)),
            None => {}
        }
        if let Some(count) = observed.duplicate_ack {
            notes.notes.push(self.say(Msg::DuplicateAck {
                count,
                next: observed.relative_acknowledgment,
            }));
        } else if let (Some(next @ 2..), None, None, None) = (
            observed.relative_acknowledgment,
            observed.handshake_step,
            observed.reset,
            observed.teardown,
        ) {
            notes.notes.push(self.say(Msg::AcknowledgesUpTo { next }));
        }
        if observed.zero_window {
            notes.notes.push(self.say(Msg::ZeroWindow { from_client }));
        }
        if flags.has(TcpFlags::URG) {
            notes.notes.push(self.say(Msg::TcpUrg));
        }
        if flags.has(TcpFlags::ECE) || flags.has(TcpFlags::CWR) {
            notes.notes.push(self.say(Msg::TcpCongestion));
        }
    }

    /// What the application data says, and whether it is where its port says it should be.
    fn application_notes(&self, out: &mut Annotated, application: &Application) {
        let msg = match application {
            Application::HttpRequest {
                method,
                target,
                host,
                ..
            } => Msg::HttpRequest {
                method,
                target: shorten(target),
                host: host.as_deref(),
            },
            Application::HttpResponse { status, reason, .. } => Msg::HttpResponse {
                status: *status,
                reason,
            },
            Application::TlsClientHello {
                server_name,
                offered_versions,
            } => Msg::TlsClientHello {
                server_name: server_name.as_deref(),
                versions: offered_versions
                    .iter()
                    .map(|v| app::tls::version_name(*v))
                    .collect::<Vec<_>>()
                    .join(", "),
            },
            Application::TlsServerHello { version } => Msg::TlsServerHello {
                version: app::tls::version_name(*version),
            },
            Application::TlsRecord {
                content_type: 23, ..
            } => Msg::TlsApplicationData,
            Application::TlsRecord { content_type, .. } => Msg::TlsRecord {
                content_type: *content_type,
            },
            Application::Dns(dns) if !dns.response => match dns.questions.first() {
                Some(question) => Msg::DnsQuery {
                    name: &question.name,
                    record_type: record_type(question.record_type),
                },
                None => return,
            },
            Application::Dns(dns) => {
                let response_code = app::dns::response_code_name(dns.response_code);
                if dns.answers.is_empty() {
                    Msg::DnsNoAnswer { response_code }
                } else {
                    Msg::DnsResponse {
                        response_code,
                        answers: dns
                            .answers
                            .iter()
                            .map(|a| {
                                format!("{} {} {}", a.name, record_type(a.record_type), a.data)
                            })
                            .collect::<Vec<_>>()
                            .join("; "),
                    }
                }
            }
            Application::Banner { protocol, line } => Msg::Banner {
                protocol: protocol.name(),
                line: shorten(line),
            },
            Application::TextLine { protocol, line } => Msg::TextLine {
                protocol: protocol.name(),
                line: shorten(line),
            },
            Application::Dhcp { message_type, .. } => Msg::Dhcp {
                message_type: app::dhcp::message_type_name(*message_type),
                value: *message_type,
            },
            Application::Quic {
                version,
                packet_type,
            } => Msg::Quic {
                version: *version,
                packet_type: ["Initial", "0-RTT", "Handshake", "Retry"]
                    [usize::from(*packet_type & 3)],
            },
        };
        out.application_notes.push(self.say(msg));
        // Port numbers are conventions: say so when the content does not match the port.
        let protocol = application.protocol();
        if let (Some(service), Some(usual)) = (&out.service, usual_ports(protocol)) {
            if !usual.contains(&service.port) {
                out.application_notes.push(self.say(Msg::PortIsConvention {
                    protocol,
                    port: service.port,
                    usual: usual[0],
                }));
            }
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
        context: Option<&PacketContext>,
    ) {
        let layer = transport.layer();
        // The conversation remembers who opened it; a lone packet is judged by its ports.
        let side = match context {
            Some(ctx) if ctx.roles_known => Some(if ctx.from_client {
                Side::Destination
            } else {
                Side::Source
            }),
            _ => server_side(transport, source_port, destination_port, flags),
        };
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
        let info = ports::lookup(server_port, transport).unwrap_or(ports::UNREGISTERED);
        let name = info.name_in(self.lang);
        let direction = match side {
            Side::Destination => Direction::ToServer,
            Side::Source => Direction::FromServer,
        };
        notes.steps.push(self.step(
            layer,
            Field::DestinationPort,
            destination_port.to_string(),
            match direction {
                Direction::ToServer => Cow::Borrowed(name),
                Direction::FromServer => Cow::Owned(self.say(Msg::ClientOf { service: name })),
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
        // Within a conversation, the roles are said on the first packet of each direction.
        let roles_again = context
            .is_some_and(|ctx| !self.first_time(Told::Roles(ctx.conversation, ctx.from_client)));
        let reset = flags.is_some_and(|f| f.has(TcpFlags::RST));
        // The role sentence is printed once per direction, but the quiet view may need it as a
        // packet's summary; otherwise a repeated one is not built at all.
        let wanted = !roles_again || self.detail == Detail::Quiet;
        let role = match (server_host.filter(|_| wanted), reset, direction) {
            (Some(host), true, Direction::FromServer) => Some(self.say(Msg::ResetFromPort {
                transport,
                port: server_port,
                range: server_range,
                service: name,
                host,
            })),
            (Some(host), _, _) => Some(self.say(Msg::ServerPort {
                transport,
                port: server_port,
                range: server_range,
                service: name,
                description: info.description_in(self.lang),
                curated: info.curated,
                host,
                direction,
            })),
            (None, _, _) => None,
        };
        if let (Some(sentence), false) = (&role, roles_again) {
            out.port_notes.push(sentence.clone());
        }
        self.role_sentence = role;
        if roles_again {
            // Said on this direction's first packet already.
        } else if server_port == client_port {
            out.port_notes.push(self.say(Msg::SamePorts {
                port: server_port,
                service: name,
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
            name: info.name,
            display_name: name,
            description: info.description,
            range: server_range,
            server_side: side,
            client_port,
        });
    }
}

/// The sentence that says most about a packet: where decoding stopped, else what its
/// application data says, else the key sentence of its innermost layer, else which program its
/// port selects.
fn summary_of(out: &Annotated, key: Option<String>, role: Option<String>) -> Option<String> {
    out.stopped
        .clone()
        .or_else(|| out.application_notes.first().cloned())
        .or(key)
        .or(role)
}

/// The ports a protocol is usually found on (the first is the one to name).
fn usual_ports(protocol: &str) -> Option<&'static [u16]> {
    Some(match protocol {
        "HTTP" => &[80],
        "TLS" => &[443, 465, 563, 636, 853, 989, 990, 992, 993, 995, 5061, 8443],
        "SSH" => &[22],
        "SMTP" => &[25, 587],
        "FTP" => &[21],
        "POP3" => &[110],
        "IMAP" => &[143],
        "DNS" => &[53, 5353, 5355],
        "DHCP" => &[67, 68],
        "QUIC" => &[443, 8443],
        _ => return None,
    })
}

/// A DNS record type by name, or its number.
fn record_type(value: u16) -> String {
    app::dns::record_type_name(value)
        .map(str::to_string)
        .unwrap_or_else(|| format!("type {value}"))
}

/// Lines from the wire are cut to a readable length.
fn shorten(line: &str) -> &str {
    match line.char_indices().nth(100) {
        Some((cut, _)) => &line[..cut],
        None => line,
    }
}

/// The name an IP protocol number selects, or "?".
fn protocol_name(value: u8) -> &'static str {
    protocols::ip_protocol(value).map(|p| p.0).unwrap_or("?")
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
