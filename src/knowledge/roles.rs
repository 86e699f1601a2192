//! The client/server rule: which end of a TCP or UDP conversation is the server, and which way a
//! segment travels relative to it. Data and decisions about ports, no sentences.
//!
//! The words for direction, each meaning one thing: a [`Side`] is an end of one packet (its
//! source or its destination: the server's end, or the end a local socket sits at); a
//! [`Direction`] is which way a packet travels relative to the server; the conversation table's
//! `from_client` is `Direction::ToServer` as a flag (JSON shows it under that name).

use super::ports::{self, Ephemeral, Fixed};
use crate::decode::TcpFlags;
use crate::decode::Transport;
use serde::Serialize;

/// One end of a packet: where it comes from, or where it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Source,
    Destination,
}

/// Which way a segment travels relative to the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    ToServer,
    FromServer,
}

/// How the client and the server of a conversation were told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "basis", content = "reason", rename_all = "snake_case")]
pub enum Roles {
    /// The handshake was seen: the SYN's sender is the client.
    Handshake,
    /// One port names a service (a curated one, or a well-known port IANA names) and the other
    /// does not, or the protocol fixes the client's port (DHCP's 68 talks to 67).
    ServicePort,
    /// Nothing decides: the roles are a guess, for this reason.
    Guess(Guess),
}

impl Roles {
    /// True when the roles were decided rather than guessed (JSON's `roles_known`).
    pub fn known(self) -> bool {
        !matches!(self, Roles::Guess(_))
    }
}

/// Why a guess fell the way it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Guess {
    /// The client's port lies in a range operating systems lend to clients; the server's does
    /// not.
    EphemeralRange,
    /// Both ports lie outside the ranges operating systems lend, or both inside; only the
    /// server's is named in IANA's registry.
    RegisteredName,
    /// Both ports name services; the lower one is taken for the server's.
    LowerPort,
    /// The same port on both ends: the end that spoke first is taken for the client.
    SamePort,
    /// The server's end (address and port) was already seen in another conversation, with
    /// another peer port; the client's was not.
    RepeatedPort,
    /// No port said anything: the end that spoke first is taken for the client.
    SpokeFirst,
}

/// A port that names a service: one in the curated table, or a well-known port IANA names.
fn names_service(port: u16, transport: Transport) -> bool {
    match ports::lookup(port, transport) {
        Some(info) => info.curated || port < 1024,
        None => false,
    }
}

/// A port IANA names, outside every range operating systems lend to clients (in those ranges
/// nearly every port has a name, which says nothing about who uses it).
fn named_outside_ephemeral(port: u16, transport: Transport) -> bool {
    Ephemeral::of(port).is_none() && ports::lookup(port, transport).is_some()
}

/// Decides which end is the server from one packet, and on what basis: the SYN's destination
/// when the segment is part of a handshake; otherwise the port that names a service; otherwise a
/// guess from the ranges operating systems lend to clients and from IANA's registry. `None` when
/// the ports say nothing (the conversation table then uses its memory of earlier conversations,
/// or which end spoke first).
pub fn decide(
    transport: Transport,
    source_port: u16,
    destination_port: u16,
    flags: Option<TcpFlags>,
) -> Option<(Side, Roles)> {
    if let Some(flags) = flags {
        if flags.has(TcpFlags::SYN) {
            let side = if flags.has(TcpFlags::ACK) {
                Side::Source
            } else {
                Side::Destination
            };
            return Some((side, Roles::Handshake));
        }
    }
    let lower = if source_port < destination_port {
        Side::Source
    } else {
        Side::Destination
    };
    let pick = |source: bool, destination: bool| match (source, destination) {
        (true, false) => Some(Side::Source),
        (false, true) => Some(Side::Destination),
        _ => None,
    };
    let service = (
        names_service(source_port, transport),
        names_service(destination_port, transport),
    );
    if let Some(side) = pick(service.0, service.1) {
        return Some((side, Roles::ServicePort));
    }
    if service.0 {
        // Both ports name services.
        if source_port == destination_port {
            return Some((Side::Destination, Roles::Guess(Guess::SamePort)));
        }
        for (port, side) in [
            (source_port, Side::Destination),
            (destination_port, Side::Source),
        ] {
            let other = if side == Side::Destination {
                destination_port
            } else {
                source_port
            };
            if ports::fixed(port, transport) == Some(Fixed::Client { server: other }) {
                return Some((side, Roles::ServicePort));
            }
        }
        return Some((lower, Roles::Guess(Guess::LowerPort)));
    }
    if source_port == destination_port {
        return Some((Side::Destination, Roles::Guess(Guess::SamePort)));
    }
    // The client's port is the one in a lent range.
    let lent = (
        Ephemeral::of(source_port).is_some(),
        Ephemeral::of(destination_port).is_some(),
    );
    if let Some(side) = pick(lent.1, lent.0) {
        return Some((side, Roles::Guess(Guess::EphemeralRange)));
    }
    let named = (
        named_outside_ephemeral(source_port, transport),
        named_outside_ephemeral(destination_port, transport),
    );
    pick(named.0, named.1).map(|side| (side, Roles::Guess(Guess::RegisteredName)))
}

