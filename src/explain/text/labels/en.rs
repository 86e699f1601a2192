//! English labels: one arm per label.

use super::{Column, InterfaceFlag, Label};

pub fn label(label: &Label<'_>) -> String {
    match label {
        Label::PacketHeading {
            number,
            timestamp,
            captured,
            original,
        } => format!("packet {number} · {timestamp} · {captured} bytes captured of {original}"),
        Label::ChainTitle => "Chain".to_string(),
        Label::PortTitle => "Port".to_string(),
        Label::StopTitle => "Stop".to_string(),
        Label::ServiceLine {
            port,
            name,
            range,
            client_port,
        } => format!(
            "{port} {name} ({}), client port {client_port}",
            range.as_str()
        ),

        Label::CookedFrom { mac } => format!("from {mac}"),
        Label::CookedInterface { index } => format!("interface {index}"),
        Label::LoopbackFamily { family } => format!("family {family}"),
        Label::VlanFields { id, priority } => format!("id {id} priority {priority}"),
        Label::UnnamedArpOperation => "operation".to_string(),
        Label::Ipv4Fields {
            ttl,
            identification,
            total_length,
        } => format!("TTL {ttl}, id 0x{identification:04x}, length {total_length}"),
        Label::FragmentOffset { offset } => format!("offset {offset}"),
        Label::Ipv6Fields {
            hop_limit,
            payload_length,
        } => format!("hop limit {hop_limit}, payload {payload_length}"),
        Label::FlowLabel { flow_label } => format!("flow 0x{flow_label:05x}"),
        Label::IcmpFields {
            name,
            icmp_type,
            code,
        } => format!("{name} (type {icmp_type}, code {code})"),
        Label::UnnamedMessage => "message".to_string(),
        Label::EchoFields {
            identifier,
            sequence,
        } => format!("id {identifier}, seq {sequence}"),
        Label::IgmpFields { igmp_type, group } => match group {
            Some(group) => format!("type 0x{igmp_type:02x}, group {group}"),
            None => format!("type 0x{igmp_type:02x}"),
        },
        Label::Sequence { value } => format!("seq {value}"),
        Label::Acknowledgment { value } => format!("ack {value}"),
        Label::Window { value } => format!("win {value}"),
        Label::TcpOptions { text } => format!("options {text}"),
        Label::Length { value } => format!("length {value}"),
        Label::DataBytes { count } => format!("{count} data bytes"),
        Label::DataBytesCaptured { count, captured } => {
            format!("{count} data bytes ({captured} captured)")
        }

        Label::TlsOffers { versions } => format!("offers {versions}"),
        Label::TlsRecordType { content_type } => format!("record type {content_type}"),
        Label::DnsQuery => "query".to_string(),
        Label::DnsResponse => "response".to_string(),
        Label::DnsAnswerCount { count } => format!("{count} answer(s)"),
        Label::DnsOverTcp => "over TCP".to_string(),
        Label::QuicPacket {
            packet_type,
            version,
        } => format!("{packet_type} packet, version 0x{version:08x}"),

        Label::ConversationCount { count } => format!("Conversations: {count}"),
        Label::Column(column) => match column {
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
        }
        .to_string(),
        Label::Evicted { count } => format!(
            "{count} older conversations were dropped from the table to keep memory bounded."
        ),

        Label::InterfaceFlag(flag) => match flag {
            InterfaceFlag::Up => "Up",
            InterfaceFlag::Running => "Running",
            InterfaceFlag::Loopback => "Loopback",
            InterfaceFlag::Wireless => "Wireless",
        }
        .to_string(),
        Label::Netmask { netmask } => format!("netmask {netmask}"),
        Label::NoInterfaces => "libpcap sees no interface. On Linux, capturing needs root or the capabilities cap_net_raw,cap_net_admin; see `portlens -i` errors for the exact command.".to_string(),
        Label::RunTotals {
            packets,
            received,
            dropped_by_kernel,
        } => format!(
            "{packets} packets shown; {received} received by filter, {dropped_by_kernel} dropped by kernel"
        ),
    }
}
