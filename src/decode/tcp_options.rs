//! TCP options, read by hand: etherparse's iterator stops at option kinds it does not know
//! (Multipath TCP, Fast Open), which real captures carry. RFC 9293 §3.1 layout: kinds 0 (end of
//! list) and 1 (no-operation) are one byte; every other option is kind, length, value.

use super::TcpOption;

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
    fn bad_lengths_are_reported_not_read_past() {
        assert_eq!(parse(&[2, 1]), (vec![], true));
        assert_eq!(parse(&[2, 40, 0, 0]), (vec![], true));
        assert_eq!(parse(&[8]), (vec![], true));
    }
}
