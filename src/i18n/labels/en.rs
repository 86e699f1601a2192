//! English labels: one arm per label, each written piece by piece: `text` for words, `number`,
//! `hex`, `ipv4`, `ip` and `mac` for values.

use super::{Column, InterfaceFlag, Label};
use crate::format::Sink;

pub fn write(out: &mut String, label: &Label<'_>) {
    match label {
        Label::PacketHeading {
            number,
            timestamp,
            captured,
            original,
        } => out
            .text("packet ")
            .number(*number)
            .text(" · ")
            .text(timestamp)
            .text(" · ")
            .number(*captured)
            .text(" bytes captured of ")
            .number(*original),
        Label::ChainTitle => out.text("Chain"),
        Label::PortTitle => out.text("Port"),
        Label::StopTitle => out.text("Stop"),
        Label::ServiceLine {
            port,
            name,
            range,
            client_port,
        } => out
            .number(*port)
            .text(" ")
            .text(name)
            .text(" (")
            .text(range.as_str())
            .text("), client port ")
            .number(*client_port),

        Label::CookedFrom { mac } => out.text("from ").mac(*mac),
        Label::CookedInterface { index } => out.text("interface ").number(*index),
        Label::LoopbackFamily { family } => out.text("family ").number(*family),
        Label::VlanFields { id, priority } => out
            .text("id ")
            .number(*id)
            .text(" priority ")
            .number(*priority),
        Label::UnnamedArpOperation => out.text("operation"),
        Label::Ipv4Fields {
            ttl,
            identification,
            total_length,
        } => out
            .text("TTL ")
            .number(*ttl)
            .text(", id 0x")
            .hex(u32::from(*identification), 4)
            .text(", length ")
            .number(*total_length),
        Label::FragmentOffset { offset } => out.text("offset ").number(*offset),
        Label::Ipv6Fields {
            hop_limit,
            payload_length,
        } => out
            .text("hop limit ")
            .number(*hop_limit)
            .text(", payload ")
            .number(*payload_length),
        Label::FlowLabel { flow_label } => out.text("flow 0x").hex(*flow_label, 5),
        Label::IcmpFields {
            name,
            icmp_type,
            code,
        } => out
            .text(name)
            .text(" (type ")
            .number(*icmp_type)
            .text(", code ")
            .number(*code)
            .text(")"),
        Label::UnnamedMessage => out.text("message"),
        Label::EchoFields {
            identifier,
            sequence,
        } => out
            .text("id ")
            .number(*identifier)
            .text(", seq ")
            .number(*sequence),
        Label::IgmpFields { igmp_type, group } => {
            out.text("type 0x").hex(u32::from(*igmp_type), 2);
            match group {
                Some(group) => out.text(", group ").ipv4(*group),
                None => out,
            }
        }
        Label::Sequence { value } => out.text("seq ").number(*value),
        Label::Acknowledgment { value } => out.text("ack ").number(*value),
        Label::Window { value } => out.text("win ").number(*value),
        Label::TcpOptions { text } => out.text("options ").text(text),
        Label::Length { value } => out.text("length ").number(*value),
        Label::DataBytes { count } => out.number(*count).text(" data bytes"),
        Label::DataBytesCaptured { count, captured } => out
            .number(*count)
            .text(" data bytes (")
            .number(*captured)
            .text(" captured)"),

        Label::TlsOffers { versions } => out.text("offers ").text(versions),
        Label::TlsRecordType { content_type } => out.text("record type ").number(*content_type),
        Label::DnsQuery => out.text("query"),
        Label::DnsResponse => out.text("response"),
        Label::DnsAnswerCount { count } => out.number(*count).text(" answer(s)"),
        Label::DnsOverTcp => out.text("over TCP"),
        Label::QuicPacket {
            packet_type,
            version,
        } => out
            .text(packet_type)
            .text(" packet, version 0x")
            .hex(*version, 8),

        Label::ConversationCount { count } => out.text("Conversations: ").number(*count),
        Label::Column(column) => out.text(match column {
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
        Label::Evicted { count } => out.number(*count).text(
            " older conversations were dropped from the table to keep memory bounded.",
        ),

        Label::InterfaceFlag(flag) => out.text(match flag {
            InterfaceFlag::Up => "Up",
            InterfaceFlag::Running => "Running",
            InterfaceFlag::Loopback => "Loopback",
            InterfaceFlag::Wireless => "Wireless",
        }),
        Label::Netmask { netmask } => out.text("netmask ").ip(*netmask),
        Label::NoInterfaces => out.text("libpcap sees no interface. On Linux, capturing needs root or the capabilities cap_net_raw,cap_net_admin; see `portlens -i` errors for the exact command."),
        Label::RunTotals {
            packets,
            received,
            dropped_by_kernel,
        } => out
            .number(*packets)
            .text(" packets shown; ")
            .number(*received)
            .text(" received by filter, ")
            .number(*dropped_by_kernel)
            .text(" dropped by kernel"),
    };
}
