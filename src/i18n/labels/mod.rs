//! The words renderers put around values: headings ("packet", "Chain", "Port"), the names in each
//! layer's one-line summary ("TTL … id … length", "data bytes"), the conversations table's
//! columns, the interface list's flags. Like [`super::Msg`], every label is rendered by one
//! exhaustive `match` per language, so a renderer chooses only *how* to show a label, never which
//! language it is in.
//!
//! Each arm writes its label piece by piece with the formatting layer's plain words (`text`,
//! `number`, `hex`, `ipv4`, `ip`, `mac`), not with `write!`: the tree writes a dozen labels for
//! every packet, and `core::fmt` was most of their cost. A test below checks the pieces against
//! what `format!` writes.

mod en;
mod ko;

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
    match lang {
        Lang::En => en::write(out, label),
        Lang::Ko => ko::write(out, label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv6Addr;

    /// The labels whose values the formatting layer writes, against the same text made by
    /// `format!`, over values at the edges of their types.
    #[test]
    fn pieces_write_what_the_formatting_machinery_would() {
        let en = |l: Label<'_>| label(Lang::En, &l);
        let ko = |l: Label<'_>| label(Lang::Ko, &l);
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
            let (small, byte) = (value as u16, value as u8);
            assert_eq!(
                en(Label::Ipv4Fields {
                    ttl: byte,
                    identification: small,
                    total_length: small,
                }),
                format!("TTL {byte}, id 0x{small:04x}, length {small}")
            );
            assert_eq!(
                ko(Label::Ipv4Fields {
                    ttl: byte,
                    identification: small,
                    total_length: small,
                }),
                format!("TTL {byte}, 식별자 0x{small:04x}, 길이 {small}")
            );
            assert_eq!(
                en(Label::FlowLabel { flow_label: value }),
                format!("flow 0x{value:05x}")
            );
            assert_eq!(
                en(Label::QuicPacket {
                    packet_type: "Initial",
                    version: value,
                }),
                format!("Initial packet, version 0x{value:08x}")
            );
            assert_eq!(
                en(Label::IgmpFields {
                    igmp_type: byte,
                    group: Some(Ipv4Addr::from(value)),
                }),
                format!("type 0x{byte:02x}, group {}", Ipv4Addr::from(value))
            );
            assert_eq!(en(Label::Sequence { value }), format!("seq {value}"));
            let count = value as usize;
            assert_eq!(
                en(Label::DataBytesCaptured {
                    count,
                    captured: count,
                }),
                format!("{count} data bytes ({count} captured)")
            );
            let number = u64::from(value) << 32 | u64::from(value);
            assert_eq!(
                en(Label::PacketHeading {
                    number,
                    timestamp: "t",
                    captured: value,
                    original: value,
                }),
                format!("packet {number} · t · {value} bytes captured of {value}")
            );
        }
        let mac = MacAddress([0x02, 0, 0, 0xab, 0xcd, 0xef]);
        assert_eq!(en(Label::CookedFrom { mac }), format!("from {mac}"));
        for netmask in [
            IpAddr::V4(Ipv4Addr::new(255, 255, 255, 0)),
            IpAddr::V6(Ipv6Addr::new(0xffff, 0xffff, 0xffff, 0xffff, 0, 0, 0, 0)),
        ] {
            assert_eq!(en(Label::Netmask { netmask }), format!("netmask {netmask}"));
        }
    }
}
