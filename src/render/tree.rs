//! The learner's view: each packet as a list of layers, each layer with its key fields, what they
//! mean, and the field that selects the next layer; then the port that selects the program, and
//! the whole chain on one line.

use super::oneline::Line;
use super::{PacketView, Palette, Renderer, RunSummary, Style, layer_fields_into, layer_title};
use crate::sanitize::terminal_safe;
use std::io;

/// Renders packets as an indented layer tree.
pub struct TreeRenderer {
    palette: Palette,
    /// Reused for each layer's fields.
    fields: Line,
    /// Reused for each chain step.
    text: String,
}

impl TreeRenderer {
    pub fn new(palette: Palette) -> TreeRenderer {
        TreeRenderer {
            palette,
            fields: Line::new(),
            text: String::with_capacity(128),
        }
    }
}

const NOTE_INDENT: &str = "      ";

/// One indented sentence on its own line, made safe for the terminal. Written piece by piece: the
/// tree prints several sentences for every packet.
fn write_note(out: &mut dyn io::Write, note: &str) -> io::Result<()> {
    out.write_all(NOTE_INDENT.as_bytes())?;
    out.write_all(terminal_safe(note).as_bytes())?;
    out.write_all(b"\n")
}

impl Renderer for TreeRenderer {
    fn packet(&mut self, out: &mut dyn io::Write, view: &PacketView<'_>) -> io::Result<()> {
        let p = &self.palette;
        let frame = view.frame;
        let heading = format!(
            "packet {} · {} · {} bytes captured of {}",
            frame.number,
            frame.timestamp.rfc3339(),
            frame.captured_length,
            frame.original_length
        );
        writeln!(out, "{}", p.paint(&heading, Style::Heading))?;
        for note in &view.annotated.frame_notes {
            write_note(out, note)?;
        }
        for (layer, notes) in view.dissection.layers.iter().zip(&view.annotated.layers) {
            let (title, style) = layer_title(&layer.header);
            self.fields.clear();
            layer_fields_into(&mut self.fields, &layer.header);
            out.write_all(b"  ")?;
            out.write_all(p.paint(title, style).as_bytes())?;
            out.write_all(b"  ")?;
            out.write_all(self.fields.as_bytes())?;
            out.write_all(b"\n")?;
            for note in &notes.notes {
                write_note(out, note)?;
            }
            for step in &notes.steps {
                let text = &mut self.text;
                text.clear();
                for part in ["▸ ", &step.field, " ", &step.value, " → ", &step.next] {
                    text.push_str(part);
                }
                out.write_all(NOTE_INDENT.as_bytes())?;
                out.write_all(p.paint(&terminal_safe(text), Style::Step).as_bytes())?;
                out.write_all(b"\n")?;
            }
        }
        if let Some(service) = &view.annotated.service {
            let text = format!(
                "{} {} ({}), client port {}",
                service.port,
                service.name,
                service.range.as_str(),
                service.client_port
            );
            writeln!(
                out,
                "  {}  {}",
                p.paint("Port", Style::Service),
                p.paint(&terminal_safe(&text), Style::Service)
            )?;
        } else if !view.annotated.port_notes.is_empty() {
            writeln!(out, "  {}", p.paint("Port", Style::Service))?;
        }
        for note in &view.annotated.port_notes {
            write_note(out, note)?;
        }
        if let Some(stopped) = &view.annotated.stopped {
            writeln!(
                out,
                "  {}  {}",
                p.paint("Stop", Style::Stop),
                terminal_safe(stopped)
            )?;
        }
        let mut chain = String::new();
        for (index, s) in view.annotated.chain().enumerate() {
            if index > 0 {
                chain.push_str(" ▸ ");
            }
            for part in [&s.field, " ", &s.value, " → ", &s.next] {
                chain.push_str(part);
            }
        }
        if !chain.is_empty() {
            writeln!(
                out,
                "  {}  {}",
                p.paint("Chain", Style::Heading),
                p.paint(&terminal_safe(&chain), Style::Step)
            )?;
        }
        writeln!(out)
    }

    fn finish(&mut self, out: &mut dyn io::Write, summary: &RunSummary) -> io::Result<()> {
        let _ = summary;
        out.flush()
    }
}
