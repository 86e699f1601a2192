//! What statistics need from a frame — the layers it reached, its transport ports and TCP flags,
//! whether decoding stopped — and a quick way to read it. The common frames the quick decoder
//! takes (quick.rs) are summarised straight from the header slices it finds, without building a
//! [`Dissection`]: the statistics view does little else per frame, and building one made its run
//! take half again as many instructions (387 against 258 million on a 200,000-packet benchmark
//! capture, measured with callgrind). Anything else goes through the full decoder. Both ways give the same summary (a test checks every frame of the samples, cut at
//! every length, and of the shared captures).

use super::quick::{self, Carried, Network};
use super::{Dissection, LayerName, TcpFlags, Transport, decode_into};
use crate::capture::LinkType;

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
        }
        summary.ports = dissection.transport().map(|layer| {
            let (source, destination) = layer.ports();
            Ports {
                transport: layer.transport(),
                source,
                destination,
                tcp_flags: layer.tcp_flags(),
            }
        });
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

/// The summary read straight from the headers of a common frame (the frames the quick decoder
/// takes: Ethernet II, IPv4 not a fragment or IPv6 without extension header, TCP or UDP); `None`
/// for any other frame.
pub fn quick_summary(link_type: LinkType, data: &[u8]) -> Option<Summary> {
    let common = quick::locate(link_type, data)?;
    let mut summary = Summary::new();
    summary.push(LayerName::Ethernet);
    summary.push(match common.network {
        Network::V4(_) => LayerName::Ipv4,
        Network::V6(_) => LayerName::Ipv6,
    });
    let ports = match &common.transport {
        Carried::Tcp(tcp) => Ports {
            transport: Transport::Tcp,
            source: tcp.source_port(),
            destination: tcp.destination_port(),
            tcp_flags: Some(TcpFlags::from_header(tcp.header_slice())),
        },
        Carried::Udp(udp) => Ports {
            transport: Transport::Udp,
            source: udp.source_port(),
            destination: udp.destination_port(),
            tcp_flags: None,
        },
    };
    summary.push(ports.transport.layer());
    summary.ports = Some(ports);
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
