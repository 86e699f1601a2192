//! The one-line view: one line per packet in the words of `tcpdump -nn` (time, addresses and ports,
//! flags, sequence numbers, lengths), ending with what portlens adds — the service the server's
//! port names, which way the packet goes, and the TCP flags by name:
//! `… 192.0.2.10.51234 > 198.51.100.20.443: Flags [S], … length 0  HTTPS client→server SYN`.
//! Made for millions of packets: each line is built in one reused buffer without the formatting
//! machinery, and the service and roles are the brief facts explain puts in
//! [`crate::explain::Annotated::role`] at `Depth::Brief`, which builds no sentence.

use super::{PacketView, Palette, Renderer, Style};
use crate::decode::{Dissection, Header, Icmp, TcpFlags, TcpOption};
use crate::explain::Depth;
use crate::format::{Line, Sink};
use crate::knowledge::Side;
use crate::knowledge::protocols;
use crate::sanitize::terminal_safe;
use std::io;
use std::net::IpAddr;

/// Renders one line per packet.
pub struct OneLineRenderer {
    palette: Palette,
    /// Reused for every packet: a run allocates its line once.
    line: Line,
}

impl OneLineRenderer {
    pub fn new(palette: Palette) -> OneLineRenderer {
        OneLineRenderer {
            palette,
            line: Line::new(),
        }
    }
}

impl Renderer for OneLineRenderer {
    fn packet(&mut self, out: &mut dyn io::Write, view: &PacketView<'_>) -> io::Result<()> {
        let line = &mut self.line;
        line.clear();
        let ts = view.frame.timestamp;
        line.time_of_day(ts.seconds, ts.nanoseconds);
        line.push(b' ');
        describe(line, view.dissection, view.frame.original_length);
        let p = self.palette;
        if let Some(role) = &view.annotated.role {
            line.extend_from_slice(b"  ");
            // Service names come from the port tables compiled into portlens, which hold no
            // control characters (explain::ports checks every one), so they need no escaping.
            line.extend_from_slice(p.paint(role.service.name, Style::Service).as_bytes());
            line.extend_from_slice(match role.server_side {
                Side::Destination => " client→server".as_bytes(),
                Side::Source => " server→client".as_bytes(),
            });
        }
        if let Some(flags) = view.dissection.layers.iter().find_map(|l| match &l.header {
            Header::Tcp(t) => Some(t.flags),
            _ => None,
        }) {
            line.push(b' ');
            push_flag_names(line, flags);
        }
        if let Some(stopped) = &view.annotated.stopped {
            line.extend_from_slice(b"  ");
            line.extend_from_slice(p.paint(&terminal_safe(stopped), Style::Stop).as_bytes());
        }
        line.push(b'\n');
        out.write_all(line.as_bytes())
    }

    fn depth(&self) -> Depth {
        Depth::Brief
    }
}

