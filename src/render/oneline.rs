//! The one-line view: one line per packet in the words of `tcpdump -nn` (time, addresses and ports,
//! flags, sequence numbers, lengths), ending with what portlens adds — the service the server's
//! port names, which way the packet goes, and the TCP flags by name:
//! `… 192.0.2.10.51234 > 198.51.100.20.443: Flags [S], … length 0  HTTPS client→server SYN`.
//! Made for millions of packets: each line is built in one reused buffer without the formatting
//! machinery, and the service comes from [`role_of`], which builds no sentence (`Depth::Brief`).

use super::{PacketView, Palette, Renderer, Style};
use crate::decode::{Dissection, Header, Icmp, OptionWriter, TcpFlags};
use crate::digits::{Ipv4Text, fill_digits};
use crate::explain::{Depth, role_of};
use crate::knowledge::Side;
use crate::knowledge::protocols;
use crate::sanitize::terminal_safe;
use std::io::{self, Write as _};
use std::net::{IpAddr, Ipv4Addr};

/// Renders one line per packet.
pub struct OneLineRenderer {
    palette: Palette,
    /// Reused for every packet: a run allocates its line once.
    line: Line,
}

/// A line under construction: a block of memory and a cursor, so that the many short pieces of a
/// line (digits, separators) are written in place rather than through calls that copy memory.
pub(crate) struct Line {
    bytes: Vec<u8>,
    len: usize,
}

impl Line {
    pub(crate) fn new() -> Line {
        Line {
            bytes: vec![0; 1024],
            len: 0,
        }
    }

    pub(crate) fn clear(&mut self) {
        self.len = 0;
    }

    /// The next `count` bytes of the line, to be written (the block grows when needed).
    #[inline]
    fn room(&mut self, count: usize) -> &mut [u8] {
        let start = self.len;
        if start + count > self.bytes.len() {
            let size = (start + count).max(2 * self.bytes.len());
            self.bytes.resize(size, 0);
        }
        self.len += count;
        &mut self.bytes[start..start + count]
    }

    #[inline]
    pub(crate) fn push(&mut self, byte: u8) {
        self.room(1)[0] = byte;
    }

    #[inline]
    pub(crate) fn extend_from_slice(&mut self, bytes: &[u8]) {
        self.room(bytes.len()).copy_from_slice(bytes);
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

impl io::Write for Line {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
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
        push_time_of_day(line, ts.seconds, ts.nanoseconds);
        line.push(b' ');
        describe(line, view.dissection, view.frame.original_length);
        let p = self.palette;
        if let Some(role) = role_of(view.dissection) {
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
                push_u64(line, udp.payload_length as u64);
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
                push_hex_byte(line, igmp.igmp_type);
                if let Some(group) = igmp.group {
                    line.extend_from_slice(b", group ");
                    push_ipv4(line, group);
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
                    push_u64(line, u64::from(protocol));
                }
            }
            line.extend_from_slice(b" fragment, offset ");
            push_u64(line, u64::from(offset));
        } else {
            match protocol_name {
                Some(name) => line.extend_from_slice(name.as_bytes()),
                None => {
                    line.extend_from_slice(b"ip-proto-");
                    push_u64(line, u64::from(protocol));
                }
            }
        }
        line.extend_from_slice(b", length ");
        push_u64(line, ip_payload as u64);
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
            push_hex_byte(line, (ether_type >> 8) as u8);
            push_hex_byte(line, ether_type as u8);
        }
        (None, Some(Header::Loopback(lo))) => {
            line.extend_from_slice(b"loopback family ");
            push_u64(line, u64::from(lo.family));
        }
        _ => {
            line.extend_from_slice(b"link type ");
            push_u64(line, u64::from(dissection.link_type.number()));
        }
    }
    line.extend_from_slice(b", length ");
    push_u64(line, u64::from(original_length));
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
    push_ip(line, source);
    if let Some(port) = source_port {
        line.push(b'.');
        push_u64(line, u64::from(port));
    }
    line.extend_from_slice(b" > ");
    push_ip(line, destination);
    if let Some(port) = destination_port {
        line.push(b'.');
        push_u64(line, u64::from(port));
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
        push_u64(line, u64::from(tcp.sequence));
        if data > 0 {
            line.push(b':');
            push_u64(line, (u64::from(tcp.sequence) + data) & 0xffff_ffff);
        }
    }
    if tcp.flags.has(TcpFlags::ACK) {
        line.extend_from_slice(b", ack ");
        push_u64(line, u64::from(tcp.acknowledgment));
    }
    line.extend_from_slice(b", win ");
    push_u64(line, u64::from(tcp.window));
    if tcp.flags.has(TcpFlags::URG) {
        line.extend_from_slice(b", urg ");
        push_u64(line, u64::from(tcp.urgent_pointer));
    }
    if !tcp.options.is_empty() {
        line.extend_from_slice(b", options [");
        for (index, option) in tcp.options.iter().enumerate() {
            if index > 0 {
                line.push(b',');
            }
            option.write_full(line);
        }
        line.push(b']');
    }
    line.extend_from_slice(b", length ");
    push_u64(line, data);
}

