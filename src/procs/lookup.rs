//! The process lookup: a snapshot of the socket tables, of which process holds which socket and
//! of this host's addresses, answering "which program owns this packet's socket?" per packet.
//!
//! Matching follows the kernel's own choice of receiving socket: a connection's socket (both
//! ends equal) before a listening TCP socket or an unconnected UDP socket, a socket bound to the
//! exact address before one bound to the unspecified address (0.0.0.0 for IPv4, `::` for IPv6,
//! which also receives IPv4 on a dual-stack socket). IPv4-mapped IPv6 addresses are compared as
//! the IPv4 addresses they carry.
//!
//! Refreshing: the snapshot is re-read when a lookup cannot name an owner (a new socket, a new
//! process), or when a found answer comes from a snapshot older than `max_age` (a port may have
//! been reused by another program). Scans are paid from a budget, like a token bucket: at most
//! `burst` in a row, then one per `interval` (defaults: 4, then one per 200 ms), so the first
//! packet of a new connection is usually answered by an immediate scan while a flood of packets
//! to unknown sockets (a port scan) costs at most five scans per second. A socket that a scan
//! just failed to resolve (a closed port that a client keeps retrying, say) does not ask again
//! for `DEFAULT_MISS_TTL`.

use super::{
    HostAddresses, LinuxProcs, Outcome, Owner, PacketOwners, ProcessInfo, ProcessSource,
    ProcsError, Reason, SocketEntry, SocketKey, SocketKind, Transport, tcp_state,
};
use crate::decode::Connection;
use crate::knowledge::Side;
use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// How many scans may follow each other without waiting.
pub const DEFAULT_SCAN_BURST: u32 = 4;
/// After a burst, one more scan is allowed per this interval.
pub const DEFAULT_SCAN_INTERVAL: Duration = Duration::from_millis(200);
/// How old a snapshot may be before a found answer is checked against a fresh one.
pub const DEFAULT_MAX_AGE: Duration = Duration::from_secs(1);
/// How long a socket that a fresh scan could not resolve waits before it may ask for another.
pub const DEFAULT_MISS_TTL: Duration = Duration::from_secs(2);
/// Past this many remembered misses (a port scan), the memory of misses is cleared.
const MAX_MISSES: usize = 65_536;

/// Answers which process owns a socket, from a cached snapshot of the operating system's tables.
pub struct ProcessLookup<S: ProcessSource> {
    source: S,
    budget: ScanBudget,
    max_age: Duration,
    snapshot: Option<Snapshot>,
    last_scan: Option<Instant>,
    scans: u64,
    last_error: Option<ProcsError>,
    /// Sockets that a scan made for them could not resolve, and when.
    misses: HashMap<SocketKey, Instant>,
}

/// The token bucket that limits scans.
#[derive(Debug, Clone, Copy)]
struct ScanBudget {
    burst: u32,
    interval: Duration,
    tokens: u32,
    /// When the bucket was last topped up; `None` before the first scan.
    refilled: Option<Instant>,
}

impl ScanBudget {
    fn new(burst: u32, interval: Duration) -> ScanBudget {
        ScanBudget {
            burst: burst.max(1),
            interval,
            tokens: burst.max(1),
            refilled: None,
        }
    }

    /// Takes one scan from the budget, if there is one left at `now`.
    fn take(&mut self, now: Instant) -> bool {
        if self.interval.is_zero() {
            return true;
        }
        let refilled = *self.refilled.get_or_insert(now);
        let elapsed = now.saturating_duration_since(refilled);
        let earned = elapsed.as_nanos() / self.interval.as_nanos();
        if earned > 0 {
            let earned = u32::try_from(earned).unwrap_or(u32::MAX);
            self.tokens = self.tokens.saturating_add(earned).min(self.burst);
            self.refilled = Some(if self.tokens == self.burst {
                now
            } else {
                refilled + self.interval * earned
            });
        }
        if self.tokens == 0 {
            return false;
        }
        self.tokens -= 1;
        true
    }
}

