//! Where the fields that select the next layer sit in the frame: the EtherType (or the cooked
//! header's protocol, the loopback address family), the IP protocol or IPv6 next header (one per
//! extension header too), and the destination port. Computed from the dissection in one place, so
//! the hex dump and the header diagrams highlight the same bytes the chain names.

use super::{Dissection, Header, Span};

/// One field whose value selects what comes next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selector {
    /// Index of the layer that carries the field, in `Dissection::layers`.
    pub layer: usize,
    /// The field's bytes within the frame.
    pub span: Span,
}

/// The selecting fields of a dissection, in the order of the explanation's chain steps (the k-th
/// selector of a layer is that layer's k-th step). Fields that fall outside their layer's bytes
/// (a header cut short) are left out.
pub fn selectors(dissection: &Dissection) -> Vec<Selector> {
    let mut found = Vec::new();
    for (index, layer) in dissection.layers.iter().enumerate() {
        let start = layer.span.start;
        let mut add = |from: usize, length: usize| {
            let span = Span::new(start + from, start + from + length);
            if span.end <= layer.span.end {
                found.push(Selector { layer: index, span });
            }
        };
        match &layer.header {
            Header::Ethernet(e) if e.ether_type >= 0x0600 => add(12, 2),
            Header::Vlan(_) => add(2, 2),
            Header::LinuxSll(_) => add(14, 2),
            Header::LinuxSll2(_) => add(0, 2),
            Header::Loopback(_) => add(0, 4),
            Header::Ipv4(_) => add(9, 1),
            Header::Ipv6(ip) => {
                // The fixed header's Next Header, then the first byte of each extension header,
                // which is that header's Next Header.
                add(6, 1);
                let mut at = 40;
                for extension in &ip.extensions {
                    add(at, 1);
                    at += extension.length;
                }
            }
            Header::Tcp(_) | Header::Udp(_) => add(2, 2),
            Header::Ethernet(_)
            | Header::Arp(_)
            | Header::Icmpv4(_)
            | Header::Icmpv6(_)
            | Header::Igmp(_) => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::LinkType;
    use crate::decode::decode;
    use crate::test_fixtures::SYN;

    fn bytes_of(frame: &[u8], selector: &Selector) -> Vec<u8> {
        frame[selector.span.start..selector.span.end].to_vec()
    }

    #[test]
    fn ethertype_protocol_and_destination_port_of_a_tcp_syn() {
        let found = selectors(&decode(LinkType::Ethernet, &SYN));
        let spans: Vec<(usize, usize, usize)> = found
            .iter()
            .map(|s| (s.layer, s.span.start, s.span.end))
            .collect();
        assert_eq!(spans, [(0, 12, 14), (1, 23, 24), (2, 36, 38)]);
        assert_eq!(bytes_of(&SYN, &found[0]), [0x08, 0x00], "EtherType IPv4");
        assert_eq!(bytes_of(&SYN, &found[1]), [6], "protocol TCP");
        assert_eq!(bytes_of(&SYN, &found[2]), 80u16.to_be_bytes(), "port 80");
    }

    #[test]
    fn a_vlan_tag_carries_its_own_ethertype() {
        // The same frame with an 802.1Q tag (VLAN 100) inserted after the MAC addresses.
        let mut tagged = SYN[..12].to_vec();
        tagged.extend_from_slice(&[0x81, 0x00, 0x00, 0x64]);
        tagged.extend_from_slice(&SYN[12..]);
        let found = selectors(&decode(LinkType::Ethernet, &tagged));
        let layers: Vec<usize> = found.iter().map(|s| s.layer).collect();
        assert_eq!(layers, [0, 1, 2, 3]);
        assert_eq!(bytes_of(&tagged, &found[0]), [0x81, 0x00]);
        assert_eq!(bytes_of(&tagged, &found[1]), [0x08, 0x00]);
        assert_eq!(bytes_of(&tagged, &found[2]), [6]);
        assert_eq!(bytes_of(&tagged, &found[3]), [0x00, 0x50]);
    }

    #[test]
    fn every_ipv6_extension_header_names_the_next() {
        // Raw IPv6: fixed header (next header 0, hop-by-hop), an 8-byte hop-by-hop header whose
        // next header is 17 (UDP), then an 8-byte UDP header to port 53.
        let mut packet = vec![0x60, 0, 0, 0, 0, 16, 0, 64];
        packet.extend_from_slice(&[0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        packet.extend_from_slice(&[0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
        packet.extend_from_slice(&[17, 0, 1, 4, 0, 0, 0, 0]);
        packet.extend_from_slice(&[0x30, 0x39, 0x00, 0x35, 0x00, 0x08, 0x00, 0x00]);
        let found = selectors(&decode(LinkType::Raw, &packet));
        let spans: Vec<(usize, usize)> = found.iter().map(|s| (s.layer, s.span.start)).collect();
        assert_eq!(spans, [(0, 6), (0, 40), (1, 50)]);
        assert_eq!(bytes_of(&packet, &found[0]), [0]);
        assert_eq!(bytes_of(&packet, &found[1]), [17]);
        assert_eq!(bytes_of(&packet, &found[2]), [0x00, 0x35]);
    }

    #[test]
    fn a_cut_header_selects_nothing_past_its_end() {
        // Only the first 34 bytes: Ethernet and IPv4, no TCP.
        let found = selectors(&decode(LinkType::Ethernet, &SYN[..34]));
        assert_eq!(found.len(), 2);
    }
}
