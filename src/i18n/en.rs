//! English catalogue: one arm per message.

use super::{ClientPortKind, Direction, Field, FieldId, Msg};
use crate::decode::app::dhcp::MessageType;
use crate::decode::app::dns::ResponseCode;
use crate::decode::app::quic::Version as QuicVersion;
use crate::decode::{LayerName, LengthSource, StopReason, Transport};
use crate::knowledge::addresses::{Audience, IpClass, MacClass};
use crate::knowledge::ports::{Ephemeral, PortRange};
use crate::knowledge::{Guess, Side};
use std::net::IpAddr;

fn ip_class(class: IpClass) -> &'static str {
    match class {
        IpClass::Unspecified => {
            "the unspecified address: the sender has no address yet (as in a DHCP request)"
        }
        IpClass::Loopback => "a loopback address: the packet never leaves this computer",
        IpClass::Private => {
            "a private address, used inside a home or company network and translated (NAT) before it reaches the internet"
        }
        IpClass::SharedNat => {
            "a shared address of a carrier-grade NAT inside an internet provider's network"
        }
        IpClass::LinkLocal => "a link-local address, valid only on this network segment",
        IpClass::Multicast => {
            "a multicast group address: every member of the group receives the packet"
        }
        IpClass::Broadcast => {
            "the broadcast address: every host on this network receives the packet"
        }
        IpClass::Documentation => "a documentation address, reserved for examples and teaching",
        IpClass::Ipv4Mapped => "an IPv4 address written in IPv6 form (IPv4-mapped)",
        IpClass::Reserved => "a reserved address that should not appear on the internet",
        IpClass::Public => "a public internet address",
    }
}

fn ip_class_plural(class: IpClass) -> &'static str {
    match class {
        IpClass::Unspecified => "unspecified addresses",
        IpClass::Loopback => "loopback addresses: the packet never leaves this computer",
        IpClass::Private => "private addresses, used inside a home or company network",
        IpClass::SharedNat => "shared carrier-grade NAT addresses",
        IpClass::LinkLocal => "link-local addresses, valid only on this network segment",
        IpClass::Multicast => "multicast group addresses",
        IpClass::Broadcast => "broadcast addresses",
        IpClass::Documentation => "documentation addresses, reserved for examples and teaching",
        IpClass::Ipv4Mapped => "IPv4 addresses written in IPv6 form",
        IpClass::Reserved => "reserved addresses",
        IpClass::Public => "public internet addresses",
    }
}

/// A duration in words: microseconds, milliseconds or seconds.
fn duration(microseconds: u64) -> String {
    if microseconds < 1000 {
        format!("{microseconds} µs")
    } else if microseconds < 1_000_000 {
        format!("{:.1} ms", microseconds as f64 / 1000.0)
    } else {
        format!("{:.2} s", microseconds as f64 / 1_000_000.0)
    }
}

fn range_name(range: PortRange) -> &'static str {
    match range {
        PortRange::WellKnown => "a well-known port (0–1023)",
        PortRange::Registered => "a registered port (1024–49151)",
        PortRange::Dynamic => "a dynamic port (49152–65535)",
    }
}

/// A client port's range class and the range operating systems lend it from.
fn lent_kind(range: PortRange, ephemeral: Ephemeral) -> String {
    match (range, ephemeral) {
        (PortRange::Dynamic, Ephemeral::LinuxAndDynamic) => "a dynamic port (49152–65535), in the range Windows and IANA lend from and in Linux's ephemeral range (32768–60999)".to_string(),
        (PortRange::Dynamic, _) => "a dynamic port (49152–65535), in the range Windows and IANA lend from".to_string(),
        (_, Ephemeral::OldWindows) => format!("{}, in the old Windows XP/BSD range (1025–5000)", range_name(range)),
        _ => format!("{}, in Linux's ephemeral range (32768–60999)", range_name(range)),
    }
}

/// Where a range of lent ports is, as a phrase after "lies".
fn lent_range(ephemeral: Ephemeral) -> &'static str {
    match ephemeral {
        Ephemeral::Linux => "in Linux's ephemeral range (32768–60999)",
        Ephemeral::LinuxAndDynamic => {
            "in Linux's ephemeral range (32768–60999) and in the dynamic range (49152–65535) that Windows and IANA use"
        }
        Ephemeral::Dynamic => "in the dynamic range (49152–65535) that Windows and IANA use",
        Ephemeral::OldWindows => "in the old Windows XP/BSD range (1025–5000)",
    }
}

/// Who receives a packet sent to `host`, as a clause ending where "and on each of them" follows.
fn audience_clause(audience: Audience, host: IpAddr, unit: &str) -> String {
    match audience {
        Audience::Link => {
            format!("{host} is a broadcast address, so every host on the link receives this {unit}")
        }
        _ => format!(
            "{host} is a multicast group address, so every member of the group receives this {unit}"
        ),
    }
}