/// One reading of the tables.
#[derive(Debug, Default)]
struct Snapshot {
    /// Sockets by (transport, local port).
    sockets: HashMap<(Transport, u16), Vec<SocketEntry>>,
    holders: HashMap<u64, Vec<ProcessInfo>>,
    /// How many processes' open files could not be read.
    unreadable: usize,
    /// The user the process walk ran as, when known.
    reader_uid: Option<u32>,
    /// This host's addresses: its interfaces' plus any specific local address of a socket.
    local: HashSet<IpAddr>,
    broadcast: HashSet<IpAddr>,
}

impl ProcessLookup<LinuxProcs> {
    /// A lookup over the real /proc, with its first scan done, so that a system without /proc
    /// is reported once, at the start, with the error's explanation.
    pub fn linux() -> Result<ProcessLookup<LinuxProcs>, ProcsError> {
        let mut lookup = ProcessLookup::new(LinuxProcs::new());
        lookup.refresh()?;
        Ok(lookup)
    }
}

impl<S: ProcessSource> ProcessLookup<S> {
    /// A lookup over `source`; the first lookup reads the tables.
    pub fn new(source: S) -> ProcessLookup<S> {
        ProcessLookup {
            source,
            budget: ScanBudget::new(DEFAULT_SCAN_BURST, DEFAULT_SCAN_INTERVAL),
            max_age: DEFAULT_MAX_AGE,
            snapshot: None,
            last_scan: None,
            scans: 0,
            last_error: None,
            misses: HashMap::new(),
        }
    }

    /// Sets the scan budget: at most `burst` scans in a row, then one per `interval` (defaults
    /// [`DEFAULT_SCAN_BURST`], [`DEFAULT_SCAN_INTERVAL`]). A zero interval removes the limit.
    pub fn with_scan_limit(mut self, burst: u32, interval: Duration) -> ProcessLookup<S> {
        self.budget = ScanBudget::new(burst, interval);
        self
    }

    /// Sets how old a snapshot may be before found answers are re-checked (default
    /// [`DEFAULT_MAX_AGE`]).
    pub fn with_max_age(mut self, max_age: Duration) -> ProcessLookup<S> {
        self.max_age = max_age;
        self
    }

    /// Reads the tables now, whatever the rate limit says.
    pub fn refresh(&mut self) -> Result<(), ProcsError> {
        self.last_error = None;
        self.scan(Instant::now())
    }

    /// How many times the tables were read.
    pub fn scans(&self) -> u64 {
        self.scans
    }

    /// The error of the last scan that failed, if the last scan failed.
    pub fn last_error(&self) -> Option<&ProcsError> {
        self.last_error.as_ref()
    }

    /// The source the tables are read from.
    pub fn source(&self) -> &S {
        &self.source
    }

    /// The source, to change (tests change a fake's tables between lookups).
    pub fn source_mut(&mut self) -> &mut S {
        &mut self.source
    }

    /// Whether `address` is one of this host's addresses (loopback included), as last read.
    pub fn is_local(&self, address: IpAddr) -> bool {
        let address = super::canonical(address);
        address.is_loopback()
            || self
                .snapshot
                .as_ref()
                .is_some_and(|snapshot| snapshot.local.contains(&address))
    }

    /// The owner of both ends of a packet: each end whose address is this host's is looked up
    /// as a socket whose local end it is (the source as sender, the destination as receiver).
    pub fn lookup_packet(&mut self, ends: &Connection) -> PacketOwners {
        self.lookup_packet_at(ends, Instant::now())
    }

    /// The owner of one socket, `key.local_*` being this host's end, as the receiver of a packet
    /// (so a UDP key whose local address is a broadcast or multicast address reaches the sockets
    /// bound to it or to the unspecified address). `Unknown(NotLocal)` when that address is not
    /// this host's.
    pub fn lookup(&mut self, key: &SocketKey) -> Outcome {
        self.lookup_at(key, Instant::now(), Side::Destination)
    }

    pub(super) fn lookup_packet_at(&mut self, ends: &Connection, now: Instant) -> PacketOwners {
        PacketOwners {
            source: self.lookup_at(&SocketKey::of_source(ends), now, Side::Source),
            destination: self.lookup_at(&SocketKey::of_destination(ends), now, Side::Destination),
        }
    }

