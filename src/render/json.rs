//! NDJSON: one JSON object per packet per line, documented in docs/json.md. Built from owned
//! views of the dissection and the explanation; keys that do not apply are left out.

use super::{PacketView, Renderer};
use crate::decode::app::Application;
use crate::decode::{
    Arp, Dissection, Header, Ipv6Extension, LayerName, MacAddress, Quoted, TcpOption,
};
use crate::explain::{ChainStep, Service};
use crate::flows::{DnsMatch, TcpObservation, TcpState};
use crate::knowledge::{Roles, protocols};
use crate::sanitize::JsonSafeFormatter;
use serde::Serialize;
use std::io;
use std::net::IpAddr;

/// Renders packets as NDJSON.
#[derive(Default)]
pub struct JsonRenderer {
    /// Reused for every packet, so a run allocates its output line once.
    line: Vec<u8>,
}

#[derive(Serialize)]
struct Link {
    #[serde(rename = "type")]
    kind: &'static str,
    link_type: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_mac: Option<MacAddress>,
    #[serde(skip_serializing_if = "Option::is_none")]
    destination_mac: Option<MacAddress>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ethertype: Option<u16>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    vlan_ids: Vec<u16>,
}

#[derive(Serialize)]
struct Network<'a> {
    version: u8,
    source: IpAddr,
    destination: IpAddr,
    protocol: u8,
    ttl: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    identification: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dont_fragment: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    more_fragments: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fragment_offset: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extension_headers: Option<&'a [Ipv6Extension]>,
}

#[derive(Serialize, Default)]
struct Transport<'a> {
    protocol: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_port: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    destination_port: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tcp_flags: Option<Vec<&'static str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sequence: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    acknowledgment: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    window: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<&'a [TcpOption]>,
    /// Data bytes on the wire.
    #[serde(skip_serializing_if = "Option::is_none")]
    payload_length: Option<usize>,
    /// Data bytes the capture holds (fewer when the snapshot length cut the frame).
    #[serde(skip_serializing_if = "Option::is_none")]
    payload_captured: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    icmp_type: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    icmp_code: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    icmp_name: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quoted: Option<&'a Quoted>,
}

/// The packet's place in its conversation.
#[derive(Serialize)]
struct Conversation<'a> {
    id: u64,
    /// "client_to_server" or "server_to_client".
    role: &'static str,
    client: String,
    server: String,
    /// How the client and server were told apart (a guess says so, with its reason).
    roles: Roles,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<TcpState>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tcp: Option<&'a TcpObservation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dns_answer: Option<&'a DnsMatch>,
}

#[derive(Serialize)]
struct Stopped {
    layer: LayerName,
    offset: usize,
    reason: String,
}

#[derive(Serialize)]
struct Packet<'a> {
    number: u64,
    timestamp: String,
    captured_length: u32,
    original_length: u32,
    link: Link,
    #[serde(skip_serializing_if = "Option::is_none")]
    arp: Option<&'a Arp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    network: Option<Network<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    transport: Option<Transport<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    service: Option<&'a Service>,
    #[serde(skip_serializing_if = "Option::is_none")]
    conversation: Option<Conversation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    application: Option<&'a Application>,
    #[serde(skip_serializing_if = "Option::is_none")]
    process: Option<&'a crate::procs::PacketOwners>,
    chain: Vec<&'a ChainStep>,
    explanation: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stopped: Option<Stopped>,
}

fn link(d: &Dissection) -> Link {
    let mut link = Link {
        kind: d.link_type.name(),
        link_type: d.link_type.number(),
        source_mac: None,
        destination_mac: None,
        ethertype: None,
        vlan_ids: d.vlan_ids(),
    };
    match d.layers.first().map(|l| &l.header) {
        Some(Header::Ethernet(e)) => {
            link.source_mac = Some(e.source);
            link.destination_mac = Some(e.destination);
            link.ethertype = Some(e.ether_type);
        }
        Some(Header::LinuxSll(s)) => {
            link.source_mac = s.source;
            link.ethertype = Some(s.protocol);
        }
        Some(Header::LinuxSll2(s)) => {
            link.source_mac = s.source;
            link.ethertype = Some(s.protocol);
        }
        _ => {}
    }
    link
}

