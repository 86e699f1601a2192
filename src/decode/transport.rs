//! The transport layer: TCP, UDP and IGMP (ICMP has its own module). One constructor per header
//! ([`Tcp::from_slice`], [`Udp::from_slice`], and the flag bits once in [`TcpFlags::from_header`])
//! serves both the quick path and the general one; this module also works out how much data a
//! segment or datagram carried on the wire, and slices the transport of a first fragment.

use super::stop::{invalid, len_stop};
use super::{
    Dissection, Header, Icmp, Igmp, LayerName, Span, Stop, Tcp, TcpFlags, TcpOption, Udp,
    tcp_options,
};
use etherparse::{
    Icmpv4Slice, Icmpv6Slice, IgmpSlice, IpNumber, TcpSlice, TransportSlice, UdpSlice,
};

impl TcpFlags {
    /// The 9 flag bits of a TCP header (bytes 12-13), NS included; none when the header is
    /// shorter than that.
    #[inline]
    pub(crate) fn from_header(header: &[u8]) -> TcpFlags {
        match (header.get(12), header.get(13)) {
            (Some(high), Some(low)) => TcpFlags((u16::from(high & 0x01) << 8) | u16::from(*low)),
            _ => TcpFlags(0),
        }
    }
}

impl Tcp {
    /// The fields of a TCP header, its options read into `options` (a list an earlier frame used,
    /// so that its memory is reused). `declared` is the IP payload as the IP header declares it.
    #[inline]
    pub(crate) fn from_slice(
        tcp: &TcpSlice<'_>,
        declared: Option<usize>,
        mut options: Vec<TcpOption>,
    ) -> Tcp {
        let header_length = tcp.header_slice().len();
        let options_malformed = tcp_options::parse_into(tcp.options(), &mut options);
        let payload_captured = tcp.payload().len();
        Tcp {
            source_port: tcp.source_port(),
            destination_port: tcp.destination_port(),
            sequence: tcp.sequence_number(),
            acknowledgment: tcp.acknowledgment_number(),
            flags: TcpFlags::from_header(tcp.header_slice()),
            window: tcp.window_size(),
            header_length: header_length as u8,
            urgent_pointer: tcp.urgent_pointer(),
            checksum: tcp.checksum(),
            options,
            options_malformed,
            payload_length: tcp_wire_length(declared, header_length, payload_captured),
            payload_captured,
        }
    }
}

impl Udp {
    /// The fields of a UDP header. `declared` is the IP payload as the IP header declares it.
    #[inline]
    pub(crate) fn from_slice(udp: &UdpSlice<'_>, declared: Option<usize>) -> Udp {
        let payload_captured = udp.payload().len();
        Udp {
            source_port: udp.source_port(),
            destination_port: udp.destination_port(),
            length: udp.length(),
            checksum: udp.checksum(),
            payload_length: udp_wire_length(udp.length(), declared, payload_captured),
            payload_captured,
        }
    }
}

impl Igmp {
    fn from_slice(igmp: &IgmpSlice<'_>) -> Igmp {
        let bytes = igmp.bytes4to7();
        let igmp_type = igmp.type_u8();
        Igmp {
            igmp_type,
            // A general query (0x11 with group 0) names no group.
            group: (igmp_type != 0x11 || bytes != [0; 4]).then(|| bytes.into()),
        }
    }
}

/// Pushes a transport layer of `header_length` bytes at `offset`, followed by `payload` bytes
/// of its data; returns where the data starts.
#[inline]
pub(super) fn push(
    dissection: &mut Dissection,
    offset: usize,
    header_length: usize,
    payload: usize,
    header: Header,
) -> usize {
    let data = offset + header_length;
    dissection.layers.push(super::Layer {
        span: Span::new(offset, data),
        header,
    });
    dissection.payload = Some(Span::new(data, data + payload));
    data
}

/// Copies the transport etherparse's lax slicer found (or the one sliced from a first fragment)
/// at `offset`; returns where the decoded layers end.
pub(super) fn absorb(
    dissection: &mut Dissection,
    transport: Option<&TransportSlice<'_>>,
    offset: usize,
    declared: Option<usize>,
) -> usize {
    match transport {
        Some(TransportSlice::Tcp(tcp)) => {
            let options = std::mem::take(&mut dissection.spare.tcp_options);
            let header = Header::Tcp(Tcp::from_slice(tcp, declared, options));
            let (length, payload) = (tcp.header_slice().len(), tcp.payload().len());
            push(dissection, offset, length, payload, header)
        }
        Some(TransportSlice::Udp(udp)) => {
            let header = Header::Udp(Udp::from_slice(udp, declared));
            let (length, payload) = (udp.header_slice().len(), udp.payload().len());
            push(dissection, offset, length, payload, header)
        }
        Some(TransportSlice::Icmpv4(icmp)) => {
            let header = Header::Icmpv4(Icmp::from_v4(icmp));
            let (length, body) = (icmp.header_len(), icmp.payload().len());
            push(dissection, offset, length, body, header)
        }
        Some(TransportSlice::Icmpv6(icmp)) => {
            let header = Header::Icmpv6(Icmp::from_v6(icmp));
            let (length, body) = (icmp.header_len(), icmp.payload().len());
            push(dissection, offset, length, body, header)
        }
        Some(TransportSlice::Igmp(igmp)) => {
            let length = igmp.header_len();
            dissection.layers.push(super::Layer {
                span: Span::new(offset, offset + length),
                header: Header::Igmp(Igmp::from_slice(igmp)),
            });
            offset + length
        }
        None => offset,
    }
}

/// Slices the transport header at the start of a first fragment; `None` when it does not fit
/// (a first fragment too small to hold it is left undecoded, as etherparse would), a stop when
/// it was cut inside its transport header.
pub(super) fn of_first_fragment(
    (protocol, bytes): (IpNumber, &[u8]),
    offset: usize,
) -> Result<Option<TransportSlice<'_>>, Stop> {
    use etherparse::err::tcp::HeaderSliceError as TcpError;
    Ok(Some(match protocol {
        IpNumber::TCP => match TcpSlice::from_slice(bytes) {
            Ok(tcp) => TransportSlice::Tcp(tcp),
            Err(TcpError::Len(error)) => return Err(len_stop(LayerName::Tcp, &error, offset)),
            Err(TcpError::Content(error)) => return Err(invalid(LayerName::Tcp, offset, error)),
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
