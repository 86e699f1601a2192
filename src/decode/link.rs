//! The link layer: Ethernet II and its VLAN tags (one constructor each, for the quick path and the
//! general one), MACsec's stop, and the link headers etherparse lacks, read by hand: Linux cooked
//! captures v1 and v2 and BSD loopback (NULL and LOOP). etherparse has neither SLL2 nor
//! NULL/LOOP, and its SLL v1 reader refuses hardware types it does not list.

use super::general::{from_ether_type, from_ip};
use super::{
    Dissection, Ethernet, Header, Layer, LayerName, LengthSource, LinuxSll, LinuxSll2, Loopback,
    MacAddress, Span, Stop, StopReason, Vlan, ether_type,
};
use etherparse::{Ethernet2Slice, LaxLinkExtSlice, LaxSlicedPacket, LinkSlice, SingleVlanSlice};

impl Ethernet {
    /// The fields of an Ethernet II header.
    #[inline]
    pub(crate) fn from_slice(ethernet: &Ethernet2Slice<'_>) -> Ethernet {
        Ethernet {
            destination: MacAddress(ethernet.destination()),
            source: MacAddress(ethernet.source()),
            ether_type: ethernet.ether_type().0,
        }
    }
}

impl Vlan {
    /// The fields of a VLAN tag announced by the EtherType `tag_protocol`.
    fn from_slice(vlan: &SingleVlanSlice<'_>, tag_protocol: u16) -> Vlan {
        Vlan {
            tag_protocol,
            id: vlan.vlan_identifier().value(),
            priority: vlan.priority_code_point().value(),
            drop_eligible: vlan.drop_eligible_indicator(),
            ether_type: vlan.ether_type().0,
        }
    }
}

/// Copies the Ethernet header and VLAN tags etherparse's lax slicer found, from `offset`;
/// returns where the network layer starts, or `None` after a MACsec header (the rest of the frame
/// is protected, and decoding stops there).
pub(super) fn absorb(
    dissection: &mut Dissection,
    packet: &LaxSlicedPacket<'_>,
    mut offset: usize,
) -> Option<usize> {
    if let Some(LinkSlice::Ethernet2(eth)) = &packet.link {
        let length = eth.header_len();
        dissection.layers.push(Layer {
            span: Span::new(offset, offset + length),
            header: Header::Ethernet(Ethernet::from_slice(eth)),
        });
        offset += length;
    }
    let mut tag_protocol = dissection.layers.last().and_then(|l| match &l.header {
        Header::Ethernet(e) => Some(e.ether_type),
        Header::LinuxSll(s) => Some(s.protocol),
        Header::LinuxSll2(s) => Some(s.protocol),
        _ => None,
    });
    for ext in &packet.link_exts {
        match ext {
            LaxLinkExtSlice::Vlan(vlan) => {
                let header = Vlan::from_slice(vlan, tag_protocol.unwrap_or(ether_type::VLAN));
                tag_protocol = Some(header.ether_type);
                let length = vlan.header_len();
                dissection.layers.push(Layer {
                    span: Span::new(offset, offset + length),
                    header: Header::Vlan(header),
                });
                offset += length;
            }
            LaxLinkExtSlice::Macsec(macsec) => {
                dissection.stopped = Some(Stop {
                    layer: LayerName::Macsec,
                    offset,
                    reason: StopReason::MacsecProtected {
                        header_length: macsec.header.header_len(),
                    },
                });
                return None;
            }
        }
    }
    Some(offset)
}

/// Length of the Linux SLL pseudo-header.
const SLL_HEADER_LEN: usize = 16;
/// ARPHRD_NETLINK: the protocol field of a cooked header holds a netlink family.
const ARPHRD_NETLINK: u16 = 824;
/// Length of the Linux SLL2 pseudo-header.
const SLL2_HEADER_LEN: usize = 20;
/// Length of the BSD NULL/LOOP header.
const LOOPBACK_HEADER_LEN: usize = 4;

fn truncated(layer: LayerName, needed: usize, available: usize) -> Stop {
    Stop {
        layer,
        offset: 0,
        reason: StopReason::Truncated {
            needed,
            available,
            length_source: LengthSource::Captured,
        },
    }
}

/// Address of the sender in a cooked header, when it is a 6-byte MAC address.
fn cooked_source(length: usize, address: &[u8]) -> Option<MacAddress> {
    (length == 6)
        .then(|| MacAddress::from_slice(address))
        .flatten()
}