    pub(super) fn lookup_at(&mut self, key: &SocketKey, now: Instant, end: Side) -> Outcome {
        // Keys built field by field may carry IPv4-mapped addresses; the tables never do.
        let key = &SocketKey {
            local_address: super::canonical(key.local_address),
            remote_address: super::canonical(key.remote_address),
            ..*key
        };
        let mut scanned = false;
        if self.snapshot.is_none() && self.budget.take(now) {
            self.scan_and_record(now);
            scanned = true;
        }
        let Some(snapshot) = &self.snapshot else {
            return Outcome::Unknown(Reason::Unavailable);
        };
        if !snapshot.receives_at(key, end) {
            return Outcome::Unknown(Reason::NotLocal);
        }
        let mut answer = snapshot.resolve(key);
        let worth_scanning = match answer {
            Outcome::Found(_) => self
                .last_scan
                .is_none_or(|last| now.saturating_duration_since(last) >= self.max_age),
            Outcome::Unknown(_) => self
                .misses
                .get(key)
                .is_none_or(|missed| now.saturating_duration_since(*missed) >= DEFAULT_MISS_TTL),
        };
        if worth_scanning && !scanned && self.budget.take(now) {
            self.scan_and_record(now);
            scanned = true;
            if let Some(snapshot) = &self.snapshot {
                answer = snapshot.resolve(key);
            }
        }
        if scanned && !matches!(answer, Outcome::Found(_)) {
            if self.misses.len() >= MAX_MISSES {
                self.misses.clear();
            }
            self.misses.insert(*key, now);
        }
        answer
    }

    /// Scans, remembering the error of a failed scan for [`ProcessLookup::last_error`].
    fn scan_and_record(&mut self, now: Instant) {
        self.last_error = self.scan(now).err();
    }

    /// Reads all tables into a new snapshot. When the sockets or their owners cannot be read,
    /// the previous snapshot stays; when only the host's addresses cannot, the snapshot is
    /// still replaced (the sockets' own local addresses stand in) and the error returned.
    fn scan(&mut self, now: Instant) -> Result<(), ProcsError> {
        self.last_scan = Some(now);
        self.scans += 1;
        self.misses
            .retain(|_, missed| now.saturating_duration_since(*missed) < DEFAULT_MISS_TTL);
        let sockets = self.source.sockets()?;
        let owners = self.source.owners()?;
        let (addresses, addresses_error) = match self.source.host_addresses() {
            Ok(addresses) => (addresses, None),
            Err(error) => (HostAddresses::default(), Some(error)),
        };
        let mut local: HashSet<IpAddr> = addresses
            .unicast
            .into_iter()
            .map(super::canonical)
            .collect();
        local.extend(
            sockets
                .iter()
                .map(|socket| socket.local.ip())
                .filter(|ip| !ip.is_unspecified()),
        );
        let mut by_port: HashMap<(Transport, u16), Vec<SocketEntry>> = HashMap::new();
        for socket in sockets {
            by_port
                .entry((socket.transport, socket.local.port()))
                .or_default()
                .push(socket);
        }
        self.snapshot = Some(Snapshot {
            sockets: by_port,
            holders: owners.holders,
            unreadable: owners.unreadable,
            reader_uid: owners.reader_uid,
            local,
            broadcast: addresses.broadcast.into_iter().collect(),
        });
        addresses_error.map_or(Ok(()), Err)
    }
}

/// How well a socket matches a key; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    /// Both ends equal: the connection's own socket.
    Connection,
    /// A listener or unconnected socket bound to the exact local address.
    BoundExact,
    /// Bound to the unspecified address of the same family.
    BoundAny,
    /// An IPv6 socket bound to `::` receiving IPv4 (dual stack).
    BoundAnyDualStack,
}

impl Snapshot {
    /// Whether the key's local address is this host's, at `end` of the packet: a receiver (the
    /// destination) may also be reached through a broadcast or multicast address (UDP only).
    fn receives_at(&self, key: &SocketKey, end: Side) -> bool {
        let address = key.local_address;
        if address.is_loopback() || self.local.contains(&address) {
            return true;
        }
        end == Side::Destination
            && key.transport == Transport::Udp
            && (address.is_multicast()
                || address == IpAddr::V4(std::net::Ipv4Addr::BROADCAST)
                || self.broadcast.contains(&address))
    }

