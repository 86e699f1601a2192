//! The learner's view: each packet as a list of layers, each layer with its key fields, what they
//! mean, and the field that selects the next layer; then the port that selects the program, and
//! the whole chain on one line.

use super::{
    PacketView, Palette, Renderer, RunSummary, Style, application_fields, layer_fields, layer_title,
};
use crate::explain::Detail;
use crate::sanitize::terminal_safe;
use std::io;

/// Renders packets as an indented layer tree.
pub struct TreeRenderer {
    palette: Palette,
    detail: Detail,
}

impl TreeRenderer {
    pub fn new(palette: Palette, detail: Detail) -> TreeRenderer {
        TreeRenderer { palette, detail }
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
                p.paint("Chain", Style::Heading),
                p.paint(&terminal_safe(&chain.join(" ▸ ")), Style::Step)
            )?;
        }
        Ok(())
    }
}

const NOTE_INDENT: &str = "      ";

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
        if self.detail == Detail::Quiet {
            self.quiet(out, view)?;
            return writeln!(out);
        }
        for note in &view.annotated.frame_notes {
            writeln!(out, "{NOTE_INDENT}{}", terminal_safe(note))?;
        }
        for (layer, notes) in view.dissection.layers.iter().zip(&view.annotated.layers) {
            let (title, style) = layer_title(&layer.header);
            writeln!(
                out,
                "  {}  {}",
                p.paint(title, style),
                layer_fields(&layer.header)
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
                writeln!(out, "{NOTE_INDENT}{}", terminal_safe(note))?;
            }
            for step in &notes.steps {
                let text = format!("▸ {} {} → {}", step.field, step.value, step.next);
                writeln!(
                    out,
                    "{NOTE_INDENT}{}",
                    p.paint(&terminal_safe(&text), Style::Step)
                )?;
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
            writeln!(out, "{NOTE_INDENT}{}", terminal_safe(note))?;
        }
        if let Some(application) = &view.dissection.application {
            let (title, fields) = application_fields(application);
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
                p.paint("Stop", Style::Stop),
                terminal_safe(stopped)
            )?;
        }
        self.chain(out, view)?;
        writeln!(out)
    }

    fn finish(&mut self, out: &mut dyn io::Write, summary: &RunSummary) -> io::Result<()> {
        let _ = summary;
        out.flush()
    }
}
