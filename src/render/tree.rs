//! The learner's view: each packet as a list of layers, each layer with its key fields, what they
//! mean, and the field that selects the next layer; then the port that selects the program, and
//! the whole chain on one line.
//!
//! A packet's text is built in one buffer the renderer keeps from packet to packet and written
//! with one call: the tree prints a dozen lines for every packet, and formatting each piece into a
//! string of its own cost more than decoding and explaining the packet together.

use super::application::application_fields;
use super::layer_fields::write_layer_fields;
use super::{PacketView, Palette, Renderer, RunTotals, Style, layer_title};
use crate::explain::{Annotated, Verbosity};
use crate::flows::ConversationTable;
use crate::format::{DateCache, Sink};
use crate::i18n::labels::{Label, write_label};
use crate::lang::Lang;
use crate::sanitize::{make_tail_safe, push_terminal_safe, terminal_safe};
use std::io;

/// Renders packets as an indented layer tree.
pub struct TreeRenderer {
    palette: Palette,
    verbosity: Verbosity,
    /// The language of the headings and field names (the sentences come explained already).
    lang: Lang,
    /// The text of the packet being rendered, reused for every packet.
    text: String,
    /// One styled piece of a line before it is painted, reused likewise.
    piece: String,
    /// The packet's time as text, and the second it was last written for.
    stamp: String,
    stamp_cache: DateCache,
}

const NOTE_INDENT: &str = "      ";

impl TreeRenderer {
    pub fn new(palette: Palette, verbosity: Verbosity) -> TreeRenderer {
        TreeRenderer {
            palette,
            verbosity,
            lang: Lang::default(),
            text: String::with_capacity(4096),
            piece: String::with_capacity(256),
            stamp: String::with_capacity(32),
            stamp_cache: DateCache::default(),
        }
    }

    /// The same renderer with its headings and field names in `lang`.
    pub fn with_lang(self, lang: Lang) -> TreeRenderer {
        TreeRenderer { lang, ..self }
    }

    /// Writes one packet's whole text into `self.text`.
    fn write_packet(&mut self, view: &PacketView<'_>) {
        let time = view.frame.timestamp;
        self.stamp.clear();
        self.stamp
            .rfc3339(time.seconds, time.nanoseconds, &mut self.stamp_cache);
        let mut page = Page {
            s: &mut self.text,
            piece: &mut self.piece,
            p: self.palette,
            lang: self.lang,
        };
        let annotated = view.annotated;
        page.heading(view, &self.stamp);
        if self.verbosity == Verbosity::Quiet {
            if let Some(sentence) = &annotated.key_sentence {
                page.note(sentence);
            }
        } else {
            for sentence in &annotated.frame_notes {
                page.note(sentence);
            }
            page.layers(view);
            page.port(annotated);
            page.application(view);
            if let Some(stopped) = &annotated.stopped {
                page.stop(stopped);
            }
        }
        page.chain(annotated);
        page.s.push('\n');
    }
}

/// A packet's text as it is written: the buffer, a scratch for one styled piece, the palette and
/// the language of the headings.
struct Page<'a> {
    s: &'a mut String,
    piece: &'a mut String,
    p: Palette,
    lang: Lang,
}

