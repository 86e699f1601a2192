//! The words renderers put around values: headings ("packet", "Chain", "Port"), the names in each
//! layer's one-line summary ("TTL … id … length", "data bytes"), the conversations table's
//! columns, the interface list's flags. Like [`super::Msg`], every label is rendered by one
//! exhaustive `match` per language, so a renderer chooses only *how* to show a label, never which
//! language it is in.

/// Writes a label's pieces one after another: words as they are, numbers without the formatting
/// machinery (the tree writes a dozen labels for every packet). `put!(out, "seq ", *value)`.
macro_rules! put {
    ($out:expr, $($piece:expr),+ $(,)?) => {{
        $( super::Piece::put($piece, $out); )+
        Ok::<(), std::fmt::Error>(())
    }};
}

mod en;
mod ko;

/// A piece of a label's text.
trait Piece {
    fn put(self, out: &mut String);
}

impl Piece for &str {
    fn put(self, out: &mut String) {
        out.push_str(self);
    }
}

macro_rules! decimal_pieces {
    ($($integer:ty),+) => {$(
        impl Piece for $integer {
            fn put(self, out: &mut String) {
                crate::digits::push_decimal(out, self as u64);
            }
        }
    )+};
}
decimal_pieces!(u8, u16, u32, u64, usize);

/// A number in lowercase hexadecimal, in at least `WIDTH` digits (`0x` is the label's word).
struct Hex<const WIDTH: usize>(u32);

impl<const WIDTH: usize> Piece for Hex<WIDTH> {
    fn put(self, out: &mut String) {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let width = (8 - self.0.leading_zeros() as usize / 4).max(WIDTH).min(8);
        for shift in (0..width).rev() {
            out.push(char::from(DIGITS[(self.0 >> (shift * 4)) as usize & 0xf]));
        }
    }
}

use super::Lang;
use crate::decode::MacAddress;
use crate::knowledge::ports::PortRange;
use std::net::{IpAddr, Ipv4Addr};

/// A column of the conversations table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Protocol,
    Client,
    Server,
    Service,
    ClientToServerPackets,
    ClientToServerBytes,
    ServerToClientPackets,
    ServerToClientBytes,
    Duration,
    State,
}

impl Column {
    /// Every column, in the table's order.
    pub const ALL: [Column; 10] = [
        Column::Protocol,
        Column::Client,
        Column::Server,
        Column::Service,
        Column::ClientToServerPackets,
        Column::ClientToServerBytes,
        Column::ServerToClientPackets,
        Column::ServerToClientBytes,
        Column::Duration,
        Column::State,
    ];
}

/// A state flag of a capture interface, as `-D` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InterfaceFlag {
    Up,
    Running,
    Loopback,
    Wireless,
}

/// Every label a renderer can show, with its values.
#[derive(Debug, Clone, PartialEq)]
pub enum Label<'a> {
    /// The first line of a packet in the tree view.
    PacketHeading {
        number: u64,
        timestamp: &'a str,
        captured: u32,
        original: u32,
    },
    /// Heading of the demultiplexing chain line.
    ChainTitle,
    /// Heading of the port line.
    PortTitle,
    /// Heading of the line that says where decoding stopped.
    StopTitle,
    /// The port line: the server's port, its service and range, and the client's port.
    ServiceLine {
        port: u16,
        name: &'a str,
        range: PortRange,
        client_port: u16,
    },

    // Pieces of the layers' one-line summaries.
    CookedFrom {
        mac: MacAddress,
    },
    CookedInterface {
        index: u32,
    },
    LoopbackFamily {
        family: u32,
    },
    VlanFields {
        id: u16,
        priority: u8,
    },
    /// An ARP operation nobody named.
    UnnamedArpOperation,
    Ipv4Fields {
        ttl: u8,
        identification: u16,
        total_length: u16,
    },
    FragmentOffset {
        offset: u32,
    },
    Ipv6Fields {
        hop_limit: u8,
        payload_length: u16,
    },
    FlowLabel {
        flow_label: u32,
    },
    IcmpFields {
        name: &'a str,
        icmp_type: u8,
        code: u8,
    },
    /// A message type nobody named (ICMP, DHCP).
    UnnamedMessage,
    EchoFields {
        identifier: u16,
        sequence: u16,
    },
    IgmpFields {
        igmp_type: u8,
        group: Option<Ipv4Addr>,
    },
    Sequence {
        value: u32,
    },
    Acknowledgment {
        value: u32,
    },
    Window {
        value: u16,
    },
    TcpOptions {
        text: &'a str,
    },
    Length {
        value: u16,
    },
    DataBytes {
        count: usize,
    },
    /// The data a segment or datagram carried on the wire (`count`), when the capture holds
    /// fewer of those bytes (`captured`): the snapshot length cut the frame.
    DataBytesCaptured {
        count: usize,
        captured: usize,
    },

    // Pieces of the application hint's one-line summary.
    TlsOffers {
        versions: &'a str,
    },
    TlsRecordType {
        content_type: u8,
    },
    DnsQuery,
    DnsResponse,
    DnsAnswerCount {
        count: u16,
    },
    DnsOverTcp,
    QuicPacket {
        packet_type: &'a str,
        version: u32,
    },

    // The conversations table.
    ConversationCount {
        count: usize,
    },
    Column(Column),
    Evicted {
        count: u64,
    },

    // The interface list (`-D`) and the end of a live run.
    InterfaceFlag(InterfaceFlag),
    Netmask {
        netmask: IpAddr,
    },
    NoInterfaces,
    RunTotals {
        packets: u64,
        received: u32,
        dropped_by_kernel: u32,
    },
}

/// Renders a label in the chosen language.
pub fn label(lang: Lang, label: &Label<'_>) -> String {
    let mut out = String::new();
    write_label(&mut out, lang, label);
    out
}

/// Appends a label in the chosen language to `out`, without allocating a string of its own (the
/// tree writes several labels for every packet).
pub fn write_label(out: &mut String, lang: Lang, label: &Label<'_>) {
    // Writing into a String cannot fail.
    let _ = match lang {
        Lang::En => en::write(out, label),
        Lang::Ko => ko::write(out, label),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_write_what_the_formatting_machinery_would() {
        for value in [
            0u32,
            1,
            0xf,
            0x10,
            0x35d3,
            0xffff,
            0x1_0000,
            0x12345,
            u32::MAX,
        ] {
            let mut text = String::new();
            Hex::<4>(value).put(&mut text);
            assert_eq!(text, format!("{value:04x}"));
            text.clear();
            Hex::<2>(value).put(&mut text);
            assert_eq!(text, format!("{value:02x}"));
            text.clear();
            value.put(&mut text);
            assert_eq!(text, value.to_string());
        }
        let mut text = String::new();
        write_label(&mut text, Lang::En, &Label::Sequence { value: u32::MAX });
        assert_eq!(text, "seq 4294967295");
    }
}
