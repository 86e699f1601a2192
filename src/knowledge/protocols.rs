//! Protocol numbers and their names: EtherTypes, IP protocol numbers, ICMP and ICMPv6 types and
//! codes, ARP operations, Linux cooked-capture packet types, BSD address families. Knowledge kept
//! as tables, looked up by number, so a value nobody listed still shows as its number. Names and
//! descriptions a learner reads carry a Korean column beside the English one.

use crate::lang::Lang;

/// (EtherType, short name, what it carries, the same in Korean).
pub const ETHER_TYPES: &[(u16, &str, &str, &str)] = &[
    (
        0x0800,
        "IPv4",
        "Internet Protocol version 4",
        "인터넷 프로토콜 버전 4",
    ),
    (
        0x0806,
        "ARP",
        "Address Resolution Protocol",
        "주소 결정 프로토콜",
    ),
    (
        0x0842,
        "Wake-on-LAN",
        "Wake-on-LAN magic packet",
        "Wake-on-LAN 매직 패킷",
    ),
    (
        0x22f0,
        "AVTP",
        "audio/video transport",
        "오디오·비디오 전송",
    ),
    (0x8035, "RARP", "Reverse ARP", "역 ARP(RARP)"),
    (0x809b, "AppleTalk", "AppleTalk", "AppleTalk 프로토콜"),
    (0x8100, "802.1Q", "an 802.1Q VLAN tag", "802.1Q VLAN 태그"),
    (0x8137, "IPX", "Novell IPX", "Novell IPX 프로토콜"),
    (
        0x86dd,
        "IPv6",
        "Internet Protocol version 6",
        "인터넷 프로토콜 버전 6",
    ),
    (
        0x8808,
        "Ethernet flow control",
        "Ethernet pause frames",
        "이더넷 일시 정지(pause) 프레임",
    ),
    (
        0x8809,
        "Slow protocols",
        "link aggregation (LACP)",
        "링크 묶음(LACP)",
    ),
    (0x8847, "MPLS", "MPLS unicast", "MPLS 유니캐스트"),
    (
        0x8848,
        "MPLS multicast",
        "MPLS multicast",
        "MPLS 멀티캐스트",
    ),
    (
        0x8863,
        "PPPoE discovery",
        "PPP over Ethernet, discovery stage",
        "PPPoE 탐색 단계",
    ),
    (
        0x8864,
        "PPPoE session",
        "PPP over Ethernet, session stage",
        "PPPoE 세션 단계",
    ),
    (
        0x886f,
        "MS NLB",
        "Microsoft Network Load Balancing heartbeat",
        "Microsoft 네트워크 부하 분산(NLB) 하트비트",
    ),
    (
        0x888e,
        "EAPOL",
        "802.1X port authentication (EAP over LAN)",
        "802.1X 포트 인증(EAP over LAN)",
    ),
    (
        0x8892,
        "PROFINET",
        "industrial Ethernet (PROFINET)",
        "산업용 이더넷(PROFINET)",
    ),
    (
        0x88a8,
        "802.1ad",
        "an 802.1ad provider (outer) VLAN tag",
        "802.1ad 서비스 제공자(바깥) VLAN 태그",
    ),
    (
        0x88cc,
        "LLDP",
        "Link Layer Discovery Protocol",
        "링크 계층 탐색 프로토콜(LLDP)",
    ),
    (0x88e5, "MACsec", "802.1AE MAC security", "802.1AE MAC 보안"),
    (
        0x88f7,
        "PTP",
        "Precision Time Protocol",
        "정밀 시간 프로토콜",
    ),
    (
        0x893a,
        "IEEE 1905",
        "IEEE 1905.1 home networking",
        "IEEE 1905.1 홈 네트워킹",
    ),
    (
        0x9000,
        "Loopback",
        "Ethernet configuration test (loopback)",
        "이더넷 구성 시험(루프백)",
    ),
    (
        0x9100,
        "QinQ",
        "a legacy double VLAN tag",
        "예전 방식의 이중 VLAN 태그",
    ),
];

