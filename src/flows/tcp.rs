//! TCP tracking of one conversation: relative sequence numbers, retransmissions and gaps in each
//! direction's stream, duplicate ACKs and zero windows, and the state that the handshake, the
//! teardown and resets move.

use super::{Conversation, Reset, TcpObservation, TcpState, Teardown};
use crate::decode::{Tcp, TcpFlags};

/// Sequence tracking of one direction of a TCP connection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct StreamState {
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

/// One segment as the tracker reads it.
struct Segment<'a> {
    tcp: &'a Tcp,
    syn: bool,
    ack: bool,
    fin: bool,
    rst: bool,
    /// The sequence space the data takes: its length on the wire, not the bytes a snapshot
    /// length let the capture keep.
    length: u32,
    /// Index of the sender's stream in `Conversation::streams`, and of the other side's.
    mine: usize,
    theirs: usize,
}

/// Updates the TCP state of a conversation with one segment and says what it was.
pub(super) fn track_tcp(
    conversation: &mut Conversation,
    from_client: bool,
    tcp: &Tcp,
) -> TcpObservation {
    let flags = tcp.flags;
    let (mine, theirs) = if from_client { (0, 1) } else { (1, 0) };
    let segment = Segment {
        tcp,
        syn: flags.has(TcpFlags::SYN),
        ack: flags.has(TcpFlags::ACK),
        fin: flags.has(TcpFlags::FIN),
        rst: flags.has(TcpFlags::RST),
        length: tcp.payload_length as u32,
        mine,
        theirs,
    };
    let mut seen = TcpObservation::default();
    sequence(conversation, &segment, &mut seen);
    if segment.ack {
        acknowledgment(conversation, &segment, &mut seen);
    }
    seen.zero_window = tcp.window == 0 && !segment.syn && !segment.fin && !segment.rst;
    if segment.rst {
        reset(conversation, from_client, &mut seen);
    } else if segment.syn {
        let (step, state) = if segment.ack {
            (2, TcpState::SynReceived)
        } else {
            (1, TcpState::SynSent)
        };
        seen.handshake_step = Some(step);
        conversation.state = Some(state);
    } else {
        progress(conversation, from_client, &segment, &mut seen);
    }
    seen
}

/// Relative numbering (from the SYN when it was seen, else from this first segment), and
/// retransmissions and gaps compared with what this side already sent.
fn sequence(conversation: &mut Conversation, segment: &Segment<'_>, seen: &mut TcpObservation) {
    let (tcp, syn, fin, rst, length) = (
        segment.tcp,
        segment.syn,
        segment.fin,
        segment.rst,
        segment.length,
    );
    let sender = &mut conversation.streams[segment.mine];
    if syn {
        sender.base = Some(tcp.sequence);
    } else if sender.base.is_none() {
        sender.base = Some(tcp.sequence.wrapping_sub(1));
        if conversation.state.is_none() {
            conversation.state = Some(TcpState::MidStream);
        }
    }
    let sender = &mut conversation.streams[segment.mine];
    let base = sender.base.unwrap_or(tcp.sequence);
    seen.relative_sequence = tcp.sequence.wrapping_sub(base);
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
}

/// The acknowledgment, numbered in the other side's stream, and whether it repeats the last
/// one (a duplicate ACK: same number and window, no data, while data is outstanding).
fn acknowledgment(
    conversation: &mut Conversation,
    segment: &Segment<'_>,
    seen: &mut TcpObservation,
) {
    let tcp = segment.tcp;
    let their_stream = conversation.streams[segment.theirs];
    seen.relative_acknowledgment = their_stream
        .base
        .map(|b| tcp.acknowledgment.wrapping_sub(b));
    let sender = &mut conversation.streams[segment.mine];
    let plain_ack = segment.length == 0 && !segment.syn && !segment.fin && !segment.rst;
    if plain_ack
        && sender.last_ack == Some(tcp.acknowledgment)
        && sender.last_window == Some(tcp.window)
        && their_stream
            .next
            .is_some_and(|next| before(tcp.acknowledgment, next))
    {
        sender.duplicate_acks += 1;
        seen.duplicate_ack = Some(sender.duplicate_acks);
    } else {
        sender.duplicate_acks = 0;
    }
    sender.last_ack = Some(tcp.acknowledgment);
    sender.last_window = Some(tcp.window);
}

/// A reset: the answer to a SYN (nothing listens), or the abort of a started connection.
fn reset(conversation: &mut Conversation, from_client: bool, seen: &mut TcpObservation) {
    let refused = !from_client && conversation.state == Some(TcpState::SynSent);
    let (reset, state) = if refused {
        (Reset::Refused, TcpState::Refused)
    } else {
        (Reset::Abort, TcpState::Reset)
    };
    seen.reset = Some(reset);
    conversation.state = Some(state);
}

/// A segment after the SYNs: the handshake's last ACK, the ACK of a FIN, a FIN, or data that
/// shows the connection is established.
fn progress(
    conversation: &mut Conversation,
    from_client: bool,
    segment: &Segment<'_>,
    seen: &mut TcpObservation,
) {
    let (tcp, ack, fin) = (segment.tcp, segment.ack, segment.fin);
    let (mine, theirs) = (segment.mine, segment.theirs);
    let state = conversation.state;
    if from_client
        && state == Some(TcpState::SynReceived)
        && ack
        && seen.relative_acknowledgment == Some(1)
    {
        seen.handshake_step = Some(3);
        conversation.state = Some(TcpState::Established);
    }
    // The ACK of a FIN: it acknowledges the byte after the FIN.
    let their_fin = conversation.streams[theirs].fin;
    if let (true, Some(their_fin)) = (ack, their_fin) {
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
    if fin && !seen.retransmission {
        conversation.streams[mine].fin = Some(tcp.sequence.wrapping_add(segment.length));
        let (teardown, state) = if their_fin.is_some() {
            (Teardown::SecondFin, TcpState::Closing)
        } else {
            (Teardown::FirstFin, TcpState::FinWait)
        };
        seen.teardown = Some(teardown);
        conversation.state = Some(state);
    } else if segment.length > 0
        && matches!(
            conversation.state,
            Some(TcpState::SynReceived | TcpState::MidStream)
        )
    {
        conversation.state = Some(TcpState::Established);
    }
}
