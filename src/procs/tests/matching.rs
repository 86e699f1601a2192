//! Matching over fake proc trees: a packet's ends found at the local sockets, IPv4 and IPv6,
//! mapped addresses, listeners bound to the unspecified address, UDP delivery, sockets without or
//! with several owners, and what /proc cannot tell.

use super::fake_proc::{FakeProc, TempDir, row};
use super::*;
use std::net::Ipv4Addr;
use std::time::Instant;

#[test]
fn ipv4_connection_found_at_the_local_end_only() {
    let fake = FakeProc::new("ipv4");
    fake.set_sockets(&[row("tcp", "192.0.2.2:52814", "198.51.100.7:80", 1, 100)]);
    fake.add_process(4242, "curl", &[100]);
    let mut lookup = ProcessLookup::new(fake.source());

    // The server's answer arrives: the destination is this host's curl.
    let owners = lookup.lookup_packet(&packet(TCP, "198.51.100.7:80", "192.0.2.2:52814"));
    assert_eq!(
        found(&owners.destination),
        (4242, "curl", SocketKind::Connected)
    );
    assert_eq!(owners.source, Outcome::Unknown(Reason::NotLocal));
    // curl's request leaves: now the source is local.
    let owners = lookup.lookup_packet(&packet(TCP, "192.0.2.2:52814", "198.51.100.7:80"));
    assert_eq!(found(&owners.source).0, 4242);
    assert_eq!(owners.destination, Outcome::Unknown(Reason::NotLocal));
    // The same ports, another peer: not this connection, and nobody listens on 52814.
    let owners = lookup.lookup_packet(&packet(TCP, "198.51.100.8:80", "192.0.2.2:52814"));
    assert_eq!(owners.destination, Outcome::Unknown(Reason::NoSocket));
    // UDP port 52814 is another port.
    let owners = lookup.lookup_packet(&packet(UDP, "198.51.100.7:80", "192.0.2.2:52814"));
    assert_eq!(owners.destination, Outcome::Unknown(Reason::NoSocket));
    // Two other hosts talking: nothing local.
    let owners = lookup.lookup_packet(&packet(TCP, "198.51.100.7:80", "203.0.113.5:52814"));
    assert_eq!(owners, PacketOwners::unknown(Reason::NotLocal));
}

#[test]
fn ipv6_connection_and_loopback_where_both_ends_are_local() {
    let fake = FakeProc::new("ipv6");
    fake.set_sockets(&[
        row("tcp6", "[fd00::2]:443", "[::]:0", tcp_state::LISTEN, 10),
        row("tcp6", "[fd00::2]:443", "[2001:db8::9]:40000", 1, 11),
        row("tcp6", "[::1]:8080", "[::1]:50000", 1, 20),
        row("tcp6", "[::1]:50000", "[::1]:8080", 1, 21),
    ]);
    fake.add_process(300, "nginx", &[10, 11]);
    fake.add_process(400, "python3", &[20]);
    fake.add_process(500, "wget", &[21]);
    let mut lookup = ProcessLookup::new(fake.source());

    let owners = lookup.lookup_packet(&packet(TCP, "[2001:db8::9]:40000", "[fd00::2]:443"));
    assert_eq!(
        found(&owners.destination),
        (300, "nginx", SocketKind::Connected)
    );
    assert_eq!(owners.source.reason(), Some(Reason::NotLocal));

    let owners = lookup.lookup_packet(&packet(TCP, "[::1]:50000", "[::1]:8080"));
    assert_eq!(found(&owners.source), (500, "wget", SocketKind::Connected));
    assert_eq!(
        found(&owners.destination),
        (400, "python3", SocketKind::Connected)
    );
}

