//! Stop reasons: etherparse's length and content errors turned into a [`Stop`] that names the
//! layer in portlens's words and says where, in the frame, that layer starts.

use super::{LayerName, LengthSource, Stop, StopReason};
use etherparse::LenSource;
use etherparse::err::packet::SliceError;
use etherparse::err::{Layer as EpLayer, LenError};

/// portlens's name for one of etherparse's layers.
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

/// A stop for a header that broke a rule of its protocol, at `offset`.
pub(crate) fn invalid(layer: LayerName, offset: usize, detail: impl ToString) -> Stop {
    Stop {
        layer,
        offset,
        reason: StopReason::Invalid {
            detail: detail.to_string(),
        },
    }
}

/// A stop for any slicing error. Length errors carry their own offset; a content error belongs to
/// the layer that starts where the decoded layers end (`reached`).
pub(crate) fn slice_stop(error: &SliceError, layer: EpLayer, base: usize, reached: usize) -> Stop {
    match error {
        SliceError::Len(len) => len_stop(layer_name(len.layer), len, base),
        other => invalid(layer_name(layer), reached, other),
    }
}
