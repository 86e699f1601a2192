//! The header diagrams (`--diagram`): each header drawn as the box its standard draws (32 bits to
//! a row, one column per bit, as in RFC 791), filled in with this packet's values. The field that
//! selects the next layer is highlighted and shows what it selects ("6 → TCP").

use super::hex::selector_steps;
use super::{PacketView, Palette, Renderer, Style, layer_title};
use crate::decode::{Header, Layer, TcpFlags, TcpOption};
use crate::knowledge::protocols;
use crate::sanitize::terminal_safe;
use std::io;

/// Draws every header of each packet as its standard's box diagram.
pub struct DiagramRenderer {
    palette: Palette,
}

impl DiagramRenderer {
    pub fn new(palette: Palette) -> DiagramRenderer {
        DiagramRenderer { palette }
    }
}

/// One field of a header: its name, width in bits, and this packet's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub bits: usize,
    pub value: String,
    /// True for the field that selects the next layer.
    pub selects: bool,
}

fn field(name: &'static str, bits: usize, value: impl ToString) -> Field {
    Field {
        name,
        bits,
        value: value.to_string(),
        selects: false,
    }
}

/// A header to draw: its title, the standard that defines it, and its fields in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagram {
    pub title: &'static str,
    pub standard: &'static str,
    pub fields: Vec<Field>,
}

const ROW_BITS: usize = 32;
const INDENT: &str = "    ";

impl Renderer for DiagramRenderer {
    fn packet(&mut self, out: &mut dyn io::Write, view: &PacketView<'_>) -> io::Result<()> {
        let p = &self.palette;
        let steps = selector_steps(view.dissection, view.annotated);
        for (index, layer) in view.dissection.layers.iter().enumerate() {
            let mut diagram = diagram_of(layer, &view.frame.data);
            // Mark the fields whose bytes are a selecting field, and say what each selects.
            let mut bit = 0;
            for field in &mut diagram.fields {
                let (start, end) = (bit, bit + field.bits);
                bit = end;
                if start % 8 != 0 || end % 8 != 0 {
                    continue;
                }
                let bytes = (layer.span.start + start / 8, layer.span.start + end / 8);
                if let Some((_, step)) = steps
                    .iter()
                    .find(|(s, _)| s.layer == index && (s.span.start, s.span.end) == bytes)
                {
                    field.selects = true;
                    if let Some(step) = step {
                        field.value = format!("{} → {}", step.value, step.next);
                    }
                }
            }
            let (_, style) = layer_title(&layer.header);
            let heading = format!(
                "{} ({}), {} bytes",
                diagram.title,
                diagram.standard,
                layer.span.len()
            );
            writeln!(out, "  {}", p.paint(&heading, style))?;
            for line in draw(&diagram.fields) {
                let mut text = String::with_capacity(line.len() + 16);
                for piece in line {
                    match piece {
                        Piece::Plain(s) => text.push_str(&s),
                        Piece::Selected(s) => text.push_str(&p.paint(&s, Style::Selector)),
                    }
                }
                writeln!(out, "{INDENT}{}", text.trim_end())?;
            }
        }
        if !view.dissection.layers.is_empty() {
            writeln!(out)?;
        }
        Ok(())
    }
}

/// A piece of a drawn line: plain, or part of the selecting field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Plain(String),
    Selected(String),
}

