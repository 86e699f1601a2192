//! Process lookup tests: the /proc parsers on lines copied from a real machine's /proc/net
//! (`tests/parsers.rs`), the matching over fake proc trees built in a temp directory
//! (`tests/fake_proc.rs`, `tests/matching.rs`), and the cache and its rescan rate limit over a
//! fake source that counts its scans (`tests/cache.rs`); here, the helpers they share and the
//! tests of what the lookup hands on.

mod cache;
mod fake_proc;
mod matching;
mod parsers;

use super::*;
use crate::knowledge::Side;
use cache::{counting, entry};

fn addr(text: &str) -> SocketAddr {
    text.parse().expect("a socket address")
}

fn found(outcome: &Outcome) -> (u32, &str, SocketKind) {
    match outcome {
        Outcome::Found(owner) => (owner.process.pid, owner.process.name.as_str(), owner.socket),
        Outcome::Unknown(reason) => panic!("expected an owner, got {reason:?}"),
    }
}

fn packet(transport: Transport, source: &str, destination: &str) -> Connection {
    Connection {
        transport,
        source: addr(source).into(),
        destination: addr(destination).into(),
    }
}

const TCP: Transport = Transport::Tcp;
const UDP: Transport = Transport::Udp;
#[test]
fn outcomes_serialize_as_flat_json() {
    let owner = Outcome::Found(Owner {
        process: ProcessInfo {
            pid: 4242,
            name: "curl".into(),
        },
        shared_with: vec![],
        socket: SocketKind::Connected,
        inode: 123,
    });
    assert_eq!(
        serde_json::to_string(&owner).unwrap(),
        r#"{"status":"found","pid":4242,"name":"curl","socket":"connected","inode":123,"shared_with":[]}"#
    );
    let owners = PacketOwners {
        source: Outcome::Unknown(Reason::NotLocal),
        destination: Outcome::Unknown(Reason::NotPermitted),
    };
    assert_eq!(
        serde_json::to_string(&owners).unwrap(),
        r#"{"source":{"status":"unknown","reason":"not_local"},"destination":{"status":"unknown","reason":"not_permitted"}}"#
    );
    for reason in crate::procs::ALL_REASONS {
        assert_eq!(serde_json::to_value(reason).unwrap(), reason.as_str());
    }
}

#[test]
fn packet_ends_from_a_decoded_frame() {
    use crate::capture::LinkType;
    use crate::test_fixtures::SYN;
    let ends = crate::decode::decode(LinkType::Ethernet, &SYN).connection();
    assert_eq!(ends, Some(packet(TCP, "127.0.0.1:55920", "127.0.0.1:80")));
    let ends = ends.unwrap();
    assert_eq!(SocketKey::of_destination(&ends).local_port, 80);
    assert_eq!(SocketKey::of_source(&ends).remote_port, 80);
    // Cut before the TCP ports: no ends.
    let cut = crate::decode::decode(LinkType::Ethernet, &SYN[..36]);
    assert_eq!(cut.connection(), None);
}

#[test]
fn an_ipv4_listener_beats_a_dual_stack_one_whatever_the_table_order() {
    // Listed IPv6 first, as a fake source may: the IPv4 socket must still win for IPv4.
    let (source, _) = counting(
        vec![
            entry(TCP, "[::]:443", "[::]:0", tcp_state::LISTEN, 3),
            entry(TCP, "0.0.0.0:443", "0.0.0.0:0", tcp_state::LISTEN, 2),
        ],
        &[(2, 20, "v4-server"), (3, 30, "v6-server")],
    );
    let mut lookup = ProcessLookup::new(source);
    let v4 = SocketKey::new(TCP, addr("192.0.2.2:443"), addr("198.51.100.7:5555"));
    assert_eq!(found(&lookup.lookup(&v4)).0, 20);
    let v6 = SocketKey::new(TCP, addr("[::1]:443"), addr("[::1]:5555"));
    assert_eq!(found(&lookup.lookup(&v6)).0, 30);
}

#[test]
fn keys_built_by_hand_with_mapped_addresses_still_match() {
    let (source, _) = counting(
        vec![entry(TCP, "192.0.2.2:8080", "198.51.100.7:41000", 1, 4)],
        &[(4, 44, "server")],
    );
    let mut lookup = ProcessLookup::new(source);
    let key = SocketKey {
        transport: TCP,
        local_address: "::ffff:192.0.2.2".parse().unwrap(),
        local_port: 8080,
        remote_address: "::ffff:198.51.100.7".parse().unwrap(),
        remote_port: 41000,
    };
    assert_eq!(found(&lookup.lookup(&key)).0, 44);
}

#[test]
fn another_users_socket_without_a_visible_holder_is_not_permitted() {
    // /proc mounted with hidepid: other users' processes are simply absent, nothing is denied.
    let mut root_socket = entry(TCP, "0.0.0.0:22", "0.0.0.0:0", tcp_state::LISTEN, 3);
    root_socket.uid = 0;
    let own_socket = entry(TCP, "0.0.0.0:8000", "0.0.0.0:0", tcp_state::LISTEN, 4);
    let (mut source, _) = counting(vec![root_socket, own_socket], &[]);
    source.reader_uid = Some(1000);
    let mut lookup = ProcessLookup::new(source);
    let ssh = SocketKey::new(TCP, addr("192.0.2.2:22"), addr("198.51.100.7:5555"));
    assert_eq!(lookup.lookup(&ssh), Outcome::Unknown(Reason::NotPermitted));
    let mine = SocketKey::new(TCP, addr("192.0.2.2:8000"), addr("198.51.100.7:5555"));
    assert_eq!(
        lookup.lookup(&mine),
        Outcome::Unknown(Reason::OwnerNotVisible)
    );
    // Root sees every process of its PID namespace: a missing holder is elsewhere.
    lookup.source_mut().reader_uid = Some(0);
    lookup.refresh().unwrap();
    assert_eq!(
        lookup.lookup(&ssh),
        Outcome::Unknown(Reason::OwnerNotVisible)
    );
}

#[test]
fn the_reader_is_known_on_the_real_proc() {
    let scan = LinuxProcs::new().owners().expect("/proc is readable");
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let effective: u32 = status
        .lines()
        .find_map(|line| line.strip_prefix("Uid:"))
        .and_then(|ids| ids.split_whitespace().nth(1))
        .and_then(|uid| uid.parse().ok())
        .expect("an effective uid");
    assert_eq!(scan.reader_uid, Some(effective));
}

#[test]
fn reasons_lists_every_reason() {
    // One arm per reason: a new reason makes this match fail to compile, so ALL_REASONS grows with it.
    let index = |reason: Reason| match reason {
        Reason::NotLocal => 0,
        Reason::NoSocket => 1,
        Reason::NoOwner => 2,
        Reason::NotPermitted => 3,
        Reason::OwnerNotVisible => 4,
        Reason::OfflineFile => 5,
        Reason::Unavailable => 6,
    };
    let mut listed = [false; ALL_REASONS.len()];
    for reason in ALL_REASONS {
        listed[index(reason)] = true;
    }
    assert!(listed.iter().all(|&l| l), "ALL_REASONS misses a reason");
}