/// A line takes TCP options' words in place (see [`TcpOption::write_full`]).
impl OptionWriter for Line {
    #[inline]
    fn text(&mut self, text: &str) {
        self.extend_from_slice(text.as_bytes());
    }

    #[inline]
    fn number(&mut self, value: u64) {
        push_u64(self, value);
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
            push_u64(line, u64::from(icmp.icmp_type));
            line.extend_from_slice(b" code ");
            push_u64(line, u64::from(icmp.code));
        }
    }
    if let Some((id, sequence)) = icmp.echo {
        line.extend_from_slice(b", id ");
        push_u64(line, u64::from(id));
        line.extend_from_slice(b", seq ");
        push_u64(line, u64::from(sequence));
    }
    if let Some(quoted) = &icmp.quoted {
        line.extend_from_slice(b", about ");
        push_ip(line, quoted.source);
        if let Some(port) = quoted.source_port {
            line.push(b'.');
            push_u64(line, u64::from(port));
        }
        line.extend_from_slice(b" > ");
        push_ip(line, quoted.destination);
        if let Some(port) = quoted.destination_port {
            line.push(b'.');
            push_u64(line, u64::from(port));
        }
    }
    line.extend_from_slice(b", length ");
    push_u64(line, length as u64);
}

/// `ARP, Request who-has 192.0.2.20 tell 192.0.2.10, length 28` / `ARP, Reply 192.0.2.20 is-at …`.
fn push_arp(line: &mut Line, arp: &crate::decode::Arp) {
    line.extend_from_slice(b"ARP, ");
    match (arp.operation, arp.sender_ip, arp.target_ip) {
        (1, Some(sender), Some(target)) => {
            line.extend_from_slice(b"Request who-has ");
            push_ipv4(line, target);
            line.extend_from_slice(b" tell ");
            push_ipv4(line, sender);
        }
        (2, Some(sender), _) => {
            line.extend_from_slice(b"Reply ");
            push_ipv4(line, sender);
            line.extend_from_slice(b" is-at ");
            if let Some(mac) = arp.sender_mac {
                let _ = write!(line, "{mac}");
            }
        }
        (operation, _, _) => {
            match protocols::name_in(protocols::ARP_OPERATIONS, operation, crate::lang::Lang::En) {
                Some(name) => line.extend_from_slice(name.as_bytes()),
                None => {
                    line.extend_from_slice(b"operation ");
                    push_u64(line, u64::from(operation));
                }
            }
            line.extend_from_slice(b", hardware type ");
            push_u64(line, u64::from(arp.hardware_type));
        }
    }
    line.extend_from_slice(b", length 28");
}

/// `HH:MM:SS.ffffff` in UTC (nanoseconds when the capture has them), as tcpdump prints the time.
pub(crate) fn push_time_of_day(line: &mut Line, seconds: i64, nanoseconds: u32) {
    let in_day = seconds.rem_euclid(86_400) as u32;
    push_two_digits(line, in_day / 3600);
    line.push(b':');
    push_two_digits(line, in_day % 3600 / 60);
    line.push(b':');
    push_two_digits(line, in_day % 60);
    line.push(b'.');
    if nanoseconds % 1000 == 0 {
        push_padded(line, nanoseconds / 1000, 6);
    } else {
        push_padded(line, nanoseconds, 9);
    }
}

