//! The link layer's sentences: Ethernet and VLAN tags, Linux cooked headers, BSD loopback, ARP,
//! and the EtherType-like field that selects the next layer.

use super::told::Fact;
use super::{Explainer, LayerNotes};
use crate::decode::{Arp, Ethernet, Header, LayerName, LinuxSll, LinuxSll2, Loopback, Vlan};
use crate::decode::{MacAddress, ether_type};
use crate::i18n::{Field, Msg};
use crate::knowledge::addresses::classify_mac;
use crate::knowledge::protocols;
use std::net::Ipv4Addr;

impl Explainer {
    pub(super) fn ethernet(
        &mut self,
        notes: &mut LayerNotes,
        eth: &Ethernet,
        next: Option<&Header>,
    ) {
        if self.told.first_time(Fact::DestinationMac(eth.destination)) {
            notes.notes.push(self.say(Msg::MacDestination {
                mac: eth.destination,
                class: classify_mac(&eth.destination),
            }));
        }
        if eth.source.is_locally_administered()
            && !eth.source.is_multicast()
            && self.told.first_time(Fact::LocallyAdministered(eth.source))
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
            let field = Field::EtherType;
            self.ether_type_step(notes, LayerName::Ethernet, field, eth.ether_type, next);
        }
    }

    pub(super) fn vlan(&self, notes: &mut LayerNotes, vlan: &Vlan, next: Option<&Header>) {
        notes.notes.push(self.say(Msg::Vlan {
            id: vlan.id,
            priority: vlan.priority,
            outer: vlan.tag_protocol != ether_type::VLAN,
        }));
        let field = Field::EtherType;
        self.ether_type_step(notes, LayerName::Vlan, field, vlan.ether_type, next);
    }

    /// A Linux cooked header, version 1 or 2.
    pub(super) fn cooked(&self, notes: &mut LayerNotes, header: &Header, next: Option<&Header>) {
        let (layer, version, packet_type, interface_index, protocol) = match header {
            Header::LinuxSll(LinuxSll {
                packet_type,
                protocol,
                ..
            }) => (LayerName::LinuxSll, 1, *packet_type, None, *protocol),
            Header::LinuxSll2(LinuxSll2 {
                packet_type,
                interface_index,
                protocol,
                ..
            }) => (
                LayerName::LinuxSll2,
                2,
                u16::from(*packet_type),
                Some(*interface_index),
                *protocol,
            ),
            _ => return,
        };
        notes.notes.push(self.say(Msg::Cooked {
            version,
            direction: protocols::name_in(protocols::SLL_PACKET_TYPES, packet_type, self.lang),
            interface_index,
        }));
        self.ether_type_step(notes, layer, Field::CookedProtocol, protocol, next);
    }

    pub(super) fn loopback(&self, notes: &mut LayerNotes, lo: &Loopback) {
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

    pub(super) fn arp(&self, notes: &mut LayerNotes, arp: &Arp) {
        let fmt_ip = |ip: Option<Ipv4Addr>| ip.map(|i| i.to_string()).unwrap_or_else(|| "?".into());
        let fmt_mac =
            |mac: Option<MacAddress>| mac.map(|m| m.to_string()).unwrap_or_else(|| "?".into());
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
}
