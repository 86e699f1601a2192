//! Statistics tests: frames counted into the hierarchy, the transports, the port ranges, the busiest
//! ports and services.

use super::*;
use crate::capture::LinkType;
use crate::decode::decode;

/// A frame from Ethernet down: `transport` 6 or 17, with the given ports.
fn ipv4(protocol: u8, source_port: u16, destination_port: u16, flags: u8) -> Vec<u8> {
    let mut frame = vec![2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00];
    let transport_length = if protocol == 6 { 20 } else { 8 };
    let total = 20 + transport_length;
    frame.extend_from_slice(&[0x45, 0, 0, total as u8, 0, 0, 0x40, 0, 64, protocol, 0, 0]);
    frame.extend_from_slice(&[192, 0, 2, 10, 198, 51, 100, 20]);
    frame.extend_from_slice(&source_port.to_be_bytes());
    frame.extend_from_slice(&destination_port.to_be_bytes());
    if protocol == 6 {
        frame.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 0, 0x50, flags, 0xff, 0xff, 0, 0, 0, 0]);
    } else {
        frame.extend_from_slice(&[0, 8, 0, 0]);
    }
    frame
}

fn add(statistics: &mut Statistics, data: &[u8], second: i64) {
    let frame = Frame {
        number: 1,
        timestamp: Timestamp {
            seconds: second,
            nanoseconds: 0,
        },
        link_type: LinkType::Ethernet,
        captured_length: data.len() as u32,
        original_length: data.len() as u32 + 100,
        data: data.to_vec(),
    };
    statistics.add(&frame, &decode(LinkType::Ethernet, data));
}

#[test]
fn a_small_web_conversation_is_counted_layer_by_layer() {
    let mut statistics = Statistics::new();
    let syn = ipv4(6, 51234, 443, 0x02);
    let syn_ack = ipv4(6, 443, 51234, 0x12);
    let query = ipv4(17, 40000, 53, 0);
    add(&mut statistics, &syn, 10);
    add(&mut statistics, &syn_ack, 11);
    add(&mut statistics, &syn, 12);
    add(&mut statistics, &query, 13);
    add(&mut statistics, &syn[..20], 14); // cut inside IPv4: only Ethernet decodes
    let report = statistics.report(10);

    assert_eq!(report.frames, 5);
    assert_eq!(report.stopped_frames, 1);
    assert_eq!(report.duration_seconds, 4.0);
    assert_eq!(report.first.as_deref(), Some("1970-01-01T00:00:10.000000Z"));
    let ethernet = &report.hierarchy[0];
    assert_eq!(ethernet.layer, LayerName::Ethernet);
    assert_eq!(ethernet.count.frames, 5);
    let ipv4 = &ethernet.children[0];
    assert_eq!((ipv4.layer, ipv4.count.frames), (LayerName::Ipv4, 4));
    let inside: Vec<(LayerName, u64)> = ipv4
        .children
        .iter()
        .map(|c| (c.layer, c.count.frames))
        .collect();
    assert_eq!(inside, [(LayerName::Tcp, 3), (LayerName::Udp, 1)]);
    assert_eq!(
        ipv4.count.bytes,
        3 * (syn.len() as u64 + 100) + query.len() as u64 + 100
    );

    let kinds: Vec<(TransportKind, u64)> = report
        .transports
        .iter()
        .map(|t| (t.transport, t.count.frames))
        .collect();
    assert_eq!(
        kinds,
        [
            (TransportKind::Ports(Transport::Tcp), 3),
            (TransportKind::Ports(Transport::Udp), 1),
            (TransportKind::NotIp, 1)
        ]
    );
    let ranges: Vec<u64> = report.port_ranges.iter().map(|r| r.count.frames).collect();
    assert_eq!(
        ranges,
        [3, 0, 1],
        "443 twice and 53 are well-known; 51234 dynamic"
    );

    let ports: Vec<(u16, Option<&str>, u64)> = report
        .top_destination_ports
        .iter()
        .map(|p| (p.port, p.service.as_deref(), p.count.frames))
        .collect();
    assert_eq!(
        ports,
        [
            (443, Some("HTTPS"), 2),
            (51234, None, 1),
            (53, Some("DNS"), 1)
        ],
        "ties: TCP before UDP"
    );
    let services: Vec<(u16, u64)> = report
        .top_services
        .iter()
        .map(|p| (p.port, p.count.frames))
        .collect();
    assert_eq!(services, [(443, 3), (53, 1)], "the SYN-ACK counts for 443");
}

#[test]
fn top_keeps_only_the_busiest() {
    let mut statistics = Statistics::new();
    for port in 1000..1020u16 {
        for _ in 0..(port - 999) {
            add(&mut statistics, &ipv4(17, 60000, port, 0), 0);
        }
    }
    let report = statistics.report(3);
    let ports: Vec<u16> = report
        .top_destination_ports
        .iter()
        .map(|p| p.port)
        .collect();
    assert_eq!(ports, [1019, 1018, 1017]);
}

#[test]
fn an_empty_run_reports_zeros() {
    let report = Statistics::new().report(10);
    assert_eq!(report.frames, 0);
    assert!(report.hierarchy.is_empty());
    assert!(report.top_destination_ports.is_empty());
    assert_eq!(report.first, None);
}

#[test]
fn a_clients_port_is_not_named_by_what_iana_registered_on_it() {
    // PPTP from a client in Windows XP's range (3025, which IANA registers as arepa-raft) to
    // 1723: the replies' destination is the client's port, not an arepa-raft server.
    let mut statistics = Statistics::new();
    for _ in 0..3 {
        add(&mut statistics, &ipv4(6, 1723, 3025, 0x10), 0);
    }
    add(&mut statistics, &ipv4(6, 3025, 1723, 0x10), 0);
    let report = statistics.report(10);
    let destinations: Vec<(u16, Option<&str>)> = report
        .top_destination_ports
        .iter()
        .map(|p| (p.port, p.service.as_deref()))
        .collect();
    assert_eq!(destinations, [(3025, None), (1723, Some("PPTP"))]);
    assert_eq!(
        ports::lookup(3025, Transport::Tcp).map(|i| i.name),
        Some("arepa-raft"),
        "IANA does name the number"
    );
}