fn layer_name(layer: LayerName) -> &'static str {
    match layer {
        LayerName::Link => "link-layer",
        LayerName::Ethernet => "Ethernet",
        LayerName::LinuxSll => "Linux cooked-capture",
        LayerName::LinuxSll2 => "Linux cooked-capture v2",
        LayerName::Loopback => "BSD loopback",
        LayerName::Vlan => "VLAN tag",
        LayerName::Macsec => "MACsec",
        LayerName::Arp => "ARP",
        LayerName::Ip => "IP",
        LayerName::Ipv4 => "IPv4",
        LayerName::Ipv6 => "IPv6",
        LayerName::Ipv6Extension => "IPv6 extension",
        LayerName::Icmpv4 => "ICMP",
        LayerName::Icmpv6 => "ICMPv6",
        LayerName::Igmp => "IGMP",
        LayerName::Tcp => "TCP",
        LayerName::Udp => "UDP",
    }
}

/// The name of a field that selects the next layer.
pub fn field_name(field: Field) -> &'static str {
    match field {
        Field::EtherType => "EtherType",
        Field::CookedProtocol => "protocol",
        Field::AddressFamily => "address family",
        Field::IpVersion => "IP version",
        Field::IpProtocol => "protocol",
        Field::NextHeader => "next header",
        Field::DestinationPort => "destination port",
    }
}

