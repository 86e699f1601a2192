//! The cache and its rate limit, over a fake source that counts its scans: the scan budget, the
//! miss TTL, answers re-checked when old, and sockets found by the scan their first packet
//! triggers.

use super::*;
use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// A source whose tables the test sets directly and which counts how often it is read.
pub(super) struct CountingSource {
    sockets: Vec<SocketEntry>,
    holders: HashMap<u64, Vec<ProcessInfo>>,
    unreadable: usize,
    pub(super) reader_uid: Option<u32>,
    scans: Rc<Cell<u32>>,
}

impl ProcessSource for CountingSource {
    fn sockets(&mut self) -> Result<Vec<SocketEntry>, ProcsError> {
        self.scans.set(self.scans.get() + 1);
        Ok(self.sockets.clone())
    }

    fn owners(&mut self) -> Result<OwnerScan, ProcsError> {
        Ok(OwnerScan {
            holders: self.holders.clone(),
            unreadable: self.unreadable,
            reader_uid: self.reader_uid,
        })
    }

    fn host_addresses(&mut self) -> Result<HostAddresses, ProcsError> {
        Ok(HostAddresses {
            unicast: vec!["192.0.2.2".parse().unwrap()],
            broadcast: vec![],
        })
    }
}

pub(super) fn counting(
    sockets: Vec<SocketEntry>,
    holders: &[(u64, u32, &str)],
) -> (CountingSource, Rc<Cell<u32>>) {
    let scans = Rc::new(Cell::new(0));
    let mut map: HashMap<u64, Vec<ProcessInfo>> = HashMap::new();
    for (inode, pid, name) in holders {
        map.entry(*inode).or_default().push(ProcessInfo {
            pid: *pid,
            name: name.to_string(),
        });
    }
    let source = CountingSource {
        sockets,
        holders: map,
        unreadable: 0,
        reader_uid: None,
        scans: scans.clone(),
    };
    (source, scans)
}

pub(super) fn entry(
    transport: Transport,
    local: &str,
    remote: &str,
    state: u8,
    inode: u64,
) -> SocketEntry {
    SocketEntry {
        transport,
        local: addr(local),
        remote: addr(remote),
        state,
        uid: 1000,
        inode,
    }
}

#[test]
fn a_flood_of_unknown_sockets_is_held_to_the_scan_budget() {
    let (source, scans) = counting(vec![], &[]);
    let mut lookup = ProcessLookup::new(source);
    let start = Instant::now();
    // A port scan: one packet per millisecond for ten seconds, each to another closed port.
    for n in 0..10_000u16 {
        let at = start + Duration::from_millis(u64::from(n));
        let key = SocketKey::new(
            TCP,
            SocketAddr::new("192.0.2.2".parse().unwrap(), n),
            addr("198.51.100.7:1"),
        );
        assert_eq!(
            lookup.lookup_at(&key, at, Side::Destination),
            Outcome::Unknown(Reason::NoSocket)
        );
    }
    // The burst, then one per interval: at 0, 1, 2, 3 ms, then at 200, 400, … 9800 ms.
    let allowed = DEFAULT_SCAN_BURST + 9_999 / DEFAULT_SCAN_INTERVAL.as_millis() as u32;
    assert_eq!(allowed, 53);
    assert_eq!(scans.get(), allowed);
    assert_eq!(lookup.scans(), u64::from(allowed));
    // Packets between other hosts never cause a scan.
    let remote = SocketKey::new(TCP, addr("203.0.113.1:80"), addr("198.51.100.7:1"));
    assert_eq!(
        lookup.lookup_at(&remote, start + Duration::from_secs(60), Side::Destination),
        Outcome::Unknown(Reason::NotLocal)
    );
    assert_eq!(scans.get(), allowed);
}

