//! What statistics need from a frame — the layers it reached, its transport ports and TCP flags,
//! whether decoding stopped — and a quick way to read it. Most frames of a big capture are Ethernet,
//! IPv4 or IPv6 without extension headers, then TCP or UDP with whole headers; for those the summary
//! is read straight from etherparse's header slices, without building a [`Dissection`]. Anything
//! else goes through the full decoder. Both ways give the same summary (a test checks every frame of
//! the samples, cut at every length, and of the shared captures).

use super::{Dissection, Header, LayerName, TcpFlags, Transport, decode_into};
use crate::capture::LinkType;
use etherparse::{Ethernet2HeaderSlice, Ipv4HeaderSlice, Ipv6HeaderSlice, TcpHeaderSlice};

/// The most layers a summary keeps; deeper layers (rare stacks of VLAN tags) are not listed.
pub const MAX_LAYERS: usize = 8;

/// The transport of a frame with ports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ports {
    pub transport: Transport,
    pub source: u16,
    pub destination: u16,
    /// The TCP flags (`None` for UDP).
    pub tcp_flags: Option<TcpFlags>,
}

/// The facts about a frame that statistics count. Small and `Copy`: made for every frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    layers: [LayerName; MAX_LAYERS],
    depth: u8,
    pub ports: Option<Ports>,
    /// True when decoding stopped before the end of the frame.
    pub stopped: bool,
}

impl Summary {
    fn new() -> Summary {
        Summary {
            layers: [LayerName::Link; MAX_LAYERS],
            depth: 0,
            ports: None,
            stopped: false,
        }
    }

    fn push(&mut self, layer: LayerName) {
        if usize::from(self.depth) < MAX_LAYERS {
            self.layers[usize::from(self.depth)] = layer;
            self.depth += 1;
        }
    }

    /// The layers from the outermost inwards.
    pub fn layers(&self) -> &[LayerName] {
        &self.layers[..usize::from(self.depth)]
    }

    /// The summary of a full dissection.
    pub fn of(dissection: &Dissection) -> Summary {
        let mut summary = Summary::new();
        for layer in &dissection.layers {
            summary.push(layer.header.name());
            match &layer.header {
                Header::Tcp(t) => {
                    summary.ports = Some(Ports {
                        transport: Transport::Tcp,
                        source: t.source_port,
                        destination: t.destination_port,
                        tcp_flags: Some(t.flags),
                    })
                }
                Header::Udp(u) => {
                    summary.ports = Some(Ports {
                        transport: Transport::Udp,
                        source: u.source_port,
                        destination: u.destination_port,
                        tcp_flags: None,
                    })
                }
                _ => {}
            }
        }
        summary.stopped = dissection.stopped.is_some();
        summary
    }
}

/// The summary of any frame: read quickly when it is a common one, else from the full decoder
/// (`scratch` is reused for that).
pub fn summarize(link_type: LinkType, data: &[u8], scratch: &mut Dissection) -> Summary {
    match quick_summary(link_type, data) {
        Some(summary) => summary,
        None => {
            decode_into(scratch, link_type, data);
            Summary::of(scratch)
        }
    }
}

