//! The learner's view: each packet as a list of layers, each layer with its key fields, what they
//! mean, and the field that selects the next layer; then the port that selects the program, and
//! the whole chain on one line.
//!
//! A packet's text is built in one buffer the renderer keeps from packet to packet and written
//! with one call: the tree prints a dozen lines for every packet, and formatting each piece into a
//! string of its own cost more than decoding and explaining the packet together.

use super::{
    PacketView, Palette, Renderer, RunSummary, Style, application_fields_in, layer_title,
    write_layer_fields,
};
use crate::explain::{Annotated, Detail};
use crate::flows::ConversationTable;
use crate::format::{DateCache, Sink};
use crate::i18n::labels::{Label, write_label};
use crate::lang::Lang;
use crate::sanitize::{make_tail_safe, push_terminal_safe, terminal_safe};
use std::io;

/// Renders packets as an indented layer tree.
pub struct TreeRenderer {
    palette: Palette,
    detail: Detail,
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
    pub fn new(palette: Palette, detail: Detail) -> TreeRenderer {
        TreeRenderer {
            palette,
            detail,
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
        let Self {
            palette: p,
            detail,
            lang,
            text: s,
            piece,
            stamp,
            stamp_cache,
        } = self;
        let (p, lang) = (*p, *lang);
        let frame = view.frame;
        let annotated = view.annotated;
        stamp.clear();
        let time = frame.timestamp;
        stamp.rfc3339(time.seconds, time.nanoseconds, stamp_cache);
        let timestamp = stamp.as_str();
        styled(s, piece, p, Style::Heading, false, |t| {
            write_label(
                t,
                lang,
                &Label::PacketHeading {
                    number: frame.number,
                    timestamp,
                    captured: frame.captured_length,
                    original: frame.original_length,
                },
            )
        });
        s.push('\n');
        if *detail == Detail::Quiet {
            if let Some(summary) = &annotated.summary {
                note(s, summary);
            }
            chain(s, piece, p, lang, annotated);
            s.push('\n');
            return;
        }
        for sentence in &annotated.frame_notes {
            note(s, sentence);
        }
        for (layer, notes) in view.dissection.layers.iter().zip(&annotated.layers) {
            let (title, style) = layer_title(&layer.header);
            s.push_str("  ");
            s.push_str(&p.paint(title, style));
            s.push_str("  ");
            write_layer_fields(s, piece, lang, &layer.header);
            s.push('\n');
            for field in &notes.fields {
                s.push_str(NOTE_INDENT);
                styled(s, piece, p, Style::Dim, true, |t| {
                    for part in ["· ", &field.name, " ", &field.value, " — ", &field.meaning] {
                        t.push_str(part);
                    }
                });
                s.push('\n');
            }
            for sentence in &notes.notes {
                note(s, sentence);
            }
            for step in &notes.steps {
                s.push_str(NOTE_INDENT);
                styled(s, piece, p, Style::Step, true, |t| {
                    for part in ["▸ ", &step.field, " ", &step.value, " → ", &step.next] {
                        t.push_str(part);
                    }
                });
                s.push('\n');
            }
        }
        if let Some(service) = &annotated.service {
            s.push_str("  ");
            styled(s, piece, p, Style::Service, false, |t| {
                write_label(t, lang, &Label::PortTitle)
            });
            s.push_str("  ");
            styled(s, piece, p, Style::Service, true, |t| {
                write_label(
                    t,
                    lang,
                    &Label::ServiceLine {
                        port: service.port,
                        name: service.display_name,
                        range: service.range,
                        client_port: service.client_port,
                    },
                )
            });
            s.push('\n');
        } else if !annotated.port_notes.is_empty() {
            s.push_str("  ");
            styled(s, piece, p, Style::Service, false, |t| {
                write_label(t, lang, &Label::PortTitle)
            });
            s.push('\n');
        }
        for sentence in &annotated.port_notes {
            note(s, sentence);
        }
        if let Some(application) = &view.dissection.application {
            let (title, fields) = application_fields_in(lang, application);
            s.push_str("  ");
            s.push_str(&p.paint(title, Style::Service));
            s.push_str("  ");
            push_terminal_safe(s, &fields);
            s.push('\n');
        }
        for sentence in &annotated.application_notes {
            note(s, sentence);
        }
        if let Some(stopped) = &annotated.stopped {
            s.push_str("  ");
            styled(s, piece, p, Style::Stop, false, |t| {
                write_label(t, lang, &Label::StopTitle)
            });
            s.push_str("  ");
            push_terminal_safe(s, stopped);
            s.push('\n');
        }
        chain(s, piece, p, lang, annotated);
        s.push('\n');
    }
}

/// Appends the text `fill` writes, made safe for the terminal when `safe` (text that may come
/// from a packet), in `style`.
fn styled(
    s: &mut String,
    piece: &mut String,
    p: Palette,
    style: Style,
    safe: bool,
    fill: impl FnOnce(&mut String),
) {
    if !p.is_enabled() {
        // Without colour the text goes straight into the packet's text.
        let start = s.len();
        fill(s);
        if safe {
            make_tail_safe(s, start);
        }
        return;
    }
    piece.clear();
    fill(piece);
    let text = if safe {
        terminal_safe(piece)
    } else {
        std::borrow::Cow::Borrowed(piece.as_str())
    };
    s.push_str(&p.paint(&text, style));
}

/// One indented sentence on its own line, made safe for the terminal.
fn note(s: &mut String, sentence: &str) {
    s.push_str(NOTE_INDENT);
    push_terminal_safe(s, sentence);
    s.push('\n');
}

/// The whole demultiplexing chain on one line, when the packet has one.
fn chain(s: &mut String, piece: &mut String, p: Palette, lang: Lang, annotated: &Annotated) {
    if annotated.chain().next().is_none() {
        return;
    }
    s.push_str("  ");
    styled(s, piece, p, Style::Heading, false, |t| {
        write_label(t, lang, &Label::ChainTitle)
    });
    s.push_str("  ");
    styled(s, piece, p, Style::Step, true, |t| {
        for (index, step) in annotated.chain().enumerate() {
            if index > 0 {
                t.push_str(" ▸ ");
            }
            for part in [&step.field, " ", &step.value, " → ", &step.next] {
                t.push_str(part);
            }
        }
    });
    s.push('\n');
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

    fn finish(&mut self, out: &mut dyn io::Write, summary: &RunSummary) -> io::Result<()> {
        let _ = summary;
        out.flush()
    }
}