#[test]
fn a_closed_port_that_keeps_receiving_asks_again_only_after_the_miss_ttl() {
    let (source, scans) = counting(vec![], &[]);
    let mut lookup = ProcessLookup::new(source);
    let start = Instant::now();
    let key = SocketKey::new(UDP, addr("192.0.2.2:137"), addr("192.0.2.9:137"));
    // The same datagram every 10 ms for ten seconds.
    for n in 0..1_000u32 {
        let at = start + Duration::from_millis(u64::from(n) * 10);
        assert_eq!(
            lookup.lookup_at(&key, at, Side::Destination),
            Outcome::Unknown(Reason::NoSocket)
        );
    }
    // At 0 s, then once per DEFAULT_MISS_TTL: 2, 4, 6 and 8 s.
    assert_eq!(scans.get(), 5);
}

#[test]
fn found_answers_come_from_the_cache_until_it_is_old() {
    let (source, scans) = counting(
        vec![entry(TCP, "192.0.2.2:50000", "198.51.100.7:80", 1, 5)],
        &[(5, 42, "curl")],
    );
    let mut lookup = ProcessLookup::new(source);
    let key = SocketKey::new(TCP, addr("192.0.2.2:50000"), addr("198.51.100.7:80"));
    let start = Instant::now();
    for step in 0..100u32 {
        let at = start + DEFAULT_MAX_AGE / 100 * step;
        assert_eq!(found(&lookup.lookup_at(&key, at, Side::Destination)).0, 42);
    }
    assert_eq!(scans.get(), 1, "answered from the cache");

    // curl exits and wget gets the same port to the same server: the old snapshot would still
    // say curl; once it is older than max_age, the answer is checked again.
    lookup.source_mut().sockets = vec![entry(TCP, "192.0.2.2:50000", "198.51.100.7:80", 1, 6)];
    lookup.source_mut().holders = HashMap::from([(
        6,
        vec![ProcessInfo {
            pid: 43,
            name: "wget".into(),
        }],
    )]);
    let outcome = lookup.lookup_at(&key, start + DEFAULT_MAX_AGE, Side::Destination);
    assert_eq!(found(&outcome), (43, "wget", SocketKind::Connected));
    assert_eq!(scans.get(), 2);
}

#[test]
fn a_new_socket_is_found_by_the_scan_its_first_packet_triggers() {
    let (source, scans) = counting(vec![], &[]);
    let mut lookup = ProcessLookup::new(source);
    let start = Instant::now();
    let earlier = SocketKey::new(UDP, addr("192.0.2.2:5999"), addr("198.51.100.7:53"));
    assert_eq!(
        lookup.lookup_at(&earlier, start, Side::Destination),
        Outcome::Unknown(Reason::NoSocket)
    );
    // A millisecond after that scan, a program opens a socket and its first packet is seen.
    lookup.source_mut().sockets = vec![entry(UDP, "0.0.0.0:6000", "0.0.0.0:0", 7, 9)];
    lookup.source_mut().holders = HashMap::from([(
        9,
        vec![ProcessInfo {
            pid: 77,
            name: "app".into(),
        }],
    )]);
    let key = SocketKey::new(UDP, addr("192.0.2.2:6000"), addr("198.51.100.7:53"));
    let soon = start + Duration::from_millis(1);
    assert_eq!(
        found(&lookup.lookup_at(&key, soon, Side::Destination)).0,
        77
    );
    assert_eq!(scans.get(), 2);
    // Its next packets are answered from the snapshot.
    for _ in 0..10 {
        assert_eq!(
            found(&lookup.lookup_at(&key, soon, Side::Destination)).0,
            77
        );
    }
    assert_eq!(scans.get(), 2);
}

#[test]
fn an_owner_hidden_by_permissions_is_not_permitted() {
    let (mut source, _) = counting(
        vec![entry(TCP, "0.0.0.0:22", "0.0.0.0:0", tcp_state::LISTEN, 3)],
        &[],
    );
    source.unreadable = 1;
    let mut lookup = ProcessLookup::new(source);
    let key = SocketKey::new(TCP, addr("192.0.2.2:22"), addr("198.51.100.7:5555"));
    assert_eq!(lookup.lookup(&key), Outcome::Unknown(Reason::NotPermitted));
}
