//! TCP options: the [`TcpOption`] type, its one reader and its one set of words. The reader
//! works by hand: etherparse's iterator stops at option kinds it does not know (Multipath TCP,
//! Fast Open), which real captures carry. RFC 9293 §3.1 layout: kinds 0 (end of list) and 1
//! (no-operation) are one byte; every other option is kind, length, value. The words are
//! tcpdump's, in two forms: the full one (`Display`: `sack 1 {10:20}`, `mptcp 2`) and the compact
//! one ([`TcpOption::compact`]: `sack 1`, `mptcp subtype 2`).

use crate::format::Sink;
use serde::Serialize;
use std::fmt;

/// A TCP option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum TcpOption {
    MaximumSegmentSize {
        value: u16,
    },
    WindowScale {
        shift: u8,
    },
    SackPermitted,
    Sack {
        blocks: Vec<(u32, u32)>,
    },
    Timestamp {
        value: u32,
        echo_reply: u32,
    },
    /// Multipath TCP (kind 30), with its subtype.
    Multipath {
        subtype: u8,
    },
    FastOpen,
    /// Any other option, by its kind number.
    Other {
        number: u8,
        length: usize,
    },
}

/// A formatter as a [`Sink`] (for `Display`), keeping the first error. Options' words go into any
/// `Sink`: a `String`, a view's own line buffer, or this.
struct FormatterWriter<'a, 'b> {
    f: &'a mut fmt::Formatter<'b>,
    result: fmt::Result,
}

impl fmt::Write for FormatterWriter<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        if self.result.is_ok() {
            self.result = self.f.write_str(text);
        }
        Ok(())
    }
}

impl Sink for FormatterWriter<'_, '_> {
    fn push_ascii(&mut self, ascii: &[u8]) {
        // ASCII only, so the check always passes.
        self.text(std::str::from_utf8(ascii).unwrap_or(""));
    }

    fn push_ascii_with(&mut self, count: usize, fill: impl FnOnce(&mut [u8])) {
        let mut buffer = [0u8; 40];
        fill(&mut buffer[..count]);
        self.push_ascii(&buffer[..count]);
    }
}

impl TcpOption {
    /// Writes the full form: every SACK block, the Multipath TCP subtype as a bare number.
    #[inline]
    pub fn write_full(&self, out: &mut impl Sink) {
        self.write(out, true);
    }

    /// Writes the compact form: the number of SACK blocks, `mptcp subtype N`.
    #[inline]
    pub fn write_compact(&self, out: &mut impl Sink) {
        self.write(out, false);
    }

    #[inline]
    fn write(&self, out: &mut impl Sink, full: bool) {
        match self {
            TcpOption::MaximumSegmentSize { value } => out.text("mss ").number(*value),
            TcpOption::WindowScale { shift } => out.text("wscale ").number(*shift),
            TcpOption::SackPermitted => out.text("sackOK"),
            TcpOption::Sack { blocks } => {
                out.text("sack ").number(blocks.len());
                for (left, right) in blocks.iter().filter(|_| full) {
                    out.text(" {")
                        .number(*left)
                        .text(":")
                        .number(*right)
                        .text("}");
                }
                out
            }
            TcpOption::Timestamp { value, echo_reply } => out
                .text("TS val ")
                .number(*value)
                .text(" ecr ")
                .number(*echo_reply),
            TcpOption::Multipath { subtype } => out
                .text(if full { "mptcp " } else { "mptcp subtype " })
                .number(*subtype),
            TcpOption::FastOpen => out.text("tfo"),
            TcpOption::Other { number, .. } => out.text("opt-").number(*number),
        };
    }

    /// The compact form, for display.
    pub fn compact(&self) -> Compact<'_> {
        Compact(self)
    }

    /// A list of options in the compact form, as tcpdump brackets it: `<mss 1460,sackOK,wscale 7>`.
    pub fn compact_list(options: &[TcpOption]) -> CompactList<'_> {
        CompactList(options)
    }
}

/// The full form: `mss 1460`, `sack 1 {10:20}`, `TS val 1 ecr 0`, `mptcp 2`, `opt-99`.
impl fmt::Display for TcpOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = FormatterWriter { f, result: Ok(()) };
        self.write_full(&mut out);
        out.result
    }
}

/// An option in the compact form (see [`TcpOption::compact`]).
pub struct Compact<'a>(&'a TcpOption);

impl fmt::Display for Compact<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = FormatterWriter { f, result: Ok(()) };
        self.0.write_compact(&mut out);
        out.result
    }
}

/// Options in the compact form, bracketed and separated by commas (see
/// [`TcpOption::compact_list`]).
pub struct CompactList<'a>(&'a [TcpOption]);

impl CompactList<'_> {
    /// Appends the list to `out`.
    pub fn write_to(&self, out: &mut impl Sink) {
        out.text("<");
        for (index, option) in self.0.iter().enumerate() {
            if index > 0 {
                out.text(",");
            }
            option.write_compact(out);
        }
        out.text(">");
    }
}