/// The fields of a layer's header with this packet's values. `data` is the whole frame, for the
/// few fields the dissection does not keep (reserved bits, extension header lengths).
pub fn diagram_of(layer: &Layer, data: &[u8]) -> Diagram {
    let at = layer.span.start;
    let byte = |offset: usize| data.get(at + offset).copied().unwrap_or(0);
    let hex16 = |value: u16| format!("0x{value:04x}");
    let (title, standard, fields) = match &layer.header {
        Header::Ethernet(e) => (
            "Ethernet II header",
            "IEEE 802.3",
            vec![
                field("Destination MAC address", 48, e.destination),
                field("Source MAC address", 48, e.source),
                field("EtherType", 16, hex16(e.ether_type)),
            ],
        ),
        Header::Vlan(v) => (
            "VLAN tag",
            "IEEE 802.1Q",
            vec![
                field("PCP", 3, v.priority),
                field("D", 1, u8::from(v.drop_eligible)),
                field("VLAN ID", 12, v.id),
                field("EtherType", 16, hex16(v.ether_type)),
            ],
        ),
        Header::LinuxSll(s) => (
            "Linux cooked capture header",
            "LINKTYPE_LINUX_SLL",
            vec![
                field("Packet Type", 16, s.packet_type),
                field("ARPHRD Type", 16, s.hardware_type),
                field("Address Length", 16, s.address_length),
                field(
                    "Link-layer Address",
                    64,
                    s.source.map(|m| m.to_string()).unwrap_or_default(),
                ),
                field("Protocol", 16, hex16(s.protocol)),
            ],
        ),
        Header::LinuxSll2(s) => (
            "Linux cooked capture v2 header",
            "LINKTYPE_LINUX_SLL2",
            vec![
                field("Protocol", 16, hex16(s.protocol)),
                field("Reserved", 16, u16::from_be_bytes([byte(2), byte(3)])),
                field("Interface Index", 32, s.interface_index),
                field("ARPHRD Type", 16, s.hardware_type),
                field("Packet Type", 8, s.packet_type),
                field("Addr Len", 8, s.address_length),
                field(
                    "Link-layer Address",
                    64,
                    s.source.map(|m| m.to_string()).unwrap_or_default(),
                ),
            ],
        ),
        Header::Loopback(lo) => (
            "BSD loopback header",
            "LINKTYPE_NULL",
            vec![field("Address Family", 32, lo.family)],
        ),
        Header::Arp(a) => {
            let ip = |v: Option<std::net::Ipv4Addr>| v.map(|v| v.to_string()).unwrap_or_default();
            let mac =
                |m: Option<crate::decode::MacAddress>| m.map(|m| m.to_string()).unwrap_or_default();
            let operation = match protocols::name_in(
                protocols::ARP_OPERATIONS,
                a.operation,
                crate::lang::Lang::En,
            ) {
                Some(name) => format!("{} ({name})", a.operation),
                None => a.operation.to_string(),
            };
            (
                "ARP packet",
                "RFC 826",
                vec![
                    field("Hardware Type", 16, a.hardware_type),
                    field("Protocol Type", 16, hex16(a.protocol_type)),
                    field("HLen", 8, byte(4)),
                    field("PLen", 8, byte(5)),
                    field("Operation", 16, operation),
                    field("Sender MAC address", 48, mac(a.sender_mac)),
                    field("Sender IP address", 32, ip(a.sender_ip)),
                    field("Target MAC address", 48, mac(a.target_mac)),
                    field("Target IP address", 32, ip(a.target_ip)),
                ],
            )
        }
        Header::Ipv4(ip) => {
            let flags = match (ip.dont_fragment, ip.more_fragments) {
                (true, true) => "DF MF",
                (true, false) => "DF",
                (false, true) => "MF",
                (false, false) => "-",
            };
            let mut fields = vec![
                field("Version", 4, 4),
                field("IHL", 4, ip.header_length / 4),
                field("DSCP", 6, ip.dscp),
                field("ECN", 2, ip.ecn),
                field("Total Length", 16, ip.total_length),
                field("Identification", 16, hex16(ip.identification)),
                field("Flags", 3, flags),
                field("Fragment Offset", 13, ip.fragment_offset / 8),
                field("Time to Live", 8, ip.ttl),
                field("Protocol", 8, ip.protocol),
                field("Header Checksum", 16, hex16(ip.checksum)),
                field("Source Address", 32, ip.source),
                field("Destination Address", 32, ip.destination),
            ];
            let options = usize::from(ip.header_length).saturating_sub(20);
            if options > 0 {
                fields.push(field("Options", options * 8, format!("{options} bytes")));
            }
            let extra = layer
                .span
                .len()
                .saturating_sub(usize::from(ip.header_length));
            if extra > 0 {
                // An IPsec authentication header that etherparse counts with the IP header.
                fields.push(field(
                    "Authentication Header",
                    extra * 8,
                    format!("{extra} bytes"),
                ));
            }
            ("IPv4 header", "RFC 791", fields)
        }
        Header::Ipv6(ip) => {
            let mut fields = vec![
                field("Version", 4, 6),
                field("Traffic Class", 8, ip.traffic_class),
                field("Flow Label", 20, format!("0x{:05x}", ip.flow_label)),
                field("Payload Length", 16, ip.payload_length),
                field("Next Header", 8, ip.next_header),
                field("Hop Limit", 8, ip.hop_limit),
                field("Source Address", 128, ip.source),
                field("Destination Address", 128, ip.destination),
            ];
            let mut offset = 40;
            for extension in &ip.extensions {
                let name = match extension.kind {
                    0 => "Hop-by-Hop Options header",
                    43 => "Routing header",
                    44 => "Fragment header",
                    51 => "Authentication header",
                    60 => "Destination Options header",
                    _ => "Extension header",
                };
                fields.push(field("Next Header", 8, extension.next_header));
                fields.push(field("Hdr Ext Len", 8, byte(offset + 1)));
                let rest = extension.length.saturating_sub(2) * 8;
                if rest > 0 {
                    fields.push(field(name, rest, ""));
                }
                offset += extension.length;
            }
            ("IPv6 header", "RFC 8200", fields)
        }
        Header::Icmpv4(icmp) | Header::Icmpv6(icmp) => {
            let v6 = matches!(layer.header, Header::Icmpv6(_));
            let mut fields = vec![
                field("Type", 8, icmp.icmp_type),
                field("Code", 8, icmp.code),
                field("Checksum", 16, hex16(icmp.checksum)),
            ];
            match icmp.echo {
                Some((id, sequence)) => {
                    fields.push(field("Identifier", 16, id));
                    fields.push(field("Sequence Number", 16, sequence));
                }
                None => fields.push(field(
                    "Rest of Header",
                    32,
                    format!(
                        "0x{:02x}{:02x}{:02x}{:02x}",
                        byte(4),
                        byte(5),
                        byte(6),
                        byte(7)
                    ),
                )),
            }
            let (title, standard) = if v6 {
                ("ICMPv6 header", "RFC 4443")
            } else {
                ("ICMP header", "RFC 792")
            };
            (title, standard, fields)
        }
        Header::Igmp(igmp) => (
            "IGMP message",
            "RFC 2236",
            vec![
                field("Type", 8, format!("0x{:02x}", igmp.igmp_type)),
                field("Max Resp Time", 8, byte(1)),
                field(
                    "Checksum",
                    16,
                    hex16(u16::from_be_bytes([byte(2), byte(3)])),
                ),
                field(
                    "Group Address",
                    32,
                    igmp.group.map(|g| g.to_string()).unwrap_or_default(),
                ),
            ],
        ),
        Header::Tcp(t) => {
            let flag = |name: &'static str, bit: u16| field(name, 1, u8::from(t.flags.has(bit)));
            let mut fields = vec![
                field("Source Port", 16, t.source_port),
                field("Destination Port", 16, t.destination_port),
                field("Sequence Number", 32, t.sequence),
                field("Acknowledgment Number", 32, t.acknowledgment),
                field("Offset", 4, t.header_length / 4),
                field("Rsrvd", 4, byte(12) & 0x0f),
                flag("C", TcpFlags::CWR),
                flag("E", TcpFlags::ECE),
                flag("U", TcpFlags::URG),
                flag("A", TcpFlags::ACK),
                flag("P", TcpFlags::PSH),
                flag("R", TcpFlags::RST),
                flag("S", TcpFlags::SYN),
                flag("F", TcpFlags::FIN),
                field("Window", 16, t.window),
                field("Checksum", 16, hex16(t.checksum)),
                field("Urgent Pointer", 16, t.urgent_pointer),
            ];
            let options = usize::from(t.header_length).saturating_sub(20);
            if options > 0 {
                let text = TcpOption::compact_list(&t.options).to_string();
                let text = text.trim_start_matches('<').trim_end_matches('>');
                fields.push(field("Options", options * 8, text));
            }
            ("TCP header", "RFC 9293", fields)
        }
        Header::Udp(u) => (
            "UDP header",
            "RFC 768",
            vec![
                field("Source Port", 16, u.source_port),
                field("Destination Port", 16, u.destination_port),
                field("Length", 16, u.length),
                field("Checksum", 16, hex16(u.checksum)),
            ],
        ),
    };
    Diagram {
        title,
        standard,
        fields,
    }
}