/// Everything between the time and portlens' own words, as tcpdump -nn writes it.
fn describe(line: &mut Line, dissection: &Dissection, original_length: u32) {
    let mut network: Option<(&'static str, IpAddr, IpAddr)> = None;
    let mut later_fragment: Option<(u8, u32)> = None;
    let mut ip_protocol: Option<u8> = None;
    let mut ip_payload = 0usize;
    for layer in &dissection.layers {
        match &layer.header {
            Header::Ipv4(ip) => {
                network = Some(("IP", IpAddr::V4(ip.source), IpAddr::V4(ip.destination)));
                ip_protocol = Some(ip.protocol);
                ip_payload =
                    usize::from(ip.total_length).saturating_sub(usize::from(ip.header_length));
                if ip.fragment_offset != 0 {
                    later_fragment = Some((ip.protocol, ip.fragment_offset));
                }
            }
            Header::Ipv6(ip) => {
                network = Some(("IP6", IpAddr::V6(ip.source), IpAddr::V6(ip.destination)));
                ip_protocol = Some(ip.protocol);
                ip_payload = usize::from(ip.payload_length);
            }
            Header::Arp(arp) => {
                push_arp(line, arp);
                return;
            }
            Header::Tcp(tcp) => {
                if let Some((name, source, destination)) = network {
                    push_endpoints(
                        line,
                        name,
                        source,
                        Some(tcp.source_port),
                        destination,
                        Some(tcp.destination_port),
                    );
                }
                push_tcp(line, tcp);
                return;
            }
            Header::Udp(udp) => {
                if let Some((name, source, destination)) = network {
                    push_endpoints(
                        line,
                        name,
                        source,
                        Some(udp.source_port),
                        destination,
                        Some(udp.destination_port),
                    );
                }
                line.extend_from_slice(b"UDP, length ");
                line.number(udp.payload_length);
                return;
            }
            Header::Icmpv4(icmp) | Header::Icmpv6(icmp) => {
                let v6 = matches!(layer.header, Header::Icmpv6(_));
                if let Some((name, source, destination)) = network {
                    push_endpoints(line, name, source, None, destination, None);
                }
                push_icmp(line, v6, icmp, ip_payload);
                return;
            }
            Header::Igmp(igmp) => {
                if let Some((name, source, destination)) = network {
                    push_endpoints(line, name, source, None, destination, None);
                }
                line.extend_from_slice(b"IGMP type 0x");
                line.hex(u32::from(igmp.igmp_type), 2);
                if let Some(group) = igmp.group {
                    line.extend_from_slice(b", group ");
                    line.ipv4(group);
                }
                return;
            }
            _ => {}
        }
    }
    // No transport layer was decoded: say what the innermost layer announced.
    if let Some((name, source, destination)) = network {
        push_endpoints(line, name, source, None, destination, None);
        let protocol = ip_protocol.unwrap_or(0);
        let protocol_name = protocols::ip_protocol(protocol).map(|p| p.0);
        if let Some((_, offset)) = later_fragment {
            match protocol_name {
                Some(name) => line.extend_from_slice(name.as_bytes()),
                None => {
                    line.extend_from_slice(b"ip-proto-");
                    line.number(protocol);
                }
            }
            line.extend_from_slice(b" fragment, offset ");
            line.number(offset);
        } else {
            match protocol_name {
                Some(name) => line.extend_from_slice(name.as_bytes()),
                None => {
                    line.extend_from_slice(b"ip-proto-");
                    line.number(protocol);
                }
            }
        }
        line.extend_from_slice(b", length ");
        line.number(ip_payload);
        return;
    }
    let announced = dissection.layers.last().and_then(|l| match &l.header {
        Header::Ethernet(e) => Some(e.ether_type),
        Header::Vlan(v) => Some(v.ether_type),
        Header::LinuxSll(s) => Some(s.protocol),
        Header::LinuxSll2(s) => Some(s.protocol),
        _ => None,
    });
    match (announced, dissection.layers.last().map(|l| &l.header)) {
        (Some(length), _) if length < 0x0600 => line.extend_from_slice(b"802.3"),
        (Some(ether_type), _) => {
            if let Some((name, _)) = protocols::ether_type(ether_type) {
                line.extend_from_slice(name.as_bytes());
                line.push(b' ');
            }
            line.extend_from_slice(b"ethertype 0x");
            line.hex(u32::from(ether_type), 4);
        }
        (None, Some(Header::Loopback(lo))) => {
            line.extend_from_slice(b"loopback family ");
            line.number(lo.family);
        }
        _ => {
            line.extend_from_slice(b"link type ");
            line.number(dissection.link_type.number());
        }
    }
    line.extend_from_slice(b", length ");
    line.number(original_length);
}

/// `IP 192.0.2.10.51234 > 198.51.100.20.443: ` (ports only when there are some).
fn push_endpoints(
    line: &mut Line,
    name: &str,
    source: IpAddr,
    source_port: Option<u16>,
    destination: IpAddr,
    destination_port: Option<u16>,
) {
    line.extend_from_slice(name.as_bytes());
    line.push(b' ');
    line.ip(source);
    if let Some(port) = source_port {
        line.push(b'.');
        line.number(port);
    }
    line.extend_from_slice(b" > ");
    line.ip(destination);
    if let Some(port) = destination_port {
        line.push(b'.');
        line.number(port);
    }
    line.extend_from_slice(b": ");
}

/// tcpdump's TCP summary: `Flags [S.], seq 1:101, ack 5, win 502, options [...], length 100`.
/// Sequence numbers are absolute (tcpdump -S): portlens keeps no per-connection state here.
fn push_tcp(line: &mut Line, tcp: &crate::decode::Tcp) {
    line.extend_from_slice(b"Flags [");
    push_flag_letters(line, tcp.flags);
    line.push(b']');
    let data = tcp.payload_length as u64;
    let control = tcp.flags.0 & (TcpFlags::SYN | TcpFlags::FIN | TcpFlags::RST) != 0;
    if data > 0 || control {
        line.extend_from_slice(b", seq ");
        line.number(tcp.sequence);
        if data > 0 {
            line.push(b':');
            line.number((u64::from(tcp.sequence) + data) & 0xffff_ffff);
        }
    }
    if tcp.flags.has(TcpFlags::ACK) {
        line.extend_from_slice(b", ack ");
        line.number(tcp.acknowledgment);
    }
    line.extend_from_slice(b", win ");
    line.number(tcp.window);
    if tcp.flags.has(TcpFlags::URG) {
        line.extend_from_slice(b", urg ");
        line.number(tcp.urgent_pointer);
    }
    if !tcp.options.is_empty() {
        line.extend_from_slice(b", options [");
        for (index, option) in tcp.options.iter().enumerate() {
            if index > 0 {
                line.push(b',');
            }
            push_tcp_option(line, option);
        }
        line.push(b']');
    }
    line.extend_from_slice(b", length ");
    line.number(data);
}

fn push_tcp_option(line: &mut Line, option: &TcpOption) {
    match option {
        TcpOption::MaximumSegmentSize { value } => {
            line.extend_from_slice(b"mss ");
            line.number(*value);
        }
        TcpOption::WindowScale { shift } => {
            line.extend_from_slice(b"wscale ");
            line.number(*shift);
        }
        TcpOption::SackPermitted => line.extend_from_slice(b"sackOK"),
        TcpOption::Sack { blocks } => {
            line.extend_from_slice(b"sack ");
            line.number(blocks.len() as u64);
            for (left, right) in blocks {
                line.extend_from_slice(b" {");
                line.number(*left);
                line.push(b':');
                line.number(*right);
                line.push(b'}');
            }
        }
        TcpOption::Timestamp { value, echo_reply } => {
            line.extend_from_slice(b"TS val ");
            line.number(*value);
            line.extend_from_slice(b" ecr ");
            line.number(*echo_reply);
        }
        TcpOption::Multipath { subtype } => {
            line.extend_from_slice(b"mptcp ");
            line.number(*subtype);
        }
        TcpOption::FastOpen => line.extend_from_slice(b"tfo"),
        TcpOption::Other { number, .. } => {
            line.extend_from_slice(b"opt-");
            line.number(*number);
        }
    }
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
        line.extend_from_slice(b"none");
    }
}

