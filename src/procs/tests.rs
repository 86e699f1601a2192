//! Process lookup tests: the /proc parsers on lines copied from a real machine's /proc/net, the
//! matching and the cache over fake proc trees built in a temp directory, and the rescan rate
//! limit over a fake source that counts its scans.

use super::linux::{
    parse_comm, parse_fib_trie, parse_if_inet6, parse_socket_address, parse_socket_link,
    parse_socket_table,
};
use super::lookup::Receiving;
use super::*;
use std::cell::Cell;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::path::Path;
use std::rc::Rc;
use std::time::{Duration, Instant};

fn addr(text: &str) -> SocketAddr {
    text.parse().expect("a socket address")
}

// ---------------------------------------------------------------------------------------------
// Parsers, on real content. These lines were copied from an x86_64 Linux machine's /proc/net
// files while a Python script held the sockets named in each comment.
// ---------------------------------------------------------------------------------------------

/// /proc/net/tcp: a listener on 192.0.2.2:40003, a TIME_WAIT, two ends of one connection.
const REAL_TCP: &str = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   1: 020200C0:9C43 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 44720 1 0000000068fdc144 100 0 0 10 0
   2: 0100007F:AD70 0100007F:9C41 06 00000000:00000000 03:000016F1 00000000     0        0 0 3 00000000b992a437
   3: 0100007F:AD7C 0100007F:9C41 01 00000000:00000000 00:00000000 00000000     0        0 44715 2 0000000049a8795e 20 0 0 10 -1
   5: 020200C0:9C43 020200C0:936E 01 00000000:00000000 00:00000000 00000000     0        0 44722 1 0000000075b3372f 20 0 0 10 -1
";

/// /proc/net/tcp6: a dual-stack listener on [::]:40001, a listener on [fd00::2]:40002, and the
/// server end of an IPv4 connection accepted by the dual-stack listener (mapped addresses).
const REAL_TCP6: &str = "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:9C41 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 44714 1 00000000d71fcc2e 100 0 0 10 0
   1: 000000FD000000000000000002000000:9C42 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 44717 1 000000003584c304 100 0 0 10 0
   2: 000000FD000000000000000002000000:9C42 000000FD000000000000000002000000:C814 01 00000000:00000000 00:00000000 00000000     0        0 44719 1 0000000009140bc9 20 0 0 10 -1
   5: 0000000000000000FFFF00000100007F:9C41 0000000000000000FFFF00000100007F:AD7C 01 00000000:00000000 00:00000000 00000000     0        0 44716 1 00000000e3452672 20 0 0 10 -1
";

/// /proc/net/udp: an unconnected socket on 0.0.0.0:40004 and a connected one.
const REAL_UDP: &str = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
 9893: 00000000:9C44 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 44723 2 000000000a2685f9 0
 9894: 0100007F:9C45 0100007F:9C44 01 00000000:00000000 00:00000000 00000000     0        0 44724 2 000000007af7067c 0
";

/// /proc/net/udp6: a socket on the link-local fe80::fc:ff:fe00:1 and one on [::].
const REAL_UDP6: &str = "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
 9895: 000080FE00000000FF00FC00010000FE:9C46 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 44725 2 000000002cfc386b 0
 9896: 00000000000000000000000000000000:9C47 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 44727 2 000000005f27b102 0
";

const REAL_IF_INET6: &str = "fd000000000000000000000000000002 04 40 00 82     eth0
00000000000000000000000000000001 01 80 10 80       lo
fe8000000000000000fc00fffe000001 04 40 20 80     eth0
";

const REAL_FIB_TRIE: &str = "Main:
  +-- 0.0.0.0/0 3 0 5
     |-- 0.0.0.0
        /0 universe UNICAST
     +-- 127.0.0.0/8 2 0 2
        +-- 127.0.0.0/31 1 0 0
           |-- 127.0.0.0
              /8 host LOCAL
           |-- 127.0.0.1
              /32 host LOCAL
        |-- 127.255.255.255
           /32 link BROADCAST
     +-- 192.0.2.0/24 2 0 2
        +-- 192.0.2.0/30 2 0 2
           |-- 192.0.2.0
              /24 link UNICAST
           |-- 192.0.2.2
              /32 host LOCAL
        |-- 192.0.2.255
           /32 link BROADCAST
