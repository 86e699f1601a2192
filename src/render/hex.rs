//! The hex view (`-x`, and `-X` with the printable characters beside): every captured byte of the
//! frame beneath the packet, split where one layer ends and the next begins, with the bytes of the
//! fields that select the next layer (EtherType, IP protocol or next header, destination port)
//! highlighted in colour and pointed at, with the chain step they make, on the line below.

use super::{PacketView, Palette, Renderer, Style, layer_title};
use crate::decode::{Dissection, Header, Selector, Span, selectors};
use crate::explain::{Annotated, ChainStep};
use crate::format::Sink;
use crate::sanitize::terminal_safe;
use std::io;

/// Hex only (`-x`), or hex and ASCII (`-X`), like tcpdump.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HexStyle {
    Hex,
    HexAndAscii,
}

/// Renders the bytes of each packet, layer by layer.
pub struct HexRenderer {
    palette: Palette,
    style: HexStyle,
}

impl HexRenderer {
    pub fn new(palette: Palette, style: HexStyle) -> HexRenderer {
        HexRenderer { palette, style }
    }
}

const BYTES_PER_ROW: usize = 16;
const ROW_INDENT: &str = "      ";
/// Indent, four offset digits and two spaces: where the first byte of a row starts.
const HEX_COLUMN: usize = ROW_INDENT.len() + 6;

/// A run of bytes shown under one heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub title: &'static str,
    pub style: Style,
    pub span: Span,
    /// Index of the layer in the dissection, when the region is a layer.
    pub layer: Option<usize>,
}

/// Splits the captured bytes into the layers, the payload, and whatever is left over.
pub fn regions(dissection: &Dissection, captured: usize) -> Vec<Region> {
    let mut regions = Vec::with_capacity(dissection.layers.len() + 3);
    let mut cursor = 0;
    let leftover = |span: Span, title: &'static str, regions: &mut Vec<Region>| {
        if !span.is_empty() {
            regions.push(Region {
                title,
                style: Style::Dim,
                span,
                layer: None,
            });
        }
    };
    for (index, layer) in dissection.layers.iter().enumerate() {
        let span = Span::new(layer.span.start.max(cursor), layer.span.end.min(captured));
        leftover(Span::new(cursor, span.start), "not decoded", &mut regions);
        let (title, style) = layer_title(&layer.header);
        if !span.is_empty() {
            regions.push(Region {
                title,
                style,
                span,
                layer: Some(index),
            });
        }
        cursor = cursor.max(span.end);
    }
    if let Some(payload) = dissection.payload {
        let span = Span::new(payload.start.max(cursor), payload.end.min(captured));
        leftover(Span::new(cursor, span.start), "not decoded", &mut regions);
        let title = match dissection.layers.last().map(|l| &l.header) {
            Some(Header::Tcp(_)) => "TCP payload (the program's data)",
            Some(Header::Udp(_)) => "UDP payload (the program's data)",
            Some(Header::Icmpv4(_) | Header::Icmpv6(_)) => "ICMP body",
            _ => "payload",
        };
        if !span.is_empty() {
            regions.push(Region {
                title,
                style: Style::Service,
                span,
                layer: None,
            });
        }
        cursor = cursor.max(span.end);
    }
    let title = if dissection.stopped.is_some() {
        "not decoded (decoding stopped)"
    } else if dissection.payload.is_some() {
        "padding or trailer (after the IP packet)"
    } else {
        "not decoded"
    };
    leftover(Span::new(cursor, captured.max(cursor)), title, &mut regions);
    regions
}

impl Renderer for HexRenderer {
    fn packet(&mut self, out: &mut dyn io::Write, view: &PacketView<'_>) -> io::Result<()> {
        let p = &self.palette;
        let data = &view.frame.data;
        let mut text = String::with_capacity(256);
        text.push_str("hex dump of ");
        text.number(data.len());
        text.push_str(" captured bytes, layer by layer");
        if u64::from(view.frame.original_length) > data.len() as u64 {
            text.push_str(" (");
            text.number(view.frame.original_length);
            text.push_str(" on the wire)");
        }
        writeln!(out, "  {}  {}", p.paint("Bytes", Style::Heading), text)?;
        let selected = selector_steps(view.dissection, view.annotated);
        for region in regions(view.dissection, data.len()) {
            let range = if region.span.len() == 1 {
                format!("byte {}", region.span.start)
            } else {
                format!("bytes {}–{}", region.span.start, region.span.end - 1)
            };
            writeln!(
                out,
                "    {} {}",
                p.paint(region.title, region.style),
                p.paint(&range, Style::Dim)
            )?;
            let labels = region
                .layer
                .map(|layer| step_labels(&selected, layer))
                .unwrap_or_default();
            let mut row_start = region.span.start;
            while row_start < region.span.end {
                let row_end = (row_start + BYTES_PER_ROW).min(region.span.end);
                self.row(out, data, row_start, row_end, &labels)?;
                row_start = row_end;
            }
        }
        writeln!(out)
    }
}

