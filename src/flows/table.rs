//! The conversation table's memory: conversations in slots, found by their connection either
//! way through a hash index, kept in least-recently-used order by a doubly linked list through
//! the slots, so that a full table evicts the conversation idle the longest in O(1) and memory
//! stays bounded however long the capture.

use super::{Conversation, DEFAULT_CAPACITY};
use crate::decode::{Connection, Endpoint, Transport};
use std::collections::{HashMap, HashSet};

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
    /// The ends (transport, address, port) of the conversations started so far, for the guess
    /// "the end that repeats its port across conversations is the server"; forgotten whole when
    /// it holds twice the table's capacity, so memory stays bounded.
    ends: HashSet<(Transport, Endpoint), foldhash::fast::RandomState>,
}

/// Which ends of a new conversation were already seen in earlier ones.
pub(super) struct SeenBefore {
    pub source: bool,
    pub destination: bool,
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
            ends: HashSet::default(),
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

    /// The slot of the conversation of `connection` (a packet's tuple as it travels), made most
    /// recent, and whether it is new: a new conversation is made by `start` with the next id and
    /// which of the packet's ends earlier conversations had (evicting the conversation idle the
    /// longest when the table is full).
    pub(super) fn slot_for(
        &mut self,
        connection: Connection,
        start: impl FnOnce(u64, SeenBefore) -> Conversation,
    ) -> (usize, bool) {
        let key = connection.either_way();
        if let Some(&slot) = self.index.get(&key) {
            self.touch(slot);
            return (slot, false);
        }
        let transport = connection.transport;
        let seen = SeenBefore {
            source: self.ends.contains(&(transport, connection.source)),
            destination: self.ends.contains(&(transport, connection.destination)),
        };
        if self.ends.len() >= 2 * self.capacity.min(2 * DEFAULT_CAPACITY) {
            self.ends.clear();
        }
        self.ends.insert((transport, connection.source));
        self.ends.insert((transport, connection.destination));
        let conversation = start(self.next_id, seen);
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