#[test]
fn ipv4_mapped_sockets_match_plain_ipv4_packets() {
    // A dual-stack server (an IPv6 socket) talking to an IPv4 client: /proc lists the accepted
    // socket in tcp6 as ::ffff:192.0.2.2, the wire carries 192.0.2.2.
    let fake = FakeProc::new("mapped");
    fake.set_sockets(&[
        row("tcp6", "[::]:8080", "[::]:0", tcp_state::LISTEN, 30),
        row(
            "tcp6",
            "[::ffff:192.0.2.2]:8080",
            "[::ffff:198.51.100.7]:41000",
            1,
            31,
        ),
        row(
            "udp6",
            "[::ffff:192.0.2.2]:5000",
            "[::ffff:198.51.100.7]:53",
            1,
            32,
        ),
    ]);
    fake.add_process(600, "java", &[30, 31]);
    fake.add_process(601, "resolver", &[32]);
    let mut lookup = ProcessLookup::new(fake.source());

    let owners = lookup.lookup_packet(&packet(TCP, "198.51.100.7:41000", "192.0.2.2:8080"));
    assert_eq!(
        found(&owners.destination),
        (600, "java", SocketKind::Connected)
    );
    assert_eq!(owners.destination.owner().unwrap().inode, 31);
    let owners = lookup.lookup_packet(&packet(UDP, "198.51.100.7:53", "192.0.2.2:5000"));
    assert_eq!(found(&owners.destination).0, 601);
    // Mapped addresses in the key itself are handled too.
    let key = SocketKey::new(
        TCP,
        addr("[::ffff:192.0.2.2]:8080"),
        addr("[::ffff:198.51.100.7]:41000"),
    );
    assert_eq!(key.local_address, IpAddr::V4(Ipv4Addr::new(192, 0, 2, 2)));
    assert_eq!(found(&lookup.lookup(&key)).0, 600);
    // A new IPv4 client reaches the dual-stack listener bound to `::`.
    let owners = lookup.lookup_packet(&packet(TCP, "198.51.100.9:41001", "192.0.2.2:8080"));
    assert_eq!(
        found(&owners.destination),
        (600, "java", SocketKind::Listening)
    );
}

#[test]
fn listeners_bound_to_the_unspecified_address_and_which_one_wins() {
    let fake = FakeProc::new("listen");
    fake.set_sockets(&[
        row("tcp", "0.0.0.0:22", "0.0.0.0:0", tcp_state::LISTEN, 1),
        // nginx with ipv6only: one IPv4 and one IPv6 listener on 443.
        row("tcp", "0.0.0.0:443", "0.0.0.0:0", tcp_state::LISTEN, 2),
        row("tcp6", "[::]:443", "[::]:0", tcp_state::LISTEN, 3),
        // A specific address beats the unspecified one on the same port.
        row("tcp", "127.0.0.1:53", "0.0.0.0:0", tcp_state::LISTEN, 4),
        row("tcp", "0.0.0.0:53", "0.0.0.0:0", tcp_state::LISTEN, 5),
        // Bound but neither listening nor connected: receives nothing.
        row("tcp", "0.0.0.0:9999", "0.0.0.0:0", tcp_state::CLOSE, 6),
    ]);
    fake.add_process(100, "sshd", &[1]);
    fake.add_process(200, "nginx", &[2]);
    fake.add_process(201, "nginx6", &[3]);
    fake.add_process(300, "dnsmasq", &[4]);
    fake.add_process(301, "other-dns", &[5]);
    fake.add_process(400, "bound", &[6]);
    let mut lookup = ProcessLookup::new(fake.source());
    let destination = |lookup: &mut ProcessLookup<LinuxProcs>, from: &str, to: &str| {
        lookup.lookup_packet(&packet(TCP, from, to)).destination
    };

    let ssh = destination(&mut lookup, "198.51.100.7:50000", "192.0.2.2:22");
    assert_eq!(found(&ssh), (100, "sshd", SocketKind::Listening));
    assert_eq!(
        found(&destination(
            &mut lookup,
            "198.51.100.7:50000",
            "192.0.2.2:443"
        ))
        .0,
        200
    );
    assert_eq!(
        found(&destination(
            &mut lookup,
            "[2001:db8::1]:50000",
            "[fd00::2]:443"
        ))
        .0,
        201
    );
    assert_eq!(
        found(&destination(&mut lookup, "127.0.0.1:50000", "127.0.0.1:53")).0,
        300
    );
    assert_eq!(
        found(&destination(
            &mut lookup,
            "198.51.100.7:50000",
            "192.0.2.2:53"
        ))
        .0,
        301
    );
    // 0.0.0.0 is IPv4 only: an IPv6 packet to port 22 finds no socket.
    let ssh6 = destination(&mut lookup, "[2001:db8::1]:50000", "[fd00::2]:22");
    assert_eq!(ssh6, Outcome::Unknown(Reason::NoSocket));
    let bound = destination(&mut lookup, "198.51.100.7:50000", "192.0.2.2:9999");
    assert_eq!(bound, Outcome::Unknown(Reason::NoSocket));
}