/// The summary read straight from the headers, for Ethernet frames carrying IPv4 (not a fragment)
/// or IPv6 (no extension header), then a whole TCP or UDP header; `None` for any other frame. It
/// bounds the IP payload as etherparse's lax slicer does (the total or payload length, unless the
/// capture holds less).
pub fn quick_summary(link_type: LinkType, data: &[u8]) -> Option<Summary> {
    if link_type != LinkType::Ethernet {
        return None;
    }
    let ethernet = Ethernet2HeaderSlice::from_slice(data).ok()?;
    let rest = &data[ethernet.slice().len()..];
    let mut summary = Summary::new();
    summary.push(LayerName::Ethernet);
    let (protocol, payload) = match ethernet.ether_type().0 {
        super::ether_type::IPV4 => {
            let ip = Ipv4HeaderSlice::from_slice(rest).ok()?;
            if ip.is_fragmenting_payload() {
                return None;
            }
            let header = ip.slice().len();
            let total = usize::from(ip.total_len());
            let payload = if total < header || total > rest.len() {
                &rest[header..]
            } else {
                &rest[header..total]
            };
            summary.push(LayerName::Ipv4);
            (ip.protocol().0, payload)
        }
        super::ether_type::IPV6 => {
            let ip = Ipv6HeaderSlice::from_slice(rest).ok()?;
            let length = usize::from(ip.payload_length());
            if length == 0 {
                return None;
            }
            let after = &rest[ip.slice().len()..];
            summary.push(LayerName::Ipv6);
            (ip.next_header().0, &after[..length.min(after.len())])
        }
        _ => return None,
    };
    summary.ports = Some(match protocol {
        6 => {
            let tcp = TcpHeaderSlice::from_slice(payload).ok()?;
            let bytes = tcp.slice();
            summary.push(LayerName::Tcp);
            Ports {
                transport: Transport::Tcp,
                source: tcp.source_port(),
                destination: tcp.destination_port(),
                tcp_flags: Some(TcpFlags(
                    (u16::from(bytes[12] & 0x01) << 8) | u16::from(bytes[13]),
                )),
            }
        }
        17 if payload.len() >= 8 => {
            summary.push(LayerName::Udp);
            Ports {
                transport: Transport::Udp,
                source: u16::from_be_bytes([payload[0], payload[1]]),
                destination: u16::from_be_bytes([payload[2], payload[3]]),
                tcp_flags: None,
            }
        }
        _ => return None,
    });
    Some(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;
    use crate::decode::test_frames::{sweep_samples, sweep_shared_captures};

    /// Every frame of every capture in `dir` (all link types), with its link type.
    fn check(link_type: LinkType, data: &[u8]) -> bool {
        let full = Summary::of(&decode(link_type, data));
        match quick_summary(link_type, data) {
            Some(quick) => {
                assert_eq!(quick, full, "{link_type:?} frame {data:02x?}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn the_quick_summary_is_the_full_decoders_for_every_sample_frame_cut_anywhere() {
        sweep_samples(check);
    }

    #[test]
    fn the_quick_summary_is_the_full_decoders_on_the_shared_captures() {
        sweep_shared_captures(check);
    }

    #[test]
    fn odd_headers_are_left_to_the_full_decoder_or_agree_with_it() {
        // An Ethernet/IPv4/TCP SYN, then variants: a TCP data offset below 5, an IPv4 total length
        // shorter than the header, a fragment, an IPv6 jumbogram-style zero payload length.
        let mut syn = vec![2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00];
        syn.extend_from_slice(&[0x45, 0, 0, 40, 0, 0, 0x40, 0, 64, 6, 0, 0]);
        syn.extend_from_slice(&[192, 0, 2, 10, 198, 51, 100, 20]);
        syn.extend_from_slice(&[0xc8, 0x22, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02]);
        syn.extend_from_slice(&[0xff, 0xff, 0, 0, 0, 0]);
        assert!(check(LinkType::Ethernet, &syn));
        let mut short_offset = syn.clone();
        short_offset[46] = 0x40;
        check(LinkType::Ethernet, &short_offset);
        let mut short_total = syn.clone();
        short_total[17] = 10;
        check(LinkType::Ethernet, &short_total);
        let mut zero_total = syn.clone();
        zero_total[17] = 0;
        check(LinkType::Ethernet, &zero_total);
        let mut fragment = syn.clone();
        fragment[20] = 0x20;
        assert!(!check(LinkType::Ethernet, &fragment));
        let mut padded = syn.clone();
        padded.extend_from_slice(&[0; 6]);
        assert!(check(LinkType::Ethernet, &padded));
        let mut summary = Summary::new();
        for _ in 0..MAX_LAYERS + 2 {
            summary.push(LayerName::Vlan);
        }
        assert_eq!(summary.layers().len(), MAX_LAYERS);
    }
}
