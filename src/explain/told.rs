//! What the learner has already been told in this run, so that each introduction and each fact
//! is said the first time it matters rather than on every packet. One memory with one forgetting
//! rule: when it holds [`LIMIT`] keyed facts it forgets everything at once, and each fact is said
//! again the next time it matters (a long capture re-introduces what a learner scrolling through
//! it has long since lost sight of).

use crate::decode::MacAddress;
use crate::knowledge::ports::PortRange;
use std::collections::HashSet;
use std::net::IpAddr;

/// How many keyed facts the memory holds before it starts afresh.
pub(super) const LIMIT: usize = 8192;

/// A fact that needs no key: said once, whatever the packet. Kept as bits, so the hot path asks
/// without hashing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Once {
    TcpIntro,
    UdpIntro,
    Ttl,
    HopLimit,
    DontFragment,
    /// Why a saved capture cannot name programs.
    Offline,
    /// What a port range means.
    Range(PortRange),
}

impl Once {
    fn bit(self) -> u16 {
        1 << match self {
            Once::TcpIntro => 0,
            Once::UdpIntro => 1,
            Once::Ttl => 2,
            Once::HopLimit => 3,
            Once::DontFragment => 4,
            Once::Offline => 5,
            Once::Range(range) => 6 + range as u16,
        }
    }
}

/// A fact about one thing: an address, a pair of ends, a conversation, a link type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Fact {
    DestinationMac(MacAddress),
    LocallyAdministered(MacAddress),
    Endpoints(IpAddr, IpAddr),
    /// The role sentences of one direction (`true`: from the client) of one conversation.
    Roles(u64, bool),
    /// A link type portlens cannot decode.
    LinkType(u32),
}

/// The memory of one run.
#[derive(Debug, Default)]
pub(super) struct Told {
    once: u16,
    keyed: HashSet<Fact, foldhash::fast::RandomState>,
}

impl Told {
    /// True the first time `fact` comes up (or since the memory last forgot).
    pub(super) fn first_time(&mut self, fact: Fact) -> bool {
        if self.keyed.len() >= LIMIT {
            self.forget();
        }
        self.keyed.insert(fact)
    }

    /// True the first time `fact` comes up (or since the memory last forgot).
    pub(super) fn first_time_once(&mut self, fact: Once) -> bool {
        let bit = fact.bit();
        let first = self.once & bit == 0;
        self.once |= bit;
        first
    }

    /// Starts afresh: every fact will be said again the next time it matters.
    fn forget(&mut self) {
        self.keyed.clear();
        self.once = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_fact_is_told_once_until_the_memory_is_full() {
        let mut told = Told::default();
        assert!(told.first_time_once(Once::TcpIntro));
        assert!(!told.first_time_once(Once::TcpIntro));
        assert!(told.first_time_once(Once::Range(PortRange::Dynamic)));
        assert!(told.first_time_once(Once::Range(PortRange::WellKnown)));
        assert!(!told.first_time_once(Once::Range(PortRange::Dynamic)));
        assert!(told.first_time(Fact::LinkType(147)));
        assert!(!told.first_time(Fact::LinkType(147)));
        for conversation in 0..LIMIT as u64 - 1 {
            assert!(told.first_time(Fact::Roles(conversation, true)));
        }
        // Full: the next question forgets everything, keyed facts and single facts alike.
        assert!(told.first_time(Fact::LinkType(147)));
        assert!(told.first_time_once(Once::TcpIntro));
        assert!(told.first_time(Fact::Roles(0, true)));
    }
}