#[test]
fn sockets_without_an_owner() {
    let fake = FakeProc::new("noowner");
    fake.set_sockets(&[
        row("tcp", "0.0.0.0:80", "0.0.0.0:0", tcp_state::LISTEN, 7),
        // Complete but not yet accepted: inode 0, waiting in the listener's queue.
        row(
            "tcp",
            "192.0.2.2:80",
            "198.51.100.7:40000",
            tcp_state::ESTABLISHED,
            0,
        ),
        // The server closed this one: TIME_WAIT.
        row(
            "tcp",
            "192.0.2.2:80",
            "198.51.100.7:40001",
            tcp_state::TIME_WAIT,
            0,
        ),
        // A client connection closed by its program.
        row(
            "tcp",
            "192.0.2.2:45000",
            "198.51.100.7:443",
            tcp_state::TIME_WAIT,
            0,
        ),
        // A socket whose holder this view of /proc does not show.
        row("udp", "0.0.0.0:123", "0.0.0.0:0", tcp_state::CLOSE, 8),
    ]);
    fake.add_process(700, "httpd", &[7]);
    let mut lookup = ProcessLookup::new(fake.source());
    let queued = lookup.lookup_packet(&packet(TCP, "198.51.100.7:40000", "192.0.2.2:80"));
    assert_eq!(
        found(&queued.destination),
        (700, "httpd", SocketKind::Listening)
    );
    // Closed by the server a moment ago: the program that took the connection from the
    // listener on port 80 is the one the packet was for, and it still holds the listener.
    let closed = lookup.lookup_packet(&packet(TCP, "198.51.100.7:40001", "192.0.2.2:80"));
    assert_eq!(
        found(&closed.destination),
        (700, "httpd", SocketKind::Listening)
    );
    let client = lookup.lookup_packet(&packet(TCP, "198.51.100.7:443", "192.0.2.2:45000"));
    assert_eq!(client.destination, Outcome::Unknown(Reason::NoOwner));
    let ntp = lookup.lookup_packet(&packet(UDP, "198.51.100.7:123", "192.0.2.2:123"));
    assert_eq!(ntp.destination, Outcome::Unknown(Reason::OwnerNotVisible));
}

#[test]
fn udp_unconnected_connected_broadcast_and_multicast() {
    let fake = FakeProc::new("udp");
    fake.set_sockets(&[
        row("udp", "0.0.0.0:5353", "0.0.0.0:0", tcp_state::CLOSE, 40),
        row("udp", "127.0.0.1:53", "0.0.0.0:0", tcp_state::CLOSE, 41),
        row(
            "udp",
            "192.0.2.2:40000",
            "192.0.2.53:53",
            tcp_state::ESTABLISHED,
            42,
        ),
        row("udp", "0.0.0.0:67", "0.0.0.0:0", tcp_state::CLOSE, 43),
        row("udp6", "[::]:546", "[::]:0", tcp_state::CLOSE, 44),
        row("tcp", "0.0.0.0:67", "0.0.0.0:0", tcp_state::LISTEN, 45),
    ]);
    fake.add_process(800, "avahi-daemon", &[40]);
    fake.add_process(801, "dnsmasq", &[41]);
    fake.add_process(802, "dig", &[42]);
    fake.add_process(803, "dhcpd", &[43]);
    fake.add_process(804, "dhcpcd", &[44]);
    fake.add_process(805, "tcp67", &[45]);
    let mut lookup = ProcessLookup::new(fake.source());
    let mut destination = |from: &str, to: &str, transport: Transport| {
        lookup
            .lookup_packet(&packet(transport, from, to))
            .destination
    };

    assert_eq!(
        found(&destination("192.0.2.9:5353", "224.0.0.251:5353", UDP)),
        (800, "avahi-daemon", SocketKind::Unconnected)
    );
    assert_eq!(
        found(&destination("127.0.0.1:41234", "127.0.0.1:53", UDP)).0,
        801
    );
    assert_eq!(
        found(&destination("192.0.2.53:53", "192.0.2.2:40000", UDP)),
        (802, "dig", SocketKind::Connected)
    );
    // A connected UDP socket hears only its peer.
    assert_eq!(
        destination("192.0.2.54:53", "192.0.2.2:40000", UDP),
        Outcome::Unknown(Reason::NoSocket)
    );
    assert_eq!(
        found(&destination("0.0.0.0:68", "255.255.255.255:67", UDP)).0,
        803
    );
    assert_eq!(
        found(&destination("192.0.2.9:68", "192.0.2.255:67", UDP)).0,
        803
    );
    assert_eq!(
        found(&destination("[fe80::1]:547", "[ff02::1:2]:546", UDP)).0,
        804
    );
    // Broadcast is a UDP idea: no TCP socket receives a packet sent to a broadcast address.
    assert_eq!(
        destination("192.0.2.9:68", "192.0.2.255:67", TCP),
        Outcome::Unknown(Reason::NotLocal)
    );
}

