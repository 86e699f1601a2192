//! The teaching text, as a catalogue of messages. Explain decides *which* message applies and with
//! which values; each language renders every message in one exhaustive `match`, so a sentence
//! cannot exist in one language and be missing from another (the compiler refuses it).
//! [`labels`] does the same for the words renderers put around values (headings, field names).

mod en;
mod ko;
pub mod labels;
#[cfg(test)]
mod tests;

use crate::decode::Transport;
use crate::decode::app::dhcp::MessageType;
use crate::decode::app::dns::ResponseCode;
use crate::decode::app::quic::Version as QuicVersion;
use crate::decode::{LayerName, MacAddress, StopReason};
pub use crate::knowledge::Direction;
use crate::knowledge::addresses::{Audience, IpClass, MacClass};
use crate::knowledge::ports::{Ephemeral, PortRange};
use crate::knowledge::{Guess, Side};
pub use crate::lang::Lang;
use std::net::IpAddr;

/// What kind of port a client's port is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientPortKind {
    /// In a range an operating system lends to clients.
    Lent(Ephemeral),
    /// The port the protocol fixes for its clients (DHCP's 68, DHCPv6's 546).
    Fixed,
    /// Outside every range operating systems lend: the program bound this port itself.
    Bound,
}

/// Field labels used in chain steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    EtherType,
    CookedProtocol,
    AddressFamily,
    IpVersion,
    IpProtocol,
    NextHeader,
    DestinationPort,
}

/// Header fields listed at verbose detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldId {
    DestinationMac,
    SourceMac,
    EtherType,
    VlanPriority,
    VlanDropEligible,
    VlanId,
    CookedPacketType,
    CookedHardwareType,
    CookedAddress,
    CookedInterface,
    CookedProtocol,
    AddressFamily,
    ArpHardwareType,
    ArpProtocolType,
    ArpOperation,
    ArpSenderMac,
    ArpSenderIp,
    ArpTargetMac,
    ArpTargetIp,
    IpVersion,
    HeaderLength,
    Dscp,
    Ecn,
    TotalLength,
    Identification,
    IpFlags,
    FragmentOffset,
    Ttl,
    IpProtocol,
    HeaderChecksum,
    SourceIp,
    DestinationIp,
    TrafficClass,
    FlowLabel,
    PayloadLength,
    NextHeader,
    HopLimit,
    SourcePort,
    DestinationPort,
    SequenceNumber,
    AcknowledgmentNumber,
    DataOffset,
    TcpFlags,
    Window,
    Checksum,
    UrgentPointer,
    TcpOptions,
    UdpLength,
    IcmpType,
    IcmpCode,
    EchoIdentifier,
    EchoSequence,
    IgmpType,
    IgmpGroup,
}