Local:
  +-- 0.0.0.0/0 3 0 5
     |-- 0.0.0.0
        /0 universe UNICAST
     +-- 127.0.0.0/8 2 0 2
        +-- 127.0.0.0/31 1 0 0
           |-- 127.0.0.0
              /8 host LOCAL
           |-- 127.0.0.1
              /32 host LOCAL
        |-- 127.255.255.255
           /32 link BROADCAST
     +-- 192.0.2.0/24 2 0 2
        +-- 192.0.2.0/30 2 0 2
           |-- 192.0.2.0
              /24 link UNICAST
           |-- 192.0.2.2
              /32 host LOCAL
        |-- 192.0.2.255
           /32 link BROADCAST
";

#[cfg(target_endian = "little")]
#[test]
fn socket_addresses_decode_as_the_kernel_prints_them_on_little_endian_machines() {
    let cases = [
        ("0100007F:9C41", "127.0.0.1:40001"),
        ("020200C0:9C43", "192.0.2.2:40003"),
        ("00000000:0000", "0.0.0.0:0"),
        ("000000FD000000000000000002000000:9C42", "[fd00::2]:40002"),
        (
            "000080FE00000000FF00FC00010000FE:9C46",
            "[fe80::fc:ff:fe00:1]:40006",
        ),
        ("00000000000000000000000001000000:0016", "[::1]:22"),
        ("00000000000000000000000000000000:0000", "[::]:0"),
        // IPv4-mapped: a dual-stack socket talking to an IPv4 peer comes back as plain IPv4.
        ("0000000000000000FFFF00000100007F:9C41", "127.0.0.1:40001"),
    ];
    for (hex, expected) in cases {
        assert_eq!(parse_socket_address(hex), Some(addr(expected)), "{hex}");
    }
}

#[cfg(target_endian = "little")]
#[test]
fn real_socket_tables_parse_row_by_row() {
    let tcp = parse_socket_table(REAL_TCP, Transport::Tcp);
    assert_eq!(tcp.len(), 4);
    assert_eq!(
        tcp[0],
        SocketEntry {
            transport: Transport::Tcp,
            local: addr("192.0.2.2:40003"),
            remote: addr("0.0.0.0:0"),
            state: tcp_state::LISTEN,
            uid: 0,
            inode: 44720,
        }
    );
    assert_eq!(tcp[1].state, tcp_state::TIME_WAIT);
    assert_eq!(tcp[1].inode, 0);
    assert_eq!(tcp[2].local, addr("127.0.0.1:44412"));
    assert_eq!(tcp[2].remote, addr("127.0.0.1:40001"));

    let tcp6 = parse_socket_table(REAL_TCP6, Transport::Tcp);
    assert_eq!(tcp6.len(), 4);
    assert_eq!(tcp6[0].local, addr("[::]:40001"));
    assert_eq!(tcp6[2].remote, addr("[fd00::2]:51220"));
    assert_eq!(
        tcp6[3].local,
        addr("127.0.0.1:40001"),
        "mapped becomes IPv4"
    );
    assert_eq!(tcp6[3].remote, addr("127.0.0.1:44412"));
    assert_eq!(tcp6[3].inode, 44716);

    let udp = parse_socket_table(REAL_UDP, Transport::Udp);
    assert_eq!(udp.len(), 2);
    assert_eq!(udp[0].state, tcp_state::CLOSE);
    assert_eq!(udp[1].remote, addr("127.0.0.1:40004"));
    let udp6 = parse_socket_table(REAL_UDP6, Transport::Udp);
    assert_eq!(udp6[0].local, addr("[fe80::fc:ff:fe00:1]:40006"));
    assert_eq!(udp6[1].inode, 44727);
}

#[test]
fn host_addresses_come_from_if_inet6_and_fib_trie() {
    assert_eq!(
        parse_if_inet6(REAL_IF_INET6),
        vec![
            "fd00::2".parse::<Ipv6Addr>().unwrap(),
            Ipv6Addr::LOCALHOST,
            "fe80::fc:ff:fe00:1".parse().unwrap(),
        ]
    );
    let (local, broadcast) = parse_fib_trie(REAL_FIB_TRIE);
    assert_eq!(
        local,
        vec![Ipv4Addr::new(127, 0, 0, 1), Ipv4Addr::new(192, 0, 2, 2)]
    );
    assert_eq!(
        broadcast,
        vec![
            Ipv4Addr::new(127, 255, 255, 255),
            Ipv4Addr::new(192, 0, 2, 255)
        ]
    );
}