impl Page<'_> {
    /// Appends the text `fill` writes, made safe for the terminal when `safe` (text that may come
    /// from a packet), in `style`.
    fn styled(&mut self, style: Style, safe: bool, fill: impl FnOnce(&mut String)) {
        if !self.p.is_enabled() {
            // Without colour the text goes straight into the packet's text.
            let start = self.s.len();
            fill(self.s);
            if safe {
                make_tail_safe(self.s, start);
            }
            return;
        }
        self.piece.clear();
        fill(self.piece);
        let text = if safe {
            terminal_safe(self.piece)
        } else {
            std::borrow::Cow::Borrowed(self.piece.as_str())
        };
        self.s.push_str(&self.p.paint(&text, style));
    }

    /// A label in `style`.
    fn label(&mut self, style: Style, safe: bool, label: &Label<'_>) {
        let lang = self.lang;
        self.styled(style, safe, |t| write_label(t, lang, label));
    }

    /// One indented sentence on its own line, made safe for the terminal.
    fn note(&mut self, sentence: &str) {
        self.s.push_str(NOTE_INDENT);
        push_terminal_safe(self.s, sentence);
        self.s.push('\n');
    }

    /// `packet 1 · 2009-02-24T14:05:12.675612Z · 74 bytes captured of 74`.
    fn heading(&mut self, view: &PacketView<'_>, timestamp: &str) {
        let frame = view.frame;
        let heading = Label::PacketHeading {
            number: frame.number,
            timestamp,
            captured: frame.captured_length,
            original: frame.original_length,
        };
        self.label(Style::Heading, false, &heading);
        self.s.push('\n');
    }

    /// Each layer: its name and key fields, then its field notes (verbose), sentences and chain
    /// steps.
    fn layers(&mut self, view: &PacketView<'_>) {
        for (layer, notes) in view.dissection.layers.iter().zip(&view.annotated.layers) {
            let (title, style) = layer_title(&layer.header);
            self.s.push_str("  ");
            self.s.push_str(&self.p.paint(title, style));
            self.s.push_str("  ");
            write_layer_fields(self.s, self.piece, self.lang, &layer.header);
            self.s.push('\n');
            for field in &notes.fields {
                self.s.push_str(NOTE_INDENT);
                self.styled(Style::Dim, true, |t| {
                    for part in ["· ", &field.name, " ", &field.value, " — ", &field.meaning] {
                        t.push_str(part);
                    }
                });
                self.s.push('\n');
            }
            for sentence in &notes.notes {
                self.note(sentence);
            }
            for step in &notes.steps {
                self.s.push_str(NOTE_INDENT);
                self.styled(Style::Step, true, |t| {
                    for part in ["▸ ", &step.field, " ", &step.value, " → ", &step.next] {
                        t.push_str(part);
                    }
                });
                self.s.push('\n');
            }
        }
    }

    /// The port line (the server's port, its service and range, the client's port) and the
    /// sentences about the ports.
    fn port(&mut self, annotated: &Annotated) {
        if let Some(service) = &annotated.service {
            self.s.push_str("  ");
            self.label(Style::Service, false, &Label::PortTitle);
            self.s.push_str("  ");
            let line = Label::ServiceLine {
                port: service.port,
                name: service.display_name,
                range: service.range,
                client_port: service.client_port,
            };
            self.label(Style::Service, true, &line);
            self.s.push('\n');
        } else if !annotated.port_notes.is_empty() {
            self.s.push_str("  ");
            self.label(Style::Service, false, &Label::PortTitle);
            self.s.push('\n');
        }
        for sentence in &annotated.port_notes {
            self.note(sentence);
        }
    }

    /// The application hint on one line, and what it says in sentences.
    fn application(&mut self, view: &PacketView<'_>) {
        if let Some(application) = &view.dissection.application {
            let (title, fields) = application_fields(self.lang, application);
            self.s.push_str("  ");
            self.s.push_str(&self.p.paint(title, Style::Service));
            self.s.push_str("  ");
            push_terminal_safe(self.s, &fields);
            self.s.push('\n');
        }
        for sentence in &view.annotated.application_notes {
            self.note(sentence);
        }
    }

    /// Where and why decoding stopped.
    fn stop(&mut self, stopped: &str) {
        self.s.push_str("  ");
        self.label(Style::Stop, false, &Label::StopTitle);
        self.s.push_str("  ");
        push_terminal_safe(self.s, stopped);
        self.s.push('\n');
    }

    /// The whole demultiplexing chain on one line, when the packet has one.
    fn chain(&mut self, annotated: &Annotated) {
        if annotated.chain().next().is_none() {
            return;
        }
        self.s.push_str("  ");
        self.label(Style::Heading, false, &Label::ChainTitle);
        self.s.push_str("  ");
        self.styled(Style::Step, true, |t| {
            for (index, step) in annotated.chain().enumerate() {
                if index > 0 {
                    t.push_str(" ▸ ");
                }
                for part in [&step.field, " ", &step.value, " → ", &step.next] {
                    t.push_str(part);
                }
            }
        });
        self.s.push('\n');
    }
}

impl Renderer for TreeRenderer {
    fn packet(&mut self, out: &mut dyn io::Write, view: &PacketView<'_>) -> io::Result<()> {
        self.text.clear();
        self.write_packet(view);
        out.write_all(self.text.as_bytes())
    }

    fn conversations(
        &mut self,
        out: &mut dyn io::Write,
        table: &ConversationTable,
    ) -> io::Result<()> {
        super::conversations::table_in(self.lang, out, table)
    }

    fn finish(&mut self, out: &mut dyn io::Write, _totals: &RunTotals) -> io::Result<()> {
        out.flush()
    }
}
