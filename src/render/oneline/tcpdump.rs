//! The part of the one-line view that reads like `tcpdump -nn`: from the addresses to the length,
//! `IP 192.0.2.10.51234 > 198.51.100.20.443: Flags [S], seq 1, win 64240, options [...], length 0`.
//! Sequence numbers are absolute (`tcpdump -S`): the view keeps no per-connection state.

use crate::decode::{Arp, Dissection, Header, Icmp, Ipv4, Ipv6, Tcp, TcpFlags};
use crate::format::{Line, Sink};
use crate::knowledge::protocols;
use crate::lang::Lang;
use std::net::IpAddr;

/// What the innermost IP header said, for the layers inside it.
#[derive(Clone, Copy)]
struct Network {
    /// `IP` or `IP6`.
    name: &'static str,
    source: IpAddr,
    destination: IpAddr,
    protocol: u8,
    /// The bytes the IP header says follow it.
    payload: usize,
    /// The fragment offset of an IPv4 packet that is not the first fragment.
    later_fragment: Option<u32>,
}

impl Network {
    fn ipv4(ip: &Ipv4, outer: Option<Network>) -> Network {
        Network {
            name: "IP",
            source: IpAddr::V4(ip.source),
            destination: IpAddr::V4(ip.destination),
            protocol: ip.protocol,
            payload: usize::from(ip.total_length).saturating_sub(usize::from(ip.header_length)),
            later_fragment: match ip.fragment_offset {
                0 => outer.and_then(|n| n.later_fragment),
                offset => Some(offset),
            },
        }
    }

    fn ipv6(ip: &Ipv6, outer: Option<Network>) -> Network {
        Network {
            name: "IP6",
            source: IpAddr::V6(ip.source),
            destination: IpAddr::V6(ip.destination),
            protocol: ip.protocol,
            payload: usize::from(ip.payload_length),
            later_fragment: outer.and_then(|n| n.later_fragment),
        }
    }
}

/// Everything between the time and portlens' own words, as tcpdump -nn writes it.
pub(super) fn describe(line: &mut Line, dissection: &Dissection, original_length: u32) {
    let mut network: Option<Network> = None;
    for layer in &dissection.layers {
        match &layer.header {
            Header::Ipv4(ip) => network = Some(Network::ipv4(ip, network)),
            Header::Ipv6(ip) => network = Some(Network::ipv6(ip, network)),
            Header::Arp(arp) => return push_arp(line, arp),
            Header::Tcp(tcp) => {
                push_endpoints(line, network, Some((tcp.source_port, tcp.destination_port)));
                return push_tcp(line, tcp);
            }
            Header::Udp(udp) => {
                push_endpoints(line, network, Some((udp.source_port, udp.destination_port)));
                line.text("UDP, length ").number(udp.payload_length);
                return;
            }
            Header::Icmpv4(icmp) | Header::Icmpv6(icmp) => {
                let v6 = matches!(layer.header, Header::Icmpv6(_));
                push_endpoints(line, network, None);
                let length = network.map_or(0, |n| n.payload);
                return push_icmp(line, v6, icmp, length);
            }
            Header::Igmp(igmp) => {
                push_endpoints(line, network, None);
                line.text("IGMP type 0x").hex(u32::from(igmp.igmp_type), 2);
                if let Some(group) = igmp.group {
                    line.text(", group ").ipv4(group);
                }
                return;
            }
            _ => {}
        }
    }
    match network {
        Some(network) => push_ip_payload(line, network),
        None => push_link(line, dissection, original_length),
    }
}

/// An IP packet whose transport was not decoded: what the IP header announced.
fn push_ip_payload(line: &mut Line, network: Network) {
    push_endpoints(line, Some(network), None);
    match protocols::ip_protocol(network.protocol) {
        Some((name, _)) => line.text(name),
        None => line.text("ip-proto-").number(network.protocol),
    };
    if let Some(offset) = network.later_fragment {
        line.text(" fragment, offset ").number(offset);
    }
    line.text(", length ").number(network.payload);
}

/// A frame without IP: what the innermost link layer announced.
fn push_link(line: &mut Line, dissection: &Dissection, original_length: u32) {
    let last = dissection.layers.last().map(|l| &l.header);
    let announced = last.and_then(|header| match header {
        Header::Ethernet(e) => Some(e.ether_type),
        Header::Vlan(v) => Some(v.ether_type),
        Header::LinuxSll(s) => Some(s.protocol),
        Header::LinuxSll2(s) => Some(s.protocol),
        _ => None,
    });
    match (announced, last) {
        (Some(length), _) if length < 0x0600 => {
            line.text("802.3");
        }
        (Some(ether_type), _) => {
            if let Some((name, _)) = protocols::ether_type(ether_type) {
                line.text(name).text(" ");
            }
            line.text("ethertype 0x").hex(u32::from(ether_type), 4);
        }
        (None, Some(Header::Loopback(lo))) => {
            line.text("loopback family ").number(lo.family);
        }
        _ => {
            line.text("link type ")
                .number(dissection.link_type.number());
        }
    }
    line.text(", length ").number(original_length);
}

