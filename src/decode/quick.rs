//! The quick way through the frames most captures are made of: Ethernet II, then IPv4 (not a
//! fragment) or IPv6 (no extension header), then a whole TCP or UDP header. Those are read with
//! etherparse's header slices directly, which costs a fraction of its general lax slicer; every
//! other frame, and any frame where something is off, goes the general way. Both ways give the same
//! dissection: a test compares them on every frame of the samples cut at every length, and on the
//! shared captures.

use super::network::{ipv4_declared_payload, ipv6_declared_payload};
use super::{
    Dissection, Ethernet, Header, Ipv4, Ipv6, Layer, Span, Tcp, Udp, ether_type, transport,
};
use crate::capture::LinkType;
use etherparse::{Ethernet2Slice, Ipv4HeaderSlice, Ipv6HeaderSlice, TcpSlice, UdpSlice};

const TCP: u8 = 6;
const UDP: u8 = 17;

/// A common frame's headers, as etherparse's header slices.
pub(super) struct Common<'a> {
    pub ethernet: Ethernet2Slice<'a>,
    pub network: Network<'a>,
    pub transport: Carried<'a>,
    /// Where the transport header starts in the frame.
    pub transport_start: usize,
    /// The IP payload's length as the IP header declares it, when the field can be used.
    pub declared: Option<usize>,
}

