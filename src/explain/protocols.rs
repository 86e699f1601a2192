//! Protocol numbers and their names: EtherTypes, IP protocol numbers, ICMP and ICMPv6 types and
//! codes, ARP operations, Linux cooked-capture packet types, BSD address families. Knowledge kept
//! as tables, looked up by number, so a value nobody listed still shows as its number.

/// (EtherType, short name, what it carries).
pub const ETHER_TYPES: &[(u16, &str, &str)] = &[
    (0x0800, "IPv4", "Internet Protocol version 4"),
    (0x0806, "ARP", "Address Resolution Protocol"),
    (0x0842, "Wake-on-LAN", "Wake-on-LAN magic packet"),
    (0x22f0, "AVTP", "audio/video transport"),
    (0x8035, "RARP", "Reverse ARP"),
    (0x809b, "AppleTalk", "AppleTalk"),
    (0x8100, "802.1Q", "an 802.1Q VLAN tag"),
    (0x8137, "IPX", "Novell IPX"),
    (0x86dd, "IPv6", "Internet Protocol version 6"),
    (0x8808, "Ethernet flow control", "Ethernet pause frames"),
    (0x8809, "Slow protocols", "link aggregation (LACP)"),
    (0x8847, "MPLS", "MPLS unicast"),
    (0x8848, "MPLS multicast", "MPLS multicast"),
    (
        0x8863,
        "PPPoE discovery",
        "PPP over Ethernet, discovery stage",
    ),
    (0x8864, "PPPoE session", "PPP over Ethernet, session stage"),
    (
        0x886f,
        "MS NLB",
        "Microsoft Network Load Balancing heartbeat",
    ),
    (0x888e, "EAPOL", "802.1X port authentication (EAP over LAN)"),
    (0x8892, "PROFINET", "industrial Ethernet (PROFINET)"),
    (0x88a8, "802.1ad", "an 802.1ad provider (outer) VLAN tag"),
    (0x88cc, "LLDP", "Link Layer Discovery Protocol"),
    (0x88e5, "MACsec", "802.1AE MAC security"),
    (0x88f7, "PTP", "Precision Time Protocol"),
    (0x893a, "IEEE 1905", "IEEE 1905.1 home networking"),
    (0x9000, "Loopback", "Ethernet configuration test (loopback)"),
    (0x9100, "QinQ", "a legacy double VLAN tag"),
];

/// (IP protocol number, short name, what it carries).
pub const IP_PROTOCOLS: &[(u8, &str, &str)] = &[
    (0, "Hop-by-Hop Options", "IPv6 hop-by-hop options"),
    (1, "ICMP", "Internet Control Message Protocol"),
    (2, "IGMP", "Internet Group Management Protocol"),
    (4, "IPv4", "IPv4 inside IP (a tunnel)"),
    (6, "TCP", "Transmission Control Protocol"),
    (17, "UDP", "User Datagram Protocol"),
    (41, "IPv6", "IPv6 inside IP (a tunnel)"),
    (43, "Routing", "IPv6 routing header"),
    (44, "Fragment", "IPv6 fragment header"),
    (47, "GRE", "Generic Routing Encapsulation (a tunnel)"),
    (50, "ESP", "IPsec Encapsulating Security Payload"),
    (51, "AH", "IPsec Authentication Header"),
    (58, "ICMPv6", "ICMP for IPv6"),
    (59, "No Next Header", "nothing: the IPv6 packet ends here"),
    (60, "Destination Options", "IPv6 destination options"),
    (88, "EIGRP", "Cisco EIGRP routing"),
    (89, "OSPF", "OSPF routing"),
    (103, "PIM", "Protocol Independent Multicast"),
    (112, "VRRP", "Virtual Router Redundancy Protocol"),
    (115, "L2TP", "Layer 2 Tunneling Protocol"),
    (132, "SCTP", "Stream Control Transmission Protocol"),
    (136, "UDP-Lite", "Lightweight UDP"),
    (137, "MPLS-in-IP", "MPLS inside IP"),
];