#[test]
fn sockets_shared_by_several_processes() {
    let fake = FakeProc::new("shared");
    fake.set_sockets(&[row("tcp", "0.0.0.0:80", "0.0.0.0:0", tcp_state::LISTEN, 50)]);
    fake.add_process(911, "nginx", &[50]);
    fake.add_process(910, "nginx", &[50, 50]);
    fake.add_process(912, "nginx", &[50]);
    let mut lookup = ProcessLookup::new(fake.source());
    let outcome = lookup
        .lookup_packet(&packet(TCP, "198.51.100.7:1", "192.0.2.2:80"))
        .destination;
    let owner = outcome.owner().expect("found");
    assert_eq!(owner.process.pid, 910);
    let others: Vec<u32> = owner.shared_with.iter().map(|p| p.pid).collect();
    assert_eq!(others, vec![911, 912]);
}

#[test]
fn a_process_that_exits_leaves_no_socket() {
    let fake = FakeProc::new("exit");
    let socket = [row("udp", "192.0.2.2:40000", "192.0.2.53:53", 1, 60)];
    fake.set_sockets(&socket);
    fake.add_process(1000, "dig", &[60]);
    let mut lookup = ProcessLookup::new(fake.source());
    let start = Instant::now();
    let reply = packet(UDP, "192.0.2.53:53", "192.0.2.2:40000");
    assert_eq!(
        found(&lookup.lookup_packet_at(&reply, start).destination).0,
        1000
    );

    fake.remove_process(1000);
    fake.set_sockets(&[]);
    assert_eq!(
        lookup
            .lookup_packet_at(&reply, start + DEFAULT_MAX_AGE)
            .destination,
        Outcome::Unknown(Reason::NoSocket)
    );
}

#[test]
fn unreadable_fd_directories_make_the_owner_not_permitted() {
    use std::os::unix::fs::PermissionsExt;
    let fake = FakeProc::new("perm");
    fake.set_sockets(&[row("tcp", "0.0.0.0:25", "0.0.0.0:0", tcp_state::LISTEN, 70)]);
    fake.add_process(1100, "exim4", &[70]);
    let fd = fake.root().join("1100/fd");
    std::fs::set_permissions(&fd, std::fs::Permissions::from_mode(0o000)).unwrap();
    let outcome = ProcessLookup::new(fake.source())
        .lookup_packet(&packet(TCP, "198.51.100.7:1", "192.0.2.2:25"))
        .destination;
    // Root (or CAP_DAC_READ_SEARCH) reads through the permission bits; anyone else cannot.
    if std::fs::read_dir(&fd).is_ok() {
        assert_eq!(found(&outcome).0, 1100);
    } else {
        assert_eq!(outcome, Outcome::Unknown(Reason::NotPermitted));
    }
}

#[test]
fn a_missing_proc_is_unavailable_with_a_clear_error() {
    let empty = TempDir::new("empty");
    let mut lookup = ProcessLookup::new(LinuxProcs::with_root(&empty.0));
    let outcome = lookup.lookup(&SocketKey::new(
        TCP,
        addr("127.0.0.1:80"),
        addr("127.0.0.1:1"),
    ));
    assert_eq!(outcome, Outcome::Unknown(Reason::Unavailable));
    let message = lookup.last_error().expect("an error").to_string();
    assert!(
        message.contains("net/tcp") && message.contains("Linux"),
        "{message}"
    );
    assert!(lookup.refresh().is_err());
}

#[test]
fn missing_host_address_files_fall_back_to_the_sockets_own_addresses() {
    let fake = FakeProc::new("noaddr");
    std::fs::remove_file(fake.root().join("net/fib_trie")).unwrap();
    std::fs::remove_file(fake.root().join("net/if_inet6")).unwrap();
    std::fs::remove_file(fake.root().join("net/udp6")).unwrap();
    fake.set_sockets(&[
        row("tcp", "10.1.2.3:22", "0.0.0.0:0", tcp_state::LISTEN, 80),
        row("tcp", "0.0.0.0:80", "0.0.0.0:0", tcp_state::LISTEN, 81),
    ]);
    fake.add_process(1200, "sshd", &[80]);
    let mut lookup = ProcessLookup::new(fake.source());
    assert!(lookup.refresh().is_ok());
    assert!(lookup.is_local("10.1.2.3".parse().unwrap()));
    assert!(lookup.is_local("127.0.0.5".parse().unwrap()));
    assert!(lookup.is_local("::ffff:127.0.0.1".parse().unwrap()));
    assert!(!lookup.is_local("192.0.2.2".parse().unwrap()));
    let ssh = lookup.lookup_packet(&packet(TCP, "10.9.9.9:5000", "10.1.2.3:22"));
    assert_eq!(found(&ssh.destination).0, 1200);
}