/// (IP protocol number, short name, what it carries, the same in Korean).
pub const IP_PROTOCOLS: &[(u8, &str, &str, &str)] = &[
    (
        0,
        "Hop-by-Hop Options",
        "IPv6 hop-by-hop options",
        "IPv6 홉별 옵션",
    ),
    (
        1,
        "ICMP",
        "Internet Control Message Protocol",
        "인터넷 제어 메시지 프로토콜",
    ),
    (
        2,
        "IGMP",
        "Internet Group Management Protocol",
        "인터넷 그룹 관리 프로토콜",
    ),
    (4, "IPv4", "IPv4 inside IP (a tunnel)", "IP 안의 IPv4(터널)"),
    (
        6,
        "TCP",
        "Transmission Control Protocol",
        "전송 제어 프로토콜",
    ),
    (
        17,
        "UDP",
        "User Datagram Protocol",
        "사용자 데이터그램 프로토콜",
    ),
    (
        41,
        "IPv6",
        "IPv6 inside IP (a tunnel)",
        "IP 안의 IPv6(터널)",
    ),
    (43, "Routing", "IPv6 routing header", "IPv6 라우팅 헤더"),
    (44, "Fragment", "IPv6 fragment header", "IPv6 단편 헤더"),
    (
        47,
        "GRE",
        "Generic Routing Encapsulation (a tunnel)",
        "일반 라우팅 캡슐화(터널)",
    ),
    (
        50,
        "ESP",
        "IPsec Encapsulating Security Payload",
        "IPsec 보안 페이로드 캡슐화",
    ),
    (51, "AH", "IPsec Authentication Header", "IPsec 인증 헤더"),
    (58, "ICMPv6", "ICMP for IPv6", "IPv6용 ICMP"),
    (
        59,
        "No Next Header",
        "nothing: the IPv6 packet ends here",
        "없음: IPv6 패킷이 여기서 끝납니다",
    ),
    (
        60,
        "Destination Options",
        "IPv6 destination options",
        "IPv6 목적지 옵션",
    ),
    (88, "EIGRP", "Cisco EIGRP routing", "Cisco EIGRP 라우팅"),
    (89, "OSPF", "OSPF routing", "OSPF 라우팅"),
    (
        103,
        "PIM",
        "Protocol Independent Multicast",
        "프로토콜 독립 멀티캐스트",
    ),
    (
        112,
        "VRRP",
        "Virtual Router Redundancy Protocol",
        "가상 라우터 이중화 프로토콜",
    ),
    (
        115,
        "L2TP",
        "Layer 2 Tunneling Protocol",
        "계층 2 터널링 프로토콜",
    ),
    (
        132,
        "SCTP",
        "Stream Control Transmission Protocol",
        "스트림 제어 전송 프로토콜",
    ),
    (136, "UDP-Lite", "Lightweight UDP", "경량 UDP"),
    (137, "MPLS-in-IP", "MPLS inside IP", "IP 안의 MPLS"),
];

/// (ICMPv4 type, name, Korean name) and (type, code, name, Korean name) for the codes learners
/// meet.
pub const ICMPV4_TYPES: &[(u8, &str, &str)] = &[
    (0, "echo reply", "에코 응답"),
    (3, "destination unreachable", "목적지 도달 불가"),
    (4, "source quench", "발신 억제"),
    (5, "redirect", "경로 재지정"),
    (8, "echo request", "에코 요청"),
    (9, "router advertisement", "라우터 광고"),
    (10, "router solicitation", "라우터 요청"),
    (11, "time exceeded", "시간 초과"),
    (12, "parameter problem", "매개변수 문제"),
    (13, "timestamp request", "타임스탬프 요청"),
    (14, "timestamp reply", "타임스탬프 응답"),
];