/// (ICMPv4 type, name) and (type, code, name) for the codes learners meet.
pub const ICMPV4_TYPES: &[(u8, &str)] = &[
    (0, "echo reply"),
    (3, "destination unreachable"),
    (4, "source quench"),
    (5, "redirect"),
    (8, "echo request"),
    (9, "router advertisement"),
    (10, "router solicitation"),
    (11, "time exceeded"),
    (12, "parameter problem"),
    (13, "timestamp request"),
    (14, "timestamp reply"),
];

pub const ICMPV4_CODES: &[(u8, u8, &str)] = &[
    (3, 0, "network unreachable"),
    (3, 1, "host unreachable"),
    (3, 2, "protocol unreachable"),
    (3, 3, "port unreachable"),
    (3, 4, "fragmentation needed but Don't Fragment set"),
    (3, 5, "source route failed"),
    (3, 6, "destination network unknown"),
    (3, 7, "destination host unknown"),
    (3, 9, "network administratively prohibited"),
    (3, 10, "host administratively prohibited"),
    (3, 13, "communication administratively prohibited"),
    (5, 0, "redirect for the network"),
    (5, 1, "redirect for the host"),
    (11, 0, "TTL exceeded in transit"),
    (11, 1, "fragment reassembly time exceeded"),
];

pub const ICMPV6_TYPES: &[(u8, &str)] = &[
    (1, "destination unreachable"),
    (2, "packet too big"),
    (3, "time exceeded"),
    (4, "parameter problem"),
    (128, "echo request"),
    (129, "echo reply"),
    (130, "multicast listener query"),
    (131, "multicast listener report"),
    (132, "multicast listener done"),
    (133, "router solicitation"),
    (134, "router advertisement"),
    (135, "neighbor solicitation"),
    (136, "neighbor advertisement"),
    (137, "redirect"),
    (143, "multicast listener report v2"),
];

pub const ICMPV6_CODES: &[(u8, u8, &str)] = &[
    (1, 0, "no route to destination"),
    (1, 1, "communication administratively prohibited"),
    (1, 3, "address unreachable"),
    (1, 4, "port unreachable"),
    (3, 0, "hop limit exceeded in transit"),
    (3, 1, "fragment reassembly time exceeded"),
];

pub const ARP_OPERATIONS: &[(u16, &str)] = &[
    (1, "request"),
    (2, "reply"),
    (3, "RARP request"),
    (4, "RARP reply"),
];

/// Linux cooked-capture packet types (the direction the kernel saw the frame go).
pub const SLL_PACKET_TYPES: &[(u16, &str)] = &[
    (0, "addressed to this host"),
    (1, "broadcast"),
    (2, "multicast"),
    (3, "addressed to another host"),
    (4, "sent by this host"),
];

/// BSD address families seen in NULL/LOOP headers.
pub const ADDRESS_FAMILIES: &[(u32, &str)] = &[
    (2, "IPv4"),
    (24, "IPv6"),
    (28, "IPv6"),
    (30, "IPv6"),
    (7, "OSI"),
    (23, "IPX"),
];

/// Looks up `key` in a table of (key, name, …) rows.
pub fn name_of<K: PartialEq + Copy>(table: &[(K, &'static str)], key: K) -> Option<&'static str> {
    table.iter().find(|(k, _)| *k == key).map(|(_, n)| *n)
}

pub fn ether_type(value: u16) -> Option<(&'static str, &'static str)> {
    ETHER_TYPES
        .iter()
        .find(|(v, _, _)| *v == value)
        .map(|(_, name, what)| (*name, *what))
}

pub fn ip_protocol(value: u8) -> Option<(&'static str, &'static str)> {
    IP_PROTOCOLS
        .iter()
        .find(|(v, _, _)| *v == value)
        .map(|(_, name, what)| (*name, *what))
}

/// Name of an ICMP type and, where known, of its code.
pub fn icmp_name(
    version6: bool,
    icmp_type: u8,
    code: u8,
) -> (Option<&'static str>, Option<&'static str>) {
    let (types, codes) = if version6 {
        (ICMPV6_TYPES, ICMPV6_CODES)
    } else {
        (ICMPV4_TYPES, ICMPV4_CODES)
    };
    (
        name_of(types, icmp_type),
        codes
            .iter()
            .find(|(t, c, _)| *t == icmp_type && *c == code)
            .map(|(_, _, n)| *n),
    )
}