fn push_two_digits(line: &mut Line, value: u32) {
    line.push(b'0' + (value / 10 % 10) as u8);
    line.push(b'0' + (value % 10) as u8);
}

/// `value` in `width` digits, zeros in front (`value` has no more digits than that).
fn push_padded(line: &mut Line, value: u32, width: usize) {
    let digits = line.room(width);
    digits.fill(b'0');
    fill_digits(digits, value % 10u32.saturating_pow(width as u32).max(1));
}

/// A number in decimal, without the formatting machinery: the digits are written in place, two
/// at a time, with no call to copy memory.
pub(crate) fn push_u64(line: &mut Line, value: u64) {
    match u32::try_from(value) {
        Ok(small) => push_u32(line, small),
        Err(_) => {
            // Split off the low nine digits so that the rest is u32 arithmetic.
            push_u64(line, value / 1_000_000_000);
            let low = line.room(9);
            low.fill(b'0');
            fill_digits(low, (value % 1_000_000_000) as u32);
        }
    }
}

fn push_u32(line: &mut Line, value: u32) {
    let count = match value {
        0..=9 => 1,
        10..=99 => 2,
        100..=999 => 3,
        1_000..=9_999 => 4,
        10_000..=99_999 => 5,
        100_000..=999_999 => 6,
        1_000_000..=9_999_999 => 7,
        10_000_000..=99_999_999 => 8,
        100_000_000..=999_999_999 => 9,
        _ => 10,
    };
    fill_digits(line.room(count), value);
}

fn push_hex_byte(line: &mut Line, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    line.push(HEX[usize::from(byte >> 4)]);
    line.push(HEX[usize::from(byte & 0x0f)]);
}

pub(crate) fn push_ipv4(line: &mut Line, address: Ipv4Addr) {
    line.extend_from_slice(Ipv4Text::new(address).as_bytes());
}

fn push_ip(line: &mut Line, address: IpAddr) {
    match address {
        IpAddr::V4(v4) => push_ipv4(line, v4),
        // IPv6 text has compression rules (RFC 5952) the standard library already follows.
        IpAddr::V6(v6) => {
            let _ = write!(line, "{v6}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::{Frame, LinkType, Timestamp};
    use crate::test_fixtures::{SYN, frame};

    /// `data` as the one-line view prints it, captured at 14:05:12.675612.
    fn render(data: &[u8], link_type: LinkType, palette: Palette) -> String {
        let frame = Frame {
            timestamp: Timestamp {
                seconds: 1_235_484_312,
                nanoseconds: 675_612_000,
            },
            ..frame(link_type, data)
        };
        crate::test_fixtures::render(&mut OneLineRenderer::new(palette), &frame)
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

    #[test]
    fn numbers_and_times_are_written_exactly() {
        let mut line = Line::new();
        let mut values = vec![0, 7, 9, 10, 99, 100, 101, 999, 1000, 65_535];
        values.extend([u64::from(u32::MAX), u64::from(u32::MAX) + 1, u64::MAX]);
        values.extend([1_000_000_000, 1_000_000_007, 10_000_000_000_000_000_000]);
        values.extend((0..64).map(|shift| 1u64 << shift));
        for value in values {
            line.clear();
            push_u64(&mut line, value);
            assert_eq!(String::from_utf8_lossy(line.as_bytes()), value.to_string());
        }
        for octet in 0..=255u8 {
            let address = Ipv4Addr::new(octet, 255 - octet, octet / 3, 7);
            line.clear();
            push_ipv4(&mut line, address);
            assert_eq!(
                String::from_utf8_lossy(line.as_bytes()),
                address.to_string()
            );
        }
        line.clear();
        push_time_of_day(&mut line, -1, 1);
        assert_eq!(
            String::from_utf8_lossy(line.as_bytes()),
            "23:59:59.000000001"
        );
        line.clear();
        push_time_of_day(&mut line, 86_399 + 86_400 * 5, 999_999_000);
        assert_eq!(String::from_utf8_lossy(line.as_bytes()), "23:59:59.999999");
        line.clear();
        push_time_of_day(&mut line, 3_600 * 7 + 60 * 5 + 3, 0);
        assert_eq!(String::from_utf8_lossy(line.as_bytes()), "07:05:03.000000");
    }
}