pub fn say(msg: &Msg<'_>) -> String {
    match msg {
        Msg::Field(field) => field_name(*field).to_string(),
        Msg::FieldLabel(id) => match id {
            FieldId::DestinationMac => "Destination MAC",
            FieldId::SourceMac => "Source MAC",
            FieldId::EtherType => "EtherType",
            FieldId::VlanPriority => "Priority",
            FieldId::VlanDropEligible => "Drop eligible",
            FieldId::VlanId => "VLAN ID",
            FieldId::CookedPacketType => "Packet type",
            FieldId::CookedHardwareType => "Hardware type",
            FieldId::CookedAddress => "Link address",
            FieldId::CookedInterface => "Interface index",
            FieldId::CookedProtocol => "Protocol",
            FieldId::AddressFamily => "Address family",
            FieldId::ArpHardwareType => "Hardware type",
            FieldId::ArpProtocolType => "Protocol type",
            FieldId::ArpOperation => "Operation",
            FieldId::ArpSenderMac => "Sender MAC",
            FieldId::ArpSenderIp => "Sender IP",
            FieldId::ArpTargetMac => "Target MAC",
            FieldId::ArpTargetIp => "Target IP",
            FieldId::IpVersion => "Version",
            FieldId::HeaderLength => "Header length",
            FieldId::Dscp => "DSCP",
            FieldId::Ecn => "ECN",
            FieldId::TotalLength => "Total length",
            FieldId::Identification => "Identification",
            FieldId::IpFlags => "Flags",
            FieldId::FragmentOffset => "Fragment offset",
            FieldId::Ttl => "TTL",
            FieldId::IpProtocol => "Protocol",
            FieldId::HeaderChecksum => "Header checksum",
            FieldId::SourceIp => "Source address",
            FieldId::DestinationIp => "Destination address",
            FieldId::TrafficClass => "Traffic class",
            FieldId::FlowLabel => "Flow label",
            FieldId::PayloadLength => "Payload length",
            FieldId::NextHeader => "Next header",
            FieldId::HopLimit => "Hop limit",
            FieldId::SourcePort => "Source port",
            FieldId::DestinationPort => "Destination port",
            FieldId::SequenceNumber => "Sequence number",
            FieldId::AcknowledgmentNumber => "Acknowledgment number",
            FieldId::DataOffset => "Header length",
            FieldId::TcpFlags => "Flags",
            FieldId::Window => "Window",
            FieldId::Checksum => "Checksum",
            FieldId::UrgentPointer => "Urgent pointer",
            FieldId::TcpOptions => "Options",
            FieldId::UdpLength => "Length",
            FieldId::IcmpType => "Type",
            FieldId::IcmpCode => "Code",
            FieldId::EchoIdentifier => "Identifier",
            FieldId::EchoSequence => "Sequence",
            FieldId::IgmpType => "Type",
            FieldId::IgmpGroup => "Group",
        }
        .to_string(),
        Msg::FieldMeaning(id) => match id {
            FieldId::DestinationMac => "the network card the frame is for",
            FieldId::SourceMac => "the network card that sent the frame",
            FieldId::EtherType => "which protocol the payload carries",
            FieldId::VlanPriority => "802.1p class of service: higher values are sent first when links are busy",
            FieldId::VlanDropEligible => "may be dropped first under congestion",
            FieldId::VlanId => "the virtual LAN the frame belongs to",
            FieldId::CookedPacketType => "which way the kernel saw the packet go",
            FieldId::CookedHardwareType => "the kind of interface (ARPHRD number)",
            FieldId::CookedAddress => "the sender's link-layer address",
            FieldId::CookedInterface => "which interface the packet passed",
            FieldId::CookedProtocol => "which protocol follows, as an EtherType",
            FieldId::AddressFamily => "which protocol follows (2 IPv4; 24, 28 or 30 IPv6)",
            FieldId::ArpHardwareType => "the kind of link addresses asked about (1 Ethernet)",
            FieldId::ArpProtocolType => "the kind of network addresses asked about (0x0800 IPv4)",
            FieldId::ArpOperation => "1 request (who-has), 2 reply (is-at)",
            FieldId::ArpSenderMac => "the MAC address of the sender",
            FieldId::ArpSenderIp => "the IP address of the sender",
            FieldId::ArpTargetMac => "the MAC address asked for (zero in a request)",
            FieldId::ArpTargetIp => "the IP address whose MAC address is wanted",
            FieldId::IpVersion => "4 or 6: which IP header this is",
            FieldId::HeaderLength => "bytes of header, options included",
            FieldId::Dscp => "differentiated services: a priority class for routers",
            FieldId::Ecn => "explicit congestion notification: routers can mark instead of drop",
            FieldId::TotalLength => "bytes of the whole packet, header included",
            FieldId::Identification => "the number the fragments of one packet share",
            FieldId::IpFlags => "DF: do not fragment; MF: more fragments follow",
            FieldId::FragmentOffset => "where this piece goes in the original packet, in bytes",
            FieldId::Ttl => "hops left before a router drops the packet",
            FieldId::IpProtocol => "which transport protocol the payload carries",
            FieldId::HeaderChecksum => "lets each router detect a damaged header",
            FieldId::SourceIp => "the computer that sent the packet",
            FieldId::DestinationIp => "the computer the packet is for",
            FieldId::TrafficClass => "IPv6's priority class (DSCP and ECN)",
            FieldId::FlowLabel => "marks packets of one flow so routers can keep them together",
            FieldId::PayloadLength => "bytes after the fixed 40-byte header",
            FieldId::NextHeader => "which header or protocol follows",
            FieldId::HopLimit => "hops left before a router drops the packet",
            FieldId::SourcePort => "the sending program's port",
            FieldId::DestinationPort => "the port that selects the receiving program",
            FieldId::SequenceNumber => "the number of the first byte this segment carries",
            FieldId::AcknowledgmentNumber => "the next byte the sender expects from the other side",
            FieldId::DataOffset => "bytes of TCP header, options included",
            FieldId::TcpFlags => "SYN opens, FIN closes, RST aborts, ACK acknowledges, PSH pushes data to the program",
            FieldId::Window => "how many more bytes the sender can receive now",
            FieldId::Checksum => "lets the receiver detect damaged data",
            FieldId::UrgentPointer => "where urgent data ends, when URG is set",
            FieldId::TcpOptions => "settings agreed at the start: MSS, window scale, SACK, timestamps",
            FieldId::UdpLength => "bytes of the datagram, header included",
            FieldId::IcmpType => "what kind of message this is",
            FieldId::IcmpCode => "the detail of the message type",
            FieldId::EchoIdentifier => "matches replies to the ping program that asked",
            FieldId::EchoSequence => "counts the pings of one run",
            FieldId::IgmpType => "what kind of group message this is",
            FieldId::IgmpGroup => "the multicast group concerned",
        }
        .to_string(),
        Msg::ClientOf { service, lent: true } => format!("the {service} client program (the port its OS lent it)"),
        Msg::ClientOf { service, lent: false } => format!("the {service} client program (its fixed port)"),
        Msg::UnknownService => "an unregistered port".to_string(),

        Msg::MacDestination { mac, class } => match class {
            MacClass::Broadcast => format!(
                "Destination {mac} is the broadcast address: every device on this network segment reads the frame."
            ),
            MacClass::Multicast => format!(
                "Destination {mac} is a multicast address: only devices that joined this group read the frame."
            ),
            MacClass::Zero => "Both MAC addresses are zero: the frame went through the loopback interface and never left this computer.".to_string(),
            MacClass::Unicast => format!(
                "Destination {mac} is a unicast address: only the network card with this address takes the frame; the others ignore it."
            ),
        },
        Msg::MacLocallyAdministered { mac } => format!(
            "Source {mac} is a locally administered address: software chose it (a virtual machine, a container or privacy randomisation), not the card's maker."
        ),
        Msg::Ieee8023Length { length } => format!(
            "The type field holds {length}, less than 1536, so it is a length: this is an IEEE 802.3 frame with an LLC header (spanning tree, NetBIOS and other older protocols), which portlens does not decode further."
        ),
        Msg::NotDecoded { what } => format!(
            "portlens does not decode {what}, so the explanation stops at this layer."
        ),
        Msg::Vlan { id, priority, outer } => {
            if *outer {
                format!(
                    "802.1ad outer tag: the provider's VLAN {id} (priority {priority}) wraps the customer's own VLAN tag (Q-in-Q), so one provider network can carry many customers' VLANs."
                )
            } else {
                format!(
                    "802.1Q tag: this frame belongs to virtual LAN {id} (priority {priority}); switches keep it apart from other VLANs on the same cables."
                )
            }
        }
        Msg::Cooked { version, direction, interface_index } => {
            let mut s = format!(
                "Linux cooked capture{}: libpcap captured on a device without Ethernet headers (such as `-i any`) and wrote this pseudo-header in place of the real link header",
                if *version == 2 { " v2" } else { "" }
            );
            if let Some(index) = interface_index {
                s.push_str(&format!("; the packet passed interface number {index}"));
            }
            if let Some(direction) = direction {
                s.push_str(&format!(" and was {direction}"));
            }
            s.push('.');
            s
        }
        Msg::BsdLoopback { family } => format!(
            "BSD loopback header: the packet went through the loopback interface of a BSD or macOS computer; the address family {family} says which protocol follows."
        ),
        Msg::RawIp { link_type } => format!(
            "This capture has no link-layer header ({link_type}): each frame starts with the IP header, whose version field says whether IPv4 or IPv6 follows."
        ),

        Msg::ArpRequest { sender_ip, sender_mac, target_ip } => format!(
            "ARP request (who-has): {sender_ip} asks every device on the LAN \"who has {target_ip}? Tell {sender_ip} at {sender_mac}\". An IP address finds the computer, but an Ethernet frame needs its MAC address, and ARP finds it."
        ),
        Msg::ArpReply { sender_ip, sender_mac, target_ip } => format!(
            "ARP reply (is-at): \"{sender_ip} is at {sender_mac}\", answered to {target_ip}, which keeps the answer in its ARP cache."
        ),
        Msg::ArpAnnouncement { ip, mac } => format!(
            "Gratuitous ARP: {ip} announces that it is at {mac} (after starting up, or to spot an address used twice)."
        ),
        Msg::ArpOther { operation } => format!("ARP operation {operation}."),
        Msg::ArpHasNoPorts => "ARP serves the link layer itself: it has no ports, and the operating system, not a program, answers it.".to_string(),

        Msg::IpEndpoints { source, source_class, destination, destination_class } => {
            if source == destination {
                format!("Source and destination are both {source}, {}.", ip_class(*source_class))
            } else if source_class == destination_class {
                format!("{source} and {destination} are both {}.", ip_class_plural(*source_class))
            } else {
                format!(
                    "Source {source} is {}; destination {destination} is {}.",
                    ip_class(*source_class),
                    ip_class(*destination_class)
                )
            }
        }
        Msg::Ttl { ttl } => format!(
            "TTL {ttl}: every router that forwards the packet lowers this by one and drops the packet at zero, so a packet caught in a loop cannot circle forever."
        ),
        Msg::HopLimit { hop_limit } => format!(
            "Hop limit {hop_limit}: IPv6's name for the TTL; every router lowers it by one and drops the packet at zero."
        ),
        Msg::DontFragment => "Don't Fragment is set: a router must drop the packet rather than split it, which is how path MTU discovery finds the largest size that fits.".to_string(),
        Msg::FirstFragment => "This is the first fragment of a larger packet and more follow: it carries the transport header, but portlens does not reassemble the rest.".to_string(),
        Msg::LaterFragment { offset, more } => format!(
            "This is a fragment at byte {offset} of a larger packet{}: only the first fragment carries the transport header and its ports, so the receiving program cannot be seen here.",
            if *more { ", and more follow" } else { " (the last piece)" }
        ),
        Msg::Ipv4Options { header_length } => format!(
            "The header is {header_length} bytes long instead of 20: it carries {} bytes of IPv4 options.",
            header_length.saturating_sub(20)
        ),

        Msg::TcpIntro => "TCP is connection-oriented: the two programs first agree to talk (the three-way handshake), every byte is numbered and acknowledged, and whatever is lost is sent again.".to_string(),
        Msg::UdpIntro => "UDP is connectionless: each datagram travels on its own, with no handshake, no acknowledgement and no retransmission; it is quick, and the programs cope with any loss.".to_string(),
        Msg::TcpSyn => "SYN: this segment asks to open a connection and announces the sender's first sequence number (step 1 of the three-way handshake).".to_string(),
        Msg::TcpSynAck => "SYN+ACK: the server accepts the connection request and announces its own first sequence number (step 2 of the three-way handshake).".to_string(),
        Msg::TcpRst => "RST: the sender resets the connection at once: no program listens on that port, or a program aborted the conversation.".to_string(),
        Msg::TcpFin => "FIN: the sender has no more data to send and closes its direction of the connection.".to_string(),
        Msg::TcpPsh => "PSH: the receiver should hand the data to the program right away rather than wait for more.".to_string(),
        Msg::TcpAckOnly { acknowledgment } => format!(
            "ACK: acknowledges every byte before sequence number {acknowledgment}, so the other side knows what arrived."
        ),
        Msg::TcpUrg => "URG: the urgent pointer marks data the receiver should process first.".to_string(),
        Msg::TcpCongestion => "ECE/CWR: explicit congestion notification: the network signalled congestion and the sender slows down instead of losing packets.".to_string(),
        Msg::Data { bytes } => format!("It carries {bytes} bytes of application data."),
        Msg::TcpOptionsMalformed => "The TCP options end in a malformed option (its length runs past the header), so the options after it were not read.".to_string(),

        Msg::Icmp { v6, icmp_type, code, type_name, code_name } => {
            let protocol = if *v6 { "ICMPv6" } else { "ICMP" };
            match (type_name, code_name) {
                (Some(t), Some(c)) => format!("{protocol} {t}: {c} (type {icmp_type}, code {code})."),
                (Some(t), None) => format!("{protocol} {t} (type {icmp_type}, code {code})."),
                _ => format!("{protocol} message type {icmp_type}, code {code}, which portlens does not name."),
            }
        }
        Msg::IcmpEchoRequest { destination } => format!(
            "This is a ping: it asks {destination} to answer, and the operating system there replies by itself."
        ),
        Msg::IcmpEchoReply { source } => format!("The answer to a ping: {source} is reachable."),
        Msg::IcmpPortUnreachable { reporter } => format!(
            "The operating system of {reporter} reports that no program listens on the destination port of the packet it quotes."
        ),
        Msg::IcmpTimeExceeded { reporter } => format!(
            "{reporter} dropped a packet whose TTL reached zero and says so; traceroute uses exactly this to find each router on a path."
        ),
        Msg::IcmpQuoted { protocol, source, destination, ports, service } => match (ports, service) {
            (Some((sp, dp)), Some(service)) => format!(
                "It quotes the start of the packet that caused it: {protocol} {source}:{sp} → {destination}:{dp} ({service})."
            ),
            (Some((sp, dp)), None) => format!(
                "It quotes the start of the packet that caused it: {protocol} {source}:{sp} → {destination}:{dp}."
            ),
            _ => format!(
                "It quotes the start of the packet that caused it: {protocol} {source} → {destination}."
            ),
        },
        Msg::IcmpNoPorts => "ICMP has no ports: it speaks for the IP layer itself, so the operating system, not a program, sends and receives it.".to_string(),
        Msg::NeighborDiscovery => "Neighbor discovery is IPv6's ARP: hosts find each other's MAC addresses and their routers with these ICMPv6 messages.".to_string(),
        Msg::Igmp { igmp_type, group } => match group {
            Some(group) => format!(
                "IGMP message type 0x{igmp_type:02x} about group {group}: hosts tell routers which multicast groups they want to receive; the operating system handles it, no port is involved."
            ),
            None => format!(
                "IGMP message type 0x{igmp_type:02x}: hosts tell routers which multicast groups they want to receive; the operating system handles it, no port is involved."
            ),
        },

        Msg::RangeMeaning { range } => match range {
            PortRange::WellKnown => "Well-known ports (0–1023) are assigned by IANA to standard services; on most systems only privileged programs may listen on them.",
            PortRange::Registered => "Registered ports (1024–49151) are recorded by IANA for particular applications, but any program may use them.",
            PortRange::Dynamic => "Dynamic ports (49152–65535) are never assigned: operating systems lend them to client programs, one conversation at a time.",
        }
        .to_string(),
        Msg::ServerPort { transport, port, range, service, description, curated, host, direction, audience } => {
            let unit = if *transport == Transport::Tcp { "segment" } else { "datagram" };
            let transport = transport.name();
            let about = if *curated {
                format!("the {description}")
            } else if description.is_empty() {
                "a service registered with IANA".to_string()
            } else {
                format!("in IANA's words, \"{description}\"")
            };
            match (direction, audience) {
                (Direction::ToServer, Audience::One) => format!(
                    "{transport} destination port {port} is {}: it selects the {service} server program on {host} ({about}), which receives this {unit}.",
                    range_name(*range)
                ),
                (Direction::ToServer, Audience::Link) => format!(
                    "{transport} destination port {port} is {}: {}, and on each of them port {port} selects the program listening on it: the {service} program ({about}), where one runs.",
                    range_name(*range),
                    audience_clause(*audience, *host, unit)
                ),
                (Direction::ToServer, Audience::Group) => format!(
                    "{transport} destination port {port} is {}: {}, and on each of them port {port} selects the program listening on it: the {service} program ({about}).",
                    range_name(*range),
                    audience_clause(*audience, *host, unit)
                ),
                (Direction::FromServer, _) => format!(
                    "{transport} source port {port} is {}: this {unit} comes from the {service} server program on {host} ({about}).",
                    range_name(*range)
                ),
            }
        }
        Msg::ResetFromPort { transport, port, range, service, host } => format!(
            "{} source port {port} is {}: {host} resets the connection from this port; when no {service} program listens there, its operating system sends the reset itself.",
            transport.name(),
            range_name(*range)
        ),
        Msg::ClientPort { port, range, host, unspecified_host, direction, kind, service, audience } => {
            let address = *host;
            let host = if *unspecified_host {
                format!("{host} (this host, before it has an address)")
            } else {
                host.to_string()
            };
            let kind_words = match kind {
                ClientPortKind::Lent(ephemeral) => lent_kind(*range, *ephemeral),
                ClientPortKind::Fixed => format!("{}, the fixed port {service} clients use", range_name(*range)),
                ClientPortKind::Bound => format!("{}, outside every range operating systems lend to clients", range_name(*range)),
            };
            match (direction, kind, audience) {
                (Direction::FromServer, _, Audience::Link | Audience::Group) => format!(
                    "Destination port {port} is {kind_words}: {}, and on each of them port {port} selects the client program listening on it, where one runs.",
                    audience_clause(*audience, address, "reply")
                ),
                (Direction::ToServer, ClientPortKind::Lent(_), _) => format!(
                    "Source port {port} is {kind_words}: the operating system of {host} lent it to the client program for this conversation, so the reply can find that program again."
                ),
                (Direction::ToServer, ClientPortKind::Fixed, _) => format!(
                    "Source port {port} is {kind_words}: the client program on {host} listens on it itself, no operating system lent it, and the reply comes back to it."
                ),
                (Direction::ToServer, ClientPortKind::Bound, _) => format!(
                    "Source port {port} is {kind_words}: it is a fixed port the client program on {host} bound itself, not one lent for this conversation."
                ),
                (Direction::FromServer, ClientPortKind::Lent(_), _) => format!(
                    "Destination port {port} is {kind_words}: the operating system of {host} lent it to the client program, and it selects that program, which receives this reply."
                ),
                (Direction::FromServer, _, _) => format!(
                    "Destination port {port} is {kind_words}: it selects the client program on {host}, which receives this reply."
                ),
            }
        }
        Msg::SamePorts { port, range, service, fixed: true } => format!(
            "Both ports are {port} ({service}), {}: {service} uses this same fixed port on both ends, so no operating system lent either of them.",
            range_name(*range)
        ),
        Msg::SamePorts { port, range, service, fixed: false } => format!(
            "Both ports are {port} ({service}), {}: the two programs use the same port, so the ports alone do not say which end is the server.",
            range_name(*range)
        ),
        Msg::RolesGuess { transport, guess, client_port, server_port, server_host, lent } => {
            let unseen = if *transport == Transport::Tcp && *guess != Guess::SamePort {
                "the handshake was not captured and "
            } else {
                ""
            };
            let why = match guess {
                Guess::EphemeralRange => format!(
                    "{unseen}neither port names a well-known service: port {client_port} lies {} of ports lent to clients, port {server_port} in none of those ranges, so {server_port} is taken for the server's port",
                    lent_range(lent.unwrap_or(Ephemeral::Linux))
                ),
                Guess::RegisteredName => format!(
                    "{unseen}neither port names a well-known service or lies in a range operating systems lend to clients: IANA names a service for port {server_port} and none for port {client_port}, so {server_port} is taken for the server's port"
                ),
                Guess::LowerPort => format!(
                    "both port {server_port} and port {client_port} name services, so the lower one, {server_port}, is taken for the server's port"
                ),
                Guess::SamePort => format!(
                    "both ends use port {server_port}: the end that sent the first packet seen is taken for the client"
                ),
                Guess::RepeatedPort => format!(
                    "{unseen}neither port names a well-known service: port {server_port} of {server_host} already took part in another conversation, as a server's port does, and port {client_port} did not, so {server_port} is taken for the server's port"
                ),
                Guess::SpokeFirst => format!(
                    "{unseen}the ports do not tell: the end that sent the first packet seen, from port {client_port}, is taken for the client"
                ),
            };
            format!("Which end is the server is a guess, because {why}.")
        }
        Msg::NoService { transport, source_port, destination_port } => format!(
            "Neither {} port {source_port} nor {destination_port} names a service portlens knows, so it cannot tell which side is the server.",
            transport.name()
        ),

        Msg::HandshakeSyn { port } => format!(
            "Step 1 of 3 of the handshake: the client asks to open a connection to port {port} (SYN) and announces its first sequence number."
        ),
        Msg::HandshakeSynAck => "Step 2 of 3 of the handshake: the server agrees (SYN) and acknowledges the client's request (ACK).".to_string(),
        Msg::HandshakeAck => "Step 3 of 3 of the handshake: the client acknowledges the server's SYN; the connection is established and data can flow both ways.".to_string(),
        Msg::StreamBytes { from_client, first, last } => format!(
            "It carries bytes {first}–{last} of the {}'s stream.",
            if *from_client { "client" } else { "server" }
        ),
        Msg::AcknowledgesUpTo { next } => format!(
            "It acknowledges everything up to byte {} of the other side's stream: byte {next} is the next it expects.",
            next.saturating_sub(1)
        ),
        Msg::FinFirst { from_client } => format!(
            "Teardown: the {} has nothing more to send and closes its side of the connection (FIN).",
            if *from_client { "client" } else { "server" }
        ),
        Msg::FinAcknowledged => "Teardown: the other side acknowledges that FIN; it may still send data of its own before it closes.".to_string(),
        Msg::FinSecond { from_client } => format!(
            "Teardown: the {} closes its side too (FIN).",
            if *from_client { "client" } else { "server" }
        ),
        Msg::LastAck => "Teardown: the last ACK; both sides have closed and the connection is over.".to_string(),
        Msg::Refused { port, host } => format!(
            "Connection refused: no program listens on port {port} on {host}, so its operating system refused the connection with RST."
        ),
        Msg::Aborted { from_client } => format!(
            "The {} aborted the connection with RST: whatever was still in flight is thrown away.",
            if *from_client { "client" } else { "server" }
        ),
        Msg::Retransmission { bytes } => match bytes {
            Some((first, last)) => format!(
                "Retransmission: bytes {first}–{last} were sent before; no acknowledgement came in time, so the sender sent them again."
            ),
            None => "Retransmission: this segment was sent before; no acknowledgement came in time, so the sender sent it again.".to_string(),
        },
        Msg::DuplicateAck { count, next } => match next {
            Some(next) => format!(
                "Duplicate ACK #{count}: the receiver still asks for byte {next}, a sign that a segment was lost or arrived out of order; after three, the sender resends at once (fast retransmit)."
            ),
            None => format!(
                "Duplicate ACK #{count}: the receiver repeats the same acknowledgement, a sign that a segment was lost or arrived out of order."
            ),
        },
        Msg::Gap { first, last } => format!(
            "Bytes {first}–{last} of this stream were not seen before this segment: they were lost, are arriving out of order, or were not captured."
        ),
        Msg::ZeroWindow { from_client } => format!(
            "Zero window: the {}'s receive buffer is full, so the other side must pause until it opens again.",
            if *from_client { "client" } else { "server" }
        ),
        Msg::UdpFirstDatagram => "First datagram between these two ports: no handshake came before it, and no acknowledgement will follow; each datagram stands alone.".to_string(),
        Msg::DnsAnswers { query_packet, elapsed_microseconds } => format!(
            "This answers the query in packet {query_packet} (same transaction id), {} later.",
            duration(*elapsed_microseconds)
        ),

        Msg::HttpRequest { method, target, host } => match host {
            Some(host) => format!(
                "HTTP request: {method} {target} on host {host}. Plain HTTP travels as readable text, so anyone on the path can read it."
            ),
            None => format!(
                "HTTP request: {method} {target}. Plain HTTP travels as readable text, so anyone on the path can read it."
            ),
        },
        Msg::HttpResponse { status, reason } => format!(
            "HTTP response: status {status} {reason} ({}).",
            match status / 100 {
                1 => "information, more is coming",
                2 => "success",
                3 => "the page is elsewhere: a redirect",
                4 => "an error on the client's side, such as a missing page",
                5 => "an error on the server's side",
                _ => "an unusual status",
            }
        ),
        Msg::TlsClientHello { server_name, versions } => match server_name {
            Some(name) => format!(
                "TLS ClientHello: the client names the server it wants, {name} (SNI, still readable), and offers {versions}. After the handshake everything is encrypted: this is why port 443 hides what port 80 shows."
            ),
            None => format!(
                "TLS ClientHello: the client offers {versions} and names no server. After the handshake everything is encrypted."
            ),
        },
        Msg::TlsServerHello { version } => format!(
            "TLS ServerHello: the server chooses {version}; from here on the conversation is encrypted."
        ),
        Msg::TlsApplicationData => "TLS application data: encrypted; only the two programs at the ends can read it.".to_string(),
        Msg::TlsRecord { content_type } => format!(
            "TLS {} record.",
            match content_type {
                20 => "change-cipher-spec",
                21 => "alert",
                22 => "handshake",
                24 => "heartbeat",
                _ => "unknown",
            }
        ),
        Msg::DnsQuery { name, record_type } => format!(
            "DNS query: what is the {record_type} record of {name}?"
        ),
        Msg::DnsResponse { response_code, answers } => format!(
            "DNS response ({}): {answers}.",
            response_code_words(*response_code)
        ),
        Msg::DnsNoAnswer { response_code } => match response_code {
            ResponseCode::NxDomain => "DNS response (NXDOMAIN): no such name exists.".to_string(),
            ResponseCode::NoError => "DNS response (NOERROR): the name exists but has no record of the type asked for.".to_string(),
            other => format!("DNS response ({}): no answer.", response_code_words(*other)),
        },
        Msg::Banner { protocol, line } => format!(
            "{protocol} greeting: \"{line}\": the program listening on this port introduces itself."
        ),
        Msg::TextLine { protocol, line } => format!("{protocol} says: \"{line}\"."),
        Msg::Dhcp { message_type } => match message_type {
            MessageType::Discover => "DHCP DISCOVER: a computer without an address asks, by broadcast, whether any DHCP server can give it one.".to_string(),
            MessageType::Offer => "DHCP OFFER: a server offers an address.".to_string(),
            MessageType::Request => "DHCP REQUEST: the computer asks for the address it was offered.".to_string(),
            MessageType::Ack => "DHCP ACK: the server confirms; the computer may use the address for the lease time.".to_string(),
            MessageType::Unknown(value) => format!("DHCP message type {value}."),
            other => format!("DHCP {}.", other.name().unwrap_or_default()),
        },
        Msg::Quic { version, packet_type } => format!(
            "QUIC {packet_type} packet ({}): the transport of HTTP/3, with TLS 1.3 built in; the rest is encrypted.",
            match version {
                QuicVersion::V1 => "QUIC version 1".to_string(),
                QuicVersion::V2 => "QUIC version 2".to_string(),
                QuicVersion::Negotiation => "version negotiation".to_string(),
                QuicVersion::Other(other) => format!("version 0x{other:08x}"),
            }
        ),
        Msg::PortIsConvention { protocol, port, usual } => format!(
            "Port numbers are conventions, not rules: this is {protocol} on port {port}, while its usual port is {usual}."
        ),

        Msg::SocketOf { name, pid } => format!("socket of {name} (pid {pid})"),
        Msg::ProcessOwnsPort { port, name, pid, listening, end } => {
            let socket = if *listening { "the listening socket" } else { "a socket" };
            if *end == Side::Destination {
                format!(
                    "On this computer, destination port {port} is {socket} of {name} (pid {pid}): the operating system hands the data to that program, as `netstat -ano` or `ss -p` would show."
                )
            } else {
                format!(
                    "On this computer, source port {port} is {socket} of {name} (pid {pid}): that program sent this packet."
                )
            }
        }
        Msg::ProcessUnknown { port, reason } => {
            use crate::procs::Reason;
            let why = match reason {
                Reason::NotLocal => "neither end is this computer, and only its own programs can be named",
                Reason::NoSocket => "no socket uses it now: the program already exited, the port is closed, or the socket lives in another network namespace (a container)",
                Reason::NoOwner => "its socket has no program any more: the program closed it and the kernel keeps it briefly (TIME_WAIT), or the server has not accepted the connection yet",
                Reason::NotPermitted => "the program holding it belongs to another user, and reading other users' processes needs root (sudo) or CAP_SYS_PTRACE",
                Reason::OwnerNotVisible => "the program holding it is in another PID namespace (a container sharing this network)",
                Reason::OfflineFile => "the packets come from a file, and the programs that sent them are gone",
                Reason::Unavailable => "this system's socket tables (/proc/net) cannot be read",
            };
            format!("The program behind port {port} cannot be named: {why}.")
        }
        Msg::OfflineNoProcess => "This is a saved capture: the programs that owned its ports are gone, so portlens cannot name them (capture live with -i to see, like `netstat -ano`, which program owns each port).".to_string(),
        Msg::CountShown { packets } => format!(
            "{packets} shown: the packets portlens read, decoded and explained in this run."
        ),
        Msg::CountReceived { received, shown } => {
            let later = u64::from(*received).saturating_sub(*shown);
            let tail = if later > 0 {
                format!("{later} of them were still waiting in its buffer when the capture stopped, so they were not shown")
            } else {
                "portlens showed every one of them".to_string()
            };
            format!("{received} received by filter: the packets the kernel matched against the capture filter (every packet, without one) and handed to libpcap; {tail}.")
        }
        Msg::CountDropped { dropped: 0 } => "0 dropped by kernel: no packet was lost; the kernel's capture buffer never filled up.".to_string(),
        Msg::CountDropped { dropped } => format!(
            "{dropped} dropped by kernel: packets came faster than portlens read them, the kernel's capture buffer filled up, and these were lost before anyone saw them; a capture filter, --oneline, or -w to a file makes each packet cheaper to keep up with."
        ),
        Msg::Stop { layer, offset, reason } => match reason {
            StopReason::Truncated { needed, available, length_source } => format!(
                "Decoding stopped at the {} header (byte {offset}): it needs {needed} bytes but only {available} {}.",
                layer_name(*layer),
                match length_source {
                    LengthSource::Captured => "were captured (the snapshot length or a damaged capture cut the frame)",
                    LengthSource::HeaderField => "remain within the length that the enclosing header announces",
                }
            ),
            StopReason::Invalid { detail } => format!(
                "Decoding stopped at the {} header (byte {offset}): {detail}",
                layer_name(*layer)
            ),
            StopReason::MacsecProtected { header_length } => format!(
                "Decoding stopped at the {} header (byte {offset}): MACsec (802.1AE) protects the rest of this frame; its {header_length}-byte header is followed by encrypted or integrity-protected data",
                layer_name(*layer)
            ),
            StopReason::UnsupportedLinkType { link_type } => format!(
                "Link type {link_type} is not one portlens decodes."
            ),
        },
        Msg::LinkTypeOnce { number, name } => match name {
            Some(name) => format!(
                "This capture's link type is {number} ({name}), which portlens does not decode: its frames are counted and listed, without layers."
            ),
            None => format!(
                "This capture's link type is {number}, which portlens does not know: its frames are counted and listed, without layers."
            ),
        },
        Msg::LinkTypeAgain { number } => format!("Link type {number}: not decoded."),
    }
}

/// A DNS response code as a sentence names it: its mnemonic, or words for a code without one.
fn response_code_words(code: ResponseCode) -> &'static str {
    code.name().unwrap_or("an unusual code")
}