/// Linux cooked capture v1 (LINKTYPE_LINUX_SLL, 113): packet type (2), ARPHRD hardware type (2),
/// address length (2), address (8), protocol (2). Read by hand: etherparse refuses hardware types
/// it does not list (tcpdump's tcp-handshake-nano.pcap carries ARPHRD_PPP, 512), although the
/// protocol field is still a plain EtherType.
pub fn linux_sll(dissection: &mut Dissection, data: &[u8]) {
    let Some(h) = data.get(..SLL_HEADER_LEN) else {
        dissection.stopped = Some(truncated(LayerName::LinuxSll, SLL_HEADER_LEN, data.len()));
        return;
    };
    let hardware_type = u16::from_be_bytes([h[2], h[3]]);
    let address_length = u16::from_be_bytes([h[4], h[5]]);
    let protocol = u16::from_be_bytes([h[14], h[15]]);
    dissection.layers.push(Layer {
        span: Span::new(0, SLL_HEADER_LEN),
        header: Header::LinuxSll(LinuxSll {
            packet_type: u16::from_be_bytes([h[0], h[1]]),
            hardware_type,
            address_length,
            source: cooked_source(usize::from(address_length), &h[6..14]),
            protocol,
        }),
    });
    // For netlink (824) the field is a netlink family, not an EtherType; values below 0x0600 are
    // Linux's pseudo-EtherTypes (802.2 LLC, CAN, …). Neither is decoded further.
    if hardware_type != ARPHRD_NETLINK && protocol >= 0x0600 {
        from_ether_type(dissection, protocol, data, SLL_HEADER_LEN);
    }
}

/// Linux cooked capture v2 (LINKTYPE_LINUX_SLL2, 276): protocol (2), reserved (2), interface
/// index (4), ARPHRD hardware type (2), packet type (1), address length (1), address (8).
pub fn linux_sll2(dissection: &mut Dissection, data: &[u8]) {
    let Some(h) = data.get(..SLL2_HEADER_LEN) else {
        dissection.stopped = Some(truncated(LayerName::LinuxSll2, SLL2_HEADER_LEN, data.len()));
        return;
    };
    let protocol = u16::from_be_bytes([h[0], h[1]]);
    let hardware_type = u16::from_be_bytes([h[8], h[9]]);
    let address_length = h[11];
    dissection.layers.push(Layer {
        span: Span::new(0, SLL2_HEADER_LEN),
        header: Header::LinuxSll2(LinuxSll2 {
            protocol,
            interface_index: u32::from_be_bytes([h[4], h[5], h[6], h[7]]),
            hardware_type,
            packet_type: h[10],
            address_length,
            source: cooked_source(usize::from(address_length), &h[12..20]),
        }),
    });
    // Protocol values below 0x0600 are Linux's pseudo-EtherTypes (802.2 LLC, CAN, …): stop there.
    if hardware_type != ARPHRD_NETLINK && protocol >= 0x0600 {
        from_ether_type(dissection, protocol, data, SLL2_HEADER_LEN);
    }
}

/// Address families that announce IPv6 in a BSD loopback header: NetBSD and OpenBSD (24),
/// FreeBSD (28), macOS (30).
pub const AF_INET6_VALUES: [u32; 3] = [24, 28, 30];
/// The address family that announces IPv4 everywhere.
pub const AF_INET: u32 = 2;

/// BSD loopback (LINKTYPE_NULL 0 in the writer's byte order; LINKTYPE_LOOP 108 in network order).
pub fn loopback(dissection: &mut Dissection, data: &[u8]) {
    let Some(h) = data.get(..LOOPBACK_HEADER_LEN) else {
        dissection.stopped = Some(truncated(
            LayerName::Loopback,
            LOOPBACK_HEADER_LEN,
            data.len(),
        ));
        return;
    };
    let bytes = [h[0], h[1], h[2], h[3]];
    // The family is small; whichever byte order gives a small number is the writer's (this is how
    // tcpdump and Wireshark read NULL captures made on machines of either endianness).
    let big = u32::from_be_bytes(bytes);
    let little = u32::from_le_bytes(bytes);
    let family = if big <= 0xFFFF { big } else { little };
    dissection.layers.push(Layer {
        span: Span::new(0, LOOPBACK_HEADER_LEN),
        header: Header::Loopback(Loopback { family }),
    });
    if family == AF_INET || AF_INET6_VALUES.contains(&family) {
        from_ip(dissection, data, LOOPBACK_HEADER_LEN);
    }
}