/// Which field covers each bit of each row (`None` past the end of the header).
fn owners(fields: &[Field]) -> Vec<[Option<usize>; ROW_BITS]> {
    let total: usize = fields.iter().map(|f| f.bits).sum();
    let mut rows = vec![[None; ROW_BITS]; total.div_ceil(ROW_BITS)];
    let mut bit = 0;
    for (index, field) in fields.iter().enumerate() {
        for b in bit..bit + field.bits {
            rows[b / ROW_BITS][b % ROW_BITS] = Some(index);
        }
        bit += field.bits;
    }
    rows
}

/// Draws the fields RFC-style: a bit ruler, then for each 32-bit row a border, a line of names
/// and a line of values. A field that continues onto the next row has no border between the two,
/// and a row that only continues fields from above is one blank line high.
pub fn draw(fields: &[Field]) -> Vec<Vec<Piece>> {
    let rows = owners(fields);
    let mut lines = vec![
        vec![Piece::Plain(
            " 0                   1                   2                   3".to_string(),
        )],
        vec![Piece::Plain(
            " 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1".to_string(),
        )],
    ];
    let owner = |row: Option<usize>, bit: isize| -> Option<usize> {
        let row = rows.get(row?)?;
        usize::try_from(bit)
            .ok()
            .and_then(|b| row.get(b).copied())
            .flatten()
    };
    // Does a vertical line stand at `boundary` (between bits boundary-1 and boundary) in a row?
    let edge = |row: Option<usize>, boundary: usize| {
        let left = owner(row, boundary as isize - 1);
        let right = owner(row, boundary as isize);
        left != right
    };
    for r in 0..=rows.len() {
        let above = r.checked_sub(1);
        let below = (r < rows.len()).then_some(r);
        // The border between `above` and `below`.
        let mut border = String::with_capacity(2 * ROW_BITS + 1);
        for boundary in 0..=ROW_BITS {
            let content = |bit: usize| {
                let (a, b) = (owner(above, bit as isize), owner(below, bit as isize));
                // A border only where the field changes: none inside a field that continues
                // from the row above, none past the end of both rows.
                if bit >= ROW_BITS || a == b { ' ' } else { '-' }
            };
            let left = if boundary > 0 {
                content(boundary - 1)
            } else {
                ' '
            };
            let right = content(boundary);
            let corner =
                left == '-' || right == '-' || edge(above, boundary) || edge(below, boundary);
            border.push(if corner { '+' } else { ' ' });
            if boundary < ROW_BITS {
                border.push(right);
            }
        }
        lines.push(vec![Piece::Plain(border)]);
        let Some(row) = below else { break };
        // A row where no field starts only continues fields from above: one blank line will do.
        let starts = (0..ROW_BITS).any(|bit| {
            rows[row][bit].is_some_and(|index| row * ROW_BITS + bit == start_bit(fields, index))
        });
        let lines_of_row: &[bool] = if starts { &[false, true] } else { &[false] };
        for &show_value in lines_of_row {
            let mut line = Vec::new();
            let mut bit = 0;
            while bit < ROW_BITS {
                let Some(index) = rows[row][bit] else { break };
                let mut end = bit;
                while end < ROW_BITS && rows[row][end] == Some(index) {
                    end += 1;
                }
                let width = 2 * (end - bit) - 1;
                let field = &fields[index];
                let starts_here = (row * ROW_BITS + bit) == start_bit(fields, index);
                let text = match (starts_here, show_value) {
                    (false, _) => "",
                    (true, false) => field.name,
                    (true, true) => field.value.as_str(),
                };
                line.push(Piece::Plain("|".to_string()));
                let cell = centre(&terminal_safe(text), width);
                line.push(if field.selects {
                    Piece::Selected(cell)
                } else {
                    Piece::Plain(cell)
                });
                bit = end;
            }
            line.push(Piece::Plain("|".to_string()));
            lines.push(line);
        }
    }
    lines
}

