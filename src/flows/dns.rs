//! DNS answers matched to their questions: a few outstanding queries per conversation are
//! remembered by transaction id, and a response says which packet asked and how long the answer
//! took.

use super::{Conversation, DnsMatch};
use crate::capture::Timestamp;

/// How many unanswered queries a conversation remembers (the oldest is forgotten first).
const OUTSTANDING: usize = 8;

/// Matches DNS responses to queries by transaction id (a few outstanding queries per
/// conversation are remembered).
pub(super) fn track_dns(
    conversation: &mut Conversation,
    number: u64,
    timestamp: Timestamp,
    id: u16,
    response: bool,
) -> Option<DnsMatch> {
    if !response {
        if conversation.dns_queries.len() >= OUTSTANDING {
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
