//! Link headers that are not Ethernet: Linux cooked captures (SLL through etherparse, SLL2 by
//! hand) and BSD loopback (NULL and LOOP, by hand: etherparse has neither SLL2 nor NULL/LOOP).

use super::{
    Dissection, Header, Layer, LayerName, LengthSource, LinuxSll, LinuxSll2, Loopback, MacAddress,
    Span, Stop, StopReason, from_ether_type, from_ip, len_stop,
};
use etherparse::{LinuxSllProtocolType, LinuxSllSlice};

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

/// Linux cooked capture v1 (LINKTYPE_LINUX_SLL, 113).
pub fn linux_sll(dissection: &mut Dissection, data: &[u8]) {
    use etherparse::err::linux_sll::HeaderSliceError as E;
    let sll = match LinuxSllSlice::from_slice(data) {
        Ok(sll) => sll,
        Err(E::Len(error)) => {
            dissection.stopped = Some(len_stop(LayerName::LinuxSll, &error, 0));
            return;
        }
        Err(E::Content(error)) => {
            dissection.stopped = Some(Stop {
                layer: LayerName::LinuxSll,
                offset: 0,
                reason: StopReason::Invalid {
                    detail: error.to_string(),
                },
            });
            return;
        }
    };
    let length = sll.header_len();
    let address_length = sll.sender_address_valid_length();
    let protocol = u16::from_be_bytes([data[14], data[15]]);
    dissection.layers.push(Layer {
        span: Span::new(0, length),
        header: Header::LinuxSll(LinuxSll {
            packet_type: u16::from_be_bytes([data[0], data[1]]),
            hardware_type: sll.arp_hardware_type().0,
            address_length,
            source: cooked_source(usize::from(address_length), sll.sender_address()),
            protocol,
        }),
    });
    match sll.protocol_type() {
        LinuxSllProtocolType::EtherType(ether_type) => {
            from_ether_type(dissection, ether_type.0, data, length)
        }
        LinuxSllProtocolType::GenericRoutingEncapsulationProtocolType(ether_type) => {
            from_ether_type(dissection, ether_type, data, length)
        }
        _ => {}
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
    let address_length = h[11];
    dissection.layers.push(Layer {
        span: Span::new(0, SLL2_HEADER_LEN),
        header: Header::LinuxSll2(LinuxSll2 {
            protocol,
            interface_index: u32::from_be_bytes([h[4], h[5], h[6], h[7]]),
            hardware_type: u16::from_be_bytes([h[8], h[9]]),
            packet_type: h[10],
            address_length,
            source: cooked_source(usize::from(address_length), &h[12..20]),
        }),
    });
    // Protocol values below 0x0600 are Linux's pseudo-EtherTypes (802.2 LLC, CAN, …): stop there.
    if protocol >= 0x0600 {
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