fn start_bit(fields: &[Field], index: usize) -> usize {
    fields[..index].iter().map(|f| f.bits).sum()
}

/// `text` centred in `width` columns, cut with an ellipsis when it does not fit.
fn centre(text: &str, width: usize) -> String {
    let length = text.chars().count();
    if length > width {
        let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
        if width > 0 {
            cut.push('…');
        }
        return cut;
    }
    let left = (width - length) / 2;
    let right = width - length - left;
    format!("{}{text}{}", " ".repeat(left), " ".repeat(right))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::LinkType;
    use crate::test_fixtures::frame;
    use crate::test_fixtures::text::assert_same_text;

    /// A UDP datagram 192.0.2.10:51234 → 198.51.100.20:53 (DNS), 8 bytes of payload.
    fn dns_query() -> Vec<u8> {
        let mut frame = vec![
            0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00, // Ethernet
            0x45, 0x00, 0x00, 0x24, 0x12, 0x34, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00, // IPv4
            192, 0, 2, 10, 198, 51, 100, 20, // addresses
            0xc8, 0x22, 0x00, 0x35, 0x00, 0x10, 0xab, 0xcd, // UDP
        ];
        frame.extend_from_slice(b"payload!");
        frame
    }

    fn render(data: &[u8], palette: Palette) -> String {
        let frame = frame(LinkType::Ethernet, data);
        crate::test_fixtures::render(&mut DiagramRenderer::new(palette), &frame)
    }

    #[test]
    fn udp_is_drawn_with_its_values_and_the_port_that_selects_the_program() {
        let text = render(&dns_query(), Palette::plain());
        let udp = text.split("  UDP header").nth(1).expect("a UDP diagram");
        assert_same_text(
            " (RFC 768), 8 bytes
     0                   1                   2                   3
     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    |          Source Port          |       Destination Port        |
    |             51234             |           53 → DNS            |
    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    |            Length             |           Checksum            |
    |              16               |            0xabcd             |
    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

",
            udp,
            "the UDP diagram",
        );
    }

    #[test]
    fn the_ipv4_protocol_field_names_the_transport() {
        let text = render(&dns_query(), Palette::plain());
        assert!(text.contains("  IPv4 header (RFC 791), 20 bytes\n"));
        assert!(
            text.contains(
                "    |Version|  IHL  |   DSCP    |ECN|         Total Length          |\n    \
                 |   4   |   5   |     0     | 0 |              36               |\n"
            ),
            "{text}"
        );
        assert!(text.contains("| Time to Live  |   Protocol    |        Header Checksum        |"));
        assert!(text.contains("|      64       |   17 → UDP    |            0x0000             |"));
    }

    #[test]
    fn a_field_longer_than_a_row_has_no_border_inside() {
        // Ethernet: 48 + 48 + 16 bits, so the MAC addresses run across rows; the third row only
        // continues the source address, so it is one line high.
        let text = render(&dns_query(), Palette::plain());
        let ethernet: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.starts_with("  Ethernet II header"))
            .skip(3)
            .take_while(|l| !l.starts_with("  IPv4"))
            .collect();
        assert_same_text(
            "    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    |                    Destination MAC address                    |
    |                       02:00:00:00:00:02                       |
    +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    |                               |      Source MAC address       |
    |                               |       02:00:00:00:00:01       |
    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
    |                                                               |
    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    |           EtherType           |
    |         0x0800 → IPv4         |
    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+",
            &ethernet.join("\n"),
            "the Ethernet diagram",
        );
    }

    #[test]
    fn colour_highlights_only_the_selecting_fields() {
        let palette = Palette::new(true);
        let coloured = render(&dns_query(), palette);
        for selecting in [
            centre("0x0800 → IPv4", 31),
            centre("17 → UDP", 15),
            centre("53 → DNS", 31),
        ] {
            assert!(
                coloured.contains(palette.paint(&selecting, Style::Selector).as_ref()),
                "{selecting} is highlighted"
            );
        }
        assert!(
            !coloured.contains(
                palette
                    .paint(&centre("51234", 31), Style::Selector)
                    .as_ref()
            )
        );
    }

    #[test]
    fn text_longer_than_its_box_is_cut() {
        assert_eq!(centre("Destination", 7), "Destin…");
        assert_eq!(centre("IHL", 7), "  IHL  ");
        assert_eq!(centre("1", 1), "1");
    }
}
