//! Conversation tracking tests on segments built with etherparse's packet builder.

use super::*;
use crate::capture::LinkType;
use crate::decode::decode;
use etherparse::PacketBuilder;

const CLIENT: [u8; 4] = [192, 0, 2, 10];
const SERVER: [u8; 4] = [198, 51, 100, 20];
const CLIENT_PORT: u16 = 51234;

/// Builds one TCP segment; `to_server` picks the direction.
struct Segment {
    to_server: bool,
    seq: u32,
    ack: Option<u32>,
    syn: bool,
    fin: bool,
    rst: bool,
    window: u16,
    data: &'static [u8],
}

impl Segment {
    fn new(to_server: bool, seq: u32) -> Segment {
        Segment {
            to_server,
            seq,
            ack: None,
            syn: false,
            fin: false,
            rst: false,
            window: 64_000,
            data: b"",
        }
    }
    fn ack(mut self, ack: u32) -> Segment {
        self.ack = Some(ack);
        self
    }
    fn syn(mut self) -> Segment {
        self.syn = true;
        self
    }
    fn fin(mut self) -> Segment {
        self.fin = true;
        self
    }
    fn rst(mut self) -> Segment {
        self.rst = true;
        self
    }
    fn window(mut self, window: u16) -> Segment {
        self.window = window;
        self
    }
    fn data(mut self, data: &'static [u8]) -> Segment {
        self.data = data;
        self
    }
    fn bytes(&self, server_port: u16) -> Vec<u8> {
        let (src, dst, sport, dport) = if self.to_server {
            (CLIENT, SERVER, CLIENT_PORT, server_port)
        } else {
            (SERVER, CLIENT, server_port, CLIENT_PORT)
        };
        let mut builder = PacketBuilder::ethernet2([2, 0, 0, 0, 0, 1], [2, 0, 0, 0, 0, 2])
            .ipv4(src, dst, 64)
            .tcp(sport, dport, self.seq, self.window);
        if let Some(ack) = self.ack {
            builder = builder.ack(ack);
        }
        if self.syn {
            builder = builder.syn();
        }
        if self.fin {
            builder = builder.fin();
        }
        if self.rst {
            builder = builder.rst();
        }
        let mut out = Vec::new();
        builder.write(&mut out, self.data).expect("build");
        out
    }
}

fn feed(table: &mut ConversationTable, number: u64, segment: Segment) -> PacketContext {
    let bytes = segment.bytes(80);
    let d = decode(LinkType::Ethernet, &bytes);
    let ts = Timestamp {
        seconds: 1000,
        nanoseconds: number as u32 * 1000,
    };
    table
        .observe(number, ts, bytes.len() as u32, &d)
        .expect("TCP over IP has a context")
}

#[test]
fn a_whole_connection_is_narrated_step_by_step() {
    let mut t = ConversationTable::default();
    let c = 1000u32;
    let s = 5000u32;
    let syn = feed(&mut t, 1, Segment::new(true, c).syn());
    assert!(syn.first_packet && syn.from_client);
    assert_eq!(syn.server.port, 80);
    assert_eq!(syn.tcp.as_ref().unwrap().handshake_step, Some(1));
    assert_eq!(syn.state, Some(TcpState::SynSent));

    let syn_ack = feed(&mut t, 2, Segment::new(false, s).syn().ack(c + 1));
    assert!(!syn_ack.from_client);
    let o = syn_ack.tcp.unwrap();
    assert_eq!(o.handshake_step, Some(2));
    assert_eq!(o.relative_acknowledgment, Some(1));

    let third = feed(&mut t, 3, Segment::new(true, c + 1).ack(s + 1));
    assert_eq!(third.tcp.unwrap().handshake_step, Some(3));
    assert_eq!(third.state, Some(TcpState::Established));

    let request = feed(
        &mut t,
        4,
        Segment::new(true, c + 1).ack(s + 1).data(&[b'x'; 78]),
    );
    let o = request.tcp.unwrap();
    assert_eq!(o.data_bytes, Some((1, 78)));
    assert_eq!(o.relative_sequence, 1);
    assert!(!o.retransmission);

    let acked = feed(&mut t, 5, Segment::new(false, s + 1).ack(c + 79));
    assert_eq!(acked.tcp.unwrap().relative_acknowledgment, Some(79));

    let fin1 = feed(&mut t, 6, Segment::new(true, c + 79).ack(s + 1).fin());
    assert_eq!(fin1.tcp.unwrap().teardown, Some(Teardown::FirstFin));
    assert_eq!(fin1.state, Some(TcpState::FinWait));
    let fin_acked = feed(&mut t, 7, Segment::new(false, s + 1).ack(c + 80));
    assert_eq!(
        fin_acked.tcp.unwrap().teardown,
        Some(Teardown::FinAcknowledged)
    );
    let fin2 = feed(&mut t, 8, Segment::new(false, s + 1).ack(c + 80).fin());
    assert_eq!(fin2.tcp.unwrap().teardown, Some(Teardown::SecondFin));
    assert_eq!(fin2.state, Some(TcpState::Closing));
    let last = feed(&mut t, 9, Segment::new(true, c + 80).ack(s + 2));
    assert_eq!(last.tcp.unwrap().teardown, Some(Teardown::LastAck));
    assert_eq!(last.state, Some(TcpState::Closed));

    let conversations = t.conversations();
    assert_eq!(
        conversations.len(),
        1,
        "both directions are one conversation"
    );
    let conv = conversations[0];
    assert_eq!((conv.client_packets, conv.server_packets), (5, 4));
    assert_eq!(conv.state, Some(TcpState::Closed));
}