    /// Whether lack of permission may be why no holder of `socket` was seen: some process's
    /// files could not be read, or the socket belongs to another user and the walk did not run
    /// as root.
    fn may_hide(&self, socket: &SocketEntry) -> bool {
        // Root reads every process's files; a holder root cannot see is in another PID
        // namespace (some sandboxes even hide their own init's files from root).
        self.reader_uid != Some(0)
            && (self.unreadable > 0 || self.reader_uid.is_some_and(|reader| reader != socket.uid))
    }

    fn resolve(&self, key: &SocketKey) -> Outcome {
        let Some(candidates) = self.sockets.get(&(key.transport, key.local_port)) else {
            return Outcome::Unknown(Reason::NoSocket);
        };
        let mut matches: Vec<(Fit, &SocketEntry)> = candidates
            .iter()
            .filter_map(|socket| fit(socket, key).map(|fit| (fit, socket)))
            .collect();
        if matches.is_empty() {
            return Outcome::Unknown(Reason::NoSocket);
        }
        matches.sort_by_key(|(fit, socket)| (*fit, socket.inode == 0));
        let mut socket_without_owner = false;
        for (fit, socket) in matches {
            if socket.inode == 0 {
                socket_without_owner = true;
                // A connection's socket without an inode is either waiting in a listener's
                // queue or already closed by its program (TIME_WAIT, FIN_WAIT…); either way the
                // program that took its connections from the listener on this port is the one
                // the packet was for, so the listener answers when there is one. Lookups run a
                // moment after capture, and on loopback a whole exchange is over by then.
                if fit == Fit::Connection {
                    continue;
                }
                return Outcome::Unknown(Reason::NoOwner);
            }
            let kind = match fit {
                Fit::Connection => SocketKind::Connected,
                _ if socket.transport == Transport::Tcp => SocketKind::Listening,
                _ => SocketKind::Unconnected,
            };
            return match self.holders.get(&socket.inode).map(Vec::as_slice) {
                Some([first, rest @ ..]) => Outcome::Found(Owner {
                    process: first.clone(),
                    shared_with: rest.to_vec(),
                    socket: kind,
                    inode: socket.inode,
                }),
                _ if self.may_hide(socket) => Outcome::Unknown(Reason::NotPermitted),
                _ => Outcome::Unknown(Reason::OwnerNotVisible),
            };
        }
        if socket_without_owner {
            Outcome::Unknown(Reason::NoOwner)
        } else {
            Outcome::Unknown(Reason::NoSocket)
        }
    }
}

/// How `socket` matches `key`, if it can receive the key's packets at all.
fn fit(socket: &SocketEntry, key: &SocketKey) -> Option<Fit> {
    let local = socket.local.ip();
    let connected = socket.remote.port() != 0 || !socket.remote.ip().is_unspecified();
    if connected {
        let same_remote =
            socket.remote.ip() == key.remote_address && socket.remote.port() == key.remote_port;
        let same_local = local == key.local_address || local.is_unspecified();
        return (same_remote && same_local).then_some(Fit::Connection);
    }
    let receives = match socket.transport {
        Transport::Tcp => socket.state == tcp_state::LISTEN,
        Transport::Udp => true,
    };
    if !receives {
        return None;
    }
    match (local, key.local_address) {
        (socket_ip, key_ip) if socket_ip == key_ip => Some(Fit::BoundExact),
        (IpAddr::V4(socket_ip), IpAddr::V4(_)) if socket_ip.is_unspecified() => Some(Fit::BoundAny),
        (IpAddr::V6(socket_ip), IpAddr::V6(_)) if socket_ip.is_unspecified() => Some(Fit::BoundAny),
        (IpAddr::V6(socket_ip), IpAddr::V4(_)) if socket_ip.is_unspecified() => {
            Some(Fit::BoundAnyDualStack)
        }
        _ => None,
    }
}
