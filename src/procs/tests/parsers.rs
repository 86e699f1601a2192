//! The /proc parsers, on real content: socket tables, host addresses (if_inet6, fib_trie), fd
//! links and comm, and odd lines that must be skipped without panicking.

use super::super::linux::{
    parse_comm, parse_fib_trie, parse_if_inet6, parse_socket_address, parse_socket_link,
    parse_socket_table,
};
use super::*;
use std::net::{Ipv4Addr, Ipv6Addr};

// Parsers, on real content. These lines were copied from an x86_64 Linux machine's /proc/net
// files while a Python script held the sockets named in each comment.

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

pub(super) const REAL_IF_INET6: &str = "fd000000000000000000000000000002 04 40 00 82     eth0
00000000000000000000000000000001 01 80 10 80       lo
fe8000000000000000fc00fffe000001 04 40 20 80     eth0
";

pub(super) const REAL_FIB_TRIE: &str = "Main:
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
