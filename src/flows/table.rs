//! The conversation table's memory: conversations in slots, found by their connection either
//! way through a hash index, kept in least-recently-used order by a doubly linked list through
//! the slots, so that a full table evicts the conversation idle the longest in O(1) and memory
//! stays bounded however long the capture.

use super::{Conversation, DEFAULT_CAPACITY};
use crate::decode::Connection;
use std::collections::HashMap;

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

    /// The slot of the conversation `key` belongs to, made most recent, and whether it is new:
    /// a new conversation is made by `start` with the next id (evicting the one idle the
    /// longest when the table is full).
    pub(super) fn slot_for(
        &mut self,
        key: Connection,
        start: impl FnOnce(u64) -> Conversation,
    ) -> (usize, bool) {
        if let Some(&slot) = self.index.get(&key) {
            self.touch(slot);
            return (slot, false);
        }
        let conversation = start(self.next_id);
        self.next_id += 1;
        (self.insert(key, conversation), true)
    }

    pub(super) fn conversation_mut(&mut self, slot: usize) -> &mut Conversation {
        &mut self.slots[slot].conversation
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
