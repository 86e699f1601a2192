//! Render: an explained packet → bytes on any `io::Write`. One renderer per format; renderers
//! never decide *what* to say (that is explain's job), only *how* to show it. Colour is a property
//! of the [`Palette`] a renderer is given, so tests render into a `Vec<u8>` with colour on or off.

pub mod diagram;
pub mod hex;
pub mod interfaces;
pub mod json;
pub mod oneline;
pub mod stack;
pub mod stats;
pub mod tree;

use crate::capture::{CaptureStats, Frame};
use crate::decode::{Dissection, Header, TcpOption};
use crate::explain::protocols;
use crate::explain::{Annotated, Detail};
use colored::{Color, Colorize};
use oneline::{Line, push_ipv4, push_mac, push_u64};
use std::borrow::Cow;
use std::io;
use std::io::Write as _;

/// What a renderer is given for each packet.
pub struct PacketView<'a> {
    pub frame: &'a Frame,
    pub dissection: &'a Dissection,
    pub annotated: &'a Annotated,
}

/// Totals of a run, for the renderer's closing words.
#[derive(Debug, Clone, Default)]
pub struct RunSummary {
    pub packets: u64,
    pub stats: Option<CaptureStats>,
}

/// A packet printer: tree, one-line, JSON, hex, header diagrams, statistics.
pub trait Renderer {
    fn packet(&mut self, out: &mut dyn io::Write, view: &PacketView<'_>) -> io::Result<()>;
    fn finish(&mut self, _out: &mut dyn io::Write, _summary: &RunSummary) -> io::Result<()> {
        Ok(())
    }
    /// How much explanation this renderer prints; the run builds no more than that (the one-line
    /// view needs only the service, statistics none).
    fn detail(&self) -> Detail {
        Detail::Full
    }
    /// Whether this renderer reads `PacketView::dissection`; when no renderer of a run does (only
    /// statistics, which read the frame's bytes), frames are not decoded in full.
    fn needs_dissection(&self) -> bool {
        true
    }
}

/// The roles text plays on screen, each with its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Packet heading.
    Heading,
    /// Link-layer name.
    Link,
    /// Network-layer name.
    Network,
    /// Transport-layer name.
    Transport,
    /// The service a port selects.
    Service,
    /// A chain step (the selector field and what it selects).
    Step,
    /// Where decoding stopped.
    Stop,
    /// Secondary detail.
    Dim,
    /// Bytes of a field that selects the next layer (hex dump, diagrams).
    Selector,
}

/// Turns styled text into terminal escapes, or leaves it plain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    enabled: bool,
}

impl Palette {
    /// A palette that colours when `enabled`. The `colored` crate decides globally whether to emit
    /// escapes; a palette with colour on tells it to, one with colour off never calls it.
    pub fn new(enabled: bool) -> Palette {
        if enabled {
            colored::control::set_override(true);
        }
        Palette { enabled }
    }

    pub fn plain() -> Palette {
        Palette { enabled: false }
    }

    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    pub fn paint<'t>(&self, text: &'t str, style: Style) -> Cow<'t, str> {
        if !self.enabled {
            return Cow::Borrowed(text);
        }
        let painted = match style {
            Style::Heading => text.bold(),
            Style::Link => text.color(Color::Blue).bold(),
            Style::Network => text.color(Color::Green).bold(),
            Style::Transport => text.color(Color::Yellow).bold(),
            Style::Service => text.color(Color::Magenta).bold(),
            Style::Step => text.color(Color::Cyan),
            Style::Stop => text.color(Color::Red).bold(),
            Style::Dim => text.dimmed(),
            Style::Selector => text.color(Color::Magenta).bold().reversed(),
        };
        Cow::Owned(painted.to_string())
    }
}

/// The display name of a layer and the style of its level.
pub fn layer_title(header: &Header) -> (&'static str, Style) {
    match header {
        Header::Ethernet(_) => ("Ethernet", Style::Link),
        Header::LinuxSll(_) => ("Linux cooked", Style::Link),
        Header::LinuxSll2(_) => ("Linux cooked v2", Style::Link),
        Header::Loopback(_) => ("BSD loopback", Style::Link),
        Header::Vlan(v) if v.tag_protocol == crate::decode::ether_type::VLAN => {
            ("802.1Q VLAN", Style::Link)
        }
        Header::Vlan(_) => ("802.1ad VLAN", Style::Link),
        Header::Arp(_) => ("ARP", Style::Network),
        Header::Ipv4(_) => ("IPv4", Style::Network),
        Header::Ipv6(_) => ("IPv6", Style::Network),
        Header::Icmpv4(_) => ("ICMP", Style::Transport),
        Header::Icmpv6(_) => ("ICMPv6", Style::Transport),
        Header::Igmp(_) => ("IGMP", Style::Transport),
        Header::Tcp(_) => ("TCP", Style::Transport),
        Header::Udp(_) => ("UDP", Style::Transport),
    }
}

/// The header's key fields on one line, as tcpdump would show them.
pub fn layer_fields(header: &Header) -> String {
    let mut line = Line::new();
    layer_fields_into(&mut line, header);
    String::from_utf8_lossy(line.as_bytes()).into_owned()
}

