//! The learner's view: each packet as a list of layers, each layer with its key fields, what they
//! mean, and the field that selects the next layer; then the port that selects the program, and
//! the whole chain on one line.

use super::{
    PacketView, Palette, Renderer, RunSummary, Style, application_fields_in, layer_fields_in,
    layer_title,
};
use crate::explain::text::labels::{Label, label};
use crate::explain::{Detail, Lang};
use crate::flows::ConversationTable;
use crate::sanitize::terminal_safe;
use std::io;

/// Renders packets as an indented layer tree.
pub struct TreeRenderer {
    palette: Palette,
    detail: Detail,
    /// The language of the headings and field names (the sentences come explained already).
    lang: Lang,
}

impl TreeRenderer {
    pub fn new(palette: Palette, detail: Detail) -> TreeRenderer {
        TreeRenderer {
            palette,
            detail,
            lang: Lang::default(),
        }
    }

    /// The same renderer with its headings and field names in `lang`.
    pub fn with_lang(self, lang: Lang) -> TreeRenderer {
        TreeRenderer { lang, ..self }
    }

    fn label(&self, l: Label<'_>) -> String {
        label(self.lang, &l)
    }

    /// The quiet view: the heading, the one sentence that matters most, and the chain.
    fn quiet(&self, out: &mut dyn io::Write, view: &PacketView<'_>) -> io::Result<()> {
        if let Some(summary) = &view.annotated.summary {
            writeln!(out, "{NOTE_INDENT}{}", terminal_safe(summary))?;
        }
        self.chain(out, view)
    }

    fn chain(&self, out: &mut dyn io::Write, view: &PacketView<'_>) -> io::Result<()> {
        let p = &self.palette;
        let chain: Vec<String> = view
            .annotated
            .chain()
            .map(|s| format!("{} {} → {}", s.field, s.value, s.next))
            .collect();
        if !chain.is_empty() {
            writeln!(
                out,
                "  {}  {}",
                p.paint(&self.label(Label::ChainTitle), Style::Heading),
                p.paint(&terminal_safe(&chain.join(" ▸ ")), Style::Step)
            )?;
        }
        Ok(())
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
        let heading = self.label(Label::PacketHeading {
            number: frame.number,
            timestamp: &frame.timestamp.rfc3339(),
            captured: frame.captured_length,
            original: frame.original_length,
        });
        writeln!(out, "{}", p.paint(&heading, Style::Heading))?;
        if self.detail == Detail::Quiet {
            self.quiet(out, view)?;
            return writeln!(out);
        }
        for note in &view.annotated.frame_notes {
            write_note(out, note)?;
        }
        for (layer, notes) in view.dissection.layers.iter().zip(&view.annotated.layers) {
            let (title, style) = layer_title(&layer.header);
            writeln!(
                out,
                "  {}  {}",
                p.paint(title, style),
                layer_fields_in(self.lang, &layer.header)
            )?;
            for field in &notes.fields {
                let text = format!("· {} {} — {}", field.name, field.value, field.meaning);
                writeln!(
                    out,
                    "{NOTE_INDENT}{}",
                    p.paint(&terminal_safe(&text), Style::Dim)
                )?;
            }
            for note in &notes.notes {
                write_note(out, note)?;
            }
            for step in &notes.steps {
                let text = format!("▸ {} {} → {}", step.field, step.value, step.next);
                out.write_all(NOTE_INDENT.as_bytes())?;
                out.write_all(p.paint(&terminal_safe(&text), Style::Step).as_bytes())?;
                out.write_all(b"\n")?;
            }
        }
        if let Some(service) = &view.annotated.service {
            let text = self.label(Label::ServiceLine {
                port: service.port,
                name: &service.display_name,
                range: service.range,
                client_port: service.client_port,
            });
            writeln!(
                out,
                "  {}  {}",
                p.paint(&self.label(Label::PortTitle), Style::Service),
                p.paint(&terminal_safe(&text), Style::Service)
            )?;
        } else if !view.annotated.port_notes.is_empty() {
            writeln!(
                out,
                "  {}",
                p.paint(&self.label(Label::PortTitle), Style::Service)
            )?;
        }
        for note in &view.annotated.port_notes {
            write_note(out, note)?;
        }
        if let Some(application) = &view.dissection.application {
            let (title, fields) = application_fields_in(self.lang, application);
            writeln!(
                out,
                "  {}  {}",
                p.paint(title, Style::Service),
                terminal_safe(&fields)
            )?;
        }
        for note in &view.annotated.application_notes {
            writeln!(out, "{NOTE_INDENT}{}", terminal_safe(note))?;
        }
        if let Some(stopped) = &view.annotated.stopped {
            writeln!(
                out,
                "  {}  {}",
                p.paint(&self.label(Label::StopTitle), Style::Stop),
                terminal_safe(stopped)
            )?;
        }
        self.chain(out, view)?;
        writeln!(out)
    }

    fn conversations(
        &mut self,
        out: &mut dyn io::Write,
        table: &ConversationTable,
    ) -> io::Result<()> {
        super::conversations::table_in(self.lang, out, table)
    }

    fn finish(&mut self, out: &mut dyn io::Write, summary: &RunSummary) -> io::Result<()> {
        let _ = summary;
        out.flush()
    }
}
