//! The one-line view: one line per packet in the words of `tcpdump -nn` (time, addresses and ports,
//! flags, sequence numbers, lengths), ending with what portlens adds — the service the server's
//! port names, which way the packet goes, and the TCP flags by name:
//! `… 192.0.2.10.51234 > 198.51.100.20.443: Flags [S], … length 0  HTTPS client→server SYN`.
//! Made for millions of packets: each line is built in one reused buffer without the formatting
//! machinery, and the service and roles are the brief facts explain puts in
//! [`crate::explain::Annotated::role`] at `Depth::Brief`, which builds no sentence.

mod tcpdump;

use super::{PacketView, Palette, Renderer, Style};
use crate::decode::{Header, TcpFlags};
use crate::explain::Depth;
use crate::format::{Line, Sink};
use crate::knowledge::Side;
use crate::sanitize::terminal_safe;
use std::io;
use tcpdump::describe;

/// Renders one line per packet.
pub struct OneLineRenderer {
    palette: Palette,
    /// Reused for every packet: a run allocates its line once.
    line: Line,
}

impl OneLineRenderer {
    pub fn new(palette: Palette) -> OneLineRenderer {
        OneLineRenderer {
            palette,
            line: Line::new(),
        }
    }
}

impl Renderer for OneLineRenderer {
    fn packet(&mut self, out: &mut dyn io::Write, view: &PacketView<'_>) -> io::Result<()> {
        let line = &mut self.line;
        line.clear();
        let ts = view.frame.timestamp;
        line.time_of_day(ts.seconds, ts.nanoseconds);
        line.push(b' ');
        describe(line, view.dissection, view.frame.original_length);
        let p = self.palette;
        if let Some(role) = &view.annotated.role {
            // Service names come from the port tables compiled into portlens, which hold no
            // control characters (knowledge::ports checks every one), so they need no escaping.
            line.text("  ")
                .text(&p.paint(role.service.name, Style::Service))
                .text(match role.server_side {
                    Side::Destination => " client→server",
                    Side::Source => " server→client",
                });
        }
        let tcp_flags = view.dissection.layers.iter().find_map(|l| match &l.header {
            Header::Tcp(t) => Some(t.flags),
            _ => None,
        });
        if let Some(flags) = tcp_flags {
            line.push(b' ');
            push_flag_names(line, flags);
        }
        if let Some(stopped) = &view.annotated.stopped {
            line.text("  ")
                .text(&p.paint(&terminal_safe(stopped), Style::Stop));
        }
        line.push(b'\n');
        out.write_all(line.as_bytes())
    }

    fn depth(&self) -> Depth {
        Depth::Brief
    }
}

/// The flags by name for the learner: `SYN`, `SYN-ACK`, `PSH-ACK`, `FIN-ACK`, `RST`.
fn push_flag_names(line: &mut Line, flags: TcpFlags) {
    let before = line.len();
    for name in flags.names() {
        if line.len() > before {
            line.push(b'-');
        }
        line.text(name);
    }
    if line.len() == before {
        line.text("no flags");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::{Frame, LinkType, Timestamp};
    use crate::test_fixtures::{SYN, frame};

    /// `data` as the one-line view prints it, captured at 14:05:12.675612.
    fn render(data: &[u8], link_type: LinkType, palette: Palette) -> String {
        let frame = Frame {
            timestamp: Timestamp {
                seconds: 1_235_484_312,
                nanoseconds: 675_612_000,
            },
            ..frame(link_type, data)
        };
        crate::render::fixtures::render(&mut OneLineRenderer::new(palette), &frame)
    }

    #[test]
    fn a_syn_reads_like_tcpdump_then_names_service_and_role() {
        assert_eq!(
            render(&SYN, LinkType::Ethernet, Palette::plain()),
            "14:05:12.675612 IP 127.0.0.1.55920 > 127.0.0.1.80: Flags [S], seq 928549246, \
             win 32767, options [mss 16396,sackOK,TS val 1306300950 ecr 0,wscale 2], length 0  \
             HTTP client→server SYN\n"
        );
    }

    #[test]
    fn the_answer_goes_from_server_to_client() {
        let mut frame = SYN.to_vec();
        frame[34..36].copy_from_slice(&80u16.to_be_bytes());
        frame[36..38].copy_from_slice(&55920u16.to_be_bytes());
        frame[47] = 0x12;
        let line = render(&frame, LinkType::Ethernet, Palette::plain());
        assert!(line.contains("127.0.0.1.80 > 127.0.0.1.55920: Flags [S.], seq 928549246, ack 0,"));
        assert!(line.ends_with("  HTTP server→client SYN-ACK\n"), "{line}");
    }

    #[test]
    fn a_cut_frame_says_where_decoding_stopped() {
        let line = render(&SYN[..40], LinkType::Ethernet, Palette::plain());
        assert!(line.starts_with("14:05:12.675612 IP 127.0.0.1 > 127.0.0.1: TCP, length 40"));
        assert!(
            line.contains("Decoding stopped at the TCP header (byte 34)"),
            "{line}"
        );
    }

    #[test]
    fn colour_marks_only_the_service() {
        let coloured = render(&SYN, LinkType::Ethernet, Palette::new(true));
        assert!(coloured.contains("\u{1b}["));
        assert!(coloured.starts_with("14:05:12.675612 IP 127.0.0.1.55920"));
    }
}
