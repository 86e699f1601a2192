//! Each layer's key fields on one line, as tcpdump would show them, with the words in the
//! learner's language: what the tree writes beside every layer's name
//! (`192.0.2.10 → 198.51.100.20  TTL 64, id 0x1c46, length 60, DF`). The tree writes one such
//! line per layer of every packet, so nothing here allocates a string of its own.

use crate::decode::{Arp, Header, Icmp, Ipv4, Ipv6, TcpFlags};
use crate::decode::{Tcp, TcpOption, Udp};
use crate::format::Sink;
use crate::i18n::labels::{Label, label, write_label};
use crate::knowledge::protocols;
use crate::lang::Lang;

/// Appends the header's key fields on one line to `s`, with the words in `lang`. The pieces a
/// label quotes (TCP options) are put together in `scratch`, which the caller reuses.
pub fn write_layer_fields(s: &mut String, scratch: &mut String, lang: Lang, header: &Header) {
    match header {
        Header::Ethernet(e) => {
            s.mac(e.source).text(" → ").mac(e.destination);
        }
        Header::LinuxSll(_) | Header::LinuxSll2(_) | Header::Loopback(_) | Header::Vlan(_) => {
            link_fields(s, lang, header)
        }
        Header::Arp(arp) => arp_fields(s, lang, arp),
        Header::Ipv4(ip) => ipv4_fields(s, lang, ip),
        Header::Ipv6(ip) => ipv6_fields(s, lang, ip),
        Header::Icmpv4(icmp) => icmp_fields(s, lang, false, icmp),
        Header::Icmpv6(icmp) => icmp_fields(s, lang, true, icmp),
        Header::Igmp(igmp) => say(
            s,
            lang,
            Label::IgmpFields {
                igmp_type: igmp.igmp_type,
                group: igmp.group,
            },
        ),
        Header::Tcp(tcp) => tcp_fields(s, scratch, lang, tcp),
        Header::Udp(udp) => udp_fields(s, lang, udp),
    }
}

fn say(s: &mut String, lang: Lang, label: Label<'_>) {
    write_label(s, lang, &label);
}

/// The link layers other than Ethernet: Linux cooked headers, BSD loopback, VLAN tags.
fn link_fields(s: &mut String, lang: Lang, header: &Header) {
    match header {
        Header::LinuxSll(sll) => {
            if let Some(mac) = sll.source {
                say(s, lang, Label::CookedFrom { mac });
            }
        }
        Header::LinuxSll2(sll) => {
            let index = sll.interface_index;
            say(s, lang, Label::CookedInterface { index });
            if let Some(mac) = sll.source {
                s.push_str(", ");
                say(s, lang, Label::CookedFrom { mac });
            }
        }
        Header::Loopback(lo) => say(s, lang, Label::LoopbackFamily { family: lo.family }),
        Header::Vlan(v) => say(
            s,
            lang,
            Label::VlanFields {
                id: v.id,
                priority: v.priority,
            },
        ),
        _ => {}
    }
}

/// `request: 192.0.2.10 → 192.0.2.20`, or the operation's number when the addresses are not IPv4.
fn arp_fields(s: &mut String, lang: Lang, arp: &Arp) {
    match protocols::name_in(protocols::ARP_OPERATIONS, arp.operation, lang) {
        Some(operation) => s.push_str(operation),
        None => say(s, lang, Label::UnnamedArpOperation),
    }
    match (arp.sender_ip, arp.target_ip) {
        (Some(sender), Some(target)) => s.text(": ").ipv4(sender).text(" → ").ipv4(target),
        _ => s.text(" ").number(arp.operation),
    };
}

fn ipv4_fields(s: &mut String, lang: Lang, ip: &Ipv4) {
    s.ipv4(ip.source)
        .text(" → ")
        .ipv4(ip.destination)
        .text("  ");
    say(
        s,
        lang,
        Label::Ipv4Fields {
            ttl: ip.ttl,
            identification: ip.identification,
            total_length: ip.total_length,
        },
    );
    if ip.dont_fragment {
        s.push_str(", DF");
    }
    if ip.more_fragments {
        s.push_str(", MF");
    }
    if ip.fragment_offset != 0 {
        s.push_str(", ");
        let offset = ip.fragment_offset;
        say(s, lang, Label::FragmentOffset { offset });
    }
}

fn ipv6_fields(s: &mut String, lang: Lang, ip: &Ipv6) {
    s.display(ip.source)
        .text(" → ")
        .display(ip.destination)
        .text("  ");
    say(
        s,
        lang,
        Label::Ipv6Fields {
            hop_limit: ip.hop_limit,
            payload_length: ip.payload_length,
        },
    );
    if ip.flow_label != 0 {
        s.push_str(", ");
        let flow_label = ip.flow_label;
        say(s, lang, Label::FlowLabel { flow_label });
    }
}

/// The message's name (or "message" when nobody named it), its type and code, and an echo's
/// identifier and sequence number.
fn icmp_fields(s: &mut String, lang: Lang, v6: bool, icmp: &Icmp) {
    let (name, _) = protocols::icmp_name_in(v6, icmp.icmp_type, icmp.code, lang);
    let unnamed;
    let name = match name {
        Some(name) => name,
        None => {
            unnamed = label(lang, &Label::UnnamedMessage);
            &unnamed
        }
    };
    say(
        s,
        lang,
        Label::IcmpFields {
            name,
            icmp_type: icmp.icmp_type,
            code: icmp.code,
        },
    );
    if let Some((identifier, sequence)) = icmp.echo {
        s.push_str(", ");
        say(
            s,
            lang,
            Label::EchoFields {
                identifier,
                sequence,
            },
        );
    }
}

/// Ports, flags by name, sequence and acknowledgment numbers, window, options, data bytes.
fn tcp_fields(s: &mut String, scratch: &mut String, lang: Lang, t: &Tcp) {
    s.number(t.source_port)
        .text(" → ")
        .number(t.destination_port)
        .text("  [");
    for (index, name) in t.flags.names().enumerate() {
        if index > 0 {
            s.push(' ');
        }
        s.push_str(name);
    }
    s.push_str("]  ");
    say(s, lang, Label::Sequence { value: t.sequence });
    if t.flags.has(TcpFlags::ACK) {
        s.push_str(", ");
        let value = t.acknowledgment;
        say(s, lang, Label::Acknowledgment { value });
    }
    s.push_str(", ");
    say(s, lang, Label::Window { value: t.window });
    if !t.options.is_empty() {
        // The options' text goes in place, after the label's words: labels put it last.
        s.push_str(", ");
        scratch.clear();
        TcpOption::compact_list(&t.options).write_to(scratch);
        say(s, lang, Label::TcpOptions { text: scratch });
    }
    s.push_str(", ");
    say(s, lang, data_bytes(t.payload_length, t.payload_captured));
}

fn udp_fields(s: &mut String, lang: Lang, u: &Udp) {
    s.number(u.source_port)
        .text(" → ")
        .number(u.destination_port)
        .text("  ");
    say(s, lang, Label::Length { value: u.length });
    s.push_str(", ");
    say(s, lang, data_bytes(u.payload_length, u.payload_captured));
}

/// The data bytes a segment or datagram carried on the wire, and how many of them the capture
/// holds when the snapshot length cut it.
fn data_bytes(count: usize, captured: usize) -> Label<'static> {
    if captured < count {
        Label::DataBytesCaptured { count, captured }
    } else {
        Label::DataBytes { count }
    }
}