/// Everything portlens can say. Values are carried as data; the language modules turn them into
/// sentences.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg<'a> {
    Field(Field),
    /// The label of a header field.
    FieldLabel(FieldId),
    /// What a header field is for.
    FieldMeaning(FieldId),
    /// Chain target for a destination port that belongs to the client; `lent` when the port lies
    /// in a range operating systems lend to clients (else the client's port is a fixed one).
    ClientOf {
        service: &'a str,
        lent: bool,
    },
    /// Chain target for a port nobody registered.
    UnknownService,

    MacDestination {
        mac: MacAddress,
        class: MacClass,
    },
    MacLocallyAdministered {
        mac: MacAddress,
    },
    Ieee8023Length {
        length: u16,
    },
    NotDecoded {
        what: String,
    },
    Vlan {
        id: u16,
        priority: u8,
        outer: bool,
    },
    Cooked {
        version: u8,
        direction: Option<&'static str>,
        interface_index: Option<u32>,
    },
    BsdLoopback {
        family: u32,
    },
    RawIp {
        link_type: &'static str,
    },

    ArpRequest {
        sender_ip: String,
        sender_mac: String,
        target_ip: String,
    },
    ArpReply {
        sender_ip: String,
        sender_mac: String,
        target_ip: String,
    },
    ArpAnnouncement {
        ip: String,
        mac: String,
    },
    ArpOther {
        operation: u16,
    },
    ArpHasNoPorts,

    IpEndpoints {
        source: IpAddr,
        source_class: IpClass,
        destination: IpAddr,
        destination_class: IpClass,
    },
    Ttl {
        ttl: u8,
    },
    HopLimit {
        hop_limit: u8,
    },
    DontFragment,
    FirstFragment,
    LaterFragment {
        offset: u32,
        more: bool,
    },
    Ipv4Options {
        header_length: u8,
    },

    TcpIntro,
    UdpIntro,
    TcpSyn,
    TcpSynAck,
    TcpRst,
    TcpFin,
    TcpPsh,
    TcpAckOnly {
        acknowledgment: u32,
    },
    TcpUrg,
    TcpCongestion,
    Data {
        bytes: usize,
    },
    TcpOptionsMalformed,

    Icmp {
        v6: bool,
        icmp_type: u8,
        code: u8,
        type_name: Option<&'static str>,
        code_name: Option<&'static str>,
    },
    IcmpEchoRequest {
        destination: IpAddr,
    },
    IcmpEchoReply {
        source: IpAddr,
    },
    IcmpPortUnreachable {
        reporter: IpAddr,
    },
    IcmpTimeExceeded {
        reporter: IpAddr,
    },
    IcmpQuoted {
        protocol: &'a str,
        source: IpAddr,
        destination: IpAddr,
        ports: Option<(u16, u16)>,
        service: Option<&'a str>,
    },
    IcmpNoPorts,
    NeighborDiscovery,
    Igmp {
        igmp_type: u8,
        group: Option<String>,
    },

    RangeMeaning {
        range: PortRange,
    },
    ServerPort {
        transport: Transport,
        port: u16,
        range: PortRange,
        service: &'a str,
        description: &'a str,
        curated: bool,
        host: IpAddr,
        direction: Direction,
        /// Who receives the packet, when the server's end is its destination.
        audience: Audience,
    },
    /// A reset sent from the server's port: the operating system answers when no program listens.
    ResetFromPort {
        transport: Transport,
        port: u16,
        range: PortRange,
        service: &'a str,
        host: IpAddr,
    },
    ClientPort {
        port: u16,
        range: PortRange,
        host: IpAddr,
        /// The client's address is 0.0.0.0 (or ::): the host has no address yet.
        unspecified_host: bool,
        direction: Direction,
        kind: ClientPortKind,
        /// The server's service, for a port the protocol fixes ("the fixed port DHCP clients use").
        service: &'a str,
        /// Who receives the packet, when the client's end is its destination.
        audience: Audience,
    },
    /// Both ends on one port; `fixed` when the protocol fixes that port on both ends.
    SamePorts {
        port: u16,
        range: PortRange,
        service: &'a str,
        fixed: bool,
    },
    /// The roles are a guess, and why.
    RolesGuess {
        transport: Transport,
        guess: Guess,
        client_port: u16,
        server_port: u16,
        server_host: IpAddr,
        /// The range the client's port lies in ([`Guess::EphemeralRange`]).
        lent: Option<Ephemeral>,
    },
    NoService {
        transport: Transport,
        source_port: u16,
        destination_port: u16,
    },

    // Conversation narration (needs the conversation table).
    HandshakeSyn {
        port: u16,
    },
    HandshakeSynAck,
    HandshakeAck,
    StreamBytes {
        from_client: bool,
        first: u32,
        last: u32,
    },
    AcknowledgesUpTo {
        next: u32,
    },
    FinFirst {
        from_client: bool,
    },
    FinAcknowledged,
    FinSecond {
        from_client: bool,
    },
    LastAck,
    Refused {
        port: u16,
        host: IpAddr,
    },
    Aborted {
        from_client: bool,
    },
    Retransmission {
        bytes: Option<(u32, u32)>,
    },
    DuplicateAck {
        count: u32,
        next: Option<u32>,
    },
    Gap {
        first: u32,
        last: u32,
    },
    ZeroWindow {
        from_client: bool,
    },
    UdpFirstDatagram,
    DnsAnswers {
        query_packet: u64,
        elapsed_microseconds: u64,
    },

    // What the application data says.
    HttpRequest {
        method: &'a str,
        target: &'a str,
        host: Option<&'a str>,
    },
    HttpResponse {
        status: u16,
        reason: &'a str,
    },
    TlsClientHello {
        server_name: Option<&'a str>,
        versions: String,
    },
    TlsServerHello {
        version: String,
    },
    TlsApplicationData,
    TlsRecord {
        content_type: u8,
    },
    DnsQuery {
        name: &'a str,
        record_type: String,
    },
    DnsResponse {
        response_code: ResponseCode,
        answers: String,
    },
    DnsNoAnswer {
        response_code: ResponseCode,
    },
    Banner {
        protocol: &'static str,
        line: &'a str,
    },
    TextLine {
        protocol: &'static str,
        line: &'a str,
    },
    Dhcp {
        message_type: MessageType,
    },
    Quic {
        /// The version field of the long header.
        version: QuicVersion,
        packet_type: &'static str,
    },
    PortIsConvention {
        protocol: &'static str,
        port: u16,
        usual: u16,
    },

    // Which local program owns the socket (live capture).
    /// Chain target: the program a destination port selects on this computer.
    SocketOf {
        name: &'a str,
        pid: u32,
    },
    ProcessOwnsPort {
        port: u16,
        name: &'a str,
        pid: u32,
        listening: bool,
        /// The end of the packet the port is: the destination's program receives it, the
        /// source's sent it.
        end: Side,
    },
    ProcessUnknown {
        port: u16,
        reason: crate::procs::Reason,
    },
    OfflineNoProcess,

    // The end of a live capture: libpcap's counters, one sentence each.
    /// The packets this run showed.
    CountShown {
        packets: u64,
    },
    /// The packets the kernel's filter passed to libpcap, and how many of them were shown.
    CountReceived {
        received: u32,
        shown: u64,
    },
    /// The packets the kernel dropped because its capture buffer was full.
    CountDropped {
        dropped: u32,
    },

    Stop {
        layer: LayerName,
        offset: usize,
        reason: &'a StopReason,
    },
    LinkTypeOnce {
        number: u32,
        name: Option<&'static str>,
    },
    LinkTypeAgain {
        number: u32,
    },
}

/// Renders a message in the chosen language.
/// The name of a field that selects the next layer, in `lang` (the same words as
/// `say(lang, &Msg::Field(field))`, without a string of its own).
pub fn field_name(lang: Lang, field: Field) -> &'static str {
    match lang {
        Lang::En => en::field_name(field),
        Lang::Ko => ko::field_name(field),
    }
}

pub fn say(lang: Lang, msg: &Msg<'_>) -> String {
    match lang {
        Lang::En => en::say(msg),
        Lang::Ko => ko::say(msg),
    }
}
