//! Decode: bytes of one frame → [`Dissection`]. etherparse does the protocol parsing with its lax
//! slicer (so a cut packet still yields every layer before the cut); this module adds the link
//! headers etherparse lacks (Linux SLL2, BSD NULL/LOOP), the headers quoted inside ICMP errors,
//! TCP options etherparse does not know, and turns etherparse's errors into a [`Stop`].
//! Pure functions: no I/O, no global state, and no panic on any input.

pub mod app;
mod connection;
mod link;
mod model;
mod quick;
mod selectors;
mod summary;
mod tcp_options;
#[cfg(test)]
mod test_frames;

pub use connection::{Connection, Endpoint, Transport, TransportLayer};
pub use model::*;
pub use selectors::{Selector, selectors};
pub use summary::{Ports, Summary, quick_summary, summarize};
pub use tcp_options::{Compact, CompactList, OptionWriter, TcpOption};

use crate::capture::LinkType;
use etherparse::err::packet::SliceError;
use etherparse::err::{Layer as EpLayer, LenError};
use etherparse::{
    EtherType, Icmpv4Slice, Icmpv6Slice, IpNumber, Ipv6ExtensionSlice, Ipv6ExtensionsSlice,
    LaxIpSlice, LaxLinkExtSlice, LaxNetSlice, LaxSlicedPacket, LenSource, LinkSlice, TcpSlice,
    TransportSlice, UdpSlice,
};
use std::net::IpAddr;

/// EtherType values the decoder hands to etherparse's slicer.
pub mod ether_type {
    pub const IPV4: u16 = 0x0800;
    pub const ARP: u16 = 0x0806;
    pub const VLAN: u16 = 0x8100;
    pub const IPV6: u16 = 0x86dd;
    pub const PROVIDER_BRIDGING: u16 = 0x88a8;
    pub const VLAN_DOUBLE: u16 = 0x9100;
}

/// Decodes one frame of the given link type.
pub fn decode(link_type: LinkType, data: &[u8]) -> Dissection {
    let mut dissection = Dissection::empty(link_type);
    decode_into(&mut dissection, link_type, data);
    dissection
}

/// Decodes one frame into a dissection that held an earlier frame, reusing its memory, so that a
/// run over millions of frames does not allocate a new list of layers for each.
pub fn decode_into(dissection: &mut Dissection, link_type: LinkType, data: &[u8]) {
    decode_headers_into(dissection, link_type, data);
    dissection.application = application(dissection, data);
}

/// Decodes one frame's headers like [`decode_into`], without looking for an application in its
/// data (`application` stays `None`): for views that print none, such as the one-line view.
pub fn decode_headers_into(dissection: &mut Dissection, link_type: LinkType, data: &[u8]) {
    dissection.link_type = link_type;
    // Keep the TCP options' list for this frame's TCP header (most segments carry options).
    if let Some(options) = dissection
        .layers
        .iter_mut()
        .find_map(|l| match &mut l.header {
            Header::Tcp(tcp) => Some(std::mem::take(&mut tcp.options)),
            _ => None,
        })
    {
        dissection.spare.tcp_options = options;
    }
    dissection.layers.clear();
    dissection.payload = None;
    dissection.stopped = None;
    dissection.application = None;
    if !quick::decode(dissection, link_type, data) {
        absorb_general(dissection, link_type, data);
    }
}

