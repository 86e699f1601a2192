//! English catalogue: one arm per message.

use super::{Direction, Field, Msg};
use crate::decode::{LayerName, LengthSource, StopReason};
use crate::explain::addresses::{IpClass, MacClass};
use crate::explain::ports::{PortRange, Transport};

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

fn range_name(range: PortRange) -> &'static str {
    match range {
        PortRange::WellKnown => "a well-known port (0–1023)",
        PortRange::Registered => "a registered port (1024–49151)",
        PortRange::Dynamic => "a dynamic port (49152–65535)",
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

pub fn say(msg: &Msg<'_>) -> String {
    match msg {
        Msg::Field(field) => match field {
            Field::EtherType => "EtherType",
            Field::CookedProtocol => "protocol",
            Field::AddressFamily => "address family",
            Field::IpVersion => "IP version",
            Field::IpProtocol => "protocol",
            Field::NextHeader => "next header",
            Field::DestinationPort => "destination port",
        }
        .to_string(),
        Msg::ClientOf { service } => format!("the {service} client program (the port its OS lent it)"),
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
        Msg::ServerPort { transport, port, range, service, description, curated, host, direction } => {
            let unit = if *transport == Transport::Tcp { "segment" } else { "datagram" };
            let transport = transport.name();
            let about = if *curated {
                format!("the {description}")
            } else if description.is_empty() {
                "a service registered with IANA".to_string()
            } else {
                format!("in IANA's words, \"{description}\"")
            };
            match direction {
                Direction::ToServer => format!(
                    "{transport} destination port {port} is {}: it selects the {service} server program on {host} ({about}), which receives this {unit}.",
                    range_name(*range)
                ),
                Direction::FromServer => format!(
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
        Msg::ClientPort { port, range, host, direction, linux_ephemeral } => {
            let kind = match (range, linux_ephemeral) {
                (PortRange::Dynamic, _) => "a dynamic port".to_string(),
                (_, true) => format!(
                    "{}, used here as a temporary port (Linux lends ports 32768–60999 to clients)",
                    range_name(*range)
                ),
                _ => range_name(*range).to_string(),
            };
            match direction {
                Direction::ToServer => format!(
                    "Source port {port} is {kind}: the operating system of {host} lent it to the client program for this conversation, so the reply can find that program again."
                ),
                Direction::FromServer => format!(
                    "Destination port {port} is {kind} that the operating system of {host} lent to the client program: it selects that program, which receives this reply."
                ),
            }
        }
        Msg::SamePorts { port, service } => format!(
            "Both ports are {port} ({service}): two programs of the same service talk to each other, each from its own well-known port."
        ),
        Msg::NoService { transport, source_port, destination_port } => format!(
            "Neither {} port {source_port} nor {destination_port} names a service portlens knows, so it cannot tell which side is the server.",
            transport.name()
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