/// The flags by name for the learner: `SYN`, `SYN-ACK`, `PSH-ACK`, `FIN-ACK`, `RST`.
fn push_flag_names(line: &mut Line, flags: TcpFlags) {
    let before = line.len();
    for name in flags.names() {
        if line.len() > before {
            line.push(b'-');
        }
        line.extend_from_slice(name.as_bytes());
    }
    if line.len() == before {
        line.extend_from_slice(b"no flags");
    }
}

/// `ICMP echo request, id 7, seq 1, length 64` (tcpdump's words and its length: the ICMP message).
fn push_icmp(line: &mut Line, v6: bool, icmp: &Icmp, length: usize) {
    line.extend_from_slice(if v6 { b"ICMP6, " } else { b"ICMP " });
    match protocols::icmp_name(v6, icmp.icmp_type, icmp.code) {
        (Some(name), code) => {
            line.extend_from_slice(name.as_bytes());
            if let Some(code) = code {
                line.extend_from_slice(b" (");
                line.extend_from_slice(code.as_bytes());
                line.push(b')');
            }
        }
        (None, _) => {
            line.extend_from_slice(b"type ");
            line.number(icmp.icmp_type);
            line.extend_from_slice(b" code ");
            line.number(icmp.code);
        }
    }
    if let Some((id, sequence)) = icmp.echo {
        line.extend_from_slice(b", id ");
        line.number(id);
        line.extend_from_slice(b", seq ");
        line.number(sequence);
    }
    if let Some(quoted) = &icmp.quoted {
        line.extend_from_slice(b", about ");
        line.ip(quoted.source);
        if let Some(port) = quoted.source_port {
            line.push(b'.');
            line.number(port);
        }
        line.extend_from_slice(b" > ");
        line.ip(quoted.destination);
        if let Some(port) = quoted.destination_port {
            line.push(b'.');
            line.number(port);
        }
    }
    line.extend_from_slice(b", length ");
    line.number(length);
}

