//! Explainer tests on real frames (from tcpdump's test captures) and on crafted variants.

use super::*;
use crate::decode::decode;
use crate::test_fixtures::SYN;

/// The same segment turned into the server's SYN+ACK (ports swapped, ACK flag added).
fn syn_ack() -> Vec<u8> {
    let mut frame = SYN.to_vec();
    frame[34..36].copy_from_slice(&80u16.to_be_bytes());
    frame[36..38].copy_from_slice(&55920u16.to_be_bytes());
    frame[47] = 0x12;
    frame
}

fn chain_text(annotated: &Annotated) -> Vec<String> {
    annotated
        .chain()
        .map(|s| format!("{} {} → {}", s.field, s.value, s.next))
        .collect()
}

#[test]
fn syn_chain_ends_in_the_service_the_destination_port_selects() {
    let mut explainer = Explainer::new(Lang::En);
    let annotated = explainer.explain(&decode(LinkType::Ethernet, &SYN));
    assert_eq!(
        chain_text(&annotated),
        [
            "EtherType 0x0800 → IPv4",
            "protocol 6 → TCP",
            "destination port 80 → HTTP"
        ]
    );
    let service = annotated.service.as_ref().expect("service");
    assert_eq!((service.port, service.client_port), (80, 55920));
    assert_eq!(service.server_side, Side::Destination);
    assert_eq!(service.range, PortRange::WellKnown);
    let text = annotated.sentences().join("\n");
    assert!(
        text.contains("the HTTP server program on 127.0.0.1"),
        "{text}"
    );
    assert!(
        text.contains("Source port 55920 is a dynamic port"),
        "{text}"
    );
    assert!(text.contains("step 1 of the three-way handshake"), "{text}");
    assert!(text.contains("loopback"), "{text}");
}

#[test]
fn syn_ack_comes_from_the_server_and_selects_the_client() {
    let mut explainer = Explainer::new(Lang::En);
    let annotated = explainer.explain(&decode(LinkType::Ethernet, &syn_ack()));
    let service = annotated.service.as_ref().expect("service");
    assert_eq!(service.server_side, Side::Source);
    assert_eq!(service.port, 80);
    let last = annotated.chain().last().expect("chain");
    assert_eq!(last.value, "55920");
    assert!(last.next.contains("client"), "{}", last.next);
    assert!(
        annotated
            .sentences()
            .join(" ")
            .contains("step 2 of the three-way handshake")
    );
}

#[test]
fn introductions_are_said_once_per_run() {
    let mut explainer = Explainer::new(Lang::En);
    let first = explainer
        .explain(&decode(LinkType::Ethernet, &SYN))
        .sentences()
        .join(" ");
    let second = explainer
        .explain(&decode(LinkType::Ethernet, &SYN))
        .sentences()
        .join(" ");
    assert!(first.contains("TCP is connection-oriented"));
    assert!(!second.contains("TCP is connection-oriented"));
    assert!(first.contains("Well-known ports (0–1023)"));
    assert!(!second.contains("Well-known ports (0–1023)"));
}

#[test]
fn stops_and_unknown_link_types_are_explained() {
    let mut explainer = Explainer::new(Lang::En);
    let cut = explainer.explain(&decode(LinkType::Ethernet, &SYN[..40]));
    let stopped = cut.stopped.expect("stop sentence");
    assert!(stopped.contains("TCP header (byte 34)"), "{stopped}");
    assert!(stopped.contains("only 6"), "{stopped}");

    let once = explainer.explain(&decode(LinkType::Unknown(105), &SYN));
    assert!(once.stopped.unwrap().contains("IEEE 802.11"));
    let again = explainer.explain(&decode(LinkType::Unknown(105), &SYN));
    assert_eq!(
        again.stopped.as_deref(),
        Some("Link type 105: not decoded.")
    );
}

#[test]
fn unknown_ether_type_says_where_portlens_stops() {
    let mut frame = SYN.to_vec();
    frame[12..14].copy_from_slice(&0x88ccu16.to_be_bytes());
    let annotated = Explainer::new(Lang::En).explain(&decode(LinkType::Ethernet, &frame));
    let text = annotated.sentences().join(" ");
    assert!(text.contains("EtherType 0x88cc → LLDP"), "{text}");
    assert!(text.contains("does not decode LLDP"), "{text}");
}

fn segment(source_port: u16, destination_port: u16, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    etherparse::PacketBuilder::ethernet2([2, 0, 0, 0, 0, 1], [2, 0, 0, 0, 0, 2])
        .ipv4([192, 0, 2, 10], [198, 51, 100, 20], 64)
        .tcp(source_port, destination_port, 1, 64_000)
        .ack(1)
        .psh()
        .write(&mut out, payload)
        .expect("build");
    out
}

#[test]
fn content_that_contradicts_the_port_is_pointed_out() {
    let http_on_8000 = segment(50_000, 8000, b"GET / HTTP/1.1\r\nHost: lab\r\n\r\n");
    let text = Explainer::new(Lang::En)
        .explain(&decode(LinkType::Ethernet, &http_on_8000))
        .sentences()
        .join(" ");
    assert!(text.contains("HTTP request: GET / on host lab"), "{text}");
    assert!(
        text.contains("this is HTTP on port 8000, while its usual port is 80"),
        "{text}"
    );

    let ssh_on_443 = segment(443, 50_000, b"SSH-2.0-OpenSSH_9.2\r\n");
    let text = Explainer::new(Lang::En)
        .explain(&decode(LinkType::Ethernet, &ssh_on_443))
        .sentences()
        .join(" ");
    assert!(
        text.contains("this is SSH on port 443, while its usual port is 22"),
        "{text}"
    );

    let http_on_80 = segment(50_000, 80, b"GET / HTTP/1.1\r\n\r\n");
    let text = Explainer::new(Lang::En)
        .explain(&decode(LinkType::Ethernet, &http_on_80))
        .sentences()
        .join(" ");
    assert!(!text.contains("conventions"), "{text}");
}
