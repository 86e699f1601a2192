//! The network layer: ARP, IPv4 and IPv6 with its extension headers. One constructor per header
//! ([`Ipv4::from_header`], [`Ipv6::from_header`]) serves both the quick path and the general one,
//! and the IP header's declared payload length is worked out here for the transport to use.

use super::{Arp, Dissection, Header, Ipv4, Ipv6, Ipv6Extension, Layer, MacAddress, Span};
use etherparse::{
    ArpPacketSlice, IpNumber, Ipv4HeaderSlice, Ipv6ExtensionSlice, Ipv6ExtensionsSlice,
    Ipv6HeaderSlice, LaxIpv4Slice, LaxIpv6Slice, LaxNetSlice,
};

impl Ipv4 {
    /// The fields of an IPv4 header.
    #[inline]
    pub(crate) fn from_header(h: &Ipv4HeaderSlice<'_>) -> Ipv4 {
        Ipv4 {
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
        }
    }
}

impl Ipv6 {
    /// The fields of an IPv6 fixed header, as if no extension header followed it (the transport
    /// is the next header); the general path then adds the extension headers it found.
    #[inline]
    pub(crate) fn from_header(h: &Ipv6HeaderSlice<'_>) -> Ipv6 {
        Ipv6 {
            source: h.source_addr(),
            destination: h.destination_addr(),
            hop_limit: h.hop_limit(),
            next_header: h.next_header().0,
            payload_length: h.payload_length(),
            traffic_class: h.traffic_class(),
            flow_label: h.flow_label().value(),
            extensions: Vec::new(),
            protocol: h.next_header().0,
            fragmented: false,
        }
    }
}

impl Arp {
    /// The fields of an ARP packet; the addresses only for Ethernet and IPv4.
    fn from_slice(arp: &ArpPacketSlice<'_>) -> Arp {
        let owned = arp.to_packet();
        let eth_ipv4 = owned.try_eth_ipv4().ok();
        Arp {
            hardware_type: owned.hw_addr_type.0,
            protocol_type: owned.proto_addr_type.0,
            operation: owned.operation.0,
            sender_mac: eth_ipv4.as_ref().map(|a| MacAddress(a.sender_mac)),
            sender_ip: eth_ipv4.as_ref().map(|a| a.sender_ipv4.into()),
            target_mac: eth_ipv4.as_ref().map(|a| MacAddress(a.target_mac)),
            target_ip: eth_ipv4.as_ref().map(|a| a.target_ipv4.into()),
        }
    }
}

/// What the network layer leaves for the transport.
pub(super) struct AfterNetwork<'a> {
    /// Where the transport starts in the frame.
    pub offset: usize,
    /// The bytes after the IP headers as the IP header declares them (what the wire carried),
    /// when its length field can be used.
    pub declared: Option<usize>,
    /// The protocol and bytes of a first fragment: etherparse leaves the transport of any fragment
    /// alone, but the first one (offset 0) carries the whole transport header, and tshark reads
    /// its ports, so the transport slices it itself.
    pub first_fragment: Option<(IpNumber, &'a [u8])>,
}

/// Copies the network layer etherparse's lax slicer found, starting at `offset`.
pub(super) fn absorb<'a>(
    dissection: &mut Dissection,
    net: Option<&LaxNetSlice<'a>>,
    offset: usize,
) -> AfterNetwork<'a> {
    let mut after = AfterNetwork {
        offset,
        declared: None,
        first_fragment: None,
    };
    let (header, length) = match net {
        Some(LaxNetSlice::Arp(arp)) => {
            // Nothing follows ARP: the transport starts nowhere, as before the layer.
            let layer = Header::Arp(Arp::from_slice(arp));
            push(dissection, offset, arp.slice().len(), layer);
            return after;
        }
        Some(LaxNetSlice::Ipv4(ipv4)) => ipv4_layer(ipv4, &mut after),
        Some(LaxNetSlice::Ipv6(ipv6)) => ipv6_layer(ipv6, &mut after),
        None => return after,
    };
    push(dissection, offset, length, header);
    after.offset += length;
    after
}

fn push(dissection: &mut Dissection, offset: usize, length: usize, header: Header) {
    dissection.layers.push(Layer {
        span: Span::new(offset, offset + length),
        header,
    });
}

/// The IPv4 layer and its length (with an authentication header), noting what follows it.
fn ipv4_layer<'a>(ipv4: &LaxIpv4Slice<'a>, after: &mut AfterNetwork<'a>) -> (Header, usize) {
    let h = ipv4.header();
    let length = h.slice().len() + ipv4.extensions().auth.map_or(0, |auth| auth.slice().len());
    after.declared = ipv4_declared_payload(h.total_len(), length);
    let payload = ipv4.payload();
    if payload.fragmented && h.fragments_offset().value() == 0 {
        after.first_fragment = Some((payload.ip_number, payload.payload));
    }
    (Header::Ipv4(Ipv4::from_header(&h)), length)
}

/// The IPv6 layer, its extension headers included, and its length, noting what follows it.
fn ipv6_layer<'a>(ipv6: &LaxIpv6Slice<'a>, after: &mut AfterNetwork<'a>) -> (Header, usize) {
    let h = ipv6.header();
    let mut header = Ipv6::from_header(&h);
    let mut at_offset_zero = true;
    for ext in extension_headers(ipv6.extensions()) {
        let (kind, next_header, length) = match &ext {
            Ipv6ExtensionSlice::HopByHop(s) => (0, s.next_header().0, s.slice().len()),
            Ipv6ExtensionSlice::Routing(s) => (43, s.next_header().0, s.slice().len()),
            Ipv6ExtensionSlice::Fragment(s) => {
                header.fragmented |= s.more_fragments() || s.fragment_offset().value() != 0;
                at_offset_zero &= s.fragment_offset().value() == 0;
                (44, s.next_header().0, s.slice().len())
            }
            Ipv6ExtensionSlice::DestinationOptions(s) => (60, s.next_header().0, s.slice().len()),
            Ipv6ExtensionSlice::Authentication(s) => (51, s.next_header().0, s.slice().len()),
        };
        header.extensions.push(Ipv6Extension {
            kind,
            next_header,
            length,
        });
    }
    let payload = ipv6.payload();
    header.protocol = payload.ip_number.0;
    let extensions = ipv6.extensions().slice().len();
    after.declared = ipv6_declared_payload(h.payload_length(), extensions);
    if payload.fragmented && at_offset_zero {
        after.first_fragment = Some((payload.ip_number, payload.payload));
    }
    (Header::Ipv6(header), h.slice().len() + extensions)
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

/// The IPv6 extension headers etherparse validated, in order. etherparse 0.21's iterator does not
/// know where a lax slice stopped: after the last header it validated, it reads the next one
/// from beyond the end of the slice (an out-of-bounds read, found by fuzzing; see
/// `extension_headers_stop_where_etherparse_stopped` in tests.rs). So we never ask it for more
/// than the bytes the slice holds.
pub(super) fn extension_headers<'a>(
    extensions: &Ipv6ExtensionsSlice<'a>,
) -> Vec<Ipv6ExtensionSlice<'a>> {
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
