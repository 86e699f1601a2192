//! ICMP and ICMPv6 messages, and the start of the packet an ICMP error quotes (its addresses and,
//! when the quote holds them, its ports).

use super::network::extension_headers;
use super::{Icmp, Quoted};
use etherparse::{Icmpv4Slice, Icmpv6Slice, IpNumber, Ipv6ExtensionSlice, LaxIpSlice};
use std::net::IpAddr;

impl Icmp {
    /// The ICMPv4 fields we keep, including the quoted packet of an error message.
    pub(crate) fn from_v4(icmp: &Icmpv4Slice<'_>) -> Icmp {
        let icmp_type = icmp.type_u8();
        // Echo request and reply, timestamp request and reply.
        let echo = matches!(icmp_type, 0 | 8 | 13 | 14).then(|| echo_fields(icmp.bytes5to8()));
        // Destination unreachable, source quench, redirect, time exceeded, parameter problem.
        let quoted = matches!(icmp_type, 3 | 4 | 5 | 11 | 12)
            .then(|| Quoted::read(icmp.payload()))
            .flatten();
        Icmp {
            icmp_type,
            code: icmp.code_u8(),
            checksum: icmp.checksum(),
            echo,
            quoted,
        }
    }

    /// The ICMPv6 fields we keep, including the quoted packet of an error message.
    pub(crate) fn from_v6(icmp: &Icmpv6Slice<'_>) -> Icmp {
        let icmp_type = icmp.type_u8();
        let echo = matches!(icmp_type, 128 | 129).then(|| echo_fields(icmp.bytes5to8()));
        // Destination unreachable, packet too big, time exceeded, parameter problem.
        let quoted = matches!(icmp_type, 1..=4)
            .then(|| Quoted::read(icmp.payload()))
            .flatten();
        Icmp {
            icmp_type,
            code: icmp.code_u8(),
            checksum: icmp.checksum(),
            echo,
            quoted,
        }
    }
}

/// The identifier and sequence number of an echo message (bytes 5 to 8 of its header).
fn echo_fields(rest: [u8; 4]) -> (u16, u16) {
    (
        u16::from_be_bytes([rest[0], rest[1]]),
        u16::from_be_bytes([rest[2], rest[3]]),
    )
}

/// The IP header and the first bytes of the transport header an ICMP error quotes. Only
/// 8 bytes of the transport are guaranteed, so ports are read directly rather than by parsing a
/// whole TCP header.
impl Quoted {
    /// The quote at the start of `bytes`, if they begin with an IP header.
    fn read(bytes: &[u8]) -> Option<Quoted> {
        let (ip, _) = LaxIpSlice::from_slice(bytes).ok()?;
        let (source, destination) = match &ip {
            LaxIpSlice::Ipv4(v4) => (
                IpAddr::V4(v4.header().source_addr()),
                IpAddr::V4(v4.header().destination_addr()),
            ),
            LaxIpSlice::Ipv6(v6) => (
                IpAddr::V6(v6.header().source_addr()),
                IpAddr::V6(v6.header().destination_addr()),
            ),
        };
        let later_fragment = match &ip {
        LaxIpSlice::Ipv4(v4) => v4.header().fragments_offset().value() != 0,
        LaxIpSlice::Ipv6(v6) => extension_headers(v6.extensions()).into_iter().any(|ext| {
            matches!(ext, Ipv6ExtensionSlice::Fragment(f) if f.fragment_offset().value() != 0)
        }),
    };
        let payload = ip.payload();
        let protocol = payload.ip_number;
        // TCP, UDP and SCTP (132) begin with the two ports.
        let has_ports = matches!(protocol, IpNumber::TCP | IpNumber::UDP) || protocol.0 == 132;
        let ports = (has_ports && !later_fragment)
            .then(|| payload.payload.get(..4))
            .flatten()
            .map(|p| {
                (
                    u16::from_be_bytes([p[0], p[1]]),
                    u16::from_be_bytes([p[2], p[3]]),
                )
            });
        Some(Quoted {
            source,
            destination,
            protocol: protocol.0,
            source_port: ports.map(|p| p.0),
            destination_port: ports.map(|p| p.1),
        })
    }
}
