//! Conversations: a bounded table of TCP and UDP conversations keyed by the 5-tuple (both
//! directions are one conversation), with packet and byte counts per direction, the client and
//! server ends, and for TCP the state and sequence tracking that lets the explainer narrate the
//! handshake, the data, the teardown, resets, retransmissions, duplicate ACKs, gaps and zero
//! windows. Memory is capped: when the table is full the conversation idle the longest is
//! evicted (least recently used, O(1)), so millions of packets run in constant memory.

use crate::capture::Timestamp;
use crate::decode::{Connection, Dissection, Endpoint, TcpFlags, Transport};
use crate::knowledge::{Side, server_side};
use serde::Serialize;
use std::collections::HashMap;

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

/// Sequence tracking of one direction of a TCP connection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct StreamState {
    /// Initial sequence number (or the base chosen when the SYN was not seen).
    base: Option<u32>,
    /// The sequence number after the highest byte sent so far.
    next: Option<u32>,
    last_ack: Option<u32>,
    last_window: Option<u16>,
    duplicate_acks: u32,
    /// Sequence number of this side's FIN, once sent.
    fin: Option<u32>,
}

/// True when `a` comes before `b` in sequence space (RFC 1982 serial arithmetic).
fn before(a: u32, b: u32) -> bool {
    (a.wrapping_sub(b) as i32) < 0
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
    /// False when neither a handshake nor a port said which end is the server, and the end
    /// that spoke first was taken as the client.
    pub roles_known: bool,
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
    pub roles_known: bool,
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

/// A slot of the table: a conversation and its neighbours in recency order.
#[derive(Debug)]
struct Slot {
    /// The conversation's connection, either way (see [`Connection::either_way`]).
    key: Connection,
    conversation: Conversation,
    newer: Option<usize>,
    older: Option<usize>,
}

/// The bounded conversation table.
#[derive(Debug)]
pub struct ConversationTable {
    capacity: usize,
    /// Keyed by foldhash: fast, and seeded afresh in every run, so that traffic crafted to
    /// collide cannot slow the table down (every packet of the tree looks itself up here).
    index: HashMap<Connection, usize, foldhash::fast::RandomState>,
    slots: Vec<Slot>,
    newest: Option<usize>,
    oldest: Option<usize>,
    next_id: u64,
    evicted: u64,
}

impl Default for ConversationTable {
    fn default() -> Self {
        ConversationTable::with_capacity(DEFAULT_CAPACITY)
    }
}

impl ConversationTable {
    /// A table that keeps at most `capacity` conversations (at least one).
    pub fn with_capacity(capacity: usize) -> ConversationTable {
        let capacity = capacity.max(1);
        ConversationTable {
            capacity,
            // Reserved at once (memory the table does not use yet is only reserved, not
            // resident): growing by doubling would copy a full table into one twice its size,
            // and the peak would hold both.
            index: HashMap::with_capacity_and_hasher(
                capacity.min(2 * DEFAULT_CAPACITY),
                Default::default(),
            ),
            slots: Vec::with_capacity(capacity.min(2 * DEFAULT_CAPACITY)),
            newest: None,
            oldest: None,
            next_id: 1,
            evicted: 0,
        }
    }

    /// Conversations evicted so far to keep memory bounded.
    pub fn evicted(&self) -> u64 {
        self.evicted
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The conversations still in the table, in the order they started.
    pub fn conversations(&self) -> Vec<&Conversation> {
        let mut list: Vec<&Conversation> = self.slots.iter().map(|s| &s.conversation).collect();
        list.sort_by_key(|c| c.id);
        list
    }

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
        let (transport, from, to) = (
            connection.transport,
            connection.source,
            connection.destination,
        );
        let key = connection.either_way();
        let (slot, first_packet) = match self.index.get(&key) {
            Some(&slot) => {
                self.touch(slot);
                (slot, false)
            }
            None => {
                let flags = tcp.map(|t| t.flags);
                let side = server_side(transport, from.port, to.port, flags);
                let client_is_source = side != Some(Side::Source);
                let (client, server) = if client_is_source {
                    (from, to)
                } else {
                    (to, from)
                };
                let conversation = Conversation {
                    id: self.next_id,
                    transport,
                    client,
                    server,
                    roles_known: side.is_some(),
                    first_seen: timestamp,
                    last_seen: timestamp,
                    client_packets: 0,
                    client_bytes: 0,
                    server_packets: 0,
                    server_bytes: 0,
                    state: None,
                    streams: [StreamState::default(); 2],
                    dns_queries: Vec::new(),
                };
                self.next_id += 1;
                (self.insert(key, conversation), true)
            }
        };
        let conversation = &mut self.slots[slot].conversation;
        let from_client = conversation.client == from;
        conversation.last_seen = timestamp.max(conversation.last_seen);
        if from_client {
            conversation.client_packets += 1;
            conversation.client_bytes += u64::from(wire_length);
        } else {
            conversation.server_packets += 1;
            conversation.server_bytes += u64::from(wire_length);
        }
        let tcp = tcp.map(|t| track_tcp(conversation, from_client, t));
        let dns_answer = match &dissection.application {
            Some(crate::decode::app::Application::Dns(dns)) => {
                track_dns(conversation, number, timestamp, dns.id, dns.response)
            }
            _ => None,
        };
        Some(PacketContext {
            conversation: conversation.id,
            from_client,
            first_packet,
            client: conversation.client,
            server: conversation.server,
            roles_known: conversation.roles_known,
            state: conversation.state,
            tcp,
            dns_answer,
        })
    }

    fn insert(&mut self, key: Connection, conversation: Conversation) -> usize {
        let slot = if self.slots.len() < self.capacity {
            self.slots.push(Slot {
                key,
                conversation,
                newer: None,
                older: None,
            });
            self.slots.len() - 1
        } else {
            // Reuse the slot of the conversation idle the longest.
            let victim = self.oldest.expect("a full table has an oldest slot");
            self.unlink(victim);
            let old_key = self.slots[victim].key;
            self.index.remove(&old_key);
            self.evicted += 1;
            self.slots[victim] = Slot {
                key,
                conversation,
                newer: None,
                older: None,
            };
            victim
        };
        self.index.insert(key, slot);
        self.push_newest(slot);
        slot
    }

    fn touch(&mut self, slot: usize) {
        if self.newest != Some(slot) {
            self.unlink(slot);
            self.push_newest(slot);
        }
    }

    fn unlink(&mut self, slot: usize) {
        let (newer, older) = (self.slots[slot].newer, self.slots[slot].older);
        match newer {
            Some(n) => self.slots[n].older = older,
            None => self.newest = older,
        }
        match older {
            Some(o) => self.slots[o].newer = newer,
            None => self.oldest = newer,
        }
        self.slots[slot].newer = None;
        self.slots[slot].older = None;
    }

    fn push_newest(&mut self, slot: usize) {
        self.slots[slot].older = self.newest;
        self.slots[slot].newer = None;
        if let Some(previous) = self.newest {
            self.slots[previous].newer = Some(slot);
        }
        self.newest = Some(slot);
        if self.oldest.is_none() {
            self.oldest = Some(slot);
        }
    }
}

/// Matches DNS responses to queries by transaction id (a few outstanding queries per
/// conversation are remembered).
fn track_dns(
    conversation: &mut Conversation,
    number: u64,
    timestamp: Timestamp,
    id: u16,
    response: bool,
) -> Option<DnsMatch> {
    if !response {
        if conversation.dns_queries.len() >= 8 {
            conversation.dns_queries.remove(0);
        }
        conversation.dns_queries.push((id, number, timestamp));
        return None;
    }
    let position = conversation.dns_queries.iter().position(|q| q.0 == id)?;
    let (_, query_packet, asked) = conversation.dns_queries.remove(position);
    let elapsed = (timestamp.seconds - asked.seconds) * 1_000_000
        + (i64::from(timestamp.nanoseconds) - i64::from(asked.nanoseconds)) / 1000;
    Some(DnsMatch {
        query_packet,
        elapsed_microseconds: elapsed.max(0) as u64,
    })
}

/// Updates the TCP state of a conversation with one segment and says what it was.
fn track_tcp(
    conversation: &mut Conversation,
    from_client: bool,
    tcp: &crate::decode::Tcp,
) -> TcpObservation {
    let flags = tcp.flags;
    let syn = flags.has(TcpFlags::SYN);
    let ack = flags.has(TcpFlags::ACK);
    let fin = flags.has(TcpFlags::FIN);
    let rst = flags.has(TcpFlags::RST);
    let (mine, theirs) = if from_client { (0, 1) } else { (1, 0) };
    // The sequence space the data takes is its length on the wire, not the bytes a snapshot
    // length let the capture keep.
    let length = tcp.payload_length as u32;
    let mut seen = TcpObservation::default();

    // Relative numbering: from the SYN when it was seen, else from this first segment.
    let sender = &mut conversation.streams[mine];
    if syn {
        sender.base = Some(tcp.sequence);
    } else if sender.base.is_none() {
        sender.base = Some(tcp.sequence.wrapping_sub(1));
        if conversation.state.is_none() {
            conversation.state = Some(TcpState::MidStream);
        }
    }
    let base = sender.base.unwrap_or(tcp.sequence);
    seen.relative_sequence = tcp.sequence.wrapping_sub(base);

    // Retransmissions and gaps compare with what this side already sent.
    let consumed = length + u32::from(syn) + u32::from(fin);
    if let Some(next) = sender.next {
        if consumed > 0 && before(tcp.sequence, next) && !rst {
            // Bytes at or below what was already sent: sent again (a keep-alive probe of one
            // byte below the next is not data).
            let keep_alive = length <= 1 && tcp.sequence == next.wrapping_sub(1) && !syn && !fin;
            seen.retransmission = !keep_alive;
        } else if before(next, tcp.sequence) && !syn && !rst {
            seen.gap = Some((
                next.wrapping_sub(base),
                tcp.sequence.wrapping_sub(base).wrapping_sub(1),
            ));
        }
    }
    let end = tcp.sequence.wrapping_add(consumed);
    if sender.next.is_none_or(|next| before(next, end)) {
        sender.next = Some(end);
    }
    if length > 0 {
        let first = tcp.sequence.wrapping_sub(base);
        seen.data_bytes = Some((first, first.wrapping_add(length - 1)));
    }

    // Acknowledgements are numbered in the other side's stream.
    let their_base = conversation.streams[theirs].base;
    if ack {
        seen.relative_acknowledgment = their_base.map(|b| tcp.acknowledgment.wrapping_sub(b));
        let sender = &mut conversation.streams[mine];
        let plain_ack = length == 0 && !syn && !fin && !rst;
        if plain_ack
            && sender.last_ack == Some(tcp.acknowledgment)
            && sender.last_window == Some(tcp.window)
            && conversation.streams[theirs]
                .next
                .is_some_and(|next| before(tcp.acknowledgment, next))
        {
            let sender = &mut conversation.streams[mine];
            sender.duplicate_acks += 1;
            seen.duplicate_ack = Some(sender.duplicate_acks);
        } else {
            conversation.streams[mine].duplicate_acks = 0;
        }
        let sender = &mut conversation.streams[mine];
        sender.last_ack = Some(tcp.acknowledgment);
        sender.last_window = Some(tcp.window);
    }
    seen.zero_window = tcp.window == 0 && !syn && !fin && !rst;

    // The handshake, the teardown and resets move the state.
    let state = conversation.state;
    if rst {
        let refused = !from_client && state == Some(TcpState::SynSent);
        seen.reset = Some(if refused {
            Reset::Refused
        } else {
            Reset::Abort
        });
        conversation.state = Some(if refused {
            TcpState::Refused
        } else {
            TcpState::Reset
        });
    } else if syn && !ack {
        seen.handshake_step = Some(1);
        conversation.state = Some(TcpState::SynSent);
    } else if syn && ack {
        seen.handshake_step = Some(2);
        conversation.state = Some(TcpState::SynReceived);
    } else {
        if from_client
            && state == Some(TcpState::SynReceived)
            && ack
            && seen.relative_acknowledgment == Some(1)
        {
            seen.handshake_step = Some(3);
            conversation.state = Some(TcpState::Established);
        }
        // The ACK of a FIN: it acknowledges the byte after the FIN.
        if ack {
            if let Some(their_fin) = conversation.streams[theirs].fin {
                if tcp.acknowledgment == their_fin.wrapping_add(1) && !seen.retransmission {
                    let both = conversation.streams[mine].fin.is_some();
                    if both && !fin {
                        seen.teardown = Some(Teardown::LastAck);
                        conversation.state = Some(TcpState::Closed);
                    } else if !fin && state == Some(TcpState::FinWait) {
                        seen.teardown = Some(Teardown::FinAcknowledged);
                    }
                }
            }
        }
        if fin && !seen.retransmission {
            conversation.streams[mine].fin = Some(tcp.sequence.wrapping_add(length));
            if conversation.streams[theirs].fin.is_some() {
                seen.teardown = Some(Teardown::SecondFin);
                conversation.state = Some(TcpState::Closing);
            } else {
                seen.teardown = Some(Teardown::FirstFin);
                conversation.state = Some(TcpState::FinWait);
            }
        } else if length > 0
            && matches!(
                conversation.state,
                Some(TcpState::SynReceived | TcpState::MidStream)
            )
        {
            conversation.state = Some(TcpState::Established);
        }
    }
    seen
}

#[cfg(test)]
mod tests;
