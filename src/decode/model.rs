//! The pieces a dissection is made of: each layer's header with its fields and the byte range it
//! covers, layer names, and where and why decoding stopped. Owned, serializable, free of I/O, and
//! free of teaching text (that is the explainer's job).

use super::TcpOption;
use serde::{Serialize, Serializer};
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// A 48-bit IEEE MAC address, shown as lower-case colon-separated hex.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct MacAddress(pub [u8; 6]);

impl MacAddress {
    pub const BROADCAST: MacAddress = MacAddress([0xff; 6]);

    /// Reads a MAC address from the first six bytes of `bytes`, if there are six.
    pub fn from_slice(bytes: &[u8]) -> Option<MacAddress> {
        bytes.get(..6)?.try_into().ok().map(MacAddress)
    }

    pub fn is_broadcast(&self) -> bool {
        *self == MacAddress::BROADCAST
    }

    /// The individual/group bit: set for multicast (and broadcast) addresses.
    pub fn is_multicast(&self) -> bool {
        self.0[0] & 0x01 != 0
    }

    /// The universal/local bit: set when software, not the maker, chose the address.
    pub fn is_locally_administered(&self) -> bool {
        self.0[0] & 0x02 != 0
    }

    pub fn is_zero(&self) -> bool {
        self.0 == [0; 6]
    }
}

impl fmt::Display for MacAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = crate::format::mac_text(self.0);
        f.pad(std::str::from_utf8(&text).map_err(|_| fmt::Error)?)
    }
}

impl From<MacAddress> for [u8; 6] {
    fn from(mac: MacAddress) -> [u8; 6] {
        mac.0
    }
}

impl fmt::Debug for MacAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for MacAddress {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A byte range `[start, end)` within the frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// The name of a layer: [`LayerName::as_str`] in JSON and stop reports,
/// [`LayerName::display_name`] in views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LayerName {
    Link,
    Ethernet,
    LinuxSll,
    LinuxSll2,
    Loopback,
    Vlan,
    Macsec,
    Arp,
    Ip,
    Ipv4,
    Ipv6,
    Ipv6Extension,
    Icmpv4,
    Icmpv6,
    Igmp,
    Tcp,
    Udp,
}

impl LayerName {
    pub fn as_str(self) -> &'static str {
        match self {
            LayerName::Link => "link",
            LayerName::Ethernet => "ethernet",
            LayerName::LinuxSll => "linux_sll",
            LayerName::LinuxSll2 => "linux_sll2",
            LayerName::Loopback => "loopback",
            LayerName::Vlan => "vlan",
            LayerName::Macsec => "macsec",
            LayerName::Arp => "arp",
            LayerName::Ip => "ip",
            LayerName::Ipv4 => "ipv4",
            LayerName::Ipv6 => "ipv6",
            LayerName::Ipv6Extension => "ipv6_extension",
            LayerName::Icmpv4 => "icmpv4",
            LayerName::Icmpv6 => "icmpv6",
            LayerName::Igmp => "igmp",
            LayerName::Tcp => "tcp",
            LayerName::Udp => "udp",
        }
    }

    /// The layer's name as people write it, for views: `Ethernet`, `IPv4`, `TCP`, `VLAN tag`.
    pub fn display_name(self) -> &'static str {
        match self {
            LayerName::Link => "link",
            LayerName::Ethernet => "Ethernet",
            LayerName::LinuxSll => "Linux cooked",
            LayerName::LinuxSll2 => "Linux cooked v2",
            LayerName::Loopback => "BSD loopback",
            LayerName::Vlan => "VLAN tag",
            LayerName::Macsec => "MACsec",
            LayerName::Arp => "ARP",
            LayerName::Ip => "IP",
            LayerName::Ipv4 => "IPv4",
            LayerName::Ipv6 => "IPv6",
            LayerName::Ipv6Extension => "IPv6 extension",
            LayerName::Icmpv4 => "ICMP",
            LayerName::Icmpv6 => "ICMPv6",
            LayerName::Igmp => "IGMP",
            LayerName::Tcp => "TCP",
            LayerName::Udp => "UDP",
        }
    }
}

/// Ethernet II header (or IEEE 802.3 when `ether_type` is below 0x0600 and is really a length).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ethernet {
    pub destination: MacAddress,
    pub source: MacAddress,
    pub ether_type: u16,
}