/// [`layer_fields`] written into a line the caller reuses (the tree writes one per layer).
pub(crate) fn layer_fields_into(s: &mut Line, header: &Header) {
    // Writing into memory cannot fail.
    let _ = match header {
        Header::Ethernet(e) => {
            push_mac(s, e.source);
            s.push_str(" → ");
            push_mac(s, e.destination);
            Ok(())
        }
        Header::LinuxSll(sll) => match sll.source {
            Some(mac) => write!(s, "from {mac}"),
            None => Ok(()),
        },
        Header::LinuxSll2(sll) => {
            let _ = write!(s, "interface {}", sll.interface_index);
            match sll.source {
                Some(mac) => write!(s, ", from {mac}"),
                None => Ok(()),
            }
        }
        Header::Loopback(lo) => write!(s, "family {}", lo.family),
        Header::Vlan(v) => write!(s, "id {} priority {}", v.id, v.priority),
        Header::Arp(a) => {
            let op =
                protocols::name_of(protocols::ARP_OPERATIONS, a.operation).unwrap_or("operation");
            match (a.sender_ip, a.target_ip) {
                (Some(sender), Some(target)) => write!(s, "{op}: {sender} → {target}"),
                _ => write!(s, "{op} {}", a.operation),
            }
        }
        Header::Ipv4(ip) => {
            push_ipv4(s, ip.source);
            s.push_str(" → ");
            push_ipv4(s, ip.destination);
            s.push_str("  TTL ");
            push_u64(s, u64::from(ip.ttl));
            let _ = write!(s, ", id 0x{:04x}, length ", ip.identification);
            push_u64(s, u64::from(ip.total_length));
            if ip.dont_fragment {
                s.push_str(", DF");
            }
            if ip.more_fragments {
                s.push_str(", MF");
            }
            if ip.fragment_offset != 0 {
                let _ = write!(s, ", offset {}", ip.fragment_offset);
            }
            Ok(())
        }
        Header::Ipv6(ip) => {
            let _ = write!(
                s,
                "{} → {}  hop limit {}, payload {}",
                ip.source, ip.destination, ip.hop_limit, ip.payload_length
            );
            if ip.flow_label != 0 {
                let _ = write!(s, ", flow 0x{:05x}", ip.flow_label);
            }
            Ok(())
        }
        Header::Icmpv4(icmp) | Header::Icmpv6(icmp) => {
            let v6 = matches!(header, Header::Icmpv6(_));
            let (name, _) = protocols::icmp_name(v6, icmp.icmp_type, icmp.code);
            let _ = write!(
                s,
                "{} (type {}, code {})",
                name.unwrap_or("message"),
                icmp.icmp_type,
                icmp.code
            );
            match icmp.echo {
                Some((id, seq)) => write!(s, ", id {id}, seq {seq}"),
                None => Ok(()),
            }
        }
        Header::Igmp(igmp) => match igmp.group {
            Some(group) => write!(s, "type 0x{:02x}, group {group}", igmp.igmp_type),
            None => write!(s, "type 0x{:02x}", igmp.igmp_type),
        },
        Header::Tcp(t) => {
            push_u64(s, u64::from(t.source_port));
            s.push_str(" → ");
            push_u64(s, u64::from(t.destination_port));
            s.push_str("  [");
            for (index, name) in t.flags.names().enumerate() {
                if index > 0 {
                    s.push(b' ');
                }
                s.push_str(name);
            }
            s.push_str("]  seq ");
            push_u64(s, u64::from(t.sequence));
            if t.flags.has(crate::decode::TcpFlags::ACK) {
                s.push_str(", ack ");
                push_u64(s, u64::from(t.acknowledgment));
            }
            s.push_str(", win ");
            push_u64(s, u64::from(t.window));
            if !t.options.is_empty() {
                s.push_str(", options ");
                tcp_options_into(s, &t.options);
            }
            s.push_str(", ");
            push_u64(s, t.payload_length as u64);
            s.push_str(" data bytes");
            Ok(())
        }
        Header::Udp(u) => {
            push_u64(s, u64::from(u.source_port));
            s.push_str(" → ");
            push_u64(s, u64::from(u.destination_port));
            s.push_str("  length ");
            push_u64(s, u64::from(u.length));
            s.push_str(", ");
            push_u64(s, u.payload_length as u64);
            s.push_str(" data bytes");
            Ok(())
        }
    };
}

/// TCP options in tcpdump's words: `mss 1460,sackOK,TS val 1 ecr 0,wscale 7`.
pub fn tcp_options_text(options: &[TcpOption]) -> String {
    let mut line = Line::new();
    tcp_options_into(&mut line, options);
    String::from_utf8_lossy(line.as_bytes()).into_owned()
}

fn tcp_options_into(text: &mut Line, options: &[TcpOption]) {
    text.push(b'<');
    for (index, option) in options.iter().enumerate() {
        if index > 0 {
            text.push(b',');
        }
        // Writing into a String cannot fail.
        let _ = match option {
            TcpOption::MaximumSegmentSize { value } => write!(text, "mss {value}"),
            TcpOption::WindowScale { shift } => write!(text, "wscale {shift}"),
            TcpOption::SackPermitted => write!(text, "sackOK"),
            TcpOption::Sack { blocks } => write!(text, "sack {}", blocks.len()),
            TcpOption::Timestamp { value, echo_reply } => {
                text.push_str("TS val ");
                push_u64(text, u64::from(*value));
                text.push_str(" ecr ");
                push_u64(text, u64::from(*echo_reply));
                Ok(())
            }
            TcpOption::Multipath { subtype } => write!(text, "mptcp subtype {subtype}"),
            TcpOption::FastOpen => write!(text, "tfo"),
            TcpOption::Other { number, .. } => write!(text, "opt-{number}"),
        };
    }
    text.push(b'>');
}