/// `IP 192.0.2.10.51234 > 198.51.100.20.443: ` (ports only when there are some; nothing without
/// an IP layer).
fn push_endpoints(line: &mut Line, network: Option<Network>, ports: Option<(u16, u16)>) {
    let Some(network) = network else {
        return;
    };
    line.text(network.name).text(" ").ip(network.source);
    if let Some((source_port, _)) = ports {
        line.text(".").number(source_port);
    }
    line.text(" > ").ip(network.destination);
    if let Some((_, destination_port)) = ports {
        line.text(".").number(destination_port);
    }
    line.text(": ");
}

/// tcpdump's TCP summary: `Flags [S.], seq 1:101, ack 5, win 502, options [...], length 100`.
fn push_tcp(line: &mut Line, tcp: &Tcp) {
    line.text("Flags [");
    push_flag_letters(line, tcp.flags);
    line.text("]");
    let data = tcp.payload_length as u64;
    let control = tcp.flags.0 & (TcpFlags::SYN | TcpFlags::FIN | TcpFlags::RST) != 0;
    if data > 0 || control {
        line.text(", seq ").number(tcp.sequence);
        if data > 0 {
            line.text(":")
                .number((u64::from(tcp.sequence) + data) & 0xffff_ffff);
        }
    }
    if tcp.flags.has(TcpFlags::ACK) {
        line.text(", ack ").number(tcp.acknowledgment);
    }
    line.text(", win ").number(tcp.window);
    if tcp.flags.has(TcpFlags::URG) {
        line.text(", urg ").number(tcp.urgent_pointer);
    }
    if !tcp.options.is_empty() {
        line.text(", options [");
        for (index, option) in tcp.options.iter().enumerate() {
            if index > 0 {
                line.push(b',');
            }
            option.write_full(line);
        }
        line.text("]");
    }
    line.text(", length ").number(data);
}

/// tcpdump's flag letters, in its order: F S R P . U E W (and N for the historic NS bit).
fn push_flag_letters(line: &mut Line, flags: TcpFlags) {
    const LETTERS: [(u16, u8); 9] = [
        (TcpFlags::FIN, b'F'),
        (TcpFlags::SYN, b'S'),
        (TcpFlags::RST, b'R'),
        (TcpFlags::PSH, b'P'),
        (TcpFlags::ACK, b'.'),
        (TcpFlags::URG, b'U'),
        (TcpFlags::ECE, b'E'),
        (TcpFlags::CWR, b'W'),
        (TcpFlags::NS, b'N'),
    ];
    let before = line.len();
    for (bit, letter) in LETTERS {
        if flags.has(bit) {
            line.push(letter);
        }
    }
    if line.len() == before {
        line.text("none");
    }
}

/// `ICMP echo request, id 7, seq 1, length 64` (tcpdump's words and its length: the ICMP message).
fn push_icmp(line: &mut Line, v6: bool, icmp: &Icmp, length: usize) {
    line.text(if v6 { "ICMP6, " } else { "ICMP " });
    match protocols::icmp_name(v6, icmp.icmp_type, icmp.code) {
        (Some(name), code) => {
            line.text(name);
            if let Some(code) = code {
                line.text(" (").text(code).text(")");
            }
        }
        (None, _) => {
            line.text("type ")
                .number(icmp.icmp_type)
                .text(" code ")
                .number(icmp.code);
        }
    }
    if let Some((id, sequence)) = icmp.echo {
        line.text(", id ")
            .number(id)
            .text(", seq ")
            .number(sequence);
    }
    if let Some(quoted) = &icmp.quoted {
        line.text(", about ").ip(quoted.source);
        if let Some(port) = quoted.source_port {
            line.text(".").number(port);
        }
        line.text(" > ").ip(quoted.destination);
        if let Some(port) = quoted.destination_port {
            line.text(".").number(port);
        }
    }
    line.text(", length ").number(length);
}

/// `ARP, Request who-has 192.0.2.20 tell 192.0.2.10, length 28` / `ARP, Reply 192.0.2.20 is-at …`.
fn push_arp(line: &mut Line, arp: &Arp) {
    line.text("ARP, ");
    match (arp.operation, arp.sender_ip, arp.target_ip) {
        (1, Some(sender), Some(target)) => {
            line.text("Request who-has ")
                .ipv4(target)
                .text(" tell ")
                .ipv4(sender);
        }
        (2, Some(sender), _) => {
            line.text("Reply ").ipv4(sender).text(" is-at ");
            if let Some(mac) = arp.sender_mac {
                line.mac(mac);
            }
        }
        (operation, _, _) => {
            match protocols::name_in(protocols::ARP_OPERATIONS, operation, Lang::En) {
                Some(name) => line.text(name),
                None => line.text("operation ").number(operation),
            };
            line.text(", hardware type ").number(arp.hardware_type);
        }
    }
    line.text(", length 28");
}
