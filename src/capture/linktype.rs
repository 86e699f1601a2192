//! Link types: the number in a capture's header that says what the first byte of every frame is.
//! The values portlens decodes are enum variants; every other value keeps its number and, where
//! tcpdump's registry names it, its name.

use serde::Serialize;

/// The link-layer header type of a capture (LINKTYPE_* / DLT_* values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkType {
    /// BSD loopback: a 4-byte address family in host byte order (DLT_NULL, 0).
    Null,
    /// Ethernet II and IEEE 802.3 (1).
    #[default]
    Ethernet,
    /// Raw IP: the frame starts at the IP header (LINKTYPE_RAW 101; DLT_RAW 12 or 14).
    Raw,
    /// OpenBSD loopback: a 4-byte address family in network byte order (108).
    Loop,
    /// Linux "cooked" capture, version 1 (113).
    LinuxSll,
    /// Linux "cooked" capture, version 2, what `-i any` gives (276).
    LinuxSll2,
    /// Raw IPv4 (228).
    Ipv4,
    /// Raw IPv6 (229).
    Ipv6,
    /// A link type portlens does not decode.
    Unknown(u32),
}

/// Names of link types portlens does not decode, from tcpdump.org's LINKTYPE registry, so that
/// the learner is told what the capture holds.
const OTHER_LINK_TYPES: &[(u32, &str)] = &[
    (3, "AX.25 amateur radio"),
    (6, "IEEE 802.5 Token Ring"),
    (7, "ARCNET"),
    (8, "SLIP"),
    (9, "PPP"),
    (10, "FDDI"),
    (50, "PPP in HDLC-like framing"),
    (51, "PPPoE"),
    (104, "Cisco HDLC"),
    (105, "IEEE 802.11 wireless LAN"),
    (107, "Frame Relay"),
    (117, "OpenBSD pflog"),
    (119, "Prism monitor mode"),
    (127, "IEEE 802.11 with radiotap header"),
    (139, "SS7 MTP2"),
    (143, "DOCSIS"),
    (163, "IEEE 802.11 with AVS header"),
    (192, "PPI"),
    (195, "IEEE 802.15.4"),
    (201, "Bluetooth HCI H4 with pseudo-header"),
    (215, "IEEE 802.15.4 without FCS"),
    (220, "Linux USB"),
    (227, "CAN (SocketCAN)"),
    (239, "Linux netlink NFLOG"),
    (253, "Linux netlink"),
    (254, "Bluetooth Linux monitor"),
    (264, "Wireshark upper-PDU export"),
    (274, "Linux netlink"),
];

impl LinkType {
    /// Interprets the link-type field of a capture header. The upper bits carry FCS information
    /// (and must be masked off); DLT values that differ between systems map to one variant.
    pub fn from_header_field(field: u32) -> LinkType {
        match field & 0xFFFF {
            0 => LinkType::Null,
            1 => LinkType::Ethernet,
            12 | 14 | 101 => LinkType::Raw,
            108 => LinkType::Loop,
            113 => LinkType::LinuxSll,
            276 => LinkType::LinuxSll2,
            228 => LinkType::Ipv4,
            229 => LinkType::Ipv6,
            other => LinkType::Unknown(other),
        }
    }

    /// The LINKTYPE_ number as written in pcap files.
    pub fn number(self) -> u32 {
        match self {
            LinkType::Null => 0,
            LinkType::Ethernet => 1,
            LinkType::Raw => 101,
            LinkType::Loop => 108,
            LinkType::LinuxSll => 113,
            LinkType::LinuxSll2 => 276,
            LinkType::Ipv4 => 228,
            LinkType::Ipv6 => 229,
            LinkType::Unknown(n) => n,
        }
    }

    /// Short machine name, as used in JSON (`link.type`).
    pub fn name(self) -> &'static str {
        match self {
            LinkType::Null => "null",
            LinkType::Ethernet => "ethernet",
            LinkType::Raw => "raw",
            LinkType::Loop => "loop",
            LinkType::LinuxSll => "linux_sll",
            LinkType::LinuxSll2 => "linux_sll2",
            LinkType::Ipv4 => "ipv4",
            LinkType::Ipv6 => "ipv6",
            LinkType::Unknown(_) => "unknown",
        }
    }

    /// What the link type is, in words, when portlens knows.
    pub fn description(self) -> Option<&'static str> {
        match self {
            LinkType::Null => Some("BSD loopback"),
            LinkType::Ethernet => Some("Ethernet"),
            LinkType::Raw => Some("raw IP"),
            LinkType::Loop => Some("OpenBSD loopback"),
            LinkType::LinuxSll => Some("Linux cooked capture v1"),
            LinkType::LinuxSll2 => Some("Linux cooked capture v2"),
            LinkType::Ipv4 => Some("raw IPv4"),
            LinkType::Ipv6 => Some("raw IPv6"),
            LinkType::Unknown(n) => OTHER_LINK_TYPES
                .iter()
                .find(|(value, _)| *value == n)
                .map(|(_, name)| *name),
        }
    }

    /// True when portlens decodes frames of this link type.
    pub fn is_supported(self) -> bool {
        !matches!(self, LinkType::Unknown(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_fcs_bits_and_maps_platform_values() {
        // heap-overflow-1.pcap sets FCS bits above the 16-bit link type.
        assert_eq!(LinkType::from_header_field(0x1400_0001), LinkType::Ethernet);
        assert_eq!(LinkType::from_header_field(12), LinkType::Raw);
        assert_eq!(LinkType::from_header_field(14), LinkType::Raw);
        assert_eq!(LinkType::from_header_field(101), LinkType::Raw);
        assert_eq!(LinkType::from_header_field(276), LinkType::LinuxSll2);
        assert_eq!(LinkType::from_header_field(105), LinkType::Unknown(105));
        assert_eq!(
            LinkType::Unknown(105).description(),
            Some("IEEE 802.11 wireless LAN")
        );
        assert_eq!(LinkType::Unknown(4242).description(), None);
    }
}
