//! Render: an explained packet → bytes on any `io::Write`. One renderer per format; renderers
//! never decide *what* to say (that is explain's job), only *how* to show it. Colour is a property
//! of the [`Palette`] a renderer is given, so tests render into a `Vec<u8>` with colour on or off.

pub mod conversations;
pub mod diagram;
pub mod doctor;
pub mod hex;
pub mod interfaces;
pub mod json;
pub mod oneline;
pub mod samples;
pub mod stack;
pub mod stats;
pub mod tree;

use crate::capture::{CaptureStats, Frame, LengthAnomalies};
use crate::decode::app::{self, Application};
use crate::decode::{Dissection, Header, TcpOption};
use crate::digits::{push_decimal, push_ipv4};
use crate::explain::{Annotated, Depth};
use crate::flows::ConversationTable;
use crate::i18n::labels::{Label, label, write_label};
use crate::knowledge::protocols;
use crate::lang::Lang;
use colored::{Color, Colorize};
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;

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
    /// Records whose header claims more captured bytes than the packet had (a damaged file).
    pub length_anomalies: Option<LengthAnomalies>,
}

/// A packet printer: tree, one-line, JSON, hex, header diagrams, statistics.
pub trait Renderer {
    fn packet(&mut self, out: &mut dyn io::Write, view: &PacketView<'_>) -> io::Result<()>;
    /// The conversations table, after the packets.
    fn conversations(
        &mut self,
        out: &mut dyn io::Write,
        table: &ConversationTable,
    ) -> io::Result<()> {
        conversations::table(out, table)
    }
    fn finish(&mut self, _out: &mut dyn io::Write, _summary: &RunSummary) -> io::Result<()> {
        Ok(())
    }
    /// How much explanation this renderer prints; the run builds no more than that (the one-line
    /// view needs only the service, statistics none).
    fn depth(&self) -> Depth {
        Depth::Full
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

/// The display name of a layer (a VLAN tag says which standard it follows) and the style of its
/// level.
pub fn layer_title(header: &Header) -> (&'static str, Style) {
    let style = match header {
        Header::Ethernet(_)
        | Header::LinuxSll(_)
        | Header::LinuxSll2(_)
        | Header::Loopback(_)
        | Header::Vlan(_) => Style::Link,
        Header::Arp(_) | Header::Ipv4(_) | Header::Ipv6(_) => Style::Network,
        Header::Icmpv4(_)
        | Header::Icmpv6(_)
        | Header::Igmp(_)
        | Header::Tcp(_)
        | Header::Udp(_) => Style::Transport,
    };
    let name = match header {
        Header::Vlan(v) if v.tag_protocol == crate::decode::ether_type::VLAN => "802.1Q VLAN",
        Header::Vlan(_) => "802.1ad VLAN",
        other => other.name().display_name(),
    };
    (name, style)
}

/// The header's key fields on one line, as tcpdump would show them (in English; see
/// [`layer_fields_in`]).
pub fn layer_fields(header: &Header) -> String {
    layer_fields_in(Lang::En, header)
}

/// The header's key fields on one line, as tcpdump would show them, with the words in `lang`.
pub fn layer_fields_in(lang: Lang, header: &Header) -> String {
    let mut s = String::new();
    write_layer_fields(&mut s, &mut String::new(), lang, header);
    s
}

/// Appends the header's key fields on one line to `s`, with the words in `lang`. The tree writes
/// one such line per layer of every packet, so nothing here allocates a string of its own: the
/// pieces a label quotes (TCP options) are put together in `scratch`, which the caller reuses.
pub fn write_layer_fields(s: &mut String, scratch: &mut String, lang: Lang, header: &Header) {
    let say = |s: &mut String, l: Label<'_>| write_label(s, lang, &l);
    // Writing into a String cannot fail.
    match header {
        Header::Ethernet(e) => {
            let _ = write!(s, "{} → {}", e.source, e.destination);
        }
        Header::LinuxSll(sll) => {
            if let Some(mac) = sll.source {
                say(s, Label::CookedFrom { mac });
            }
        }
        Header::LinuxSll2(sll) => {
            say(
                s,
                Label::CookedInterface {
                    index: sll.interface_index,
                },
            );
            if let Some(mac) = sll.source {
                s.push_str(", ");
                say(s, Label::CookedFrom { mac });
            }
        }
        Header::Loopback(lo) => say(s, Label::LoopbackFamily { family: lo.family }),
        Header::Vlan(v) => say(
            s,
            Label::VlanFields {
                id: v.id,
                priority: v.priority,
            },
        ),
        Header::Arp(a) => {
            match protocols::name_in(protocols::ARP_OPERATIONS, a.operation, lang) {
                Some(op) => s.push_str(op),
                None => say(s, Label::UnnamedArpOperation),
            }
            let _ = match (a.sender_ip, a.target_ip) {
                (Some(sender), Some(target)) => write!(s, ": {sender} → {target}"),
                _ => write!(s, " {}", a.operation),
            };
        }
        Header::Ipv4(ip) => {
            push_ipv4(s, ip.source);
            s.push_str(" → ");
            push_ipv4(s, ip.destination);
            s.push_str("  ");
            say(
                s,
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
                say(
                    s,
                    Label::FragmentOffset {
                        offset: ip.fragment_offset,
                    },
                );
            }
        }
        Header::Ipv6(ip) => {
            let _ = write!(s, "{} → {}  ", ip.source, ip.destination);
            say(
                s,
                Label::Ipv6Fields {
                    hop_limit: ip.hop_limit,
                    payload_length: ip.payload_length,
                },
            );
            if ip.flow_label != 0 {
                s.push_str(", ");
                say(
                    s,
                    Label::FlowLabel {
                        flow_label: ip.flow_label,
                    },
                );
            }
        }
        Header::Icmpv4(icmp) | Header::Icmpv6(icmp) => {
            let v6 = matches!(header, Header::Icmpv6(_));
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
                    Label::EchoFields {
                        identifier,
                        sequence,
                    },
                );
            }
        }
        Header::Igmp(igmp) => say(
            s,
            Label::IgmpFields {
                igmp_type: igmp.igmp_type,
                group: igmp.group,
            },
        ),
        Header::Tcp(t) => {
            push_decimal(s, u64::from(t.source_port));
            s.push_str(" → ");
            push_decimal(s, u64::from(t.destination_port));
            s.push_str("  [");
            for (index, name) in t.flags.names().enumerate() {
                if index > 0 {
                    s.push(' ');
                }
                s.push_str(name);
            }
            s.push_str("]  ");
            say(s, Label::Sequence { value: t.sequence });
            if t.flags.has(crate::decode::TcpFlags::ACK) {
                s.push_str(", ");
                say(
                    s,
                    Label::Acknowledgment {
                        value: t.acknowledgment,
                    },
                );
            }
            s.push_str(", ");
            say(s, Label::Window { value: t.window });
            if !t.options.is_empty() {
                // The options' text goes in place, after the label's words: labels put it last.
                s.push_str(", ");
                scratch.clear();
                TcpOption::compact_list(&t.options).write_to(scratch);
                say(s, Label::TcpOptions { text: scratch });
            }
            s.push_str(", ");
            say(s, data_bytes(t.payload_length, t.payload_captured));
        }
        Header::Udp(u) => {
            push_decimal(s, u64::from(u.source_port));
            s.push_str(" → ");
            push_decimal(s, u64::from(u.destination_port));
            s.push_str("  ");
            say(s, Label::Length { value: u.length });
            s.push_str(", ");
            say(s, data_bytes(u.payload_length, u.payload_captured));
        }
    }
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

/// The application hint's name and key fields on one line (in English; see
/// [`application_fields_in`]).
pub fn application_fields(application: &Application) -> (&'static str, String) {
    application_fields_in(Lang::En, application)
}

/// The application hint's name and key fields on one line, with the words in `lang`.
pub fn application_fields_in(lang: Lang, application: &Application) -> (&'static str, String) {
    let say = |l: Label<'_>| label(lang, &l);
    let fields = match application {
        Application::HttpRequest {
            method,
            target,
            version,
            host,
        } => match host {
            Some(host) => format!("{method} {target} {version}, Host {host}"),
            None => format!("{method} {target} {version}"),
        },
        Application::HttpResponse {
            version,
            status,
            reason,
        } => format!("{version} {status} {reason}"),
        Application::TlsClientHello {
            server_name,
            offered_versions,
        } => {
            let versions: Vec<String> = offered_versions
                .iter()
                .map(|v| app::tls::version_name(*v))
                .collect();
            let offers = say(Label::TlsOffers {
                versions: &versions.join(", "),
            });
            match server_name {
                Some(name) => format!("ClientHello, SNI {name}, {offers}"),
                None => format!("ClientHello, {offers}"),
            }
        }
        Application::TlsServerHello { version } => {
            format!("ServerHello, {}", app::tls::version_name(*version))
        }
        Application::TlsRecord {
            content_type,
            version,
        } => format!(
            "{}, {}",
            say(Label::TlsRecordType {
                content_type: *content_type
            }),
            app::tls::version_name(*version)
        ),
        Application::Dns(dns) => {
            let kind = say(if dns.response {
                Label::DnsResponse
            } else {
                Label::DnsQuery
            });
            let mut text = format!("{kind} 0x{:04x}", dns.id);
            if let Some(q) = dns.questions.first() {
                let _ = write!(
                    text,
                    " {} {}",
                    app::dns::record_type_name(q.record_type).unwrap_or("?"),
                    q.name
                );
            }
            if dns.response {
                let _ = write!(
                    text,
                    ", {}, {}",
                    app::dns::response_code_name(dns.response_code),
                    say(Label::DnsAnswerCount {
                        count: dns.answer_count
                    })
                );
            }
            if dns.over_tcp {
                let _ = write!(text, ", {}", say(Label::DnsOverTcp));
            }
            text
        }
        Application::Banner { line, .. } | Application::TextLine { line, .. } => line.clone(),
        Application::Dhcp {
            message_type,
            transaction_id,
        } => format!(
            "{} xid 0x{transaction_id:08x}",
            app::dhcp::message_type_name(*message_type)
                .map(str::to_string)
                .unwrap_or_else(|| say(Label::UnnamedMessage))
        ),
        Application::Quic {
            version,
            packet_type,
        } => say(Label::QuicPacket {
            packet_type: app::quic::packet_type_name(*version, *packet_type),
            version: *version,
        }),
    };
    (application.protocol(), fields)
}