pub(super) enum Network<'a> {
    V4(Ipv4HeaderSlice<'a>),
    V6(Ipv6HeaderSlice<'a>),
}

pub(super) enum Carried<'a> {
    Tcp(TcpSlice<'a>),
    Udp(UdpSlice<'a>),
}

/// The headers of `data` when it is a common frame (Ethernet II, IPv4 not a fragment or IPv6
/// without extension header, a whole TCP or UDP header); `None` for any other. The IP payload is
/// bounded as etherparse's lax slicer bounds it: by the total (or payload) length, unless the
/// capture holds less or the field is smaller than the header.
// Inlined into both callers: a call that returns every header slice costs the statistics view
// a tenth more instructions.
#[inline(always)]
pub(super) fn locate(link_type: LinkType, data: &[u8]) -> Option<Common<'_>> {
    if link_type != LinkType::Ethernet {
        return None;
    }
    let ethernet = Ethernet2Slice::from_slice_without_fcs(data).ok()?;
    let start = ethernet.header_len();
    let rest = &data[start..];
    // The network header, the protocol it announces, its length, where its payload ends in
    // `rest`, and how long the header declares that payload to be.
    let (network, protocol, header, end, declared) = match ethernet.ether_type().0 {
        ether_type::IPV4 => {
            let ip = Ipv4HeaderSlice::from_slice(rest).ok()?;
            let protocol = ip.protocol().0;
            if ip.is_fragmenting_payload() || (protocol != TCP && protocol != UDP) {
                return None;
            }
            let header = ip.slice().len();
            let total = usize::from(ip.total_len());
            let end = if total < header || total > rest.len() {
                rest.len()
            } else {
                total
            };
            let declared = ipv4_declared_payload(ip.total_len(), header);
            (Network::V4(ip), protocol, header, end, declared)
        }
        ether_type::IPV6 => {
            let ip = Ipv6HeaderSlice::from_slice(rest).ok()?;
            let protocol = ip.next_header().0;
            let length = usize::from(ip.payload_length());
            if (protocol != TCP && protocol != UDP) || length == 0 {
                return None;
            }
            let header = ip.slice().len();
            let end = (header + length).min(rest.len());
            let declared = ipv6_declared_payload(ip.payload_length(), 0);
            (Network::V6(ip), protocol, header, end, declared)
        }
        _ => return None,
    };
    let payload = &rest[header..end];
    let transport = if protocol == TCP {
        Carried::Tcp(TcpSlice::from_slice(payload).ok()?)
    } else {
        Carried::Udp(UdpSlice::from_slice_lax(payload).ok()?)
    };
    Some(Common {
        transport_start: start + header,
        ethernet,
        network,
        transport,
        declared,
    })
}

/// Decodes `data` into `dissection` (already cleared) when it is a common frame; returns false,
/// leaving `dissection` untouched, when the general decoder must handle it.
pub fn decode(dissection: &mut Dissection, link_type: LinkType, data: &[u8]) -> bool {
    let Some(common) = locate(link_type, data) else {
        return false;
    };
    let network_start = common.ethernet.header_len();
    dissection.layers.push(Layer {
        span: Span::new(0, network_start),
        header: Header::Ethernet(Ethernet::from_slice(&common.ethernet)),
    });
    let network = match &common.network {
        Network::V4(ip) => Header::Ipv4(Ipv4::from_header(ip)),
        Network::V6(ip) => Header::Ipv6(Ipv6::from_header(ip)),
    };
    dissection.layers.push(Layer {
        span: Span::new(network_start, common.transport_start),
        header: network,
    });
    let (at, declared) = (common.transport_start, common.declared);
    match &common.transport {
        Carried::Tcp(tcp) => {
            let options = std::mem::take(&mut dissection.spare.tcp_options);
            let header = Header::Tcp(Tcp::from_slice(tcp, declared, options));
            let (length, payload) = (tcp.header_slice().len(), tcp.payload().len());
            transport::push(dissection, at, length, payload, header);
        }
        Carried::Udp(udp) => {
            let header = Header::Udp(Udp::from_slice(udp, declared));
            let (length, payload) = (udp.header_slice().len(), udp.payload().len());
            transport::push(dissection, at, length, payload, header);
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode as decode_any;
    use crate::decode::test_frames::{sweep_samples, sweep_shared_captures};

    /// The general way only, for comparison.
    fn general(link_type: LinkType, data: &[u8]) -> Dissection {
        let mut dissection = Dissection::empty(link_type);
        super::super::general::decode(&mut dissection, link_type, data);
        dissection.application = super::super::application(&dissection, data);
        dissection
    }

    /// Decodes both ways; true when the quick way took the frame.
    fn check(link_type: LinkType, data: &[u8]) -> bool {
        let mut quick = Dissection::empty(link_type);
        let taken = decode(&mut quick, link_type, data);
        quick.application = super::super::application(&quick, data);
        if taken {
            assert_eq!(quick, general(link_type, data), "frame {data:02x?}");
        }
        assert_eq!(decode_any(link_type, data), general(link_type, data));
        taken
    }

    /// benches/data/bulk-seed.pcap frame 20: a 1514-byte segment of an iperf3 transfer,
    /// 192.0.2.10:38922 → 198.51.100.20:5201 with 1448 data bytes, cut to 128 bytes by
    /// `tcpdump -s 128` (Ethernet 14, IPv4 20 with total length 1500, TCP 32, then 62 data bytes).
    const CUT_SEGMENT: [u8; 128] = [
        0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x45,
        0x00, 0x05, 0xdc, 0x05, 0xd0, 0x40, 0x00, 0x40, 0x06, 0x42, 0xfa, 0xc0, 0x00, 0x02, 0x0a,
        0xc6, 0x33, 0x64, 0x14, 0x98, 0x0a, 0x14, 0x51, 0x83, 0x2f, 0x31, 0x3c, 0x70, 0x1d, 0x18,
        0xc1, 0x80, 0x10, 0x00, 0x3f, 0xd5, 0x68, 0x00, 0x00, 0x01, 0x01, 0x08, 0x0a, 0xe3, 0x38,
        0x9a, 0x57, 0xd5, 0x7d, 0xf6, 0xe5, 0xe0, 0xa5, 0x8f, 0xa9, 0xc9, 0x30, 0x32, 0x09, 0xfb,
        0x74, 0x6c, 0xc6, 0x4c, 0x66, 0xcc, 0xaa, 0xd4, 0x65, 0xbf, 0x52, 0x02, 0xa5, 0x21, 0x4b,
        0x57, 0xbd, 0x02, 0x72, 0xe4, 0xf7, 0x84, 0x3f, 0x72, 0x51, 0x01, 0x7f, 0x12, 0xb1, 0x4e,
        0x55, 0x2f, 0x54, 0xd4, 0xdf, 0x39, 0x4c, 0xd4, 0x3a, 0x1c, 0xc9, 0x4c, 0xaa, 0xa8, 0xca,
        0xcb, 0x1f, 0xe4, 0xf8, 0xa9, 0x55, 0x1b, 0x63,
    ];

    /// The transport's (wire, captured) data lengths and the captured payload span, decoded the
    /// quick way (`None` when it leaves the frame to the general way) and the general way.
    type Lengths = (usize, usize, Option<Span>);
    fn lengths_both_ways(data: &[u8]) -> (Option<Lengths>, Lengths) {
        let lengths = |d: &Dissection| {
            d.layers
                .iter()
                .find_map(|l| match &l.header {
                    Header::Tcp(t) => Some((t.payload_length, t.payload_captured, d.payload)),
                    Header::Udp(u) => Some((u.payload_length, u.payload_captured, d.payload)),
                    _ => None,
                })
                .expect("a TCP or UDP layer")
        };
        let mut quick = Dissection::empty(LinkType::Ethernet);
        let taken = decode(&mut quick, LinkType::Ethernet, data);
        let general = general(LinkType::Ethernet, data);
        assert_eq!(general.stopped, None, "a cut inside the data is no stop");
        (taken.then(|| lengths(&quick)), lengths(&general))
    }

    /// The frame rebuilt as IPv6: the same TCP header and data after a 40-byte IPv6 header (with
    /// `extension` before the TCP header), the payload length as on the wire.
    fn as_ipv6(extension: &[u8]) -> Vec<u8> {
        let tcp_and_data = &CUT_SEGMENT[34..];
        let payload_length = (extension.len() + 32 + 1448) as u16;
        let mut frame = CUT_SEGMENT[..12].to_vec();
        frame.extend_from_slice(&[0x86, 0xdd, 0x60, 0, 0, 0]);
        frame.extend_from_slice(&payload_length.to_be_bytes());
        frame.push(if extension.is_empty() { 6 } else { 0 });
        frame.push(64);
        frame.extend_from_slice(&[
            0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
        ]);
        frame.extend_from_slice(&[
            0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x20,
        ]);
        frame.extend_from_slice(extension);
        frame.extend_from_slice(tcp_and_data);
        frame
    }

    #[test]
    fn a_segment_cut_by_the_snapshot_length_counts_its_data_on_the_wire_both_ways() {
        let cut = Some(Span::new(66, 128));
        let expected = (1448, 62, cut);
        assert_eq!(lengths_both_ways(&CUT_SEGMENT), (Some(expected), expected));

        // IPv6: the payload length minus the TCP header; with a hop-by-hop header (the general
        // way only), minus that header too.
        let v6 = (1448, 62, Some(Span::new(86, 148)));
        assert_eq!(lengths_both_ways(&as_ipv6(&[])), (Some(v6), v6));
        let hop_by_hop = [6, 0, 1, 4, 0, 0, 0, 0];
        let v6_extended = (1448, 62, Some(Span::new(94, 156)));
        assert_eq!(
            lengths_both_ways(&as_ipv6(&hop_by_hop)),
            (None, v6_extended)
        );

        // An IPv4 total length of 0 (segmentation offload) or below the header says nothing:
        // what was captured is all there is.
        for total in [0u16, 19] {
            let mut offload = CUT_SEGMENT;
            offload[16..18].copy_from_slice(&total.to_be_bytes());
            let captured = (62, 62, cut);
            assert_eq!(lengths_both_ways(&offload), (Some(captured), captured));
        }
        // A whole frame: wire and capture agree.
        let mut whole = CUT_SEGMENT;
        whole[16..18].copy_from_slice(&(20u16 + 32 + 62).to_be_bytes());
        assert_eq!(
            lengths_both_ways(&whole),
            (Some((62, 62, cut)), (62, 62, cut))
        );
    }

    #[test]
    fn a_datagram_cut_by_the_snapshot_length_counts_its_data_on_the_wire_both_ways() {
        // The cut segment made UDP: IPv4 total length 1028, UDP length 1008 (1000 data bytes), of
        // which 128 - 42 = 86 were captured.
        let mut udp = CUT_SEGMENT;
        udp[23] = 17;
        udp[16..18].copy_from_slice(&1028u16.to_be_bytes());
        udp[38..40].copy_from_slice(&1008u16.to_be_bytes());
        let cut = Some(Span::new(42, 128));
        assert_eq!(
            lengths_both_ways(&udp),
            (Some((1000, 86, cut)), (1000, 86, cut))
        );
        // A length field of 0 (IPv6 jumbograms) or below the header's 8 bytes says nothing: the
        // IP header's length tells, as tcpdump reads it.
        for field in [0u16, 3] {
            udp[38..40].copy_from_slice(&field.to_be_bytes());
            assert_eq!(
                lengths_both_ways(&udp),
                (Some((1000, 86, cut)), (1000, 86, cut))
            );
        }
        // A length field larger than the IP payload (the first fragment of a bigger datagram):
        // the data this packet carried.
        udp[38..40].copy_from_slice(&5700u16.to_be_bytes());
        assert_eq!(
            lengths_both_ways(&udp),
            (Some((1000, 86, cut)), (1000, 86, cut))
        );
    }

    #[test]
    fn both_ways_agree_on_every_sample_frame_cut_at_every_length() {
        sweep_samples(check);
    }

    #[test]
    fn both_ways_agree_on_the_shared_captures() {
        sweep_shared_captures(check);
    }

    #[test]
    fn odd_headers_agree_or_go_the_general_way() {
        let mut syn = vec![2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00];
        syn.extend_from_slice(&[0x45, 0, 0, 44, 0, 0, 0x40, 0, 64, 6, 0, 0]);
        syn.extend_from_slice(&[192, 0, 2, 10, 198, 51, 100, 20]);
        syn.extend_from_slice(&[0xc8, 0x22, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0x60, 0x02]);
        syn.extend_from_slice(&[0xff, 0xff, 0, 0, 0, 0, 2, 4, 5, 0xb4]);
        assert!(check(LinkType::Ethernet, &syn));
        let variants: [(usize, u8); 7] = [
            (46, 0x40), // TCP data offset 4: too small
            (46, 0xf0), // TCP data offset 15: longer than the packet
            (17, 10),   // IPv4 total length shorter than its header
            (17, 0),    // IPv4 total length zero
            (17, 255),  // IPv4 total length longer than the capture
            (20, 0x20), // more fragments
            (14, 0x46), // IPv4 header length 24 (options) in a 20-byte header
        ];
        for (at, value) in variants {
            let mut odd = syn.clone();
            odd[at] = value;
            check(LinkType::Ethernet, &odd);
        }
        let mut padded = syn.clone();
        padded.extend_from_slice(&[0; 8]);
        assert!(check(LinkType::Ethernet, &padded));
        let mut udp = syn[..34].to_vec();
        udp[23] = 17;
        udp[17] = 28;
        udp.extend_from_slice(&[0x9c, 0x40, 0, 53, 0, 3, 0, 0]); // UDP length 3: lax
        check(LinkType::Ethernet, &udp);
    }
}
