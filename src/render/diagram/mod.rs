//! The header diagrams (`--diagram`): each header drawn as the box its standard draws (32 bits to
//! a row, one column per bit, as in RFC 791), filled in with this packet's values. The field that
//! selects the next layer is highlighted and shows what it selects ("6 → TCP").

mod draw;
mod headers;

pub use draw::{Piece, draw};
pub use headers::{Diagram, Field, diagram_of};

use super::hex::selector_steps;
use super::{PacketView, Palette, Renderer, Style, layer_title};
use crate::decode::{Layer, Selector};
use crate::explain::ChainStep;
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

const INDENT: &str = "    ";

impl Renderer for DiagramRenderer {
    fn packet(&mut self, out: &mut dyn io::Write, view: &PacketView<'_>) -> io::Result<()> {
        let p = &self.palette;
        let steps = selector_steps(view.dissection, view.annotated);
        for (index, layer) in view.dissection.layers.iter().enumerate() {
            let mut diagram = diagram_of(layer, &view.frame.data);
            mark_selectors(&mut diagram, layer, index, &steps);
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

/// Marks the fields whose bytes are a selecting field of layer `index`, and says what each
/// selects ("6 → TCP") when the explanation has the step.
fn mark_selectors(
    diagram: &mut Diagram,
    layer: &Layer,
    index: usize,
    steps: &[(Selector, Option<&ChainStep>)],
) {
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
}

#[cfg(test)]
mod tests {
    use super::draw::centre;
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
        crate::render::fixtures::render(&mut DiagramRenderer::new(palette), &frame)
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
