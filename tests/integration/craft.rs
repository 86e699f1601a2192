//! Crafted captures for the hardening tests, built byte by byte: classic pcap files (to write, or
//! to take apart and damage), pcapng files with any blocks, and Ethernet/IPv4 frames carrying TCP
//! or UDP with any payload. Checksums are left at zero: no reader here checks them.

#![allow(dead_code)]

use std::net::Ipv4Addr;

/// The link-type field of Ethernet captures.
pub const ETHERNET: u32 = 1;
/// The link-type field of raw IP captures.
pub const RAW_IP: u32 = 101;

/// One record of a classic pcap file: its 16-byte header fields and its bytes.
#[derive(Debug, Clone)]
pub struct Record {
    pub seconds: u32,
    pub fraction: u32,
    pub captured_length: u32,
    pub original_length: u32,
    pub data: Vec<u8>,
}

impl Record {
    /// A record holding all of `data`, at `seconds`.
    pub fn whole(seconds: u32, data: Vec<u8>) -> Record {
        Record {
            seconds,
            fraction: 0,
            captured_length: data.len() as u32,
            original_length: data.len() as u32,
            data,
        }
    }

    /// The record as it is written: header, then bytes.
    pub fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + self.data.len());
        for field in [
            self.seconds,
            self.fraction,
            self.captured_length,
            self.original_length,
        ] {
            out.extend_from_slice(&field.to_le_bytes());
        }
        out.extend_from_slice(&self.data);
        out
    }
}

/// A little-endian, microsecond classic pcap file header.
pub fn pcap_header(snaplen: u32, link_type_field: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(24);
    out.extend_from_slice(&0xa1b2_c3d4u32.to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&4u16.to_le_bytes());
    out.extend_from_slice(&[0; 8]);
    out.extend_from_slice(&snaplen.to_le_bytes());
    out.extend_from_slice(&link_type_field.to_le_bytes());
    out
}

/// A whole classic pcap file.
pub fn classic_pcap(snaplen: u32, link_type_field: u32, records: &[Record]) -> Vec<u8> {
    let mut out = pcap_header(snaplen, link_type_field);
    for record in records {
        out.extend_from_slice(&record.bytes());
    }
    out
}

/// Takes a little-endian classic pcap file apart (as the samples are written): its header and
/// its records.
pub fn parse_classic(bytes: &[u8]) -> (Vec<u8>, Vec<Record>) {
    assert_eq!(
        &bytes[..4],
        &0xa1b2_c3d4u32.to_le_bytes(),
        "a little-endian µs pcap"
    );
    let field = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    let mut records = Vec::new();
    let mut at = 24;
    while at + 16 <= bytes.len() {
        let captured_length = field(at + 8);
        let end = at + 16 + captured_length as usize;
        records.push(Record {
            seconds: field(at),
            fraction: field(at + 4),
            captured_length,
            original_length: field(at + 12),
            data: bytes[at + 16..end].to_vec(),
        });
        at = end;
    }
    (bytes[..24].to_vec(), records)
}

/// A pcapng block: type, total length, body padded to 4 bytes, total length again.
pub fn pcapng_block(block_type: u32, body: &[u8]) -> Vec<u8> {
    let padded = body.len().div_ceil(4) * 4;
    let total = (12 + padded) as u32;
    let mut out = Vec::with_capacity(total as usize);
    out.extend_from_slice(&block_type.to_le_bytes());
    out.extend_from_slice(&total.to_le_bytes());
    out.extend_from_slice(body);
    out.resize(8 + padded, 0);
    out.extend_from_slice(&total.to_le_bytes());
    out
}

/// A section header block and one Ethernet interface description block.
pub fn pcapng_start() -> Vec<u8> {
    let mut section = Vec::new();
    section.extend_from_slice(&0x1a2b_3c4du32.to_le_bytes());
    section.extend_from_slice(&1u16.to_le_bytes());
    section.extend_from_slice(&0u16.to_le_bytes());
    section.extend_from_slice(&(-1i64).to_le_bytes());
    let mut out = pcapng_block(0x0a0d_0d0a, &section);
    let mut interface = Vec::new();
    interface.extend_from_slice(&1u16.to_le_bytes());
    interface.extend_from_slice(&0u16.to_le_bytes());
    interface.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&pcapng_block(1, &interface));
    out
}

/// An enhanced packet block on interface 0 for `record` (microsecond timestamps).
pub fn pcapng_packet(record: &Record) -> Vec<u8> {
    let micros = u64::from(record.seconds) * 1_000_000 + u64::from(record.fraction);
    let mut body = Vec::new();
    body.extend_from_slice(&0u32.to_le_bytes());
    body.extend_from_slice(&((micros >> 32) as u32).to_le_bytes());
    body.extend_from_slice(&(micros as u32).to_le_bytes());
    body.extend_from_slice(&record.captured_length.to_le_bytes());
    body.extend_from_slice(&record.original_length.to_le_bytes());
    body.extend_from_slice(&record.data);
    pcapng_block(6, &body)
}

/// The two ends of a conversation.
#[derive(Debug, Clone, Copy)]
pub struct Ends {
    pub client: (Ipv4Addr, u16),
    pub server: (Ipv4Addr, u16),
}

/// TCP flag bits.
pub const SYN: u8 = 0x02;
pub const ACK: u8 = 0x10;
pub const PSH: u8 = 0x08;

