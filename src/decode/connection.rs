//! The words for who talks to whom: the transport that carries ports ([`Transport`]), one end of
//! a conversation ([`Endpoint`]), a packet's connection tuple ([`Connection`]), and the one way to
//! find a dissection's TCP or UDP layer ([`Dissection::transport`]). Flows, socket owners,
//! statistics and the explainer all speak of packets in these types.

use super::{Dissection, Header, LayerName, Tcp, TcpFlags, Udp};
use serde::Serialize;
use std::fmt;
use std::net::{IpAddr, SocketAddr};

/// The transport a port number belongs to: TCP and UDP port 53 are different ports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Transport {
    Tcp,
    Udp,
}

impl Transport {
    /// The protocol's name as people write it: `TCP`, `UDP`.
    pub fn name(self) -> &'static str {
        match self {
            Transport::Tcp => "TCP",
            Transport::Udp => "UDP",
        }
    }

    /// The layer this transport's header is.
    pub fn layer(self) -> LayerName {
        match self {
            Transport::Tcp => LayerName::Tcp,
            Transport::Udp => LayerName::Udp,
        }
    }

    /// The transport an IP protocol number names, if it is TCP (6) or UDP (17).
    pub fn from_ip_protocol(protocol: u8) -> Option<Transport> {
        match protocol {
            6 => Some(Transport::Tcp),
            17 => Some(Transport::Udp),
            _ => None,
        }
    }
}

/// One end of a conversation: an IP address and a port.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Endpoint {
    pub address: IpAddr,
    pub port: u16,
}

impl Endpoint {
    pub fn socket_addr(self) -> SocketAddr {
        SocketAddr::new(self.address, self.port)
    }
}

impl From<SocketAddr> for Endpoint {
    fn from(address: SocketAddr) -> Endpoint {
        Endpoint {
            address: address.ip(),
            port: address.port(),
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.address {
            IpAddr::V4(a) => write!(f, "{a}:{}", self.port),
            IpAddr::V6(a) => write!(f, "[{a}]:{}", self.port),
        }
    }
}

/// A TCP or UDP packet's connection tuple, as the packet names its ends: the transport, the
/// outermost IP layer's addresses and the transport layer's ports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Connection {
    pub transport: Transport,
    pub source: Endpoint,
    pub destination: Endpoint,
}

impl Connection {
    /// The same connection with its ends in a fixed order (the lower end first), so that both
    /// directions of a conversation give one key.
    pub fn either_way(self) -> Connection {
        if self.source <= self.destination {
            self
        } else {
            Connection {
                transport: self.transport,
                source: self.destination,
                destination: self.source,
            }
        }
    }
}

/// A dissection's TCP or UDP header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportLayer<'a> {
    Tcp(&'a Tcp),
    Udp(&'a Udp),
}

impl<'a> TransportLayer<'a> {
    pub fn transport(self) -> Transport {
        match self {
            TransportLayer::Tcp(_) => Transport::Tcp,
            TransportLayer::Udp(_) => Transport::Udp,
        }
    }

    /// (source, destination) ports.
    pub fn ports(self) -> (u16, u16) {
        match self {
            TransportLayer::Tcp(t) => (t.source_port, t.destination_port),
            TransportLayer::Udp(u) => (u.source_port, u.destination_port),
        }
    }

    /// The TCP header, if this is TCP.
    pub fn tcp(self) -> Option<&'a Tcp> {
        match self {
            TransportLayer::Tcp(t) => Some(t),
            TransportLayer::Udp(_) => None,
        }
    }

    /// The TCP flags; `None` for UDP.
    pub fn tcp_flags(self) -> Option<TcpFlags> {
        self.tcp().map(|t| t.flags)
    }
}

impl Dissection {
    /// The TCP or UDP layer, if the frame has one.
    pub fn transport(&self) -> Option<TransportLayer<'_>> {
        self.layers.iter().find_map(|layer| match &layer.header {
            Header::Tcp(t) => Some(TransportLayer::Tcp(t)),
            Header::Udp(u) => Some(TransportLayer::Udp(u)),
            _ => None,
        })
    }

    /// Source and destination ports of the TCP or UDP layer.
    pub fn ports(&self) -> Option<(u16, u16)> {
        self.transport().map(TransportLayer::ports)
    }

    /// The connection tuple of a TCP or UDP packet over IP; `None` for anything else (ARP, ICMP,
    /// a frame cut before the ports).
    pub fn connection(&self) -> Option<Connection> {
        let (source, destination) = self.ip_addresses()?;
        let layer = self.transport()?;
        let (source_port, destination_port) = layer.ports();
        Some(Connection {
            transport: layer.transport(),
            source: Endpoint {
                address: source,
                port: source_port,
            },
            destination: Endpoint {
                address: destination,
                port: destination_port,
            },
        })
    }
}