#[test]
fn fd_links_and_comm() {
    assert_eq!(parse_socket_link("socket:[44714]"), Some(44714));
    assert_eq!(parse_socket_link("pipe:[44714]"), None);
    assert_eq!(parse_socket_link("/dev/null"), None);
    assert_eq!(parse_socket_link("socket:[]"), None);
    assert_eq!(parse_socket_link("socket:[99999999999999999999999]"), None);
    assert_eq!(parse_comm(b"curl\n"), "curl");
    assert_eq!(
        parse_comm(b"evil\x1b[2Jname\n"),
        "evil\x1b[2Jname",
        "stored raw"
    );
    assert_eq!(parse_comm(b"\xff\xfe\n"), "\u{FFFD}\u{FFFD}");
}

#[test]
fn odd_table_lines_are_skipped_without_panicking() {
    let odd = "header\n\
        \n\
        garbage\n\
        0: 0100007F:0050\n\
        0: 0100007F:0050 00000000:0000 0A 0 0 0 0 0 12\n\
        1: ZZ00007F:0050 00000000:0000 0A 0 0 0 0 0 12\n\
        2: 0100007F:10000 00000000:0000 0A 0 0 0 0 0 12\n\
        3: 0100007F0:0050 00000000:0000 0A 0 0 0 0 0 12\n\
        4: éé0007F:0050 00000000:0000 0A 0 0 0 0 0 12\n\
        5: 0100007F:0050 00000000:0000 0A 0 0 0 -1 0 12\n\
        6: 0100007F:0050 00000000:0000 0A 0 0 0 0 0 184467440737095516160\n\
        7: 0100007F 00000000:0000 0A 0 0 0 0 0 12\n\
        8: 0100007F:0050 00000000:0000 1FF 0 0 0 0 0 12\n\
        9: 0100007F:0050 00000000:0000 0A 0 0 0 1000 0 12 more fields here\n";
    let parsed = parse_socket_table(odd, Transport::Tcp);
    assert_eq!(parsed.len(), 2, "{parsed:?}");
    assert_eq!(parsed[1].uid, 1000);

    // Pseudo-random bytes shaped like table rows never panic.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let alphabet = b"0123456789ABCDEFabcdef:[] \n\t-xZ\xc3\xa9";
    for _ in 0..2000 {
        let mut bytes = Vec::new();
        for _ in 0..(state % 120) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            bytes.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse_socket_table(&format!("h\n{text}"), Transport::Udp);
        let _ = parse_fib_trie(&text);
        let _ = parse_if_inet6(&text);
        let _ = parse_socket_address(&text);
    }
}

// ---------------------------------------------------------------------------------------------
// Fake proc trees.
// ---------------------------------------------------------------------------------------------

/// A temp directory removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("portlens-procs-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // A directory made unreadable by a test must be readable again to be removed.
        fn open_up(path: &Path) {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755));
            if let Ok(entries) = std::fs::read_dir(path) {
                for entry in entries.flatten() {
                    if entry.file_type().is_ok_and(|t| t.is_dir()) {
                        open_up(&entry.path());
                    }
                }
            }
        }
        open_up(&self.0);
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An address as the kernel prints it in the socket tables: 32-bit words in host byte order.
fn kernel_hex(address: SocketAddr) -> String {
    let words: String = match address.ip() {
        IpAddr::V4(v4) => format!("{:08X}", u32::from_ne_bytes(v4.octets())),
        IpAddr::V6(v6) => v6
            .octets()
            .chunks(4)
            .map(|word| format!("{:08X}", u32::from_ne_bytes(word.try_into().unwrap())))
            .collect(),
    };
    format!("{words}:{:04X}", address.port())
}

/// One row to write into a fake table.
struct Row {
    table: &'static str,
    local: &'static str,
    remote: &'static str,
    state: u8,
    inode: u64,
}

fn row(
    table: &'static str,
    local: &'static str,
    remote: &'static str,
    state: u8,
    inode: u64,
) -> Row {
    Row {
        table,
        local,
        remote,
        state,
        inode,
    }
}

/// Builds a fake proc tree: socket tables, host addresses, processes with their fds.
struct FakeProc {
    dir: TempDir,
}

impl FakeProc {
    fn new(tag: &str) -> FakeProc {
        let fake = FakeProc {
            dir: TempDir::new(tag),
        };
        std::fs::create_dir_all(fake.root().join("net")).unwrap();
        fake.set_sockets(&[]);
        std::fs::write(fake.root().join("net/if_inet6"), REAL_IF_INET6).unwrap();
        std::fs::write(fake.root().join("net/fib_trie"), REAL_FIB_TRIE).unwrap();
        fake
    }

    fn root(&self) -> &Path {
        &self.dir.0
    }

    fn source(&self) -> LinuxProcs {
        LinuxProcs::with_root(self.root())
    }