impl HexRenderer {
    /// One row of up to 16 bytes, and beneath it the marks under any selecting bytes.
    fn row(
        &self,
        out: &mut dyn io::Write,
        data: &[u8],
        start: usize,
        end: usize,
        labels: &[(Span, String)],
    ) -> io::Result<()> {
        let mut line = String::with_capacity(96);
        line.push_str(ROW_INDENT);
        line.hex((start & 0xffff) as u32, 4).text("  ");
        self.hex_columns(&mut line, data, start, end, labels);
        if self.style == HexStyle::HexAndAscii {
            line.push(' ');
            self.ascii_columns(&mut line, data, start, end, labels);
        }
        writeln!(out, "{}", line.trim_end())?;
        self.marks(out, start, end, labels)
    }

    /// The bytes in hex, a gap after the eighth; with ASCII beside them, short rows are padded so
    /// that the ASCII column lines up.
    fn hex_columns(
        &self,
        line: &mut String,
        data: &[u8],
        start: usize,
        end: usize,
        labels: &[(Span, String)],
    ) {
        let p = &self.palette;
        for column in 0..BYTES_PER_ROW {
            if column == 8 {
                line.push(' ');
            }
            let at = start + column;
            if at < end {
                let mut pair = String::with_capacity(2);
                pair.hex(u32::from(data[at]), 2);
                if is_selected(labels, at) {
                    line.push_str(&p.paint(&pair, Style::Selector));
                } else {
                    line.push_str(&pair);
                }
                line.push(' ');
            } else if self.style == HexStyle::HexAndAscii {
                line.push_str("   ");
            }
        }
    }

    /// The bytes as printable ASCII, a dot for the others.
    fn ascii_columns(
        &self,
        line: &mut String,
        data: &[u8],
        start: usize,
        end: usize,
        labels: &[(Span, String)],
    ) {
        for (offset, &byte) in data[start..end].iter().enumerate() {
            let shown = if byte.is_ascii_graphic() || byte == b' ' {
                byte as char
            } else {
                '.'
            };
            let mut buffer = [0u8; 4];
            let shown: &str = shown.encode_utf8(&mut buffer);
            if is_selected(labels, start + offset) {
                line.push_str(&self.palette.paint(shown, Style::Selector));
            } else {
                line.push_str(shown);
            }
        }
    }

    /// The marks: `^^` under each selecting byte of the row, joined across the space between
    /// neighbours, then the chain step each field makes (said on the row where it starts).
    fn marks(
        &self,
        out: &mut dyn io::Write,
        start: usize,
        end: usize,
        labels: &[(Span, String)],
    ) -> io::Result<()> {
        let in_row: Vec<&(Span, String)> = labels
            .iter()
            .filter(|(s, _)| s.start < end && s.end > start)
            .collect();
        if in_row.is_empty() {
            return Ok(());
        }
        let marks = caret_line(&in_row, start, end);
        let said: Vec<&str> = in_row
            .iter()
            .filter(|(s, _)| s.start >= start)
            .map(|(_, label)| label.as_str())
            .filter(|label| !label.is_empty())
            .collect();
        let text = if said.is_empty() {
            marks
        } else {
            format!("{marks} {}", terminal_safe(&said.join("; ")))
        };
        let (indent, rest) = text.split_at(HEX_COLUMN.min(text.len()));
        writeln!(out, "{indent}{}", self.palette.paint(rest, Style::Step))
    }
}

/// Whether the byte at `at` belongs to a selecting field.
fn is_selected(labels: &[(Span, String)], at: usize) -> bool {
    labels.iter().any(|(s, _)| s.start <= at && at < s.end)
}

/// `^^` under each byte of the fields in the row from `start` to `end`.
fn caret_line(in_row: &[&(Span, String)], start: usize, end: usize) -> String {
    let column_of = |at: usize| {
        let column = at - start;
        HEX_COLUMN + column * 3 + usize::from(column >= 8)
    };
    let mut marks = vec![b' '; HEX_COLUMN + BYTES_PER_ROW * 3 + 1];
    let mut last = 0;
    for (span, _) in in_row {
        for at in span.start.max(start)..span.end.min(end) {
            let column = column_of(at);
            marks[column] = b'^';
            marks[column + 1] = b'^';
            if at + 1 < span.end.min(end) {
                // Join with the next byte of the same field, across the gap.
                for slot in &mut marks[column + 2..column_of(at + 1)] {
                    *slot = b'^';
                }
            }
            last = last.max(column + 2);
        }
    }
    marks.truncate(last);
    String::from_utf8_lossy(&marks).into_owned()
}

