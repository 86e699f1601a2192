//! One frame's dissection as a whole: its layers, its payload and where decoding stopped, the
//! memory it keeps between frames, and the questions every reader asks of it (which layer is
//! Ethernet, which addresses, which VLANs).

use super::{Ethernet, Header, Layer, Span, Stop, TcpOption};
use crate::capture::LinkType;
use serde::Serialize;
use std::fmt;
use std::net::IpAddr;

/// Everything decoded from one frame.
#[derive(Debug, Clone, Serialize)]
pub struct Dissection {
    pub link_type: LinkType,
    /// Layers from the outermost (link) inwards.
    pub layers: Vec<Layer>,
    /// Bytes after the innermost decoded header that belong to it (TCP/UDP payload, ICMP body).
    pub payload: Option<Span>,
    pub stopped: Option<Stop>,
    /// What the application data says, when its content is recognised.
    pub application: Option<super::app::Application>,
    /// Memory an earlier frame used, kept for the next one (see `decode_into`); not part of what
    /// was decoded, so it is never compared (see `PartialEq` below), printed or serialized.
    #[serde(skip)]
    pub(crate) spare: Spare,
}

/// Allocations a dissection keeps between frames.
#[derive(Clone, Default)]
pub(crate) struct Spare {
    pub(crate) tcp_options: Vec<TcpOption>,
}

/// Two dissections are equal when they decoded the same: `spare` holds whatever an earlier frame
/// left, which says nothing about this one, so it is left out (and a field added later must be
/// placed here, or the destructuring below stops compiling).
impl PartialEq for Dissection {
    fn eq(&self, other: &Dissection) -> bool {
        let Dissection {
            link_type,
            layers,
            payload,
            stopped,
            application,
            spare: _,
        } = self;
        *link_type == other.link_type
            && *layers == other.layers
            && *payload == other.payload
            && *stopped == other.stopped
            && *application == other.application
    }
}

impl Eq for Dissection {}

impl fmt::Debug for Spare {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Spare")
    }
}

impl Dissection {
    /// A dissection with no layers yet, to decode into (see [`crate::decode::decode_into`]).
    pub fn empty(link_type: LinkType) -> Dissection {
        Dissection {
            link_type,
            layers: Vec::with_capacity(8),
            payload: None,
            stopped: None,
            application: None,
            spare: Spare::default(),
        }
    }

    /// The first layer whose header matches `pick`.
    pub fn find<'a, T>(&'a self, pick: impl Fn(&'a Header) -> Option<&'a T>) -> Option<&'a T> {
        self.layers.iter().find_map(|layer| pick(&layer.header))
    }

    pub fn ethernet(&self) -> Option<&Ethernet> {
        self.find(|h| match h {
            Header::Ethernet(e) => Some(e),
            _ => None,
        })
    }

    /// The outermost IP layer's source and destination.
    pub fn ip_addresses(&self) -> Option<(IpAddr, IpAddr)> {
        self.layers.iter().find_map(|layer| match &layer.header {
            Header::Ipv4(ip) => Some((IpAddr::V4(ip.source), IpAddr::V4(ip.destination))),
            Header::Ipv6(ip) => Some((IpAddr::V6(ip.source), IpAddr::V6(ip.destination))),
            _ => None,
        })
    }

    /// VLAN ids from the outermost tag inwards.
    pub fn vlan_ids(&self) -> Vec<u16> {
        self.layers
            .iter()
            .filter_map(|layer| match &layer.header {
                Header::Vlan(v) => Some(v.id),
                _ => None,
            })
            .collect()
    }
}