impl fmt::Display for CompactList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = FormatterWriter { f, result: Ok(()) };
        self.write_to(&mut out);
        out.result
    }
}

/// Parses the options area of a TCP header. The flag is true when the area ends in a malformed
/// option (a length that is too small or runs past the header).
#[cfg(test)]
pub fn parse(area: &[u8]) -> (Vec<TcpOption>, bool) {
    let mut options = Vec::new();
    let malformed = parse_into(area, &mut options);
    (options, malformed)
}

/// Parses the options area of a TCP header into `options` (a list an earlier frame used, so its
/// memory is reused). Returns true when the area ends in a malformed option (a length that is too
/// small or runs past the header).
pub fn parse_into(area: &[u8], options: &mut Vec<TcpOption>) -> bool {
    options.clear();
    let mut rest = area;
    while let Some((&kind, after_kind)) = rest.split_first() {
        match kind {
            0 => break,
            1 => {
                rest = after_kind;
                continue;
            }
            _ => {}
        }
        let Some(&length) = after_kind.first() else {
            return true;
        };
        let length = usize::from(length);
        if length < 2 || length > rest.len() {
            return true;
        }
        let value = &rest[2..length];
        let option = match (kind, value.len()) {
            (2, 2) => TcpOption::MaximumSegmentSize {
                value: u16::from_be_bytes([value[0], value[1]]),
            },
            (3, 1) => TcpOption::WindowScale { shift: value[0] },
            (4, 0) => TcpOption::SackPermitted,
            (5, n) if n % 8 == 0 => TcpOption::Sack {
                blocks: value
                    .chunks_exact(8)
                    .map(|b| {
                        (
                            u32::from_be_bytes([b[0], b[1], b[2], b[3]]),
                            u32::from_be_bytes([b[4], b[5], b[6], b[7]]),
                        )
                    })
                    .collect(),
            },
            (8, 8) => TcpOption::Timestamp {
                value: u32::from_be_bytes([value[0], value[1], value[2], value[3]]),
                echo_reply: u32::from_be_bytes([value[4], value[5], value[6], value[7]]),
            },
            (30, n) if n >= 1 => TcpOption::Multipath {
                subtype: value[0] >> 4,
            },
            (34, _) => TcpOption::FastOpen,
            (number, _) => TcpOption::Other { number, length },
        };
        options.push(option);
        rest = &rest[length..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linux_syn_options() {
        // MSS 65495, SACK permitted, timestamps, NOP, window scale 7: a Linux SYN on loopback.
        let area = [
            2, 4, 0xff, 0xd7, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7,
        ];
        let (options, malformed) = parse(&area);
        assert!(!malformed);
        assert_eq!(
            options,
            vec![
                TcpOption::MaximumSegmentSize { value: 65495 },
                TcpOption::SackPermitted,
                TcpOption::Timestamp {
                    value: 1,
                    echo_reply: 0
                },
                TcpOption::WindowScale { shift: 7 },
            ]
        );
    }

    #[test]
    fn mptcp_and_unknown_kinds_are_kept() {
        let area = [30, 4, 0x70, 0x00, 99, 3, 0xaa, 0];
        let (options, malformed) = parse(&area);
        assert!(!malformed);
        assert_eq!(
            options,
            vec![
                TcpOption::Multipath { subtype: 7 },
                TcpOption::Other {
                    number: 99,
                    length: 3
                },
            ]
        );
    }

    #[test]
    fn the_full_and_the_compact_forms() {
        let options = [
            TcpOption::MaximumSegmentSize { value: 1460 },
            TcpOption::SackPermitted,
            TcpOption::Sack {
                blocks: vec![(10, 20), (30, 40)],
            },
            TcpOption::Timestamp {
                value: 1,
                echo_reply: 0,
            },
            TcpOption::WindowScale { shift: 7 },
            TcpOption::Multipath { subtype: 2 },
            TcpOption::FastOpen,
            TcpOption::Other {
                number: 99,
                length: 3,
            },
        ];
        let full: Vec<String> = options.iter().map(ToString::to_string).collect();
        assert_eq!(
            full.join(","),
            "mss 1460,sackOK,sack 2 {10:20} {30:40},TS val 1 ecr 0,wscale 7,mptcp 2,tfo,opt-99"
        );
        let compact = TcpOption::compact_list(&options).to_string();
        assert_eq!(
            compact,
            "<mss 1460,sackOK,sack 2,TS val 1 ecr 0,wscale 7,mptcp subtype 2,tfo,opt-99>"
        );
        assert_eq!(options[5].compact().to_string(), "mptcp subtype 2");
        let mut text = String::new();
        TcpOption::compact_list(&options[..1]).write_to(&mut text);
        assert_eq!(text, "<mss 1460>");
    }

    #[test]
    fn bad_lengths_are_reported_not_read_past() {
        assert_eq!(parse(&[2, 1]), (vec![], true));
        assert_eq!(parse(&[2, 40, 0, 0]), (vec![], true));
        assert_eq!(parse(&[8]), (vec![], true));
    }
}