/// Each selecting field of the dissection with the chain step it makes in the explanation (the
/// k-th selector of a layer makes that layer's k-th step; `None` when the explanation has no step
/// for it, as with a view that explains less).
pub fn selector_steps<'a>(
    dissection: &Dissection,
    annotated: &'a Annotated,
) -> Vec<(Selector, Option<&'a ChainStep>)> {
    let found = selectors(dissection);
    let mut paired = Vec::with_capacity(found.len());
    let mut k = 0;
    for (index, selector) in found.iter().enumerate() {
        if index > 0 && found[index - 1].layer != selector.layer {
            k = 0;
        }
        let step = annotated
            .layers
            .get(selector.layer)
            .and_then(|layer| layer.steps.get(k));
        paired.push((*selector, step));
        k += 1;
    }
    paired
}

/// The selecting fields of one layer with the chain step each makes ("EtherType 0x0800 → IPv4").
fn step_labels(selected: &[(Selector, Option<&ChainStep>)], layer: usize) -> Vec<(Span, String)> {
    selected
        .iter()
        .filter(|(s, _)| s.layer == layer)
        .map(|(s, step)| {
            let label = step
                .map(|step| format!("{} {} → {}", step.field, step.value, step.next))
                .unwrap_or_default();
            (s.span, label)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::{Frame, LinkType};
    use crate::decode::decode;
    use crate::test_fixtures::text::{assert_same_text, strip_ansi};
    use crate::test_fixtures::{SYN, frame};

    /// `data`, the first bytes of the 74-byte SYN, as the hex view prints it.
    fn render(data: &[u8], style: HexStyle, palette: Palette) -> String {
        let frame = Frame {
            original_length: 74,
            ..frame(LinkType::Ethernet, data)
        };
        crate::render::fixtures::render(&mut HexRenderer::new(palette, style), &frame)
    }

    #[test]
    fn each_layer_starts_its_own_rows_and_selectors_are_pointed_at() {
        let text = render(&SYN, HexStyle::HexAndAscii, Palette::plain());
        let expected = "  Bytes  hex dump of 74 captured bytes, layer by layer
    Ethernet bytes 0–13
      0000  00 00 00 00 00 00 00 00  00 00 00 00 08 00        ..............
                                                 ^^^^^ EtherType 0x0800 → IPv4
    IPv4 bytes 14–33
      000e  45 00 00 3c 1b 68 40 00  40 06 21 52 7f 00 00 01  E..<.h@.@.!R....
                                        ^^ protocol 6 → TCP
      001e  7f 00 00 01                                       ....
    TCP bytes 34–73
      0022  da 70 00 50 37 58 89 7e  00 00 00 00 a0 02 7f ff  .p.P7X.~........
                  ^^^^^ destination port 80 → HTTP
      0032  14 21 00 00 02 04 40 0c  04 02 08 0a 4d dc 92 16  .!....@.....M...
      0042  00 00 00 00 01 03 03 02                           ........

";
        assert_same_text(expected, &text, "the hex view of the SYN");
    }

    #[test]
    fn hex_without_ascii_and_a_cut_frame() {
        let text = render(&SYN[..40], HexStyle::Hex, Palette::plain());
        assert!(text.contains("hex dump of 40 captured bytes, layer by layer (74 on the wire)"));
        assert!(text.contains("    not decoded (decoding stopped) bytes 34–39\n"));
        assert!(text.contains("      0022  da 70 00 50 37 58\n"), "{text}");
    }

    #[test]
    fn colour_highlights_the_selecting_bytes() {
        let text = render(&SYN, HexStyle::HexAndAscii, Palette::new(true));
        assert!(text.contains("\u{1b}["));
        // With the escapes removed, the text is the plain one.
        let plain = render(&SYN, HexStyle::HexAndAscii, Palette::plain());
        assert_same_text(
            &plain,
            &strip_ansi(&text),
            "the coloured hex view without colour",
        );
    }

    #[test]
    fn regions_cover_every_captured_byte_once() {
        for cut in [0, 10, 14, 20, 34, 40, 54, 74] {
            let dissection = decode(LinkType::Ethernet, &SYN[..cut]);
            let found = regions(&dissection, cut);
            let mut at = 0;
            for region in &found {
                assert_eq!(region.span.start, at, "cut {cut}: {found:?}");
                at = region.span.end;
            }
            assert_eq!(at, cut);
        }
    }
}