/// Linux cooked capture v1 pseudo-header (16 bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinuxSll {
    pub packet_type: u16,
    pub hardware_type: u16,
    pub address_length: u16,
    /// The sender's link address when it is a 6-byte MAC.
    pub source: Option<MacAddress>,
    pub protocol: u16,
}

/// Linux cooked capture v2 pseudo-header (20 bytes), what `tcpdump -i any` writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinuxSll2 {
    pub protocol: u16,
    pub interface_index: u32,
    pub hardware_type: u16,
    pub packet_type: u8,
    pub address_length: u8,
    pub source: Option<MacAddress>,
}

/// BSD NULL/LOOP header: a 4-byte address family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Loopback {
    pub family: u32,
}

/// One 802.1Q (or 802.1ad) VLAN tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vlan {
    /// The EtherType that announced this tag: 0x8100 (802.1Q), 0x88a8 (802.1ad) or 0x9100.
    pub tag_protocol: u16,
    pub id: u16,
    pub priority: u8,
    pub drop_eligible: bool,
    pub ether_type: u16,
}

/// An ARP packet. Addresses are filled in for the Ethernet/IPv4 case, the only one in practice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Arp {
    pub hardware_type: u16,
    pub protocol_type: u16,
    pub operation: u16,
    pub sender_mac: Option<MacAddress>,
    pub sender_ip: Option<Ipv4Addr>,
    pub target_mac: Option<MacAddress>,
    pub target_ip: Option<Ipv4Addr>,
}

/// IPv4 header fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ipv4 {
    pub source: Ipv4Addr,
    pub destination: Ipv4Addr,
    pub ttl: u8,
    pub protocol: u8,
    pub identification: u16,
    pub dont_fragment: bool,
    pub more_fragments: bool,
    /// Fragment offset in bytes (the header stores it in units of 8 bytes).
    pub fragment_offset: u32,
    pub total_length: u16,
    /// Header length in bytes, options included.
    pub header_length: u8,
    pub dscp: u8,
    pub ecn: u8,
    pub checksum: u16,
}

impl Ipv4 {
    /// True when this packet is one piece of a larger, fragmented one.
    pub fn is_fragment(&self) -> bool {
        self.more_fragments || self.fragment_offset != 0
    }
}

/// One IPv6 extension header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ipv6Extension {
    /// The IP protocol number that names this header (0 hop-by-hop, 43 routing, 44 fragment,
    /// 60 destination options, 51 authentication).
    pub kind: u8,
    pub next_header: u8,
    pub length: usize,
}

/// IPv6 header fields, with the extension headers that follow it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ipv6 {
    pub source: Ipv6Addr,
    pub destination: Ipv6Addr,
    pub hop_limit: u8,
    /// The Next Header field of the fixed header.
    pub next_header: u8,
    pub payload_length: u16,
    pub traffic_class: u8,
    pub flow_label: u32,
    pub extensions: Vec<Ipv6Extension>,
    /// The protocol after all extension headers: the transport.
    pub protocol: u8,
    /// True when a fragment header says this is a piece of a larger packet.
    pub fragmented: bool,
}

/// The start of the packet an ICMP error message quotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quoted {
    pub source: IpAddr,
    pub destination: IpAddr,
    pub protocol: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_port: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_port: Option<u16>,
}

/// ICMPv4 or ICMPv6 message header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Icmp {
    pub icmp_type: u8,
    pub code: u8,
    pub checksum: u16,
    /// Identifier and sequence number of echo request/reply messages.
    pub echo: Option<(u16, u16)>,
    /// For error messages: the packet that caused the error.
    pub quoted: Option<Quoted>,
}

/// IGMP message header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Igmp {
    pub igmp_type: u8,
    pub group: Option<Ipv4Addr>,
}

/// TCP flag bits, as in the header (NS in bit 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct TcpFlags(pub u16);

impl TcpFlags {
    pub const FIN: u16 = 0x001;
    pub const SYN: u16 = 0x002;
    pub const RST: u16 = 0x004;
    pub const PSH: u16 = 0x008;
    pub const ACK: u16 = 0x010;
    pub const URG: u16 = 0x020;
    pub const ECE: u16 = 0x040;
    pub const CWR: u16 = 0x080;
    pub const NS: u16 = 0x100;