/// Which end is the server, as far as one packet's ports and flags tell ([`decide`]).
pub fn server_side(
    transport: Transport,
    source_port: u16,
    destination_port: u16,
    flags: Option<TcpFlags>,
) -> Option<Side> {
    decide(transport, source_port, destination_port, flags).map(|(side, _)| side)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_side_rules() {
        use Transport::{Tcp, Udp};
        // DNS query and answer: the curated port is the server whatever the direction.
        assert_eq!(server_side(Udp, 43_981, 53, None), Some(Side::Destination));
        assert_eq!(server_side(Udp, 53, 43_981, None), Some(Side::Source));
        // DHCP: 68 → 67 and back; the protocol fixes the client's port, so 67 is the server.
        assert_eq!(
            decide(Udp, 68, 67, None),
            Some((Side::Destination, Roles::ServicePort))
        );
        assert_eq!(
            decide(Udp, 67, 68, None),
            Some((Side::Source, Roles::ServicePort))
        );
        // NetBIOS and mDNS: one port on both ends; the sender is taken for the client.
        assert_eq!(
            decide(Udp, 137, 137, None),
            Some((Side::Destination, Roles::Guess(Guess::SamePort)))
        );
        // HSRP: 1985 on both ends is not a service port, and the same port says nothing either.
        assert_eq!(
            decide(Udp, 1985, 1985, None),
            Some((Side::Destination, Roles::Guess(Guess::SamePort)))
        );
        // A client in Windows XP's range (1025–5000) talking to a named port outside every
        // lent range: a guess from the ranges, and never a known role.
        assert_eq!(
            decide(Tcp, 1066, 7000, None),
            Some((Side::Destination, Roles::Guess(Guess::EphemeralRange)))
        );
        // Both ports in lent ranges: IANA's name for 1234 says nothing, so the ports do not tell.
        assert_eq!(decide(Tcp, 1234, 50_000, None), None);
        // Both outside: the named one is taken for the server's.
        assert_eq!(
            decide(Udp, 20_100, 7000, None),
            Some((Side::Destination, Roles::Guess(Guess::RegisteredName)))
        );
        // A curated port decides, even at a high number, and even without a handshake.
        assert_eq!(
            decide(Tcp, 8080, 3000, None),
            Some((Side::Source, Roles::ServicePort))
        );
        // A handshake decides even when the ports say otherwise (HTTP server on a high port).
        let syn = TcpFlags(TcpFlags::SYN);
        assert_eq!(
            server_side(Tcp, 80, 61_000, Some(syn)),
            Some(Side::Destination)
        );
        // Two unknown high ports: portlens will not guess.
        assert_eq!(server_side(Tcp, 61_000, 62_000, None), None);
        assert!(Roles::Handshake.known() && Roles::ServicePort.known());
        assert!(!Roles::Guess(Guess::SpokeFirst).known());
    }
}
