//! Render: an explained packet → bytes on any `io::Write`, and at the end of a run what the
//! observers gathered (the conversations table, the statistics). One renderer per view; renderers
//! never decide *what* to say (that is explain's job) and never decode, only show. Colour is a
//! property of the [`Palette`] a renderer is given, so tests render into a `Vec<u8>` with colour on
//! or off. Numbers, addresses and times are written by [`crate::format`].

pub mod application;
pub mod conversations;
pub mod diagram;
pub mod doctor;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod hex;
pub mod interfaces;
pub mod json;
pub mod layer_fields;
pub mod oneline;
pub mod samples;
pub mod stack;
pub mod statistics;
pub mod tree;

use crate::capture::{CaptureStats, Frame, LengthAnomalies};
use crate::decode::{Dissection, Header};
use crate::explain::{Annotated, Depth};
use crate::flows::ConversationTable;
use crate::statistics::Statistics;
use colored::{Color, Colorize};
use std::borrow::Cow;
use std::io;

/// What a renderer is given for each packet.
pub struct PacketView<'a> {
    pub frame: &'a Frame,
    pub dissection: &'a Dissection,
    pub annotated: &'a Annotated,
}

/// Totals of a run, for the renderer's closing words and the end-of-run lines on stderr.
#[derive(Debug, Clone, Default)]
pub struct RunTotals {
    pub packets: u64,
    /// libpcap's counts at the end of a live capture (received, dropped); `None` for files.
    pub capture_counts: Option<CaptureStats>,
    /// Records whose header claims more captured bytes than the packet had (a damaged file).
    pub length_anomalies: Option<LengthAnomalies>,
}

/// A packet printer: tree, one-line, JSON, hex, header diagrams, statistics.
pub trait Renderer {
    fn packet(&mut self, out: &mut dyn io::Write, view: &PacketView<'_>) -> io::Result<()>;
    /// The conversations table, after the packets.
    fn conversations(
        &mut self,
        out: &mut dyn io::Write,
        table: &ConversationTable,
    ) -> io::Result<()> {
        conversations::table(out, table)
    }
    /// The statistics of the run, after the packets and the conversations table; only the
    /// statistics view prints them.
    fn statistics(&mut self, _out: &mut dyn io::Write, _statistics: &Statistics) -> io::Result<()> {
        Ok(())
    }
    fn finish(&mut self, _out: &mut dyn io::Write, _totals: &RunTotals) -> io::Result<()> {
        Ok(())
    }
    /// How much explanation this renderer prints; the run builds no more than that (the one-line
    /// view needs only the service, statistics none).
    fn depth(&self) -> Depth {
        Depth::Full
    }
    /// Whether this renderer reads `PacketView::dissection`; when no renderer of a run does (only
    /// statistics, which the run counts from the frame's bytes), frames are not decoded.
    fn needs_dissection(&self) -> bool {
        true
    }
}

/// The roles text plays on screen, each with its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Packet heading.
    Heading,
    /// Link-layer name.
    Link,
    /// Network-layer name.
    Network,
    /// Transport-layer name.
    Transport,
    /// The service a port selects.
    Service,
    /// A chain step (the selector field and what it selects).
    Step,
    /// Where decoding stopped.
    Stop,
    /// Secondary detail.
    Dim,
    /// Bytes of a field that selects the next layer (hex dump, diagrams).
    Selector,
}

/// Turns styled text into terminal escapes, or leaves it plain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    enabled: bool,
}

impl Palette {
    /// A palette that colours when `enabled`. The `colored` crate decides globally whether to emit
    /// escapes; a palette with colour on tells it to, one with colour off never calls it.
    pub fn new(enabled: bool) -> Palette {
        if enabled {
            colored::control::set_override(true);
        }
        Palette { enabled }
    }

    pub fn plain() -> Palette {
        Palette { enabled: false }
    }

    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// `text` in `style`'s colour, or as it is when colour is off (the text is then borrowed, so
    /// the hot paths pay nothing).
    #[inline]
    pub fn paint<'t>(&self, text: &'t str, style: Style) -> Cow<'t, str> {
        if !self.enabled {
            return Cow::Borrowed(text);
        }
        Self::coloured(text, style)
    }

    fn coloured(text: &str, style: Style) -> Cow<'_, str> {
        let painted = match style {
            Style::Heading => text.bold(),
            Style::Link => text.color(Color::Blue).bold(),
            Style::Network => text.color(Color::Green).bold(),
            Style::Transport => text.color(Color::Yellow).bold(),
            Style::Service => text.color(Color::Magenta).bold(),
            Style::Step => text.color(Color::Cyan),
            Style::Stop => text.color(Color::Red).bold(),
            Style::Dim => text.dimmed(),
            Style::Selector => text.color(Color::Magenta).bold().reversed(),
        };
        Cow::Owned(painted.to_string())
    }
}

/// The display name of a layer (a VLAN tag says which standard it follows) and the style of its
/// level.
pub fn layer_title(header: &Header) -> (&'static str, Style) {
    let style = match header {
        Header::Ethernet(_)
        | Header::LinuxSll(_)
        | Header::LinuxSll2(_)
        | Header::Loopback(_)
        | Header::Vlan(_) => Style::Link,
        Header::Arp(_) | Header::Ipv4(_) | Header::Ipv6(_) => Style::Network,
        Header::Icmpv4(_)
        | Header::Icmpv6(_)
        | Header::Igmp(_)
        | Header::Tcp(_)
        | Header::Udp(_) => Style::Transport,
    };
    let name = match header {
        Header::Vlan(v) if v.tag_protocol == crate::decode::ether_type::VLAN => "802.1Q VLAN",
        Header::Vlan(_) => "802.1ad VLAN",
        other => other.name().display_name(),
    };
    (name, style)
}
