//! The brief explanation a one-line view prints: which end is the server, the service its port
//! names, and where decoding stopped — without building the teaching sentences it would not show,
//! so that millions of packets are explained in a fraction of the time.

use super::ports::{self, PortRange, ServiceInfo, Transport};
use super::{Annotated, Explainer, Service, Side, server_side};
use crate::decode::{Dissection, Header};

/// How much of the explanation a view needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Detail {
    /// Nothing: the view prints no explanation (statistics).
    None,
    /// The service and roles, and the stop sentence (the one-line view).
    Brief,
    /// Every sentence (the tree, JSON, hex and diagram views).
    Full,
}

impl Explainer {
    /// Explains a dissection to the level of detail a view needs.
    pub fn explain_with(&mut self, dissection: &Dissection, detail: Detail) -> Annotated {
        match detail {
            Detail::Full => self.explain(dissection),
            Detail::Brief => self.explain_brief(dissection),
            Detail::None => Annotated::default(),
        }
    }

    /// Only the service (with the server side and the client's port) and, for a packet whose
    /// decoding stopped, the full explanation, so that its stop sentence is the same as the tree's.
    /// The service is the one [`Explainer::explain`] finds.
    pub fn explain_brief(&mut self, dissection: &Dissection) -> Annotated {
        if dissection.stopped.is_some() {
            return self.explain(dissection);
        }
        Annotated {
            service: service_of(dissection),
            ..Annotated::default()
        }
    }
}

/// The service of a packet's TCP or UDP layer, as the full explanation names it.
pub fn service_of(dissection: &Dissection) -> Option<Service> {
    let (transport, source_port, destination_port, flags) =
        dissection
            .layers
            .iter()
            .find_map(|layer| match &layer.header {
                Header::Tcp(t) => Some((
                    Transport::Tcp,
                    t.source_port,
                    t.destination_port,
                    Some(t.flags),
                )),
                Header::Udp(u) => Some((Transport::Udp, u.source_port, u.destination_port, None)),
                _ => None,
            })?;
    let side = server_side(transport, source_port, destination_port, flags)?;
    let (port, client_port) = match side {
        Side::Destination => (destination_port, source_port),
        Side::Source => (source_port, destination_port),
    };
    let info = ports::lookup(port, transport).unwrap_or(ServiceInfo {
        name: "unregistered",
        description: "a program IANA has no name for",
        curated: false,
    });
    Some(Service {
        transport,
        port,
        name: info.name.to_string(),
        description: info.description.to_string(),
        range: PortRange::of(port),
        server_side: side,
        client_port,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::LinkType;
    use crate::decode::decode;
    use crate::explain::Lang;

    /// Every frame of every bundled sample: the brief service is the full explanation's.
    #[test]
    fn the_brief_service_is_the_full_explanations() {
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let mut frames = 0;
        for entry in std::fs::read_dir(samples).expect("samples/") {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|e| e != "pcap") {
                continue;
            }
            let mut capture = pcap::Capture::from_file(&path).expect("a capture");
            let link_type = LinkType::from_header_field(capture.get_datalink().0 as u32);
            let mut full = Explainer::new(Lang::En);
            let mut brief = Explainer::new(Lang::En);
            while let Ok(packet) = capture.next_packet() {
                let dissection = decode(link_type, packet.data);
                let expected = full.explain(&dissection);
                let actual = brief.explain_with(&dissection, Detail::Brief);
                assert_eq!(actual.service, expected.service, "{}", path.display());
                assert_eq!(actual.stopped, expected.stopped, "{}", path.display());
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
            explainer.explain_with(&dissection, Detail::None),
            Annotated::default()
        );
    }
}