fn network(d: &Dissection) -> Option<Network<'_>> {
    d.layers.iter().find_map(|layer| match &layer.header {
        Header::Ipv4(ip) => Some(Network {
            version: 4,
            source: IpAddr::V4(ip.source),
            destination: IpAddr::V4(ip.destination),
            protocol: ip.protocol,
            ttl: ip.ttl,
            identification: Some(ip.identification),
            dont_fragment: Some(ip.dont_fragment),
            more_fragments: Some(ip.more_fragments),
            fragment_offset: Some(ip.fragment_offset),
            extension_headers: None,
        }),
        Header::Ipv6(ip) => Some(Network {
            version: 6,
            source: IpAddr::V6(ip.source),
            destination: IpAddr::V6(ip.destination),
            protocol: ip.protocol,
            ttl: ip.hop_limit,
            identification: None,
            dont_fragment: None,
            more_fragments: None,
            fragment_offset: None,
            extension_headers: (!ip.extensions.is_empty()).then_some(ip.extensions.as_slice()),
        }),
        _ => None,
    })
}

fn transport(d: &Dissection) -> Option<Transport<'_>> {
    d.layers.iter().find_map(|layer| match &layer.header {
        Header::Tcp(t) => Some(Transport {
            protocol: "tcp",
            source_port: Some(t.source_port),
            destination_port: Some(t.destination_port),
            tcp_flags: Some(t.flags.names().collect()),
            sequence: Some(t.sequence),
            acknowledgment: Some(t.acknowledgment),
            window: Some(t.window),
            options: Some(&t.options),
            payload_length: Some(t.payload_length),
            payload_captured: Some(t.payload_captured),
            ..Transport::default()
        }),
        Header::Udp(u) => Some(Transport {
            protocol: "udp",
            source_port: Some(u.source_port),
            destination_port: Some(u.destination_port),
            payload_length: Some(u.payload_length),
            payload_captured: Some(u.payload_captured),
            ..Transport::default()
        }),
        Header::Icmpv4(i) | Header::Icmpv6(i) => {
            let v6 = matches!(layer.header, Header::Icmpv6(_));
            Some(Transport {
                protocol: if v6 { "icmpv6" } else { "icmp" },
                icmp_type: Some(i.icmp_type),
                icmp_code: Some(i.code),
                icmp_name: protocols::icmp_name(v6, i.icmp_type, i.code).0,
                quoted: i.quoted.as_ref(),
                ..Transport::default()
            })
        }
        Header::Igmp(i) => Some(Transport {
            protocol: "igmp",
            icmp_type: Some(i.igmp_type),
            ..Transport::default()
        }),
        _ => None,
    })
}

impl Renderer for JsonRenderer {
    fn conversations(
        &mut self,
        out: &mut dyn io::Write,
        table: &crate::flows::ConversationTable,
    ) -> io::Result<()> {
        super::conversations::json(out, table)
    }

    fn packet(&mut self, out: &mut dyn io::Write, view: &PacketView<'_>) -> io::Result<()> {
        let d = view.dissection;
        let packet = Packet {
            number: view.frame.number,
            timestamp: view.frame.timestamp.rfc3339(),
            captured_length: view.frame.captured_length,
            original_length: view.frame.original_length,
            link: link(d),
            arp: d.find(|h| match h {
                Header::Arp(a) => Some(a),
                _ => None,
            }),
            network: network(d),
            transport: transport(d),
            service: view.annotated.service.as_ref(),
            conversation: view.annotated.conversation.as_ref().map(|c| Conversation {
                id: c.conversation,
                role: if c.from_client {
                    "client_to_server"
                } else {
                    "server_to_client"
                },
                client: c.client.to_string(),
                server: c.server.to_string(),
                roles: c.roles,
                state: c.state,
                tcp: c.tcp.as_ref(),
                dns_answer: c.dns_answer.as_ref(),
            }),
            application: d.application.as_ref(),
            process: view.annotated.process.as_ref(),
            chain: view.annotated.chain().collect(),
            explanation: view.annotated.sentences(),
            stopped: d.stopped.as_ref().map(|s| Stopped {
                layer: s.layer,
                offset: s.offset,
                reason: view.annotated.stopped.clone().unwrap_or_default(),
            }),
        };
        // Serializing into memory cannot hit an I/O error, so writing the line afterwards keeps
        // the output's own error (a closed pipe, a full disk) intact for the caller.
        self.line.clear();
        // The formatter also escapes DEL, C1 and bidirectional controls (sanitize.rs).
        packet
            .serialize(&mut serde_json::Serializer::with_formatter(
                &mut self.line,
                JsonSafeFormatter,
            ))
            .map_err(io::Error::other)?;
        self.line.push(b'\n');
        out.write_all(&self.line)
    }
}
