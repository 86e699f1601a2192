//! Conversations: a bounded table of TCP and UDP conversations keyed by the 5-tuple (both
//! directions are one conversation), with packet and byte counts per direction, the client and
//! server ends, and for TCP the state and sequence tracking that lets the explainer narrate the
//! handshake, the data, the teardown, resets, retransmissions, duplicate ACKs, gaps and zero
//! windows. Memory is capped: when the table is full the conversation idle the longest is
//! evicted (least recently used, O(1)), so millions of packets run in constant memory.

mod dns;
mod table;
mod tcp;

use crate::capture::Timestamp;
use crate::decode::app::Application;
use crate::decode::{Dissection, Endpoint, Tcp, Transport};
use crate::knowledge::{Guess, Roles, Side, decide};
use serde::Serialize;
pub use table::ConversationTable;
use table::SeenBefore;
use tcp::StreamState;

/// How many conversations are kept by default: a full table holds about 10 MiB of conversations
/// and 4 MiB of index, so that a whole run stays under 32 MiB however long the capture.
pub const DEFAULT_CAPACITY: usize = 32_768;

/// TCP connection states, named as netstat shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TcpState {
    /// The client sent SYN.
    SynSent,
    /// The server answered SYN+ACK.
    SynReceived,
    Established,
    /// One side sent FIN.
    FinWait,
    /// Both sides sent FIN; the last ACK is awaited.
    Closing,
    Closed,
    /// The connection was reset after it had started.
    Reset,
    /// A SYN was answered by RST: nothing listens on that port.
    Refused,
    /// The capture started in the middle of the connection.
    MidStream,
}

impl TcpState {
    /// The state's name as netstat (and the JSON) shows it.
    pub fn as_str(self) -> &'static str {
        match self {
            TcpState::SynSent => "SYN_SENT",
            TcpState::SynReceived => "SYN_RECEIVED",
            TcpState::Established => "ESTABLISHED",
            TcpState::FinWait => "FIN_WAIT",
            TcpState::Closing => "CLOSING",
            TcpState::Closed => "CLOSED",
            TcpState::Reset => "RESET",
            TcpState::Refused => "REFUSED",
            TcpState::MidStream => "MID_STREAM",
        }
    }
}

/// What happened in the teardown with this segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Teardown {
    /// The first FIN: the sender closes its direction.
    FirstFin,
    /// The second FIN: the other side closes too.
    SecondFin,
    /// An ACK of the first FIN, before the second.
    FinAcknowledged,
    /// The ACK of the last FIN: the connection is closed.
    LastAck,
}

/// What a reset means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reset {
    /// The answer to a SYN: no program listens on that port.
    Refused,
    /// A connection that had started was aborted.
    Abort,
}

/// What the tracker learned from one TCP segment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TcpObservation {
    /// Step 1, 2 or 3 of the three-way handshake.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handshake_step: Option<u8>,
    pub relative_sequence: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relative_acknowledgment: Option<u32>,
    /// First and last byte of the sender's stream this segment carries (1-based, relative).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_bytes: Option<(u32, u32)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub teardown: Option<Teardown>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reset: Option<Reset>,
    pub retransmission: bool,
    /// Bytes (relative, inclusive) the sender's stream skipped: lost or not captured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gap: Option<(u32, u32)>,
    /// How many times in a row this acknowledgement was repeated (1 for the first duplicate).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_ack: Option<u32>,
    pub zero_window: bool,
}

/// A DNS response matched to its query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DnsMatch {
    /// Number of the packet that carried the query.
    pub query_packet: u64,
    /// Time from query to response, in microseconds.
    pub elapsed_microseconds: u64,
}

/// Everything the explainer needs to know about one packet's place in its conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PacketContext {
    pub conversation: u64,
    /// True when the packet goes from the client to the server.
    pub from_client: bool,
    /// True for the first packet of the conversation.
    pub first_packet: bool,
    pub client: Endpoint,
    pub server: Endpoint,
    /// True when a handshake or a service port decided which end is the server; false when the
    /// roles are a guess (`roles` says why).
    pub roles_known: bool,
    /// How the roles were decided: `{"basis": "handshake" | "service_port"}` or
    /// `{"basis": "guess", "reason": …}`.
    pub roles: Roles,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<TcpState>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tcp: Option<TcpObservation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dns_answer: Option<DnsMatch>,
}