pub const ICMPV4_CODES: &[(u8, u8, &str, &str)] = &[
    (3, 0, "network unreachable", "네트워크 도달 불가"),
    (3, 1, "host unreachable", "호스트 도달 불가"),
    (3, 2, "protocol unreachable", "프로토콜 도달 불가"),
    (3, 3, "port unreachable", "포트 도달 불가"),
    (
        3,
        4,
        "fragmentation needed but Don't Fragment set",
        "단편화가 필요하지만 DF가 설정됨",
    ),
    (3, 5, "source route failed", "소스 라우팅 실패"),
    (
        3,
        6,
        "destination network unknown",
        "목적지 네트워크를 모름",
    ),
    (3, 7, "destination host unknown", "목적지 호스트를 모름"),
    (
        3,
        9,
        "network administratively prohibited",
        "관리자가 네트워크를 금지함",
    ),
    (
        3,
        10,
        "host administratively prohibited",
        "관리자가 호스트를 금지함",
    ),
    (
        3,
        13,
        "communication administratively prohibited",
        "관리자가 통신을 금지함",
    ),
    (
        5,
        0,
        "redirect for the network",
        "네트워크에 대한 경로 재지정",
    ),
    (5, 1, "redirect for the host", "호스트에 대한 경로 재지정"),
    (11, 0, "TTL exceeded in transit", "전송 중 TTL 초과"),
    (
        11,
        1,
        "fragment reassembly time exceeded",
        "단편 재조립 시간 초과",
    ),
];

pub const ICMPV6_TYPES: &[(u8, &str, &str)] = &[
    (1, "destination unreachable", "목적지 도달 불가"),
    (2, "packet too big", "패킷이 너무 큼"),
    (3, "time exceeded", "시간 초과"),
    (4, "parameter problem", "매개변수 문제"),
    (128, "echo request", "에코 요청"),
    (129, "echo reply", "에코 응답"),
    (130, "multicast listener query", "멀티캐스트 수신자 질의"),
    (131, "multicast listener report", "멀티캐스트 수신자 보고"),
    (132, "multicast listener done", "멀티캐스트 수신자 종료"),
    (133, "router solicitation", "라우터 요청"),
    (134, "router advertisement", "라우터 광고"),
    (135, "neighbor solicitation", "이웃 요청"),
    (136, "neighbor advertisement", "이웃 광고"),
    (137, "redirect", "경로 재지정"),
    (
        143,
        "multicast listener report v2",
        "멀티캐스트 수신자 보고 v2",
    ),
];

pub const ICMPV6_CODES: &[(u8, u8, &str, &str)] = &[
    (1, 0, "no route to destination", "목적지로 가는 경로 없음"),
    (
        1,
        1,
        "communication administratively prohibited",
        "관리자가 통신을 금지함",
    ),
    (1, 3, "address unreachable", "주소 도달 불가"),
    (1, 4, "port unreachable", "포트 도달 불가"),
    (
        3,
        0,
        "hop limit exceeded in transit",
        "전송 중 홉 제한 초과",
    ),
    (
        3,
        1,
        "fragment reassembly time exceeded",
        "단편 재조립 시간 초과",
    ),
];

pub const ARP_OPERATIONS: &[(u16, &str, &str)] = &[
    (1, "request", "요청"),
    (2, "reply", "응답"),
    (3, "RARP request", "RARP 요청"),
    (4, "RARP reply", "RARP 응답"),
];

/// Linux cooked-capture packet types (the direction the kernel saw the frame go).
pub const SLL_PACKET_TYPES: &[(u16, &str, &str)] = &[
    (0, "addressed to this host", "이 호스트가 받는 패킷"),
    (1, "broadcast", "브로드캐스트"),
    (2, "multicast", "멀티캐스트"),
    (3, "addressed to another host", "다른 호스트로 가는 패킷"),
    (4, "sent by this host", "이 호스트가 보낸 패킷"),
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

/// Looks up `key` in a table of (key, English name, Korean name) rows, in `lang`.
pub fn name_in<K: PartialEq + Copy>(
    table: &[(K, &'static str, &'static str)],
    key: K,
    lang: Lang,
) -> Option<&'static str> {
    table
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, ko)| lang.pick(en, ko))
}

