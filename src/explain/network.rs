//! The network layer's sentences: IPv4 and IPv6 (the ends' address classes, TTL and hop limit,
//! fragments, the protocol field that selects the transport), ICMP and ICMPv6 (with the packet an
//! error quotes) and IGMP.

use super::told::{Fact, Once};
use super::{Explainer, LayerNotes};
use crate::decode::Transport;
use crate::decode::{Header, Icmp, Igmp, Ipv4, Ipv6, LayerName};
use crate::i18n::{Field, Msg};
use crate::knowledge::addresses::classify_ip;
use crate::knowledge::ports;
use crate::knowledge::protocols;
use std::net::IpAddr;

impl Explainer {
    pub(super) fn ipv4(&mut self, notes: &mut LayerNotes, ip: &Ipv4, next: Option<&Header>) {
        self.endpoint_note(notes, IpAddr::V4(ip.source), IpAddr::V4(ip.destination));
        if self.told.first_time_once(Once::Ttl) {
            notes.notes.push(self.say(Msg::Ttl { ttl: ip.ttl }));
        }
        if ip.dont_fragment && self.told.first_time_once(Once::DontFragment) {
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
        let first_fragment = ip.fragment_offset == 0;
        let field = Field::IpProtocol;
        self.protocol_step(
            notes,
            LayerName::Ipv4,
            field,
            ip.protocol,
            next,
            first_fragment,
        );
    }

    pub(super) fn ipv6(&mut self, notes: &mut LayerNotes, ip: &Ipv6, next: Option<&Header>) {
        self.endpoint_note(notes, IpAddr::V6(ip.source), IpAddr::V6(ip.destination));
        if self.told.first_time_once(Once::HopLimit) {
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
        let field = Field::NextHeader;
        self.protocol_step(
            notes,
            LayerName::Ipv6,
            field,
            selector,
            next,
            !ip.fragmented,
        );
    }

    /// What kind of addresses the two ends have, said the first time this pair appears.
    fn endpoint_note(&mut self, notes: &mut LayerNotes, source: IpAddr, destination: IpAddr) {
        if self.told.first_time(Fact::Endpoints(source, destination)) {
            notes.notes.push(self.say(Msg::IpEndpoints {
                source,
                source_class: classify_ip(source),
                destination,
                destination_class: classify_ip(destination),
            }));
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

    /// An ICMP or ICMPv6 message: its type and code, what the common ones mean for the ends,
    /// and the packet an error message quotes.
    pub(super) fn icmp(
        &self,
        notes: &mut LayerNotes,
        icmp: &Icmp,
        v6: bool,
        addresses: Option<(IpAddr, IpAddr)>,
    ) {
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
            let meaning = match (v6, icmp.icmp_type, icmp.code) {
                (false, 8, _) | (true, 128, _) => Some(Msg::IcmpEchoRequest { destination }),
                (false, 0, _) | (true, 129, _) => Some(Msg::IcmpEchoReply { source }),
                (false, 3, 3) | (true, 1, 4) => Some(Msg::IcmpPortUnreachable { reporter: source }),
                (false, 11, 0) | (true, 3, 0) => Some(Msg::IcmpTimeExceeded { reporter: source }),
                (true, 133..=137, _) => Some(Msg::NeighborDiscovery),
                _ => None,
            };
            if let Some(meaning) = meaning {
                notes.notes.push(self.say(meaning));
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

    pub(super) fn igmp(&self, notes: &mut LayerNotes, igmp: &Igmp) {
        notes.notes.push(self.say(Msg::Igmp {
            igmp_type: igmp.igmp_type,
            group: igmp.group.map(|g| g.to_string()),
        }));
    }
}

/// The name an IP protocol number selects, or "?".
fn protocol_name(value: u8) -> &'static str {
    protocols::ip_protocol(value).map(|p| p.0).unwrap_or("?")
}
