//! The client/server rule: which end of a TCP or UDP conversation is the server, and which way a
//! segment travels relative to it. Data and decisions about ports, no sentences.
//!
//! The words for direction, each meaning one thing: a [`Side`] is an end of one packet (its
//! source or its destination: the server's end, or the end a local socket sits at); a
//! [`Direction`] is which way a packet travels relative to the server; the conversation table's
//! `from_client` is `Direction::ToServer` as a flag (JSON shows it under that name).

use super::ports;
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

/// How strongly a port looks like a server's: a port in the curated table, then any port IANA
/// names below the range operating systems lend to clients, then any named port.
fn server_score(port: u16, transport: Transport) -> u8 {
    match ports::lookup(port, transport) {
        Some(info) if info.curated => 3,
        Some(_) if port < 32768 => 2,
        Some(_) => 1,
        None => 0,
    }
}

/// Decides which end is the server: the SYN's destination when the segment is part of a
/// handshake; otherwise the port that better names a service; on a tie, the lower port.
pub fn server_side(
    transport: Transport,
    source_port: u16,
    destination_port: u16,
    flags: Option<TcpFlags>,
) -> Option<Side> {
    if let Some(flags) = flags {
        if flags.has(TcpFlags::SYN) {
            return Some(if flags.has(TcpFlags::ACK) {
                Side::Source
            } else {
                Side::Destination
            });
        }
    }
    let source = server_score(source_port, transport);
    let destination = server_score(destination_port, transport);
    if source > destination {
        Some(Side::Source)
    } else if destination > source {
        Some(Side::Destination)
    } else if source == 0 && source_port.min(destination_port) >= 1024 {
        None
    } else if source_port < destination_port {
        Some(Side::Source)
    } else {
        Some(Side::Destination)
    }
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
        // DHCP: 68 → 67 and back; both curated, the lower port is the server.
        assert_eq!(server_side(Udp, 68, 67, None), Some(Side::Destination));
        // A handshake decides even when the ports say otherwise (HTTP server on a high port).
        let syn = TcpFlags(TcpFlags::SYN);
        assert_eq!(
            server_side(Tcp, 80, 61_000, Some(syn)),
            Some(Side::Destination)
        );
        // Two unknown high ports: portlens will not guess.
        assert_eq!(server_side(Tcp, 61_000, 62_000, None), None);
    }
}
