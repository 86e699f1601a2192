//! The general way through any frame: etherparse's lax slicer (so that a cut packet still yields
//! every layer before the cut) for the link types it reads, portlens's own readers for the others
//! (see link.rs), then the layers it found copied into the dissection, link, network and
//! transport in turn, and its error turned into a stop. See quick.rs for the common frames that
//! skip the slicer.

use super::stop::{invalid, len_stop, slice_stop};
use super::{Dissection, LayerName, Stop, StopReason, link, network, transport};
use crate::capture::LinkType;
use etherparse::{EtherType, LaxSlicedPacket};

/// Decodes any frame of `link_type` into `dissection` (already cleared).
pub(super) fn decode(dissection: &mut Dissection, link_type: LinkType, data: &[u8]) {
    match link_type {
        LinkType::Ethernet => match LaxSlicedPacket::from_ethernet(data) {
            Ok(packet) => absorb(dissection, &packet, 0),
            Err(error) => dissection.stopped = Some(len_stop(LayerName::Ethernet, &error, 0)),
        },
        LinkType::LinuxSll => link::linux_sll(dissection, data),
        LinkType::LinuxSll2 => link::linux_sll2(dissection, data),
        LinkType::Null | LinkType::Loop => link::loopback(dissection, data),
        LinkType::Raw | LinkType::Ipv4 | LinkType::Ipv6 => from_ip(dissection, data, 0),
        LinkType::Unknown(number) => {
            dissection.stopped = Some(Stop {
                layer: LayerName::Link,
                offset: 0,
                reason: StopReason::UnsupportedLinkType { link_type: number },
            })
        }
    }
}

/// Decodes `data[offset..]` as the payload announced by `ether_type` (after a link header).
pub(super) fn from_ether_type(
    dissection: &mut Dissection,
    ether_type: u16,
    data: &[u8],
    offset: usize,
) {
    let Some(rest) = data.get(offset..) else {
        return;
    };
    let packet = LaxSlicedPacket::from_ether_type(EtherType(ether_type), rest);
    absorb(dissection, &packet, offset);
}

/// Decodes `data[offset..]` as an IP packet (raw IP link types, BSD loopback).
pub(super) fn from_ip(dissection: &mut Dissection, data: &[u8], offset: usize) {
    let Some(rest) = data.get(offset..) else {
        return;
    };
    match LaxSlicedPacket::from_ip(rest) {
        Ok(packet) => absorb(dissection, &packet, offset),
        Err(error) => {
            use etherparse::err::ip::LaxHeaderSliceError as E;
            dissection.stopped = Some(match error {
                E::Len(len) => len_stop(LayerName::Ip, &len, offset),
                E::Content(content) => invalid(LayerName::Ip, offset, content),
            });
        }
    }
}

/// Copies what etherparse's lax slicer found into owned layers. `base` is where the sliced bytes
/// start within the frame.
fn absorb(dissection: &mut Dissection, packet: &LaxSlicedPacket<'_>, base: usize) {
    let Some(offset) = link::absorb(dissection, packet, base) else {
        return;
    };
    let network = network::absorb(dissection, packet.net.as_ref(), offset);
    let offset = network.offset;
    let sliced_here = match network.first_fragment {
        Some(fragment) if packet.transport.is_none() && packet.stop_err.is_none() => {
            match transport::of_first_fragment(fragment, offset) {
                Ok(transport) => transport,
                // The first fragment was cut inside its transport header: say where.
                Err(stop) => {
                    dissection.stopped = Some(stop);
                    None
                }
            }
        }
        _ => None,
    };
    let carried = packet.transport.as_ref().or(sliced_here.as_ref());
    let reached = transport::absorb(dissection, carried, offset, network.declared);
    if let Some((error, layer)) = &packet.stop_err {
        dissection.stopped = Some(slice_stop(error, *layer, base, reached));
    }
}