    /// Flag names in tcpdump's order (S F R P . U E W), for display and JSON.
    pub const NAMES: [(u16, &'static str); 9] = [
        (Self::SYN, "SYN"),
        (Self::FIN, "FIN"),
        (Self::RST, "RST"),
        (Self::PSH, "PSH"),
        (Self::ACK, "ACK"),
        (Self::URG, "URG"),
        (Self::ECE, "ECE"),
        (Self::CWR, "CWR"),
        (Self::NS, "NS"),
    ];

    pub fn has(self, bit: u16) -> bool {
        self.0 & bit != 0
    }

    /// Names of the flags that are set.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        Self::NAMES
            .into_iter()
            .filter(move |(bit, _)| self.has(*bit))
            .map(|(_, name)| name)
    }
}

/// TCP header fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tcp {
    pub source_port: u16,
    pub destination_port: u16,
    pub sequence: u32,
    pub acknowledgment: u32,
    pub flags: TcpFlags,
    pub window: u16,
    pub header_length: u8,
    pub urgent_pointer: u16,
    pub checksum: u16,
    pub options: Vec<TcpOption>,
    /// True when the options area ended in a malformed option.
    pub options_malformed: bool,
    /// Bytes of data the segment carried on the wire: the IP layer's declared payload minus this
    /// header, or the captured bytes when the IP length cannot be used (0, as in captures of
    /// segmentation offload). More than `payload_captured` when the snapshot length cut the frame.
    pub payload_length: usize,
    /// Bytes of that data the capture holds (the span of [`Dissection::payload`](super::Dissection::payload)).
    pub payload_captured: usize,
}

/// UDP header fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Udp {
    pub source_port: u16,
    pub destination_port: u16,
    pub length: u16,
    pub checksum: u16,
    /// Bytes of data the datagram carried on the wire: the length field minus the 8-byte header,
    /// or the captured bytes when the field is below 8 (0 in IPv6 jumbograms).
    pub payload_length: usize,
    /// Bytes of that data the capture holds (the span of [`Dissection::payload`](super::Dissection::payload)).
    pub payload_captured: usize,
}

/// The header a layer carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Header {
    Ethernet(Ethernet),
    LinuxSll(LinuxSll),
    LinuxSll2(LinuxSll2),
    Loopback(Loopback),
    Vlan(Vlan),
    Arp(Arp),
    Ipv4(Ipv4),
    Ipv6(Ipv6),
    Icmpv4(Icmp),
    Icmpv6(Icmp),
    Igmp(Igmp),
    Tcp(Tcp),
    Udp(Udp),
}

impl Header {
    pub fn name(&self) -> LayerName {
        match self {
            Header::Ethernet(_) => LayerName::Ethernet,
            Header::LinuxSll(_) => LayerName::LinuxSll,
            Header::LinuxSll2(_) => LayerName::LinuxSll2,
            Header::Loopback(_) => LayerName::Loopback,
            Header::Vlan(_) => LayerName::Vlan,
            Header::Arp(_) => LayerName::Arp,
            Header::Ipv4(_) => LayerName::Ipv4,
            Header::Ipv6(_) => LayerName::Ipv6,
            Header::Icmpv4(_) => LayerName::Icmpv4,
            Header::Icmpv6(_) => LayerName::Icmpv6,
            Header::Igmp(_) => LayerName::Igmp,
            Header::Tcp(_) => LayerName::Tcp,
            Header::Udp(_) => LayerName::Udp,
        }
    }
}

/// One decoded layer: its header and the bytes of the frame it occupies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Layer {
    pub span: Span,
    pub header: Header,
}

/// What counted as the length that was too short.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LengthSource {
    /// The bytes that were captured (the frame, or the snapshot length cut it).
    Captured,
    /// A length field in an enclosing header (IPv4 total length, IPv6 payload length, …).
    HeaderField,
}

/// Why decoding stopped before the end of the frame.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum StopReason {
    /// A header needed `needed` bytes but only `available` were there.
    Truncated {
        needed: usize,
        available: usize,
        length_source: LengthSource,
    },
    /// A header broke a rule of its protocol; `detail` is the parser's explanation.
    Invalid { detail: String },
    /// MACsec (802.1AE) protects the rest of the frame: after its header, the data is encrypted
    /// or integrity-protected.
    MacsecProtected { header_length: usize },
    /// The capture's link type is not one portlens decodes.
    UnsupportedLinkType { link_type: u32 },
}

/// Where and why decoding stopped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stop {
    pub layer: LayerName,
    /// Offset in the frame where the layer that could not be decoded starts.
    pub offset: usize,
    pub reason: StopReason,
}
