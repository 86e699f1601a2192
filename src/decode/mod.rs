//! Decode: bytes of one frame → [`Dissection`], and the wire vocabulary every other module speaks
//! (layers, headers, [`Transport`], [`Connection`], TCP options and their words). etherparse does
//! the protocol parsing; the common frames take a quick way through its header slices (quick.rs),
//! any other the general way through its lax slicer (general.rs, so a cut packet still yields
//! every layer before the cut). Each header is built by one constructor that both ways call
//! (link.rs, network.rs, transport.rs, icmp.rs); this module adds the link headers etherparse
//! lacks (Linux SLL2, BSD NULL/LOOP), the headers quoted inside ICMP errors, TCP options
//! etherparse does not know, and turns etherparse's errors into a [`Stop`] (stop.rs).
//! Pure functions: no I/O, no global state, and no panic on any input.

pub mod app;
mod connection;
mod dissection;
mod general;
mod icmp;
mod link;
mod model;
mod network;
mod quick;
mod selectors;
mod stop;
mod summary;
mod tcp_options;
#[cfg(test)]
mod test_frames;
mod transport;

pub use connection::{Connection, Endpoint, Transport, TransportLayer};
pub use dissection::Dissection;
pub use model::*;
pub use selectors::{Selector, selectors};
pub use summary::{Ports, Summary, quick_summary, summarize};
pub use tcp_options::{Compact, CompactList, TcpOption};

use crate::capture::LinkType;

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
        general::decode(dissection, link_type, data);
    }
}

/// The application hint of the TCP or UDP payload, if any.
fn application(dissection: &Dissection, data: &[u8]) -> Option<app::Application> {
    let payload = dissection.payload?;
    let bytes = data.get(payload.start..payload.end)?;
    let layer = dissection.transport()?;
    app::detect(layer.transport(), layer.ports(), bytes)
}

#[cfg(test)]
mod tests;