    /// Rewrites all four tables with these rows.
    fn set_sockets(&self, rows: &[Row]) {
        for table in ["tcp", "tcp6", "udp", "udp6"] {
            let mut text = String::from(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n",
            );
            for (n, r) in rows.iter().filter(|r| r.table == table).enumerate() {
                text.push_str(&format!(
                    "{n:4}: {} {} {:02X} 00000000:00000000 00:00000000 00000000  1000        0 {} 1 0000000000000000 100 0 0 10 0\n",
                    kernel_hex(addr(r.local)),
                    kernel_hex(addr(r.remote)),
                    r.state,
                    r.inode
                ));
            }
            std::fs::write(self.root().join("net").join(table), text).unwrap();
        }
    }

    /// A process holding these socket inodes (plus a pipe and /dev/null, as real ones do).
    fn add_process(&self, pid: u32, name: &str, inodes: &[u64]) {
        let dir = self.root().join(pid.to_string());
        let fd = dir.join("fd");
        std::fs::create_dir_all(&fd).unwrap();
        std::fs::write(dir.join("comm"), format!("{name}\n")).unwrap();
        std::os::unix::fs::symlink("/dev/null", fd.join("0")).unwrap();
        std::os::unix::fs::symlink("pipe:[777]", fd.join("1")).unwrap();
        for (n, inode) in inodes.iter().enumerate() {
            std::os::unix::fs::symlink(format!("socket:[{inode}]"), fd.join((n + 3).to_string()))
                .unwrap();
        }
    }

    fn remove_process(&self, pid: u32) {
        std::fs::remove_dir_all(self.root().join(pid.to_string())).unwrap();
    }
}

fn found(outcome: &Outcome) -> (u32, &str, SocketKind) {
    match outcome {
        Outcome::Found(owner) => (owner.process.pid, owner.process.name.as_str(), owner.socket),
        Outcome::Unknown(reason) => panic!("expected an owner, got {reason:?}"),
    }
}

fn packet(transport: Transport, source: &str, destination: &str) -> PacketEnds {
    PacketEnds {
        transport,
        source: addr(source),
        destination: addr(destination),
    }
}

const TCP: Transport = Transport::Tcp;
const UDP: Transport = Transport::Udp;

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

// ---------------------------------------------------------------------------------------------
// The cache and its rate limit, over a fake source.
// ---------------------------------------------------------------------------------------------

/// A source whose tables the test sets directly and which counts how often it is read.
struct CountingSource {
    sockets: Vec<SocketEntry>,
    holders: HashMap<u64, Vec<ProcessInfo>>,
    unreadable: usize,
    reader_uid: Option<u32>,
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

fn counting(
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

fn entry(transport: Transport, local: &str, remote: &str, state: u8, inode: u64) -> SocketEntry {
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
            lookup.lookup_at(&key, at, Receiving::Yes),
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
        lookup.lookup_at(&remote, start + Duration::from_secs(60), Receiving::Yes),
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
            lookup.lookup_at(&key, at, Receiving::Yes),
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
        assert_eq!(found(&lookup.lookup_at(&key, at, Receiving::Yes)).0, 42);
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
    let outcome = lookup.lookup_at(&key, start + DEFAULT_MAX_AGE, Receiving::Yes);
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
        lookup.lookup_at(&earlier, start, Receiving::Yes),
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
    assert_eq!(found(&lookup.lookup_at(&key, soon, Receiving::Yes)).0, 77);
    assert_eq!(scans.get(), 2);
    // Its next packets are answered from the snapshot.
    for _ in 0..10 {
        assert_eq!(found(&lookup.lookup_at(&key, soon, Receiving::Yes)).0, 77);
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
    for reason in crate::test_fixtures::REASONS {
        assert_eq!(serde_json::to_value(reason).unwrap(), reason.as_str());
    }
}

#[test]
fn packet_ends_from_a_decoded_frame() {
    use crate::capture::LinkType;
    use crate::test_fixtures::SYN;
    let ends = PacketEnds::from_dissection(&crate::decode::decode(LinkType::Ethernet, &SYN));
    assert_eq!(ends, Some(packet(TCP, "127.0.0.1:55920", "127.0.0.1:80")));
    let ends = ends.unwrap();
    assert_eq!(ends.destination_socket().local_port, 80);
    assert_eq!(ends.source_socket().remote_port, 80);
    // Cut before the TCP ports: no ends.
    let cut = crate::decode::decode(LinkType::Ethernet, &SYN[..36]);
    assert_eq!(PacketEnds::from_dissection(&cut), None);
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