/// `ARP, Request who-has 192.0.2.20 tell 192.0.2.10, length 28` / `ARP, Reply 192.0.2.20 is-at …`.
fn push_arp(line: &mut Line, arp: &crate::decode::Arp) {
    line.extend_from_slice(b"ARP, ");
    match (arp.operation, arp.sender_ip, arp.target_ip) {
        (1, Some(sender), Some(target)) => {
            line.extend_from_slice(b"Request who-has ");
            line.ipv4(target);
            line.extend_from_slice(b" tell ");
            line.ipv4(sender);
        }
        (2, Some(sender), _) => {
            line.extend_from_slice(b"Reply ");
            line.ipv4(sender);
            line.extend_from_slice(b" is-at ");
            if let Some(mac) = arp.sender_mac {
                line.mac(mac);
            }
        }
        (operation, _, _) => {
            match protocols::name_in(protocols::ARP_OPERATIONS, operation, crate::lang::Lang::En) {
                Some(name) => line.extend_from_slice(name.as_bytes()),
                None => {
                    line.extend_from_slice(b"operation ");
                    line.number(operation);
                }
            }
            line.extend_from_slice(b", hardware type ");
            line.number(arp.hardware_type);
        }
    }
    line.extend_from_slice(b", length 28");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::{Frame, LinkType, Timestamp};
    use crate::decode::decode;
    use crate::explain::Explainer;
    use crate::lang::Lang;
    use crate::render::PacketView;

    /// print-flags.pcap frame 1: SYN 127.0.0.1:55920 → 127.0.0.1:80 with MSS, SACK, TS, WS.
    const SYN: [u8; 74] = [
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x45,
        0x00, 0x00, 0x3c, 0x1b, 0x68, 0x40, 0x00, 0x40, 0x06, 0x21, 0x52, 0x7f, 0x00, 0x00, 0x01,
        0x7f, 0x00, 0x00, 0x01, 0xda, 0x70, 0x00, 0x50, 0x37, 0x58, 0x89, 0x7e, 0x00, 0x00, 0x00,
        0x00, 0xa0, 0x02, 0x7f, 0xff, 0x14, 0x21, 0x00, 0x00, 0x02, 0x04, 0x40, 0x0c, 0x04, 0x02,
        0x08, 0x0a, 0x4d, 0xdc, 0x92, 0x16, 0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x03, 0x02,
    ];

    fn render(data: &[u8], link_type: LinkType, palette: Palette) -> String {
        let frame = Frame {
            number: 1,
            timestamp: Timestamp {
                seconds: 1_235_484_312,
                nanoseconds: 675_612_000,
            },
            link_type,
            captured_length: data.len() as u32,
            original_length: data.len() as u32,
            data: data.to_vec(),
        };
        let dissection = decode(link_type, data);
        let mut renderer = OneLineRenderer::new(palette);
        let annotated = Explainer::new(Lang::En).explain_to(&dissection, renderer.depth());
        let mut out = Vec::new();
        renderer
            .packet(
                &mut out,
                &PacketView {
                    frame: &frame,
                    dissection: &dissection,
                    annotated: &annotated,
                },
            )
            .expect("writing to memory");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn a_syn_reads_like_tcpdump_then_names_service_and_role() {
        assert_eq!(
            render(&SYN, LinkType::Ethernet, Palette::plain()),
            "14:05:12.675612 IP 127.0.0.1.55920 > 127.0.0.1.80: Flags [S], seq 928549246, \
             win 32767, options [mss 16396,sackOK,TS val 1306300950 ecr 0,wscale 2], length 0  \
             HTTP client→server SYN\n"
        );
    }

    #[test]
    fn the_answer_goes_from_server_to_client() {
        let mut frame = SYN.to_vec();
        frame[34..36].copy_from_slice(&80u16.to_be_bytes());
        frame[36..38].copy_from_slice(&55920u16.to_be_bytes());
        frame[47] = 0x12;
        let line = render(&frame, LinkType::Ethernet, Palette::plain());
        assert!(line.contains("127.0.0.1.80 > 127.0.0.1.55920: Flags [S.], seq 928549246, ack 0,"));
        assert!(line.ends_with("  HTTP server→client SYN-ACK\n"), "{line}");
    }

    #[test]
    fn a_cut_frame_says_where_decoding_stopped() {
        let line = render(&SYN[..40], LinkType::Ethernet, Palette::plain());
        assert!(line.starts_with("14:05:12.675612 IP 127.0.0.1 > 127.0.0.1: TCP, length 40"));
        assert!(
            line.contains("Decoding stopped at the TCP header (byte 34)"),
            "{line}"
        );
    }

    #[test]
    fn colour_marks_only_the_service() {
        let coloured = render(&SYN, LinkType::Ethernet, Palette::new(true));
        assert!(coloured.contains("\u{1b}["));
        assert!(coloured.starts_with("14:05:12.675612 IP 127.0.0.1.55920"));
    }
}