/// An IPv4 header for `payload_length` bytes of `protocol`.
fn ipv4(source: Ipv4Addr, destination: Ipv4Addr, protocol: u8, payload_length: usize) -> Vec<u8> {
    let total = (20 + payload_length) as u16;
    let mut out = vec![0x45, 0];
    out.extend_from_slice(&total.to_be_bytes());
    out.extend_from_slice(&[0, 1, 0x40, 0, 64, protocol, 0, 0]);
    out.extend_from_slice(&source.octets());
    out.extend_from_slice(&destination.octets());
    out
}

/// An Ethernet II header announcing IPv4.
fn ethernet() -> Vec<u8> {
    let mut out = vec![0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01];
    out.extend_from_slice(&0x0800u16.to_be_bytes());
    out
}

/// A TCP segment from `from` to `to` in an IPv4 packet (no link header).
pub fn ipv4_tcp(
    from: (Ipv4Addr, u16),
    to: (Ipv4Addr, u16),
    flags: u8,
    sequence: u32,
    payload: &[u8],
) -> Vec<u8> {
    let mut out = ipv4(from.0, to.0, 6, 20 + payload.len());
    out.extend_from_slice(&from.1.to_be_bytes());
    out.extend_from_slice(&to.1.to_be_bytes());
    out.extend_from_slice(&sequence.to_be_bytes());
    out.extend_from_slice(&0u32.to_be_bytes());
    out.extend_from_slice(&[0x50, flags, 0xff, 0xff, 0, 0, 0, 0]);
    out.extend_from_slice(payload);
    out
}

/// A TCP segment in an Ethernet frame.
pub fn ethernet_tcp(
    from: (Ipv4Addr, u16),
    to: (Ipv4Addr, u16),
    flags: u8,
    sequence: u32,
    payload: &[u8],
) -> Vec<u8> {
    let mut out = ethernet();
    out.extend_from_slice(&ipv4_tcp(from, to, flags, sequence, payload));
    out
}

/// A UDP datagram in an Ethernet frame.
pub fn ethernet_udp(from: (Ipv4Addr, u16), to: (Ipv4Addr, u16), payload: &[u8]) -> Vec<u8> {
    let mut out = ethernet();
    out.extend_from_slice(&ipv4(from.0, to.0, 17, 8 + payload.len()));
    out.extend_from_slice(&from.1.to_be_bytes());
    out.extend_from_slice(&to.1.to_be_bytes());
    out.extend_from_slice(&((8 + payload.len()) as u16).to_be_bytes());
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(payload);
    out
}

/// A TCP conversation as frames: handshake, then `request` from the client and `reply` from the
/// server (each left out when empty).
pub fn tcp_conversation(ends: Ends, request: &[u8], reply: &[u8]) -> Vec<Vec<u8>> {
    let (c, s) = (ends.client, ends.server);
    let mut frames = vec![
        ethernet_tcp(c, s, SYN, 1000, &[]),
        ethernet_tcp(s, c, SYN | ACK, 5000, &[]),
        ethernet_tcp(c, s, ACK, 1001, &[]),
    ];
    if !request.is_empty() {
        frames.push(ethernet_tcp(c, s, PSH | ACK, 1001, request));
    }
    if !reply.is_empty() {
        frames.push(ethernet_tcp(s, c, PSH | ACK, 5001, reply));
    }
    frames
}

/// A DNS query for `name` (labels split at dots; any bytes allowed inside a label), type A.
pub fn dns_query(name: &[u8]) -> Vec<u8> {
    let mut out = vec![0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
    for label in name.split(|b| *b == b'.') {
        out.push(label.len() as u8);
        out.extend_from_slice(label);
    }
    out.extend_from_slice(&[0, 0, 1, 0, 1]);
    out
}

/// A TLS 1.2-framed ClientHello offering TLS 1.3, with `server_name` as its SNI.
pub fn tls_client_hello(server_name: &[u8]) -> Vec<u8> {
    let mut sni = Vec::new();
    sni.extend_from_slice(&((server_name.len() + 3) as u16).to_be_bytes());
    sni.push(0); // host_name
    sni.extend_from_slice(&(server_name.len() as u16).to_be_bytes());
    sni.extend_from_slice(server_name);
    let mut extensions = Vec::new();
    extensions.extend_from_slice(&0u16.to_be_bytes()); // server_name
    extensions.extend_from_slice(&(sni.len() as u16).to_be_bytes());
    extensions.extend_from_slice(&sni);
    extensions.extend_from_slice(&[0x00, 0x2b, 0x00, 0x03, 0x02, 0x03, 0x04]); // versions
    let mut hello = vec![0x03, 0x03];
    hello.extend_from_slice(&[0x5a; 32]); // random
    hello.push(0); // session id
    hello.extend_from_slice(&[0x00, 0x02, 0x13, 0x01]); // TLS_AES_128_GCM_SHA256
    hello.extend_from_slice(&[0x01, 0x00]); // no compression
    hello.extend_from_slice(&(extensions.len() as u16).to_be_bytes());
    hello.extend_from_slice(&extensions);
    let mut handshake = vec![0x01];
    handshake.extend_from_slice(&(hello.len() as u32).to_be_bytes()[1..]);
    handshake.extend_from_slice(&hello);
    let mut record = vec![0x16, 0x03, 0x01];
    record.extend_from_slice(&(handshake.len() as u16).to_be_bytes());
    record.extend_from_slice(&handshake);
    record
}