/// An EtherType's short name and what it carries (in English).
pub fn ether_type(value: u16) -> Option<(&'static str, &'static str)> {
    ether_type_in(value, Lang::En)
}

/// An EtherType's short name and what it carries, in `lang`.
pub fn ether_type_in(value: u16, lang: Lang) -> Option<(&'static str, &'static str)> {
    ETHER_TYPES
        .iter()
        .find(|(v, _, _, _)| *v == value)
        .map(|(_, name, en, ko)| (*name, lang.pick(en, ko)))
}

/// An IP protocol's short name and what it carries (in English).
pub fn ip_protocol(value: u8) -> Option<(&'static str, &'static str)> {
    ip_protocol_in(value, Lang::En)
}

/// An IP protocol's short name and what it carries, in `lang`.
pub fn ip_protocol_in(value: u8, lang: Lang) -> Option<(&'static str, &'static str)> {
    IP_PROTOCOLS
        .iter()
        .find(|(v, _, _, _)| *v == value)
        .map(|(_, name, en, ko)| (*name, lang.pick(en, ko)))
}

/// Name of an ICMP type and, where known, of its code (in English, as JSON's `icmp_name`).
pub fn icmp_name(
    version6: bool,
    icmp_type: u8,
    code: u8,
) -> (Option<&'static str>, Option<&'static str>) {
    icmp_name_in(version6, icmp_type, code, Lang::En)
}

/// Name of an ICMP type and, where known, of its code, in `lang`.
pub fn icmp_name_in(
    version6: bool,
    icmp_type: u8,
    code: u8,
    lang: Lang,
) -> (Option<&'static str>, Option<&'static str>) {
    let (types, codes) = if version6 {
        (ICMPV6_TYPES, ICMPV6_CODES)
    } else {
        (ICMPV4_TYPES, ICMPV4_CODES)
    };
    (
        name_in(types, icmp_type, lang),
        codes
            .iter()
            .find(|(t, c, _, _)| *t == icmp_type && *c == code)
            .map(|(_, _, en, ko)| lang.pick(en, ko)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_hangul(text: &str) -> bool {
        text.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c))
    }

    #[test]
    fn every_name_has_a_korean_column() {
        let mut korean: Vec<(&str, &str)> = Vec::new();
        korean.extend(ETHER_TYPES.iter().map(|r| (r.2, r.3)));
        korean.extend(IP_PROTOCOLS.iter().map(|r| (r.2, r.3)));
        for table in [ICMPV4_TYPES, ICMPV6_TYPES] {
            korean.extend(table.iter().map(|r| (r.1, r.2)));
        }
        for table in [ICMPV4_CODES, ICMPV6_CODES] {
            korean.extend(table.iter().map(|r| (r.2, r.3)));
        }
        for table in [ARP_OPERATIONS, SLL_PACKET_TYPES] {
            korean.extend(table.iter().map(|r| (r.1, r.2)));
        }
        for (english, korean) in korean {
            assert!(has_hangul(korean), "{english:?} → {korean:?} has no Hangul");
            assert_ne!(english, korean);
        }
    }

    #[test]
    fn icmp_names_follow_the_language() {
        assert_eq!(
            icmp_name(false, 3, 3),
            (Some("destination unreachable"), Some("port unreachable"))
        );
        assert_eq!(
            icmp_name_in(false, 3, 3, Lang::Ko),
            (Some("목적지 도달 불가"), Some("포트 도달 불가"))
        );
        assert_eq!(icmp_name_in(true, 128, 0, Lang::Ko).0, Some("에코 요청"));
        assert_eq!(icmp_name_in(true, 200, 0, Lang::Ko), (None, None));
        assert_eq!(
            ether_type_in(0x0800, Lang::Ko),
            Some(("IPv4", "인터넷 프로토콜 버전 4"))
        );
        assert_eq!(
            ip_protocol(6),
            Some(("TCP", "Transmission Control Protocol"))
        );
    }
}
