//! Explain: [`Dissection`] → [`Annotated`]. For each layer, the field that selects the next layer
//! and why ("EtherType 0x0800 → IPv4", "protocol 6 → TCP", "destination port 443 → HTTPS"), what
//! the addresses and flags mean, which side is the server and which port the client borrowed.
//! All sentences come from the catalogue in [`crate::i18n`]; this module only decides which apply.

mod application;
mod brief;
mod fields;
mod link;
mod network;
mod owners;
mod told;
mod transport;

use crate::capture::{Frame, LinkType, Timestamp};
use crate::decode::Transport;
use crate::decode::{Dissection, Header, LayerName, StopReason};
use crate::flows::{ConversationTable, PacketContext};
use crate::i18n::{Field, Msg, say};
use crate::knowledge::Side;
use crate::knowledge::addresses::{Audience, MacClass, audience, classify_mac};
use crate::knowledge::ports::PortRange;
use crate::lang::Lang;
pub use brief::{Depth, Role, role_of};
use serde::Serialize;
use std::borrow::Cow;
use told::{Fact, Told};
use transport::Surroundings;

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

/// A dissection with everything portlens has to say about it: at [`Depth::Brief`] only the brief
/// facts (`role`, and `stopped` when decoding stopped), at [`Depth::Full`] everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Annotated {
    /// The brief facts: which end is the server and the service its port names. Borrowed from
    /// the port tables, so a one-line view of millions of packets gets them without allocating.
    #[serde(skip)]
    pub role: Option<Role>,
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
    /// The one sentence that matters most about this packet (what the quiet tree prints); filled
    /// at quiet detail only.
    pub key_sentence: Option<String>,
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
/// introduction is said once per run, or again after the memory of a long run starts afresh).
#[derive(Debug, Default)]
pub struct Explainer {
    lang: Lang,
    told: Told,
    conversations: ConversationTable,
    verbosity: Verbosity,
    /// The role sentence of the packet being explained, for its key sentence.
    role_sentence: Option<String>,
}

/// How much to say about each packet (`-q`, the default, `-v`); a view's [`Depth`] is how much of
/// the explanation it needs at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Verbosity {
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

    /// Sets how much to say about each packet.
    pub fn set_verbosity(&mut self, verbosity: Verbosity) {
        self.verbosity = verbosity;
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

    /// Accounts a frame to its conversation without explaining it (for views that print no
    /// explanation while the conversations table is asked for).
    pub fn observe(&mut self, meta: FrameMeta, dissection: &Dissection) {
        self.conversations
            .observe(meta.number, meta.timestamp, meta.wire_length, dissection);
    }

    /// Explains one dissection on its own, without conversation context.
    pub fn explain(&mut self, dissection: &Dissection) -> Annotated {
        self.explain_with(dissection, None)
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
            field: Cow::Borrowed(crate::i18n::field_name(self.lang, field)),
            value,
            next: next.into(),
        }
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
        if matches!(
            dissection.link_type,
            LinkType::Raw | LinkType::Ipv4 | LinkType::Ipv6
        ) {
            out.frame_notes.push(self.say(Msg::RawIp {
                link_type: dissection.link_type.description().unwrap_or("raw IP"),
            }));
        }
        let addresses = dissection.ip_addresses();
        let around = Surroundings {
            addresses,
            context: context.as_ref(),
            audience: addresses.map_or(Audience::One, |(_, destination)| {
                audience(destination, destination_mac_class(dissection))
            }),
        };
        // The first sentence about what this packet does at its innermost layer.
        let mut key: Option<String> = None;
        for (index, layer) in dissection.layers.iter().enumerate() {
            let next = dissection.layers.get(index + 1).map(|l| &l.header);
            let mut notes = LayerNotes::default();
            let key_from = self.layer(&mut out, &mut notes, &layer.header, next, around);
            if self.verbosity == Verbosity::Quiet {
                if let Some(sentence) = key_from.and_then(|from| notes.notes.get(from)) {
                    key = Some(sentence.clone());
                }
            }
            out.layers.push(notes);
        }
        if let Some(application) = &dissection.application {
            self.application_notes(&mut out, application);
        }
        self.dns_answer_note(&mut out, context.as_ref());
        out.conversation = context;
        let role = self.role_sentence.take();
        if self.verbosity == Verbosity::Quiet {
            out.key_sentence = key_sentence_of(&out, key, role);
        }
        if self.verbosity == Verbosity::Verbose {
            for (layer, notes) in dissection.layers.iter().zip(out.layers.iter_mut()) {
                notes.fields = fields::describe(self.lang, &layer.header);
            }
        }
        if let Some(stop) = &dissection.stopped {
            out.stopped = Some(self.stop_sentence(dissection, stop));
        }
        out
    }

    /// One layer's sentences and chain steps; returns where the sentences that say what the
    /// packet does start, for the layers that have them (the quiet view's key sentence).
    fn layer(
        &mut self,
        out: &mut Annotated,
        notes: &mut LayerNotes,
        header: &Header,
        next: Option<&Header>,
        around: Surroundings<'_>,
    ) -> Option<usize> {
        match header {
            Header::Ethernet(eth) => self.ethernet(notes, eth, next),
            Header::Vlan(vlan) => self.vlan(notes, vlan, next),
            Header::LinuxSll(_) | Header::LinuxSll2(_) => self.cooked(notes, header, next),
            Header::Loopback(lo) => self.loopback(notes, lo),
            Header::Arp(arp) => {
                self.arp(notes, arp);
                return Some(0);
            }
            Header::Ipv4(ip) => self.ipv4(notes, ip, next),
            Header::Ipv6(ip) => self.ipv6(notes, ip, next),
            Header::Tcp(tcp) => return Some(self.tcp(out, notes, tcp, around)),
            Header::Udp(udp) => return Some(self.udp(out, notes, udp, around)),
            Header::Icmpv4(icmp) | Header::Icmpv6(icmp) => {
                let v6 = matches!(header, Header::Icmpv6(_));
                self.icmp(notes, icmp, v6, around.addresses);
                return Some(0);
            }
            Header::Igmp(igmp) => self.igmp(notes, igmp),
        }
        None
    }

    /// Where and why decoding stopped. A link type portlens cannot decode is explained in full
    /// the first time, then named briefly.
    fn stop_sentence(&mut self, dissection: &Dissection, stop: &crate::decode::Stop) -> String {
        match stop.reason {
            StopReason::UnsupportedLinkType { link_type } => {
                if self.told.first_time(Fact::LinkType(link_type)) {
                    self.say(Msg::LinkTypeOnce {
                        number: link_type,
                        name: dissection.link_type.description(),
                    })
                } else {
                    self.say(Msg::LinkTypeAgain { number: link_type })
                }
            }
            _ => self.say(Msg::Stop {
                layer: stop.layer,
                offset: stop.offset,
                reason: &stop.reason,
            }),
        }
    }
}

/// The sentence that says most about a packet: where decoding stopped, else what its
/// application data says, else the key sentence of its innermost layer, else which program its
/// port selects.
fn key_sentence_of(out: &Annotated, key: Option<String>, role: Option<String>) -> Option<String> {
    out.stopped
        .clone()
        .or_else(|| out.application_notes.first().cloned())
        .or(key)
        .or(role)
}

/// The class of the frame's destination MAC address, when its link layer is Ethernet: a subnet's
/// broadcast address is only recognisable by its broadcast frame.
fn destination_mac_class(dissection: &Dissection) -> Option<MacClass> {
    match dissection.layers.first().map(|layer| &layer.header) {
        Some(Header::Ethernet(eth)) => Some(classify_mac(&eth.destination)),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