/// The general way through any frame, with etherparse's lax slicer (see [`quick`] for the common
/// frames that skip it).
fn absorb_general(dissection: &mut Dissection, link_type: LinkType, data: &[u8]) {
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

/// The application hint of the TCP or UDP payload, if any.
fn application(dissection: &Dissection, data: &[u8]) -> Option<app::Application> {
    let payload = dissection.payload?;
    let bytes = data.get(payload.start..payload.end)?;
    let layer = dissection.transport()?;
    app::detect(layer.transport(), layer.ports(), bytes)
}

/// Decodes `data[offset..]` as the payload announced by `ether_type` (after a link header).
pub(crate) fn from_ether_type(
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
pub(crate) fn from_ip(dissection: &mut Dissection, data: &[u8], offset: usize) {
    let Some(rest) = data.get(offset..) else {
        return;
    };
    match LaxSlicedPacket::from_ip(rest) {
        Ok(packet) => absorb(dissection, &packet, offset),
        Err(error) => {
            use etherparse::err::ip::LaxHeaderSliceError as E;
            dissection.stopped = Some(match error {
                E::Len(len) => len_stop(LayerName::Ip, &len, offset),
                E::Content(content) => Stop {
                    layer: LayerName::Ip,
                    offset,
                    reason: StopReason::Invalid {
                        detail: content.to_string(),
                    },
                },
            });
        }
    }
}

/// Copies what etherparse's lax slicer found into owned layers. `base` is where the sliced bytes
/// start within the frame.
fn absorb(dissection: &mut Dissection, packet: &LaxSlicedPacket<'_>, base: usize) {
    let mut offset = base;

    if let Some(LinkSlice::Ethernet2(eth)) = &packet.link {
        let header = Ethernet {
            destination: MacAddress(eth.destination()),
            source: MacAddress(eth.source()),
            ether_type: eth.ether_type().0,
        };
        let length = eth.header_len();
        dissection.layers.push(Layer {
            span: Span::new(offset, offset + length),
            header: Header::Ethernet(header),
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
                let header = Vlan {
                    tag_protocol: tag_protocol.unwrap_or(ether_type::VLAN),
                    id: vlan.vlan_identifier().value(),
                    priority: vlan.priority_code_point().value(),
                    drop_eligible: vlan.drop_eligible_indicator(),
                    ether_type: vlan.ether_type().0,
                };
                tag_protocol = Some(header.ether_type);
                let length = vlan.header_len();
                dissection.layers.push(Layer {
                    span: Span::new(offset, offset + length),
                    header: Header::Vlan(header),
                });
                offset += length;
            }
            LaxLinkExtSlice::Macsec(macsec) => {
                // MACsec-protected frames are encrypted: we record where it starts and stop.
                dissection.stopped = Some(Stop {
                    layer: LayerName::Macsec,
                    offset,
                    reason: StopReason::MacsecProtected {
                        header_length: macsec.header.header_len(),
                    },
                });
                return;
            }
        }
    }

    // etherparse leaves the transport of any fragment alone; the first fragment (offset 0) does
    // carry the whole transport header, and tshark reads its ports, so we slice it ourselves.
    let mut first_fragment: Option<(IpNumber, &[u8])> = None;
    // The bytes after the IP headers as the IP header declares them (what the wire carried), when
    // its length field can be used.
    let mut ip_payload: Option<usize> = None;
    match &packet.net {
        Some(LaxNetSlice::Arp(arp)) => {
            let owned = arp.to_packet();
            let eth_ipv4 = owned.try_eth_ipv4().ok();
            let header = Arp {
                hardware_type: owned.hw_addr_type.0,
                protocol_type: owned.proto_addr_type.0,
                operation: owned.operation.0,
                sender_mac: eth_ipv4.as_ref().map(|a| MacAddress(a.sender_mac)),
                sender_ip: eth_ipv4.as_ref().map(|a| a.sender_ipv4.into()),
                target_mac: eth_ipv4.as_ref().map(|a| MacAddress(a.target_mac)),
                target_ip: eth_ipv4.as_ref().map(|a| a.target_ipv4.into()),
            };
            let length = arp.slice().len();
            dissection.layers.push(Layer {
                span: Span::new(offset, offset + length),
                header: Header::Arp(header),
            });
        }
        Some(LaxNetSlice::Ipv4(ipv4)) => {
            let h = ipv4.header();
            let header = Ipv4 {
                source: h.source_addr(),
                destination: h.destination_addr(),
                ttl: h.ttl(),
                protocol: h.protocol().0,
                identification: h.identification(),
                dont_fragment: h.dont_fragment(),
                more_fragments: h.more_fragments(),
                fragment_offset: u32::from(h.fragments_offset().value()) * 8,
                total_length: h.total_len(),
                header_length: h.ihl() * 4,
                dscp: h.dcp().value(),
                ecn: h.ecn().value(),
                checksum: h.header_checksum(),
            };
            let length =
                h.slice().len() + ipv4.extensions().auth.map_or(0, |auth| auth.slice().len());
            ip_payload = ipv4_declared_payload(h.total_len(), length);
            let payload = ipv4.payload();
            if payload.fragmented && h.fragments_offset().value() == 0 {
                first_fragment = Some((payload.ip_number, payload.payload));
            }
            dissection.layers.push(Layer {
                span: Span::new(offset, offset + length),
                header: Header::Ipv4(header),
            });
            offset += length;
        }
        Some(LaxNetSlice::Ipv6(ipv6)) => {
            let h = ipv6.header();
            let mut extensions = Vec::new();
            let mut fragmented = false;
            let mut at_offset_zero = true;
            for ext in extension_headers(ipv6.extensions()) {
                let (kind, next_header, length) = match &ext {
                    Ipv6ExtensionSlice::HopByHop(s) => (0, s.next_header().0, s.slice().len()),
                    Ipv6ExtensionSlice::Routing(s) => (43, s.next_header().0, s.slice().len()),
                    Ipv6ExtensionSlice::Fragment(s) => {
                        fragmented |= s.more_fragments() || s.fragment_offset().value() != 0;
                        at_offset_zero &= s.fragment_offset().value() == 0;
                        (44, s.next_header().0, s.slice().len())
                    }
                    Ipv6ExtensionSlice::DestinationOptions(s) => {
                        (60, s.next_header().0, s.slice().len())
                    }
                    Ipv6ExtensionSlice::Authentication(s) => {
                        (51, s.next_header().0, s.slice().len())
                    }
                };
                extensions.push(Ipv6Extension {
                    kind,
                    next_header,
                    length,
                });
            }
            let header = Ipv6 {
                source: h.source_addr(),
                destination: h.destination_addr(),
                hop_limit: h.hop_limit(),
                next_header: h.next_header().0,
                payload_length: h.payload_length(),
                traffic_class: h.traffic_class(),
                flow_label: h.flow_label().value(),
                protocol: ipv6.payload().ip_number.0,
                fragmented,
                extensions,
            };
            let length = h.slice().len() + ipv6.extensions().slice().len();
            ip_payload = ipv6_declared_payload(h.payload_length(), ipv6.extensions().slice().len());
            let payload = ipv6.payload();
            if payload.fragmented && at_offset_zero {
                first_fragment = Some((payload.ip_number, payload.payload));
            }
            dissection.layers.push(Layer {
                span: Span::new(offset, offset + length),
                header: Header::Ipv6(header),
            });
            offset += length;
        }
        None => {}
    }

    let sliced_here = match first_fragment {
        Some(fragment) if packet.transport.is_none() && packet.stop_err.is_none() => {
            match transport_of(fragment, offset) {
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
    match packet.transport.as_ref().or(sliced_here.as_ref()) {
        Some(TransportSlice::Tcp(tcp)) => {
            let header_length = tcp.header_slice().len();
            let mut options = std::mem::take(&mut dissection.spare.tcp_options);
            let options_malformed = tcp_options::parse_into(tcp.options(), &mut options);
            let payload_captured = tcp.payload().len();
            dissection.layers.push(Layer {
                span: Span::new(offset, offset + header_length),
                header: Header::Tcp(Tcp {
                    source_port: tcp.source_port(),
                    destination_port: tcp.destination_port(),
                    sequence: tcp.sequence_number(),
                    acknowledgment: tcp.acknowledgment_number(),
                    flags: TcpFlags(tcp_flag_bits(tcp.header_slice())),
                    window: tcp.window_size(),
                    header_length: header_length as u8,
                    urgent_pointer: tcp.urgent_pointer(),
                    checksum: tcp.checksum(),
                    options,
                    options_malformed,
                    payload_length: tcp_wire_length(ip_payload, header_length, payload_captured),
                    payload_captured,
                }),
            });
            offset += header_length;
            dissection.payload = Some(Span::new(offset, offset + payload_captured));
        }
        Some(TransportSlice::Udp(udp)) => {
            let header_length = udp.header_slice().len();
            let payload_captured = udp.payload().len();
            dissection.layers.push(Layer {
                span: Span::new(offset, offset + header_length),
                header: Header::Udp(Udp {
                    source_port: udp.source_port(),
                    destination_port: udp.destination_port(),
                    length: udp.length(),
                    checksum: udp.checksum(),
                    payload_length: udp_wire_length(udp.length(), ip_payload, payload_captured),
                    payload_captured,
                }),
            });
            offset += header_length;
            dissection.payload = Some(Span::new(offset, offset + payload_captured));
        }
        Some(TransportSlice::Icmpv4(icmp)) => {
            let header = icmpv4(icmp);
            let header_length = icmp.header_len();
            let body = icmp.payload().len();
            dissection.layers.push(Layer {
                span: Span::new(offset, offset + header_length),
                header: Header::Icmpv4(header),
            });
            offset += header_length;
            dissection.payload = Some(Span::new(offset, offset + body));
        }
        Some(TransportSlice::Icmpv6(icmp)) => {
            let header = icmpv6(icmp);
            let header_length = icmp.header_len();
            let body = icmp.payload().len();
            dissection.layers.push(Layer {
                span: Span::new(offset, offset + header_length),
                header: Header::Icmpv6(header),
            });
            offset += header_length;
            dissection.payload = Some(Span::new(offset, offset + body));
        }
        Some(TransportSlice::Igmp(igmp)) => {
            let bytes = igmp.bytes4to7();
            let igmp_type = igmp.type_u8();
            let header_length = igmp.header_len();
            dissection.layers.push(Layer {
                span: Span::new(offset, offset + header_length),
                header: Header::Igmp(Igmp {
                    igmp_type,
                    group: (igmp_type != 0x11 || bytes != [0; 4]).then(|| bytes.into()),
                }),
            });
            offset += header_length;
        }
        None => {}
    }
    if let Some((error, layer)) = &packet.stop_err {
        dissection.stopped = Some(slice_stop(error, *layer, base, offset));
    }
}

/// The bytes after an IPv4 header (and its authentication header), `headers` long, as its total
/// length declares them; `None` when the total length is smaller than the headers (0 in captures
/// of segmentation offload, where the network card fills it in later).
pub(crate) fn ipv4_declared_payload(total_length: u16, headers: usize) -> Option<usize> {
    usize::from(total_length).checked_sub(headers)
}

/// The bytes after an IPv6 header's extension headers (`extensions` bytes of them), as its payload
/// length declares them; `None` when the field is 0 (a jumbogram, or segmentation offload) or
/// smaller than the extension headers.
pub(crate) fn ipv6_declared_payload(payload_length: u16, extensions: usize) -> Option<usize> {
    match payload_length {
        0 => None,
        length => usize::from(length).checked_sub(extensions),
    }
}

/// The length a TCP segment's data had on the wire: the IP payload (`ip_payload`, as declared by
/// the IP header) minus the TCP header. A snapshot length cuts frames, not the IP header's length
/// field, so this is the segment's real length however little was captured. When the IP length
/// cannot be used, the `captured` bytes are all there is to go on; never less than those.
pub(crate) fn tcp_wire_length(
    ip_payload: Option<usize>,
    header_length: usize,
    captured: usize,
) -> usize {
    ip_payload
        .map_or(captured, |declared| declared.saturating_sub(header_length))
        .max(captured)
}

/// The length a UDP datagram's data had in this packet on the wire: its length field (which counts
/// the 8-byte header) minus 8, but no more than the IP payload (`ip_payload`, as declared by the IP
/// header) holds after the header: the first fragment of a large datagram carries only part of it,
/// and tcpdump, like portlens, counts what the packet carried. When the field is below 8 (0 in
/// IPv6 jumbograms, or malformed) the IP payload is used, else the `captured` bytes. Never less
/// than what was captured.
pub(crate) fn udp_wire_length(
    length_field: u16,
    ip_payload: Option<usize>,
    captured: usize,
) -> usize {
    let in_packet = ip_payload.map(|declared| declared.saturating_sub(8));
    let declared = usize::from(length_field).checked_sub(8);
    match (declared, in_packet) {
        (Some(declared), Some(in_packet)) => declared.min(in_packet),
        (Some(length), None) | (None, Some(length)) => length,
        (None, None) => captured,
    }
    .max(captured)
}

/// The IPv6 extension headers etherparse validated, in order. etherparse 0.21's iterator does not
/// know where a lax slice stopped: after the last header it validated, it reads the next one
/// from beyond the end of the slice (an out-of-bounds read, found by fuzzing; see
/// `extension_headers_stop_where_etherparse_stopped` in tests.rs). So we never ask it for more
/// than the bytes the slice holds.
fn extension_headers<'a>(extensions: &Ipv6ExtensionsSlice<'a>) -> Vec<Ipv6ExtensionSlice<'a>> {
    let available = extensions.slice().len();
    let mut headers = Vec::new();
    let mut consumed = 0;
    let mut iter = extensions.clone().into_iter();
    while consumed < available {
        let Some(header) = iter.next() else {
            break;
        };
        consumed += match &header {
            Ipv6ExtensionSlice::HopByHop(s)
            | Ipv6ExtensionSlice::Routing(s)
            | Ipv6ExtensionSlice::DestinationOptions(s) => s.slice().len(),
            Ipv6ExtensionSlice::Fragment(s) => s.slice().len(),
            Ipv6ExtensionSlice::Authentication(s) => s.slice().len(),
        };
        headers.push(header);
    }
    headers
}

/// Slices the transport header at the start of a first fragment; `None` when it does not fit
/// (a first fragment too small to hold it is left undecoded, as etherparse would).
fn transport_of(
    (protocol, bytes): (IpNumber, &[u8]),
    offset: usize,
) -> Result<Option<TransportSlice<'_>>, Stop> {
    use etherparse::err::tcp::HeaderSliceError as TcpError;
    Ok(Some(match protocol {
        IpNumber::TCP => match TcpSlice::from_slice(bytes) {
            Ok(tcp) => TransportSlice::Tcp(tcp),
            Err(TcpError::Len(error)) => return Err(len_stop(LayerName::Tcp, &error, offset)),
            Err(TcpError::Content(error)) => {
                return Err(Stop {
                    layer: LayerName::Tcp,
                    offset,
                    reason: StopReason::Invalid {
                        detail: error.to_string(),
                    },
                });
            }
        },
        IpNumber::UDP => UdpSlice::from_slice_lax(bytes)
            .map(TransportSlice::Udp)
            .map_err(|error| len_stop(LayerName::Udp, &error, offset))?,
        IpNumber::ICMP => Icmpv4Slice::from_slice(bytes)
            .map(TransportSlice::Icmpv4)
            .map_err(|error| len_stop(LayerName::Icmpv4, &error, offset))?,
        IpNumber::IPV6_ICMP => Icmpv6Slice::from_slice(bytes)
            .map(TransportSlice::Icmpv6)
            .map_err(|error| len_stop(LayerName::Icmpv6, &error, offset))?,
        _ => return Ok(None),
    }))
}

/// The ICMPv4 fields we keep, including the quoted packet of an error message.
fn icmpv4(icmp: &Icmpv4Slice<'_>) -> Icmp {
    let icmp_type = icmp.type_u8();
    let rest = icmp.bytes5to8();
    let echo = matches!(icmp_type, 0 | 8 | 13 | 14).then(|| {
        (
            u16::from_be_bytes([rest[0], rest[1]]),
            u16::from_be_bytes([rest[2], rest[3]]),
        )
    });
    // Destination unreachable, source quench, redirect, time exceeded, parameter problem.
    let quoted = matches!(icmp_type, 3 | 4 | 5 | 11 | 12)
        .then(|| quoted_packet(icmp.payload()))
        .flatten();
    Icmp {
        icmp_type,
        code: icmp.code_u8(),
        checksum: icmp.checksum(),
        echo,
        quoted,
    }
}

fn icmpv6(icmp: &Icmpv6Slice<'_>) -> Icmp {
    let icmp_type = icmp.type_u8();
    let rest = icmp.bytes5to8();
    let echo = matches!(icmp_type, 128 | 129).then(|| {
        (
            u16::from_be_bytes([rest[0], rest[1]]),
            u16::from_be_bytes([rest[2], rest[3]]),
        )
    });
    // Destination unreachable, packet too big, time exceeded, parameter problem.
    let quoted = matches!(icmp_type, 1..=4)
        .then(|| quoted_packet(icmp.payload()))
        .flatten();
    Icmp {
        icmp_type,
        code: icmp.code_u8(),
        checksum: icmp.checksum(),
        echo,
        quoted,
    }
}

/// Reads the IP header and the first bytes of the transport header an ICMP error quotes. Only
/// 8 bytes of the transport are guaranteed, so ports are read directly rather than by parsing a
/// whole TCP header.
fn quoted_packet(bytes: &[u8]) -> Option<Quoted> {
    let (ip, _) = LaxIpSlice::from_slice(bytes).ok()?;
    let (source, destination) = match &ip {
        LaxIpSlice::Ipv4(v4) => (
            IpAddr::V4(v4.header().source_addr()),
            IpAddr::V4(v4.header().destination_addr()),
        ),
        LaxIpSlice::Ipv6(v6) => (
            IpAddr::V6(v6.header().source_addr()),
            IpAddr::V6(v6.header().destination_addr()),
        ),
    };
    let later_fragment = match &ip {
        LaxIpSlice::Ipv4(v4) => v4.header().fragments_offset().value() != 0,
        LaxIpSlice::Ipv6(v6) => extension_headers(v6.extensions()).into_iter().any(|ext| {
            matches!(ext, Ipv6ExtensionSlice::Fragment(f) if f.fragment_offset().value() != 0)
        }),
    };
    let payload = ip.payload();
    let protocol = payload.ip_number;
    let has_ports = matches!(protocol, IpNumber::TCP | IpNumber::UDP) || protocol.0 == 132;
    let ports = (has_ports && !later_fragment)
        .then(|| payload.payload.get(..4))
        .flatten()
        .map(|p| {
            (
                u16::from_be_bytes([p[0], p[1]]),
                u16::from_be_bytes([p[2], p[3]]),
            )
        });
    Some(Quoted {
        source,
        destination,
        protocol: protocol.0,
        source_port: ports.map(|p| p.0),
        destination_port: ports.map(|p| p.1),
    })
}

/// The 9 flag bits of a TCP header (bytes 12-13), NS included.
fn tcp_flag_bits(header: &[u8]) -> u16 {
    match (header.get(12), header.get(13)) {
        (Some(high), Some(low)) => (u16::from(high & 0x01) << 8) | u16::from(*low),
        _ => 0,
    }
}

fn layer_name(layer: EpLayer) -> LayerName {
    match layer {
        EpLayer::LinuxSllHeader => LayerName::LinuxSll,
        EpLayer::Ethernet2Header | EpLayer::EtherPayload => LayerName::Ethernet,
        EpLayer::VlanHeader => LayerName::Vlan,
        EpLayer::MacsecHeader | EpLayer::MacsecPacket => LayerName::Macsec,
        EpLayer::IpHeader => LayerName::Ip,
        EpLayer::Ipv4Header | EpLayer::Ipv4Packet | EpLayer::IpAuthHeader => LayerName::Ipv4,
        EpLayer::Ipv6Header | EpLayer::Ipv6Packet => LayerName::Ipv6,
        EpLayer::Ipv6ExtHeader
        | EpLayer::Ipv6HopByHopHeader
        | EpLayer::Ipv6DestOptionsHeader
        | EpLayer::Ipv6RouteHeader
        | EpLayer::Ipv6FragHeader => LayerName::Ipv6Extension,
        EpLayer::UdpHeader | EpLayer::UdpPayload => LayerName::Udp,
        EpLayer::TcpHeader => LayerName::Tcp,
        EpLayer::Icmpv4 | EpLayer::Icmpv4Timestamp | EpLayer::Icmpv4TimestampReply => {
            LayerName::Icmpv4
        }
        EpLayer::Icmpv6 => LayerName::Icmpv6,
        EpLayer::Igmp => LayerName::Igmp,
        EpLayer::Arp => LayerName::Arp,
        #[allow(unreachable_patterns)]
        _ => LayerName::Link,
    }
}

/// A stop for a length error, with offsets made relative to the frame.
pub(crate) fn len_stop(layer: LayerName, error: &LenError, base: usize) -> Stop {
    Stop {
        layer,
        offset: base + error.layer_start_offset,
        reason: StopReason::Truncated {
            needed: error.required_len,
            available: error.len,
            length_source: match error.len_source {
                LenSource::Slice => LengthSource::Captured,
                _ => LengthSource::HeaderField,
            },
        },
    }
}

/// A stop for any slicing error. Length errors carry their own offset; a content error belongs to
/// the layer that starts where the decoded layers end (`reached`).
fn slice_stop(error: &SliceError, layer: EpLayer, base: usize, reached: usize) -> Stop {
    match error {
        SliceError::Len(len) => {
            let name = layer_name(len.layer);
            len_stop(name, len, base)
        }
        other => Stop {
            layer: layer_name(layer),
            offset: reached,
            reason: StopReason::Invalid {
                detail: other.to_string(),
            },
        },
    }
}

#[cfg(test)]
mod tests;