#[test]
fn a_reset_answering_a_syn_is_a_refusal_and_later_one_an_abort() {
    let mut t = ConversationTable::default();
    feed(&mut t, 1, Segment::new(true, 100).syn());
    let rst = feed(&mut t, 2, Segment::new(false, 0).rst().ack(101));
    assert_eq!(rst.tcp.unwrap().reset, Some(Reset::Refused));
    assert_eq!(rst.state, Some(TcpState::Refused));

    let mut t = ConversationTable::default();
    feed(&mut t, 1, Segment::new(true, 100).syn());
    feed(&mut t, 2, Segment::new(false, 900).syn().ack(101));
    feed(&mut t, 3, Segment::new(true, 101).ack(901));
    let abort = feed(&mut t, 4, Segment::new(true, 101).ack(901).rst());
    assert_eq!(abort.tcp.unwrap().reset, Some(Reset::Abort));
    assert_eq!(abort.state, Some(TcpState::Reset));
}

#[test]
fn retransmissions_gaps_duplicate_acks_and_zero_windows() {
    let mut t = ConversationTable::default();
    feed(&mut t, 1, Segment::new(true, 100).syn());
    feed(&mut t, 2, Segment::new(false, 900).syn().ack(101));
    feed(&mut t, 3, Segment::new(true, 101).ack(901));
    let first = feed(
        &mut t,
        4,
        Segment::new(false, 901).ack(101).data(b"0123456789"),
    );
    assert!(!first.tcp.unwrap().retransmission);
    let again = feed(
        &mut t,
        5,
        Segment::new(false, 901).ack(101).data(b"0123456789"),
    );
    assert!(again.tcp.unwrap().retransmission);
    // Bytes 11-20 of the server's stream never arrive; 21-30 do.
    let after_gap = feed(
        &mut t,
        6,
        Segment::new(false, 921).ack(101).data(b"abcdefghij"),
    );
    assert_eq!(after_gap.tcp.unwrap().gap, Some((11, 20)));
    // The client keeps asking for byte 11.
    let ack = feed(&mut t, 7, Segment::new(true, 101).ack(911));
    assert_eq!(ack.tcp.unwrap().duplicate_ack, None);
    let dup = feed(&mut t, 8, Segment::new(true, 101).ack(911));
    assert_eq!(dup.tcp.unwrap().duplicate_ack, Some(1));
    let dup2 = feed(&mut t, 9, Segment::new(true, 101).ack(911));
    assert_eq!(dup2.tcp.unwrap().duplicate_ack, Some(2));
    let full = feed(&mut t, 10, Segment::new(true, 101).ack(931).window(0));
    let o = full.tcp.unwrap();
    assert!(o.zero_window);
    assert_eq!(o.duplicate_ack, None);
}

#[test]
fn a_capture_that_starts_mid_stream_numbers_from_the_first_segment() {
    let mut t = ConversationTable::default();
    let data = feed(&mut t, 1, Segment::new(true, 7777).ack(1234).data(b"hello"));
    // Data flowing means the connection was established before the capture began.
    assert_eq!(data.state, Some(TcpState::Established));
    assert_eq!(data.tcp.unwrap().data_bytes, Some((1, 5)));
}

#[test]
fn the_table_is_bounded_and_evicts_the_longest_idle() {
    let mut t = ConversationTable::with_capacity(2);
    let d = |port: u16| {
        let mut bytes = Vec::new();
        PacketBuilder::ethernet2([2; 6], [4; 6])
            .ipv4(CLIENT, SERVER, 64)
            .udp(port, 53)
            .write(&mut bytes, b"")
            .unwrap();
        decode(LinkType::Ethernet, &bytes)
    };
    let ts = Timestamp::default();
    let a = t.observe(1, ts, 60, &d(1001)).unwrap().conversation;
    let b = t.observe(2, ts, 60, &d(1002)).unwrap().conversation;
    // Touch a, so b is the longest idle when c arrives.
    assert_eq!(t.observe(3, ts, 60, &d(1001)).unwrap().conversation, a);
    let c = t.observe(4, ts, 60, &d(1003)).unwrap().conversation;
    assert_eq!(t.len(), 2);
    assert_eq!(t.evicted(), 1);
    let kept: Vec<u64> = t.conversations().iter().map(|c| c.id).collect();
    assert_eq!(kept, vec![a, c]);
    // b comes back as a new conversation.
    let b_again = t.observe(5, ts, 60, &d(1002)).unwrap();
    assert!(b_again.first_packet);
    assert_ne!(b_again.conversation, b);
    assert_eq!(t.evicted(), 2);
    for port in 2000..12_000 {
        t.observe(6, ts, 60, &d(port));
    }
    assert_eq!(t.len(), 2);
}

#[test]
fn non_ip_packets_have_no_conversation() {
    let mut t = ConversationTable::default();
    let arp = decode(LinkType::Ethernet, &[0xff; 42]);
    assert_eq!(t.observe(1, Timestamp::default(), 42, &arp), None);
}

#[test]
fn state_names_are_the_json_names() {
    use TcpState::*;
    for state in [
        SynSent,
        SynReceived,
        Established,
        FinWait,
        Closing,
        Closed,
        Reset,
        Refused,
        MidStream,
    ] {
        assert_eq!(
            serde_json::to_value(state).unwrap(),
            serde_json::Value::from(state.as_str())
        );
    }
}
