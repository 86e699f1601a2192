//! The conversations table: one row per TCP or UDP conversation with its client and server ends,
//! the service, packets and bytes each way, duration and final TCP state — what Wireshark's
//! Conversations window and `netstat`'s connection list show, as aligned text or as JSON.

use crate::flows::{Conversation, ConversationTable, TcpState};
use crate::i18n::labels::{Column, Label, label};
use crate::lang::Lang;
use crate::sanitize::terminal_safe;
use serde::Serialize;
use std::io;
use unicode_width::UnicodeWidthStr;

/// Seconds from the first to the last packet of a conversation.
fn duration_seconds(c: &Conversation) -> f64 {
    c.last_seen.seconds_since(c.first_seen)
}

fn service_name(c: &Conversation) -> String {
    crate::knowledge::ports::lookup(c.server.port, c.transport)
        .map(|s| s.name.to_string())
        .unwrap_or_else(|| "-".to_string())
}

fn state_name(c: &Conversation) -> String {
    c.state.map_or("-", TcpState::as_str).to_string()
}

/// The cells of a conversation's row, in the table's order.
fn cells(c: &Conversation) -> [String; 11] {
    [
        c.id.to_string(),
        c.transport.name().to_string(),
        c.client.to_string(),
        c.server.to_string(),
        terminal_safe(&service_name(c)).into_owned(),
        c.client_packets.to_string(),
        c.client_bytes.to_string(),
        c.server_packets.to_string(),
        c.server_bytes.to_string(),
        format!("{:.6} s", duration_seconds(c)),
        state_name(c),
    ]
}

/// Writes the table as aligned text (in English; see [`table_in`]).
pub fn table(out: &mut dyn io::Write, table: &ConversationTable) -> io::Result<()> {
    table_in(Lang::En, out, table)
}

/// How many terminal columns text takes (Hangul and other wide characters take two).
fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Writes the table as aligned text, with the headings in `lang`.
pub fn table_in(lang: Lang, out: &mut dyn io::Write, table: &ConversationTable) -> io::Result<()> {
    let list = table.conversations();
    writeln!(
        out,
        "{}",
        label(lang, &Label::ConversationCount { count: list.len() })
    )?;
    let names: Vec<String> = Column::ALL
        .iter()
        .map(|column| label(lang, &Label::Column(*column)))
        .collect();
    let mut header = vec!["#"];
    header.extend(names.iter().map(String::as_str));
    // Two passes over the conversations, one row in memory at a time: the first measures the
    // columns, the second writes the rows (a full table holds tens of thousands).
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for c in &list {
        for (column_width, cell) in widths.iter_mut().zip(cells(c)) {
            *column_width = (*column_width).max(width(&cell));
        }
    }
    // Numbers align right, text left.
    let numeric = [
        true, false, false, false, false, true, true, true, true, true, false,
    ];
    let line = |cells: &[&str]| -> String {
        let mut text = String::from(" ");
        for ((cell, column_width), right) in cells.iter().zip(&widths).zip(numeric) {
            let pad = column_width.saturating_sub(width(cell));
            text.push(' ');
            if right {
                text.push_str(&" ".repeat(pad));
                text.push_str(cell);
            } else {
                text.push_str(cell);
                text.push_str(&" ".repeat(pad));
            }
        }
        text.trim_end().to_string()
    };
    writeln!(out, "{}", line(&header))?;
    for c in &list {
        let row = cells(c);
        let row: Vec<&str> = row.iter().map(String::as_str).collect();
        writeln!(out, "{}", line(&row))?;
    }
    if table.evicted() > 0 {
        writeln!(
            out,
            "  ({})",
            label(
                lang,
                &Label::Evicted {
                    count: table.evicted()
                }
            )
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonConversation<'a> {
    #[serde(flatten)]
    conversation: &'a Conversation,
    service: String,
    duration_seconds: f64,
}

#[derive(Serialize)]
struct JsonTable<'a> {
    conversations: Vec<JsonConversation<'a>>,
    evicted: u64,
}

/// Writes the table as one JSON object on one line: `{"conversations": [...], "evicted": N}`.
pub fn json(out: &mut dyn io::Write, table: &ConversationTable) -> io::Result<()> {
    let value = JsonTable {
        conversations: table
            .conversations()
            .into_iter()
            .map(|c| JsonConversation {
                conversation: c,
                service: service_name(c),
                duration_seconds: duration_seconds(c),
            })
            .collect(),
        evicted: table.evicted(),
    };
    // Straight into the output: a full table is megabytes of JSON.
    serde_json::to_writer(&mut *out, &value).map_err(io::Error::other)?;
    out.write_all(b"\n")
}
