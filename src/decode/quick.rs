//! The quick way through the frames most captures are made of: Ethernet II, then IPv4 (not a
//! fragment) or IPv6 (no extension header), then a whole TCP or UDP header. Those are read with
//! etherparse's header slices directly, which costs a fraction of its general lax slicer; every
//! other frame, and any frame where something is off, goes the general way. Both ways give the same
//! dissection: a test compares them on every frame of the samples cut at every length, and on the
//! shared captures.

use super::{
    Dissection, Ethernet, Header, Ipv4, Ipv6, Layer, MacAddress, Span, Tcp, TcpFlags, Udp,
    ether_type, tcp_options,
};
use crate::capture::LinkType;
use etherparse::{Ethernet2HeaderSlice, Ipv4HeaderSlice, Ipv6HeaderSlice, TcpSlice, UdpSlice};

const TCP: u8 = 6;
const UDP: u8 = 17;

/// Decodes `data` into `dissection` (already cleared) when it is a common frame; returns false,
/// leaving `dissection` untouched, when the general decoder must handle it.
pub fn decode(dissection: &mut Dissection, link_type: LinkType, data: &[u8]) -> bool {
    if link_type != LinkType::Ethernet {
        return false;
    }
    let Ok(ethernet) = Ethernet2HeaderSlice::from_slice(data) else {
        return false;
    };
    let start = ethernet.slice().len();
    let rest = &data[start..];
    // The network header, the protocol it announces, and where its payload lies in `data`.
    let (network, protocol, payload) = match ethernet.ether_type().0 {
        ether_type::IPV4 => {
            let Ok(ip) = Ipv4HeaderSlice::from_slice(rest) else {
                return false;
            };
            let protocol = ip.protocol().0;
            if ip.is_fragmenting_payload() || (protocol != TCP && protocol != UDP) {
                return false;
            }
            let header = ip.slice().len();
            let total = usize::from(ip.total_len());
            // As etherparse's lax slicer bounds the payload: by the total length, unless the
            // capture holds less or the field is smaller than the header.
            let end = if total < header || total > rest.len() {
                rest.len()
            } else {
                total
            };
            let layer = Layer {
                span: Span::new(start, start + header),
                header: Header::Ipv4(Ipv4 {
                    source: ip.source_addr(),
                    destination: ip.destination_addr(),
                    ttl: ip.ttl(),
                    protocol,
                    identification: ip.identification(),
                    dont_fragment: ip.dont_fragment(),
                    more_fragments: ip.more_fragments(),
                    fragment_offset: u32::from(ip.fragments_offset().value()) * 8,
                    total_length: ip.total_len(),
                    header_length: ip.ihl() * 4,
                    dscp: ip.dcp().value(),
                    ecn: ip.ecn().value(),
                    checksum: ip.header_checksum(),
                }),
            };
            (layer, protocol, (start + header, start + end))
        }
        ether_type::IPV6 => {
            let Ok(ip) = Ipv6HeaderSlice::from_slice(rest) else {
                return false;
            };
            let protocol = ip.next_header().0;
            let length = usize::from(ip.payload_length());
            if (protocol != TCP && protocol != UDP) || length == 0 {
                return false;
            }
            let header = ip.slice().len();
            let end = (header + length).min(rest.len());
            let layer = Layer {
                span: Span::new(start, start + header),
                header: Header::Ipv6(Ipv6 {
                    source: ip.source_addr(),
                    destination: ip.destination_addr(),
                    hop_limit: ip.hop_limit(),
                    next_header: protocol,
                    payload_length: ip.payload_length(),
                    traffic_class: ip.traffic_class(),
                    flow_label: ip.flow_label().value(),
                    extensions: Vec::new(),
                    protocol,
                    fragmented: false,
                }),
            };
            (layer, protocol, (start + header, start + end))
        }
        _ => return false,
    };
    let bytes = &data[payload.0..payload.1];
    let at = payload.0;
    let transport = if protocol == TCP {
        let Ok(tcp) = TcpSlice::from_slice(bytes) else {
            return false;
        };
        let header_length = tcp.header_slice().len();
        let mut options = std::mem::take(&mut dissection.spare.tcp_options);
        let options_malformed = tcp_options::parse_into(tcp.options(), &mut options);
        let flags = tcp.header_slice();
        let payload_length = tcp.payload().len();
        dissection.payload = Some(Span::new(
            at + header_length,
            at + header_length + payload_length,
        ));
        Layer {
            span: Span::new(at, at + header_length),
            header: Header::Tcp(Tcp {
                source_port: tcp.source_port(),
                destination_port: tcp.destination_port(),
                sequence: tcp.sequence_number(),
                acknowledgment: tcp.acknowledgment_number(),
                flags: TcpFlags((u16::from(flags[12] & 0x01) << 8) | u16::from(flags[13])),
                window: tcp.window_size(),
                header_length: header_length as u8,
                urgent_pointer: tcp.urgent_pointer(),
                checksum: tcp.checksum(),
                options,
                options_malformed,
                payload_length,
            }),
        }
    } else {
        let Ok(udp) = UdpSlice::from_slice_lax(bytes) else {
            return false;
        };
        let header_length = udp.header_slice().len();
        let payload_length = udp.payload().len();
        dissection.payload = Some(Span::new(
            at + header_length,
            at + header_length + payload_length,
        ));
        Layer {
            span: Span::new(at, at + header_length),
            header: Header::Udp(Udp {
                source_port: udp.source_port(),
                destination_port: udp.destination_port(),
                length: udp.length(),
                checksum: udp.checksum(),
                payload_length,
            }),
        }
    };
    dissection.layers.push(Layer {
        span: Span::new(0, start),
        header: Header::Ethernet(Ethernet {
            destination: MacAddress(ethernet.destination()),
            source: MacAddress(ethernet.source()),
            ether_type: ethernet.ether_type().0,
        }),
    });
    dissection.layers.push(network);
    dissection.layers.push(transport);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::test_frames::{sweep_samples, sweep_shared_captures};
    use crate::decode::{absorb_general, decode as decode_any};

    /// The general way only, for comparison.
    fn general(link_type: LinkType, data: &[u8]) -> Dissection {
        let mut dissection = Dissection::empty(link_type);
        absorb_general(&mut dissection, link_type, data);
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