/// One conversation, as the table keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conversation {
    pub id: u64,
    pub transport: Transport,
    pub client: Endpoint,
    pub server: Endpoint,
    /// True when a handshake or a service port decided the roles (JSON readers before `roles`
    /// existed read this); always `roles.known()`.
    pub roles_known: bool,
    /// How the roles were decided, and for a guess, why it fell this way.
    pub roles: Roles,
    pub first_seen: Timestamp,
    pub last_seen: Timestamp,
    /// Packets and bytes (frame lengths on the wire) from client to server.
    pub client_packets: u64,
    pub client_bytes: u64,
    /// Packets and bytes from server to client.
    pub server_packets: u64,
    pub server_bytes: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<TcpState>,
    #[serde(skip)]
    streams: [StreamState; 2],
    /// DNS queries awaiting an answer: (transaction id, packet number, time).
    #[serde(skip)]
    dns_queries: Vec<(u16, u64, Timestamp)>,
}

impl Conversation {
    /// A conversation that starts with a packet from `from` to `to`: the client is the end the
    /// client/server rule (for TCP, first the handshake) says; when the ports say nothing, the
    /// end whose port earlier conversations already had is the server; else the end that spoke
    /// first is the client.
    fn start(
        id: u64,
        transport: Transport,
        (from, to): (Endpoint, Endpoint),
        tcp: Option<&Tcp>,
        timestamp: Timestamp,
        seen: SeenBefore,
    ) -> Conversation {
        let (side, roles) = decide(transport, from.port, to.port, tcp.map(|t| t.flags)).unwrap_or(
            match (seen.source, seen.destination) {
                (true, false) => (Side::Source, Roles::Guess(Guess::RepeatedPort)),
                (false, true) => (Side::Destination, Roles::Guess(Guess::RepeatedPort)),
                _ => (Side::Destination, Roles::Guess(Guess::SpokeFirst)),
            },
        );
        let (client, server) = match side {
            Side::Source => (to, from),
            Side::Destination => (from, to),
        };
        Conversation {
            id,
            transport,
            client,
            server,
            roles_known: roles.known(),
            roles,
            first_seen: timestamp,
            last_seen: timestamp,
            client_packets: 0,
            client_bytes: 0,
            server_packets: 0,
            server_bytes: 0,
            state: None,
            streams: [StreamState::default(); 2],
            dns_queries: Vec::new(),
        }
    }

    /// Counts one packet of `wire_length` bytes in its direction.
    fn count(&mut self, from_client: bool, timestamp: Timestamp, wire_length: u32) {
        self.last_seen = timestamp.max(self.last_seen);
        if from_client {
            self.client_packets += 1;
            self.client_bytes += u64::from(wire_length);
        } else {
            self.server_packets += 1;
            self.server_bytes += u64::from(wire_length);
        }
    }
}

impl ConversationTable {
    /// Accounts one packet to its conversation and returns its context; `None` for packets
    /// that are not TCP or UDP over IP.
    pub fn observe(
        &mut self,
        number: u64,
        timestamp: Timestamp,
        wire_length: u32,
        dissection: &Dissection,
    ) -> Option<PacketContext> {
        let connection = dissection.connection()?;
        let tcp = dissection.transport()?.tcp();
        let (from, to) = (connection.source, connection.destination);
        let (slot, first_packet) = self.slot_for(connection, |id, seen| {
            Conversation::start(id, connection.transport, (from, to), tcp, timestamp, seen)
        });
        let conversation = self.conversation_mut(slot);
        let from_client = conversation.client == from;
        conversation.count(from_client, timestamp, wire_length);
        let tcp = tcp.map(|t| tcp::track_tcp(conversation, from_client, t));
        let dns_answer = match &dissection.application {
            Some(Application::Dns(message)) => dns::track_dns(
                conversation,
                number,
                timestamp,
                message.id,
                message.response,
            ),
            _ => None,
        };
        Some(PacketContext {
            conversation: conversation.id,
            from_client,
            first_packet,
            client: conversation.client,
            server: conversation.server,
            roles_known: conversation.roles_known,
            roles: conversation.roles,
            state: conversation.state,
            tcp,
            dns_answer,
        })
    }
}

#[cfg(test)]
mod tests;
