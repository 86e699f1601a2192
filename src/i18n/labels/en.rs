//! English labels: one arm per label.

use super::{Column, Hex, InterfaceFlag, Label};
use std::fmt::{self, Write as _};

pub fn write(out: &mut String, label: &Label<'_>) -> fmt::Result {
    match label {
        Label::PacketHeading {
            number,
            timestamp,
            captured,
            original,
        } => put!(
            out,
            "packet ",
            *number,
            " · ",
            *timestamp,
            " · ",
            *captured,
            " bytes captured of ",
            *original
        ),
        Label::ChainTitle => out.write_str("Chain"),
        Label::PortTitle => out.write_str("Port"),
        Label::StopTitle => out.write_str("Stop"),
        Label::ServiceLine {
            port,
            name,
            range,
            client_port,
        } => put!(
            out,
            *port,
            " ",
            *name,
            " (",
            range.as_str(),
            "), client port ",
            *client_port
        ),

        Label::CookedFrom { mac } => write!(out, "from {mac}"),
        Label::CookedInterface { index } => write!(out, "interface {index}"),
        Label::LoopbackFamily { family } => write!(out, "family {family}"),
        Label::VlanFields { id, priority } => write!(out, "id {id} priority {priority}"),
        Label::UnnamedArpOperation => out.write_str("operation"),
        Label::Ipv4Fields {
            ttl,
            identification,
            total_length,
        } => put!(
            out,
            "TTL ",
            *ttl,
            ", id 0x",
            Hex::<4>(u32::from(*identification)),
            ", length ",
            *total_length
        ),
        Label::FragmentOffset { offset } => write!(out, "offset {offset}"),
        Label::Ipv6Fields {
            hop_limit,
            payload_length,
        } => write!(out, "hop limit {hop_limit}, payload {payload_length}"),
        Label::FlowLabel { flow_label } => write!(out, "flow 0x{flow_label:05x}"),
        Label::IcmpFields {
            name,
            icmp_type,
            code,
        } => write!(out, "{name} (type {icmp_type}, code {code})"),
        Label::UnnamedMessage => out.write_str("message"),
        Label::EchoFields {
            identifier,
            sequence,
        } => write!(out, "id {identifier}, seq {sequence}"),
        Label::IgmpFields { igmp_type, group } => match group {
            Some(group) => write!(out, "type 0x{igmp_type:02x}, group {group}"),
            None => write!(out, "type 0x{igmp_type:02x}"),
        },
        Label::Sequence { value } => put!(out, "seq ", *value),
        Label::Acknowledgment { value } => put!(out, "ack ", *value),
        Label::Window { value } => put!(out, "win ", *value),
        Label::TcpOptions { text } => put!(out, "options ", *text),
        Label::Length { value } => put!(out, "length ", *value),
        Label::DataBytes { count } => put!(out, *count, " data bytes"),
        Label::DataBytesCaptured { count, captured } => {
            put!(out, *count, " data bytes (", *captured, " captured)")
        }

        Label::TlsOffers { versions } => write!(out, "offers {versions}"),
        Label::TlsRecordType { content_type } => write!(out, "record type {content_type}"),
        Label::DnsQuery => out.write_str("query"),
        Label::DnsResponse => out.write_str("response"),
        Label::DnsAnswerCount { count } => write!(out, "{count} answer(s)"),
        Label::DnsOverTcp => out.write_str("over TCP"),
        Label::QuicPacket {
            packet_type,
            version,
        } => write!(out, "{packet_type} packet, version 0x{version:08x}"),

        Label::ConversationCount { count } => write!(out, "Conversations: {count}"),
        Label::Column(column) => out.write_str(match column {
            Column::Protocol => "proto",
            Column::Client => "client",
            Column::Server => "server",
            Column::Service => "service",
            Column::ClientToServerPackets => "c→s pkts",
            Column::ClientToServerBytes => "c→s bytes",
            Column::ServerToClientPackets => "s→c pkts",
            Column::ServerToClientBytes => "s→c bytes",
            Column::Duration => "duration",
            Column::State => "state",
        }),
        Label::Evicted { count } => write!(out,
            "{count} older conversations were dropped from the table to keep memory bounded."
        ),

        Label::InterfaceFlag(flag) => out.write_str(match flag {
            InterfaceFlag::Up => "Up",
            InterfaceFlag::Running => "Running",
            InterfaceFlag::Loopback => "Loopback",
            InterfaceFlag::Wireless => "Wireless",
        }),
        Label::Netmask { netmask } => write!(out, "netmask {netmask}"),
        Label::NoInterfaces => out.write_str("libpcap sees no interface. On Linux, capturing needs root or the capabilities cap_net_raw,cap_net_admin; see `portlens -i` errors for the exact command."),
        Label::RunTotals {
            packets,
            received,
            dropped_by_kernel,
        } => write!(out,
            "{packets} packets shown; {received} received by filter, {dropped_by_kernel} dropped by kernel"
        ),
    }
}
