//! The brief explanation a one-line view prints: which end is the server, the service its port
//! names, and where decoding stopped — without building the teaching sentences it would not show,
//! so that millions of packets are explained in a fraction of the time.

use super::{Annotated, Explainer};
use crate::decode::{Dissection, Transport};
use crate::knowledge::ports::{self, ServiceInfo};
use crate::knowledge::{Side, server_side};

/// How much of the explanation a view needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Depth {
    /// Nothing: the view prints no explanation (statistics).
    None,
    /// The service and roles, and the stop sentence (the one-line view).
    Brief,
    /// Every sentence (the tree, JSON, hex and diagram views).
    Full,
}

impl Explainer {
    /// Explains a dissection to the depth a view needs.
    pub fn explain_to(&mut self, dissection: &Dissection, depth: Depth) -> Annotated {
        match depth {
            Depth::Full => self.explain(dissection),
            Depth::Brief => self.explain_brief(dissection),
            Depth::None => Annotated::default(),
        }
    }

    /// The brief facts: the role of the packet's ports ([`role_of`], which builds no sentence
    /// and allocates nothing), and for a packet whose decoding stopped the full explanation (so
    /// that its stop sentence is the tree's).
    pub fn explain_brief(&mut self, dissection: &Dissection) -> Annotated {
        if dissection.stopped.is_some() {
            return self.explain(dissection);
        }
        Annotated {
            role: role_of(dissection),
            ..Annotated::default()
        }
    }
}

/// The service a packet's server port names, and which end is which, as borrowed facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Role {
    pub transport: Transport,
    /// The server's port.
    pub port: u16,
    /// The client's port (the other end).
    pub client_port: u16,
    /// Which end of this packet is the server.
    pub server_side: Side,
    /// What the server's port names ("unregistered" when nobody registered it).
    pub service: ServiceInfo,
}

/// The role of a packet's TCP or UDP layer, by its ports and flags alone (the full explanation
/// decides the same for a packet outside any conversation); `None` without ports, or when neither
/// port names a service and both are above 1023.
pub fn role_of(dissection: &Dissection) -> Option<Role> {
    let layer = dissection.transport()?;
    let (transport, flags) = (layer.transport(), layer.tcp_flags());
    let (source_port, destination_port) = layer.ports();
    let side = server_side(transport, source_port, destination_port, flags)?;
    Some(Role::new(transport, source_port, destination_port, side))
}

impl Role {
    /// The role of a packet from `source_port` to `destination_port` whose server is on `side`.
    pub(super) fn new(
        transport: Transport,
        source_port: u16,
        destination_port: u16,
        side: Side,
    ) -> Role {
        let (port, client_port) = match side {
            Side::Destination => (destination_port, source_port),
            Side::Source => (source_port, destination_port),
        };
        Role {
            transport,
            port,
            client_port,
            server_side: side,
            service: ports::lookup(port, transport).unwrap_or(ports::UNREGISTERED),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::LinkType;
    use crate::decode::decode;
    use crate::explain::{FrameMeta, Service};
    use crate::lang::Lang;
    use crate::test_fixtures::{frames_of, samples};

    /// Every frame of every bundled sample: the role is the full explanation's service, the
    /// brief explanation stops where the full one does, and every depth carries the same brief
    /// facts, in a conversation or not.
    #[test]
    fn the_role_is_the_full_explanations_service() {
        let mut frames = 0;
        for path in samples() {
            let (link_type, packets) = frames_of(&path);
            let mut full = Explainer::new(Lang::En);
            let mut brief = Explainer::new(Lang::En);
            let mut framed = Explainer::new(Lang::En);
            for packet in &packets {
                let dissection = decode(link_type, packet);
                let expected = full.explain(&dissection);
                let role = role_of(&dissection).map(|role| {
                    let name = role.service.name;
                    (
                        role.transport,
                        role.port,
                        role.client_port,
                        role.server_side,
                        name,
                    )
                });
                let service = expected.service.as_ref().map(|service| {
                    let Service {
                        transport,
                        port,
                        client_port,
                        server_side,
                        name,
                        ..
                    } = *service;
                    (transport, port, client_port, server_side, name)
                });
                assert_eq!(role, service, "{}", path.display());
                let actual = brief.explain_to(&dissection, Depth::Brief);
                assert_eq!(actual.stopped, expected.stopped, "{}", path.display());
                assert_eq!(actual.role, role_of(&dissection), "{}", path.display());
                assert_eq!(expected.role, actual.role, "{}", path.display());
                let meta = FrameMeta {
                    number: frames + 1,
                    wire_length: packet.len() as u32,
                    ..FrameMeta::default()
                };
                let in_conversation = framed.explain_frame(meta, &dissection);
                assert_eq!(in_conversation.role, actual.role, "{}", path.display());
                frames += 1;
            }
        }
        assert!(
            frames > 100,
            "the samples hold real traffic ({frames} frames)"
        );
    }

    #[test]
    fn no_detail_means_an_empty_explanation() {
        let mut explainer = Explainer::new(Lang::En);
        let dissection = decode(LinkType::Ethernet, &[0u8; 60]);
        assert_eq!(
            explainer.explain_to(&dissection, Depth::None),
            Annotated::default()
        );
    }
}
