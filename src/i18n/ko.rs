//! Korean catalogue (한국어): one arm per message, in the formal 합니다 style of Korean
//! networking textbooks. Values (port numbers, addresses, protocol names) are written as they
//! are; sentences are shaped so that no particle has to agree with a value (values stand before
//! a noun such as 포트, 주소, 번, or inside parentheses).

use super::{ClientPortKind, Direction, Field, FieldId, Msg};
use crate::decode::app::dhcp::MessageType;
use crate::decode::app::dns::ResponseCode;
use crate::decode::app::quic::Version as QuicVersion;
use crate::decode::{LayerName, LengthSource, StopReason, Transport};
use crate::knowledge::addresses::{Audience, IpClass, MacClass};
use crate::knowledge::ports::{Ephemeral, PortRange};
use crate::knowledge::{Guess, Side};
use std::net::IpAddr;

/// What kind of address this is, as the predicate of "… 주소는 ___."
fn ip_class(class: IpClass) -> &'static str {
    match class {
        IpClass::Unspecified => {
            "미지정 주소로, 보낸 쪽에 아직 주소가 없을 때 씁니다(DHCP 요청처럼)"
        }
        IpClass::Loopback => "루프백 주소로, 패킷이 이 컴퓨터 밖으로 나가지 않습니다",
        IpClass::Private => {
            "사설 주소로, 가정이나 회사 네트워크 안에서 쓰이며 인터넷으로 나가기 전에 NAT로 변환됩니다"
        }
        IpClass::SharedNat => {
            "인터넷 서비스 제공자 네트워크 안에서 통신사급 NAT(CGN)가 쓰는 공유 주소입니다"
        }
        IpClass::LinkLocal => "링크 로컬 주소로, 이 네트워크 구간 안에서만 유효합니다",
        IpClass::Multicast => "멀티캐스트 그룹 주소로, 그룹의 모든 구성원이 이 패킷을 받습니다",
        IpClass::Broadcast => "브로드캐스트 주소로, 이 네트워크의 모든 호스트가 이 패킷을 받습니다",
        IpClass::Documentation => "문서용 주소로, 예시와 교육을 위해 예약되어 있습니다",
        IpClass::Ipv4Mapped => "IPv6 형식으로 쓴 IPv4 주소(IPv4 매핑 주소)입니다",
        IpClass::Reserved => "예약된 주소로, 인터넷에 나타나서는 안 됩니다",
        IpClass::Public => "공인 인터넷 주소입니다",
    }
}

/// The same for two addresses at once: "두 주소 모두 ___."
fn ip_class_plural(class: IpClass) -> &'static str {
    match class {
        IpClass::Unspecified => "미지정 주소입니다",
        IpClass::Loopback => "루프백 주소로, 패킷이 이 컴퓨터 밖으로 나가지 않습니다",
        IpClass::Private => "사설 주소로, 가정이나 회사 네트워크 안에서 쓰입니다",
        IpClass::SharedNat => "통신사급 NAT의 공유 주소입니다",
        IpClass::LinkLocal => "링크 로컬 주소로, 이 네트워크 구간 안에서만 유효합니다",
        IpClass::Multicast => "멀티캐스트 그룹 주소입니다",
        IpClass::Broadcast => "브로드캐스트 주소입니다",
        IpClass::Documentation => "문서용 주소로, 예시와 교육을 위해 예약되어 있습니다",
        IpClass::Ipv4Mapped => "IPv6 형식으로 쓴 IPv4 주소입니다",
        IpClass::Reserved => "예약된 주소입니다",
        IpClass::Public => "공인 인터넷 주소입니다",
    }
}

/// A duration: microseconds, milliseconds or seconds (the symbols read the same in Korean).
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
        PortRange::WellKnown => "잘 알려진 포트(0–1023)",
        PortRange::Registered => "등록된 포트(1024–49151)",
        PortRange::Dynamic => "동적 포트(49152–65535)",
    }
}

/// A client port's range class and the range operating systems lend it from, as a predicate.
fn lent_kind(range: PortRange, ephemeral: Ephemeral) -> String {
    match (range, ephemeral) {
        (PortRange::Dynamic, Ephemeral::LinuxAndDynamic) => "동적 포트(49152–65535)로, Windows와 IANA가 빌려주는 범위이자 Linux의 임시 포트 범위(32768–60999)에 속합니다".to_string(),
        (PortRange::Dynamic, _) => "동적 포트(49152–65535)로, Windows와 IANA가 빌려주는 범위에 속합니다".to_string(),
        (_, Ephemeral::OldWindows) => format!("{}로, 옛 Windows XP/BSD 범위(1025–5000)에 속합니다", range_name(range)),
        _ => format!("{}로, Linux의 임시 포트 범위(32768–60999)에 속합니다", range_name(range)),
    }
}

/// A range of lent ports, as a noun phrase.
fn lent_range(ephemeral: Ephemeral) -> &'static str {
    match ephemeral {
        Ephemeral::Linux => "Linux의 임시 포트 범위(32768–60999)",
        Ephemeral::LinuxAndDynamic => {
            "Linux의 임시 포트 범위(32768–60999)이자 Windows와 IANA가 쓰는 동적 범위(49152–65535)"
        }
        Ephemeral::Dynamic => "Windows와 IANA가 쓰는 동적 범위(49152–65535)",
        Ephemeral::OldWindows => "옛 Windows XP/BSD 범위(1025–5000)",
    }
}

/// Who receives a packet sent to `host`, as a clause followed by "각 …에서".
fn audience_clause(audience: Audience, host: IpAddr, unit_object: &str) -> String {
    match audience {
        Audience::Link => format!(
            "{host} 주소는 브로드캐스트 주소이므로 링크의 모든 호스트가 이 {unit_object} 받고, 각 호스트에서"
        ),
        _ => format!(
            "{host} 주소는 멀티캐스트 그룹 주소이므로 그룹의 모든 구성원이 이 {unit_object} 받고, 각 구성원에서"
        ),
    }
}

fn layer_name(layer: LayerName) -> &'static str {
    match layer {
        LayerName::Link => "링크 계층",
        LayerName::Ethernet => "이더넷",
        LayerName::LinuxSll => "Linux cooked capture",
        LayerName::LinuxSll2 => "Linux cooked capture v2",
        LayerName::Loopback => "BSD 루프백",
        LayerName::Vlan => "VLAN 태그",
        LayerName::Macsec => "MACsec",
        LayerName::Arp => "ARP",
        LayerName::Ip => "IP",
        LayerName::Ipv4 => "IPv4",
        LayerName::Ipv6 => "IPv6",
        LayerName::Ipv6Extension => "IPv6 확장",
        LayerName::Icmpv4 => "ICMP",
        LayerName::Icmpv6 => "ICMPv6",
        LayerName::Igmp => "IGMP",
        LayerName::Tcp => "TCP",
        LayerName::Udp => "UDP",
    }
}

/// Who speaks: the client or the server (both take the particle 가/의 the same way).
fn who(from_client: bool) -> &'static str {
    if from_client {
        "클라이언트"
    } else {
        "서버"
    }
}

/// The transport's unit with its object and topic particles: (세그먼트를, 세그먼트는).
fn unit(transport: Transport) -> (&'static str, &'static str) {
    match transport {
        Transport::Tcp => ("세그먼트를", "세그먼트는"),
        Transport::Udp => ("데이터그램을", "데이터그램은"),
    }
}

/// The name of a field that selects the next layer.
pub fn field_name(field: Field) -> &'static str {
    match field {
        Field::EtherType => "이더타입",
        Field::CookedProtocol => "프로토콜",
        Field::AddressFamily => "주소 패밀리",
        Field::IpVersion => "IP 버전",
        Field::IpProtocol => "프로토콜",
        Field::NextHeader => "다음 헤더",
        Field::DestinationPort => "목적지 포트",
    }
}

pub fn say(msg: &Msg<'_>) -> String {
    match msg {
        Msg::Field(field) => field_name(*field).to_string(),
        Msg::FieldLabel(id) => match id {
            FieldId::DestinationMac => "목적지 MAC",
            FieldId::SourceMac => "출발지 MAC",
            FieldId::EtherType => "이더타입",
            FieldId::VlanPriority => "우선순위",
            FieldId::VlanDropEligible => "폐기 가능(DEI)",
            FieldId::VlanId => "VLAN 번호",
            FieldId::CookedPacketType => "패킷 종류",
            FieldId::CookedHardwareType => "하드웨어 종류",
            FieldId::CookedAddress => "링크 주소",
            FieldId::CookedInterface => "인터페이스 번호",
            FieldId::CookedProtocol => "프로토콜",
            FieldId::AddressFamily => "주소 패밀리",
            FieldId::ArpHardwareType => "하드웨어 종류",
            FieldId::ArpProtocolType => "프로토콜 종류",
            FieldId::ArpOperation => "동작",
            FieldId::ArpSenderMac => "송신자 MAC",
            FieldId::ArpSenderIp => "송신자 IP",
            FieldId::ArpTargetMac => "대상 MAC",
            FieldId::ArpTargetIp => "대상 IP",
            FieldId::IpVersion => "버전",
            FieldId::HeaderLength => "헤더 길이",
            FieldId::Dscp => "DSCP(차등 서비스)",
            FieldId::Ecn => "ECN(명시적 혼잡 알림)",
            FieldId::TotalLength => "전체 길이",
            FieldId::Identification => "식별자",
            FieldId::IpFlags => "플래그",
            FieldId::FragmentOffset => "단편 오프셋",
            FieldId::Ttl => "TTL(생존 시간)",
            FieldId::IpProtocol => "프로토콜",
            FieldId::HeaderChecksum => "헤더 체크섬",
            FieldId::SourceIp => "출발지 주소",
            FieldId::DestinationIp => "목적지 주소",
            FieldId::TrafficClass => "트래픽 클래스",
            FieldId::FlowLabel => "플로 레이블",
            FieldId::PayloadLength => "페이로드 길이",
            FieldId::NextHeader => "다음 헤더",
            FieldId::HopLimit => "홉 제한",
            FieldId::SourcePort => "출발지 포트",
            FieldId::DestinationPort => "목적지 포트",
            FieldId::SequenceNumber => "순서 번호",
            FieldId::AcknowledgmentNumber => "확인 응답 번호",
            FieldId::DataOffset => "헤더 길이",
            FieldId::TcpFlags => "플래그",
            FieldId::Window => "윈도",
            FieldId::Checksum => "체크섬",
            FieldId::UrgentPointer => "긴급 포인터",
            FieldId::TcpOptions => "옵션",
            FieldId::UdpLength => "길이",
            FieldId::IcmpType => "타입",
            FieldId::IcmpCode => "코드",
            FieldId::EchoIdentifier => "식별자",
            FieldId::EchoSequence => "순서 번호",
            FieldId::IgmpType => "타입",
            FieldId::IgmpGroup => "그룹",
        }
        .to_string(),
        Msg::FieldMeaning(id) => match id {
            FieldId::DestinationMac => "프레임을 받을 네트워크 카드",
            FieldId::SourceMac => "프레임을 보낸 네트워크 카드",
            FieldId::EtherType => "페이로드에 담긴 프로토콜",
            FieldId::VlanPriority => "802.1p 서비스 등급: 링크가 붐빌 때 값이 높을수록 먼저 보냅니다",
            FieldId::VlanDropEligible => "혼잡할 때 먼저 버려도 되는 프레임인지",
            FieldId::VlanId => "프레임이 속한 가상 LAN",
            FieldId::CookedPacketType => "커널이 본 패킷의 방향",
            FieldId::CookedHardwareType => "인터페이스의 종류(ARPHRD 번호)",
            FieldId::CookedAddress => "보낸 쪽의 링크 계층 주소",
            FieldId::CookedInterface => "패킷이 지나간 인터페이스",
            FieldId::CookedProtocol => "뒤따르는 프로토콜(이더타입 값)",
            FieldId::AddressFamily => "뒤따르는 프로토콜(2는 IPv4, 24·28·30은 IPv6)",
            FieldId::ArpHardwareType => "묻는 링크 주소의 종류(1은 이더넷)",
            FieldId::ArpProtocolType => "묻는 네트워크 주소의 종류(0x0800은 IPv4)",
            FieldId::ArpOperation => "1은 요청(who-has), 2는 응답(is-at)",
            FieldId::ArpSenderMac => "보낸 쪽의 MAC 주소",
            FieldId::ArpSenderIp => "보낸 쪽의 IP 주소",
            FieldId::ArpTargetMac => "알고 싶은 MAC 주소(요청에서는 0)",
            FieldId::ArpTargetIp => "MAC 주소를 알고 싶은 IP 주소",
            FieldId::IpVersion => "4 또는 6: 어떤 IP 헤더인지",
            FieldId::HeaderLength => "옵션을 포함한 헤더의 바이트 수",
            FieldId::Dscp => "라우터가 참고하는 우선순위 등급",
            FieldId::Ecn => "라우터가 패킷을 버리는 대신 혼잡을 표시할 수 있습니다",
            FieldId::TotalLength => "헤더를 포함한 패킷 전체의 바이트 수",
            FieldId::Identification => "한 패킷의 단편들이 함께 쓰는 번호",
            FieldId::IpFlags => "DF: 단편화 금지, MF: 뒤에 단편이 더 있음",
            FieldId::FragmentOffset => "이 조각이 원래 패킷에서 놓일 위치(바이트)",
            FieldId::Ttl => "라우터가 패킷을 버리기 전까지 남은 홉 수",
            FieldId::IpProtocol => "페이로드에 담긴 전송 계층 프로토콜",
            FieldId::HeaderChecksum => "각 라우터가 손상된 헤더를 알아챌 수 있게 합니다",
            FieldId::SourceIp => "패킷을 보낸 컴퓨터",
            FieldId::DestinationIp => "패킷을 받을 컴퓨터",
            FieldId::TrafficClass => "IPv6의 우선순위 등급(DSCP와 ECN)",
            FieldId::FlowLabel => "한 흐름의 패킷에 표시를 붙여 라우터가 함께 다룰 수 있게 합니다",
            FieldId::PayloadLength => "고정된 40바이트 헤더 뒤의 바이트 수",
            FieldId::NextHeader => "뒤따르는 헤더나 프로토콜",
            FieldId::HopLimit => "라우터가 패킷을 버리기 전까지 남은 홉 수",
            FieldId::SourcePort => "보내는 프로그램의 포트",
            FieldId::DestinationPort => "받는 프로그램을 선택하는 포트",
            FieldId::SequenceNumber => "이 세그먼트가 담은 첫 바이트의 번호",
            FieldId::AcknowledgmentNumber => "보낸 쪽이 상대에게서 다음에 받기를 기다리는 바이트",
            FieldId::DataOffset => "옵션을 포함한 TCP 헤더의 바이트 수",
            FieldId::TcpFlags => "SYN은 연결을 열고, FIN은 닫고, RST는 강제로 끊고, ACK는 확인 응답하고, PSH는 데이터를 곧바로 프로그램에 넘깁니다",
            FieldId::Window => "보낸 쪽이 지금 더 받을 수 있는 바이트 수",
            FieldId::Checksum => "받는 쪽이 손상된 데이터를 알아챌 수 있게 합니다",
            FieldId::UrgentPointer => "URG가 켜져 있을 때 긴급 데이터가 끝나는 위치",
            FieldId::TcpOptions => "연결을 시작할 때 정하는 설정: MSS, 윈도 스케일, SACK, 타임스탬프",
            FieldId::UdpLength => "헤더를 포함한 데이터그램의 바이트 수",
            FieldId::IcmpType => "어떤 종류의 메시지인지",
            FieldId::IcmpCode => "메시지 타입의 세부 내용",
            FieldId::EchoIdentifier => "응답을 요청한 ping 프로그램과 짝지어 줍니다",
            FieldId::EchoSequence => "한 번 실행한 ping의 요청 순서를 셉니다",
            FieldId::IgmpType => "어떤 종류의 그룹 메시지인지",
            FieldId::IgmpGroup => "해당 멀티캐스트 그룹",
        }
        .to_string(),
        Msg::ClientOf { service, lent: true } => {
            format!("{service} 클라이언트 프로그램(운영체제가 빌려준 포트)")
        }
        Msg::ClientOf { service, lent: false } => {
            format!("{service} 클라이언트 프로그램(고정 포트)")
        }
        Msg::UnknownService => "등록되지 않은 포트".to_string(),

        Msg::MacDestination { mac, class } => match class {
            MacClass::Broadcast => format!(
                "목적지 {mac} 주소는 브로드캐스트 주소입니다. 이 네트워크 구간의 모든 장치가 이 프레임을 읽습니다."
            ),
            MacClass::Multicast => format!(
                "목적지 {mac} 주소는 멀티캐스트 주소입니다. 이 그룹에 가입한 장치만 이 프레임을 읽습니다."
            ),
            MacClass::Zero => "두 MAC 주소가 모두 0입니다. 프레임이 루프백 인터페이스를 거쳤고 이 컴퓨터를 떠나지 않았습니다.".to_string(),
            MacClass::Unicast => format!(
                "목적지 {mac} 주소는 유니캐스트 주소입니다. 이 주소를 가진 네트워크 카드만 프레임을 받고, 다른 카드는 무시합니다."
            ),
        },
        Msg::MacLocallyAdministered { mac } => format!(
            "출발지 {mac} 주소는 로컬 관리 주소입니다. 카드 제조사가 아니라 소프트웨어(가상 머신, 컨테이너, 개인정보 보호를 위한 무작위 주소)가 정한 주소입니다."
        ),
        Msg::Ieee8023Length { length } => format!(
            "타입 필드의 값({length})이 1536보다 작으므로 이 값은 길이입니다. 즉 LLC 헤더가 붙은 IEEE 802.3 프레임(스패닝 트리, NetBIOS 같은 오래된 프로토콜)이며, portlens는 더 해석하지 않습니다."
        ),
        Msg::NotDecoded { what } => format!(
            "portlens는 다음을 해석하지 않으므로 설명이 이 계층에서 멈춥니다: {what}."
        ),
        Msg::Vlan { id, priority, outer } => {
            if *outer {
                format!(
                    "802.1ad 바깥 태그: 서비스 제공자의 VLAN(번호 {id}, 우선순위 {priority})이 고객 자신의 VLAN 태그를 감쌉니다(Q-in-Q). 그래서 제공자 네트워크 하나가 여러 고객의 VLAN을 실어 나를 수 있습니다."
                )
            } else {
                format!(
                    "802.1Q 태그: 이 프레임은 가상 LAN {id}번(우선순위 {priority})에 속합니다. 스위치는 같은 케이블 위의 다른 VLAN과 이 프레임을 분리합니다."
                )
            }
        }
        Msg::Cooked { version, direction, interface_index } => {
            let mut s = format!(
                "Linux cooked capture{}: libpcap이 이더넷 헤더가 없는 장치(`-i any` 등)에서 캡처하면서 실제 링크 헤더 대신 이 가상 헤더를 기록했습니다.",
                if *version == 2 { " v2" } else { "" }
            );
            if let Some(index) = interface_index {
                s.push_str(&format!(" 패킷은 {index}번 인터페이스를 지났습니다."));
            }
            if let Some(direction) = direction {
                s.push_str(&format!(" 방향: {direction}."));
            }
            s
        }
        Msg::BsdLoopback { family } => format!(
            "BSD 루프백 헤더: 패킷이 BSD나 macOS 컴퓨터의 루프백 인터페이스를 거쳤습니다. 주소 패밀리 값({family})이 뒤따르는 프로토콜을 알려 줍니다."
        ),
        Msg::RawIp { link_type } => format!(
            "이 캡처에는 링크 계층 헤더가 없습니다({link_type}). 각 프레임은 IP 헤더로 시작하며, 그 버전 필드가 IPv4인지 IPv6인지 알려 줍니다."
        ),

        Msg::ArpRequest { sender_ip, sender_mac, target_ip } => format!(
            "ARP 요청(who-has): {sender_ip} 호스트가 LAN의 모든 장치에 묻습니다. \"{target_ip} 주소를 가진 장치는 누구입니까? {sender_mac}에 있는 {sender_ip}에게 알려 주세요.\" IP 주소는 컴퓨터를 찾아 주지만 이더넷 프레임에는 MAC 주소가 필요하며, ARP가 그 MAC 주소를 찾아 줍니다."
        ),
        Msg::ArpReply { sender_ip, sender_mac, target_ip } => format!(
            "ARP 응답(is-at): \"{sender_ip}의 MAC 주소는 {sender_mac}입니다.\" {target_ip} 호스트에게 보낸 답이며, 그 호스트는 답을 ARP 캐시에 저장합니다."
        ),
        Msg::ArpAnnouncement { ip, mac } => format!(
            "Gratuitous ARP(요청 없이 보내는 ARP): {ip} 호스트가 자신의 MAC 주소가 {mac}임을 알립니다(시작할 때, 또는 같은 주소를 두 곳에서 쓰는지 확인하려고)."
        ),
        Msg::ArpOther { operation } => format!("ARP 동작 코드 {operation}번입니다."),
        Msg::ArpHasNoPorts => "ARP는 링크 계층 자체를 위한 프로토콜입니다. 포트가 없으며, 프로그램이 아니라 운영체제가 답합니다.".to_string(),

        Msg::IpEndpoints { source, source_class, destination, destination_class } => {
            if source == destination {
                format!(
                    "출발지와 목적지가 모두 {source}입니다. 이 주소는 {}.",
                    ip_class(*source_class)
                )
            } else if source_class == destination_class {
                format!(
                    "{source} 주소와 {destination} 주소는 모두 {}.",
                    ip_class_plural(*source_class)
                )
            } else {
                format!(
                    "출발지 {source} 주소는 {}. 목적지 {destination} 주소는 {}.",
                    ip_class(*source_class),
                    ip_class(*destination_class)
                )
            }
        }
        Msg::Ttl { ttl } => format!(
            "TTL {ttl}: 패킷을 전달하는 라우터마다 이 값을 1씩 줄이고 0이 되면 패킷을 버립니다. 그래서 루프에 빠진 패킷이 끝없이 돌 수 없습니다."
        ),
        Msg::HopLimit { hop_limit } => format!(
            "홉 제한 {hop_limit}: IPv6에서 TTL을 부르는 이름입니다. 라우터마다 1씩 줄이고 0이 되면 패킷을 버립니다."
        ),
        Msg::DontFragment => "DF(Don't Fragment) 비트가 켜져 있습니다. 라우터는 패킷을 나누는 대신 버려야 하며, 경로 MTU 탐색은 이를 이용해 경로에 맞는 가장 큰 크기를 찾습니다.".to_string(),
        Msg::FirstFragment => "더 큰 패킷의 첫 번째 단편이며 뒤에 단편이 더 옵니다. 전송 계층 헤더는 이 단편에 있지만, portlens는 나머지를 재조립하지 않습니다.".to_string(),
        Msg::LaterFragment { offset, more } => format!(
            "더 큰 패킷의 {offset}바이트 위치에 있는 단편입니다{}. 전송 계층 헤더와 포트는 첫 번째 단편에만 있으므로, 여기서는 받는 프로그램을 알 수 없습니다.",
            if *more { "(뒤에 단편이 더 옵니다)" } else { "(마지막 조각)" }
        ),
        Msg::Ipv4Options { header_length } => format!(
            "헤더 길이가 20바이트가 아니라 {header_length}바이트입니다. IPv4 옵션 {}바이트가 들어 있습니다.",
            header_length.saturating_sub(20)
        ),

        Msg::TcpIntro => "TCP는 연결 지향형입니다. 두 프로그램이 먼저 대화하기로 합의하고(3-way 핸드셰이크), 모든 바이트에 번호를 매겨 확인 응답을 받으며, 잃어버린 것은 다시 보냅니다.".to_string(),
        Msg::UdpIntro => "UDP는 비연결형입니다. 데이터그램 하나하나가 따로 전달되며 핸드셰이크도, 확인 응답도, 재전송도 없습니다. 빠른 대신 손실은 프로그램이 알아서 처리합니다.".to_string(),
        Msg::TcpSyn => "SYN: 이 세그먼트는 연결을 열자고 요청하며 보낸 쪽의 첫 순서 번호를 알립니다(3-way 핸드셰이크의 1단계).".to_string(),
        Msg::TcpSynAck => "SYN+ACK: 서버가 연결 요청을 받아들이고 자신의 첫 순서 번호를 알립니다(3-way 핸드셰이크의 2단계).".to_string(),
        Msg::TcpRst => "RST: 보낸 쪽이 연결을 즉시 리셋합니다. 그 포트에서 기다리는 프로그램이 없거나, 프로그램이 대화를 중단했습니다.".to_string(),
        Msg::TcpFin => "FIN: 보낸 쪽은 더 보낼 데이터가 없어 자기 방향의 연결을 닫습니다.".to_string(),
        Msg::TcpPsh => "PSH: 받는 쪽은 데이터를 더 기다리지 말고 곧바로 프로그램에 넘겨야 합니다.".to_string(),
        Msg::TcpAckOnly { acknowledgment } => format!(
            "ACK: 순서 번호 {acknowledgment} 앞의 모든 바이트를 받았다고 확인해 주어, 상대가 무엇이 도착했는지 알 수 있게 합니다."
        ),
        Msg::TcpUrg => "URG: 긴급 포인터가 받는 쪽이 먼저 처리해야 할 데이터를 표시합니다.".to_string(),
        Msg::TcpCongestion => "ECE/CWR: 명시적 혼잡 알림입니다. 네트워크가 혼잡을 알렸고, 보낸 쪽은 패킷을 잃기 전에 속도를 줄입니다.".to_string(),
        Msg::Data { bytes } => format!("응용 데이터 {bytes}바이트를 싣고 있습니다."),
        Msg::TcpOptionsMalformed => "TCP 옵션이 잘못된 옵션으로 끝납니다(길이가 헤더 밖으로 넘어갑니다). 그래서 그 뒤의 옵션은 읽지 않았습니다.".to_string(),

        Msg::Icmp { v6, icmp_type, code, type_name, code_name } => {
            let protocol = if *v6 { "ICMPv6" } else { "ICMP" };
            match (type_name, code_name) {
                (Some(t), Some(c)) => format!("{protocol} {t}: {c}(타입 {icmp_type}, 코드 {code})."),
                (Some(t), None) => format!("{protocol} {t}(타입 {icmp_type}, 코드 {code})."),
                _ => format!("{protocol} 메시지(타입 {icmp_type}, 코드 {code})로, portlens가 이름을 모르는 종류입니다."),
            }
        }
        Msg::IcmpEchoRequest { destination } => format!(
            "ping입니다. {destination} 호스트에게 응답을 요청하며, 그쪽 운영체제가 스스로 답합니다."
        ),
        Msg::IcmpEchoReply { source } => format!("ping에 대한 응답입니다. {source} 호스트에 도달할 수 있습니다."),
        Msg::IcmpPortUnreachable { reporter } => format!(
            "{reporter} 호스트의 운영체제가, 인용한 패킷의 목적지 포트에서 기다리는 프로그램이 없다고 알립니다."
        ),
        Msg::IcmpTimeExceeded { reporter } => format!(
            "{reporter} 장치가 TTL이 0이 된 패킷을 버리고 그 사실을 알립니다. traceroute는 바로 이 메시지로 경로 위의 라우터를 하나씩 찾습니다."
        ),
        Msg::IcmpQuoted { protocol, source, destination, ports, service } => match (ports, service) {
            (Some((sp, dp)), Some(service)) => format!(
                "이 메시지를 일으킨 패킷의 앞부분을 인용합니다: {protocol} {source}:{sp} → {destination}:{dp} ({service})."
            ),
            (Some((sp, dp)), None) => format!(
                "이 메시지를 일으킨 패킷의 앞부분을 인용합니다: {protocol} {source}:{sp} → {destination}:{dp}."
            ),
            _ => format!(
                "이 메시지를 일으킨 패킷의 앞부분을 인용합니다: {protocol} {source} → {destination}."
            ),
        },
        Msg::IcmpNoPorts => "ICMP에는 포트가 없습니다. IP 계층 자신을 위한 메시지이므로, 프로그램이 아니라 운영체제가 보내고 받습니다.".to_string(),
        Msg::NeighborDiscovery => "이웃 탐색(Neighbor Discovery)은 IPv6의 ARP입니다. 호스트는 이 ICMPv6 메시지로 서로의 MAC 주소와 라우터를 찾습니다.".to_string(),
        Msg::Igmp { igmp_type, group } => match group {
            Some(group) => format!(
                "그룹 {group}에 관한 IGMP 메시지(타입 0x{igmp_type:02x})입니다. 호스트가 라우터에게 어떤 멀티캐스트 그룹을 받고 싶은지 알리며, 운영체제가 처리하므로 포트는 쓰이지 않습니다."
            ),
            None => format!(
                "IGMP 메시지(타입 0x{igmp_type:02x})입니다. 호스트가 라우터에게 어떤 멀티캐스트 그룹을 받고 싶은지 알리며, 운영체제가 처리하므로 포트는 쓰이지 않습니다."
            ),
        },

        Msg::RangeMeaning { range } => match range {
            PortRange::WellKnown => "잘 알려진 포트(0–1023)는 IANA가 표준 서비스에 할당한 포트입니다. 대부분의 시스템에서는 특권을 가진 프로그램만 이 포트를 열고 기다릴 수 있습니다.",
            PortRange::Registered => "등록된 포트(1024–49151)는 IANA가 특정 응용 프로그램용으로 기록해 둔 포트지만, 어떤 프로그램이든 쓸 수 있습니다.",
            PortRange::Dynamic => "동적 포트(49152–65535)는 할당되지 않습니다. 운영체제가 클라이언트 프로그램에게 대화 하나 동안 빌려주는 포트입니다.",
        }
        .to_string(),
        Msg::ServerPort { transport, port, range, service, description, curated, host, direction, audience } => {
            let (unit_object, unit_topic) = unit(*transport);
            let transport = transport.name();
            let about = if *curated {
                description.to_string()
            } else if description.is_empty() {
                "IANA에 등록된 서비스".to_string()
            } else {
                format!("IANA의 설명으로는 \"{description}\"")
            };
            match (direction, audience) {
                (Direction::ToServer, Audience::One) => format!(
                    "{transport} 목적지 포트 {port}번은 {}입니다. 이 포트가 {host}의 {service} 서버 프로그램({about})을 선택하고, 그 프로그램이 이 {unit_object} 받습니다.",
                    range_name(*range)
                ),
                (Direction::ToServer, Audience::Link) => format!(
                    "{transport} 목적지 포트 {port}번은 {}입니다. {} 포트 {port}번이 그 포트에서 기다리는 {service} 프로그램({about})을 선택합니다(그런 프로그램이 실행 중인 곳에서).",
                    range_name(*range),
                    audience_clause(*audience, *host, unit_object)
                ),
                (Direction::ToServer, Audience::Group) => format!(
                    "{transport} 목적지 포트 {port}번은 {}입니다. {} 포트 {port}번이 그 포트에서 기다리는 {service} 프로그램({about})을 선택합니다.",
                    range_name(*range),
                    audience_clause(*audience, *host, unit_object)
                ),
                (Direction::FromServer, _) => format!(
                    "{transport} 출발지 포트 {port}번은 {}입니다. 이 {unit_topic} {host}의 {service} 서버 프로그램({about})이 보낸 것입니다.",
                    range_name(*range)
                ),
            }
        }
        Msg::ResetFromPort { transport, port, range, service, host } => format!(
            "{} 출발지 포트 {port}번은 {}입니다. {host} 호스트가 이 포트에서 연결을 리셋합니다. 그곳에서 기다리는 {service} 프로그램이 없으면 운영체제가 직접 리셋을 보냅니다.",
            transport.name(),
            range_name(*range)
        ),
        Msg::ClientPort { port, range, host, unspecified_host, direction, kind, service, audience } => {
            let address = *host;
            let host = if *unspecified_host {
                format!("{host}(주소를 받기 전의 이 호스트)")
            } else {
                host.to_string()
            };
            let kind_words = match kind {
                ClientPortKind::Lent(ephemeral) => lent_kind(*range, *ephemeral),
                ClientPortKind::Fixed => format!("{}로, {service} 클라이언트가 쓰는 고정 포트입니다", range_name(*range)),
                ClientPortKind::Bound => format!("{}로, 운영체제가 클라이언트에게 빌려주는 어느 범위에도 속하지 않습니다", range_name(*range)),
            };
            match (direction, kind, audience) {
                (Direction::FromServer, _, Audience::Link | Audience::Group) => format!(
                    "목적지 포트 {port}번은 {kind_words}. {} 포트 {port}번이 그 포트에서 기다리는 클라이언트 프로그램을 선택합니다(그런 프로그램이 실행 중인 곳에서).",
                    audience_clause(*audience, address, "응답을")
                ),
                (Direction::ToServer, ClientPortKind::Lent(_), _) => format!(
                    "출발지 포트 {port}번은 {kind_words}. {host}의 운영체제가 이 대화를 위해 클라이언트 프로그램에게 빌려준 포트이므로, 응답이 그 프로그램을 다시 찾아갈 수 있습니다."
                ),
                (Direction::ToServer, ClientPortKind::Fixed, _) => format!(
                    "출발지 포트 {port}번은 {kind_words}. 운영체제가 빌려준 포트가 아니라 {host}의 클라이언트 프로그램이 직접 이 포트에서 기다리며, 응답도 이 포트로 돌아옵니다."
                ),
                (Direction::ToServer, ClientPortKind::Bound, _) => format!(
                    "출발지 포트 {port}번은 {kind_words}. 이 대화를 위해 빌린 포트가 아니라, {host}의 클라이언트 프로그램이 직접 고른 고정 포트입니다."
                ),
                (Direction::FromServer, ClientPortKind::Lent(_), _) => format!(
                    "목적지 포트 {port}번은 {kind_words}. {host}의 운영체제가 클라이언트 프로그램에게 빌려준 이 포트가 그 프로그램을 선택하고, 그 프로그램이 이 응답을 받습니다."
                ),
                (Direction::FromServer, _, _) => format!(
                    "목적지 포트 {port}번은 {kind_words}. 이 포트가 {host}의 클라이언트 프로그램을 선택하고, 그 프로그램이 이 응답을 받습니다."
                ),
            }
        }
        Msg::SamePorts { port, range, service, fixed: true } => format!(
            "두 포트가 모두 {port}번({service})이고 {}입니다. {service} 프로토콜은 양쪽 끝에서 같은 고정 포트를 쓰므로, 어느 쪽도 운영체제가 빌려준 포트가 아닙니다.",
            range_name(*range)
        ),
        Msg::SamePorts { port, range, service, fixed: false } => format!(
            "두 포트가 모두 {port}번({service})이고 {}입니다. 두 프로그램이 같은 포트를 쓰므로, 포트만으로는 어느 쪽이 서버인지 알 수 없습니다.",
            range_name(*range)
        ),
        Msg::RolesGuess { transport, guess, client_port, server_port, server_host, lent } => {
            let unseen = if *transport == Transport::Tcp && *guess != Guess::SamePort {
                "핸드셰이크가 캡처되지 않았고, "
            } else {
                ""
            };
            let why = match guess {
                Guess::EphemeralRange => format!(
                    "{unseen}두 포트 모두 잘 알려진 서비스를 가리키지 않습니다. 포트 {client_port}번은 클라이언트에게 빌려주는 {}에 속하고 포트 {server_port}번은 그런 범위 어디에도 속하지 않으므로, {server_port}번을 서버의 포트로 봅니다",
                    lent_range(lent.unwrap_or(Ephemeral::Linux))
                ),
                Guess::RegisteredName => format!(
                    "{unseen}두 포트 모두 잘 알려진 서비스를 가리키지 않고, 운영체제가 클라이언트에게 빌려주는 범위에도 속하지 않습니다. IANA는 포트 {server_port}번에는 서비스를 등록해 두었지만 포트 {client_port}번에는 아무것도 등록하지 않았으므로, {server_port}번을 서버의 포트로 봅니다"
                ),
                Guess::LowerPort => format!(
                    "포트 {server_port}번과 {client_port}번 모두 서비스를 가리키므로, 더 낮은 {server_port}번을 서버의 포트로 봅니다"
                ),
                Guess::SamePort => format!(
                    "양쪽이 모두 포트 {server_port}번을 쓰므로, 처음 본 패킷을 보낸 쪽을 클라이언트로 봅니다"
                ),
                Guess::RepeatedPort => format!(
                    "{unseen}두 포트 모두 잘 알려진 서비스를 가리키지 않습니다. {server_host}의 포트 {server_port}번은 서버의 포트처럼 이미 다른 대화에도 나왔고 포트 {client_port}번은 그렇지 않았으므로, {server_port}번을 서버의 포트로 봅니다"
                ),
                Guess::SpokeFirst => format!(
                    "{unseen}포트로는 알 수 없습니다. 처음 본 패킷을 보낸 쪽(포트 {client_port}번)을 클라이언트로 봅니다"
                ),
            };
            format!("어느 쪽이 서버인지는 추측입니다. {why}.")
        }
        Msg::NoService { transport, source_port, destination_port } => format!(
            "{} 포트 {source_port}번과 {destination_port}번 모두 portlens가 아는 서비스가 아니므로, 어느 쪽이 서버인지 알 수 없습니다.",
            transport.name()
        ),

        Msg::HandshakeSyn { port } => format!(
            "3-way 핸드셰이크 1단계: 클라이언트가 포트 {port}번으로 연결을 열자고 요청하고(SYN) 자신의 첫 순서 번호를 알립니다."
        ),
        Msg::HandshakeSynAck => "3-way 핸드셰이크 2단계: 서버가 동의하고(SYN) 클라이언트의 요청을 확인합니다(ACK).".to_string(),
        Msg::HandshakeAck => "3-way 핸드셰이크 3단계: 클라이언트가 서버의 SYN을 확인합니다. 연결이 성립되어 이제 양쪽으로 데이터가 흐를 수 있습니다.".to_string(),
        Msg::StreamBytes { from_client, first, last } => format!(
            "{} 스트림의 {first}–{last}번째 바이트를 싣고 있습니다.",
            who(*from_client)
        ),
        Msg::AcknowledgesUpTo { next } => format!(
            "상대 스트림의 {}번째 바이트까지 모두 받았다고 확인합니다. 다음으로 기다리는 바이트는 {next}번째입니다.",
            next.saturating_sub(1)
        ),
        Msg::FinFirst { from_client } => format!(
            "연결 종료: {}가 더 보낼 것이 없어 자기 쪽 연결을 닫습니다(FIN).",
            who(*from_client)
        ),
        Msg::FinAcknowledged => "연결 종료: 상대가 그 FIN을 확인합니다. 상대는 자기 쪽을 닫기 전에 데이터를 더 보낼 수 있습니다.".to_string(),
        Msg::FinSecond { from_client } => format!(
            "연결 종료: {}도 자기 쪽을 닫습니다(FIN).",
            who(*from_client)
        ),
        Msg::LastAck => "연결 종료: 마지막 ACK입니다. 양쪽이 모두 닫았고 연결이 끝났습니다.".to_string(),
        Msg::Refused { port, host } => format!(
            "연결 거부: {host}의 포트 {port}번에서 기다리는 프로그램이 없어서, 그 운영체제가 RST로 연결을 거부했습니다."
        ),
        Msg::Aborted { from_client } => format!(
            "{}가 RST로 연결을 중단했습니다. 아직 전송 중이던 데이터는 버려집니다.",
            who(*from_client)
        ),
        Msg::Retransmission { bytes } => match bytes {
            Some((first, last)) => format!(
                "재전송: {first}–{last}번째 바이트는 전에 보낸 것입니다. 제때 확인 응답이 오지 않아 보낸 쪽이 다시 보냈습니다."
            ),
            None => "재전송: 이 세그먼트는 전에 보낸 것입니다. 제때 확인 응답이 오지 않아 보낸 쪽이 다시 보냈습니다.".to_string(),
        },
        Msg::DuplicateAck { count, next } => match next {
            Some(next) => format!(
                "중복 ACK #{count}: 받는 쪽이 여전히 {next}번째 바이트를 요청합니다. 세그먼트가 손실되었거나 순서가 바뀌어 도착했다는 신호이며, 세 번 반복되면 보낸 쪽이 곧바로 다시 보냅니다(빠른 재전송)."
            ),
            None => format!(
                "중복 ACK #{count}: 받는 쪽이 같은 확인 응답을 되풀이합니다. 세그먼트가 손실되었거나 순서가 바뀌어 도착했다는 신호입니다."
            ),
        },
        Msg::Gap { first, last } => format!(
            "이 스트림의 {first}–{last}번째 바이트는 이 세그먼트보다 먼저 보이지 않았습니다. 손실되었거나, 순서가 바뀌어 도착하는 중이거나, 캡처되지 않았습니다."
        ),
        Msg::ZeroWindow { from_client } => format!(
            "제로 윈도: {}의 수신 버퍼가 가득 차서, 상대는 윈도가 다시 열릴 때까지 멈춰야 합니다.",
            who(*from_client)
        ),
        Msg::UdpFirstDatagram => "이 두 포트 사이의 첫 데이터그램입니다. 앞선 핸드셰이크도 없고 뒤따를 확인 응답도 없습니다. 데이터그램 하나하나가 독립적입니다.".to_string(),
        Msg::DnsAnswers { query_packet, elapsed_microseconds } => format!(
            "{query_packet}번 패킷의 질의에 대한 응답입니다(같은 트랜잭션 ID). {} 뒤에 왔습니다.",
            duration(*elapsed_microseconds)
        ),

        Msg::HttpRequest { method, target, host } => match host {
            Some(host) => format!(
                "HTTP 요청: {method} {target} (호스트 {host}). 평문 HTTP는 읽을 수 있는 글자 그대로 전달되므로 경로 위의 누구나 읽을 수 있습니다."
            ),
            None => format!(
                "HTTP 요청: {method} {target}. 평문 HTTP는 읽을 수 있는 글자 그대로 전달되므로 경로 위의 누구나 읽을 수 있습니다."
            ),
        },
        Msg::HttpResponse { status, reason } => format!(
            "HTTP 응답: 상태 {status} {reason} ({}).",
            match status / 100 {
                1 => "정보: 더 이어집니다",
                2 => "성공",
                3 => "페이지가 다른 곳에 있습니다: 리다이렉트",
                4 => "없는 페이지처럼 클라이언트 쪽의 오류",
                5 => "서버 쪽의 오류",
                _ => "흔하지 않은 상태",
            }
        ),
        Msg::TlsClientHello { server_name, versions } => match server_name {
            Some(name) => format!(
                "TLS ClientHello: 클라이언트가 원하는 서버의 이름은 {name}이며(SNI, 아직 암호화되지 않아 읽을 수 있습니다), 제안하는 버전은 {versions}입니다. 핸드셰이크가 끝나면 모든 것이 암호화됩니다. 그래서 포트 443은 포트 80이 보여 주는 것을 숨깁니다."
            ),
            None => format!(
                "TLS ClientHello: 클라이언트는 서버 이름을 밝히지 않으며, 제안하는 버전은 {versions}입니다. 핸드셰이크가 끝나면 모든 것이 암호화됩니다."
            ),
        },
        Msg::TlsServerHello { version } => format!(
            "TLS ServerHello: 서버가 고른 버전은 {version}입니다. 여기서부터 대화는 암호화됩니다."
        ),
        Msg::TlsApplicationData => "TLS 응용 데이터: 암호화되어 있어 양 끝의 두 프로그램만 읽을 수 있습니다.".to_string(),
        Msg::TlsRecord { content_type } => format!(
            "TLS 레코드(종류: {})입니다.",
            match content_type {
                20 => "암호 사양 변경",
                21 => "경고",
                22 => "핸드셰이크",
                24 => "하트비트",
                _ => "알 수 없음",
            }
        ),
        Msg::DnsQuery { name, record_type } => format!(
            "DNS 질의: {name}의 {record_type} 레코드는 무엇입니까?"
        ),
        Msg::DnsResponse { response_code, answers } => format!(
            "DNS 응답({}): {answers}.",
            response_code_words(*response_code)
        ),
        Msg::DnsNoAnswer { response_code } => match response_code {
            ResponseCode::NxDomain => "DNS 응답(NXDOMAIN): 그런 이름은 존재하지 않습니다.".to_string(),
            ResponseCode::NoError => "DNS 응답(NOERROR): 이름은 있지만 요청한 타입의 레코드가 없습니다.".to_string(),
            other => format!("DNS 응답({}): 답이 없습니다.", response_code_words(*other)),
        },
        Msg::Banner { protocol, line } => format!(
            "{protocol} 인사말: \"{line}\". 이 포트에서 기다리는 프로그램이 자신을 소개합니다."
        ),
        Msg::TextLine { protocol, line } => format!("{protocol} 메시지: \"{line}\"."),
        Msg::Dhcp { message_type } => match message_type {
            MessageType::Discover => "DHCP DISCOVER: 주소가 없는 컴퓨터가 브로드캐스트로, 주소를 줄 DHCP 서버가 있는지 묻습니다.".to_string(),
            MessageType::Offer => "DHCP OFFER: 서버가 주소를 제안합니다.".to_string(),
            MessageType::Request => "DHCP REQUEST: 컴퓨터가 제안받은 주소를 요청합니다.".to_string(),
            MessageType::Ack => "DHCP ACK: 서버가 확정합니다. 컴퓨터는 임대 기간 동안 그 주소를 쓸 수 있습니다.".to_string(),
            MessageType::Unknown(value) => format!("DHCP 메시지(타입 {value})입니다."),
            other => format!("DHCP {} 메시지입니다.", other.name().unwrap_or_default()),
        },
        Msg::Quic { version, packet_type } => format!(
            "QUIC {packet_type} 패킷({}): TLS 1.3이 내장된 HTTP/3의 전송 프로토콜이며, 나머지는 암호화되어 있습니다.",
            match version {
                QuicVersion::V1 => "QUIC 버전 1".to_string(),
                QuicVersion::V2 => "QUIC 버전 2".to_string(),
                QuicVersion::Negotiation => "버전 협상".to_string(),
                QuicVersion::Other(other) => format!("버전 0x{other:08x}"),
            }
        ),
        Msg::PortIsConvention { protocol, port, usual } => format!(
            "포트 번호는 규칙이 아니라 관례입니다. 이것은 포트 {port}번에서 쓰인 {protocol}이지만, 보통 쓰는 포트는 {usual}번입니다."
        ),

        Msg::SocketOf { name, pid } => format!("{name}(pid {pid})의 소켓"),
        Msg::ProcessOwnsPort { port, name, pid, listening, end } => {
            let socket = if *listening { "대기(listening) 소켓" } else { "소켓" };
            if *end == Side::Destination {
                format!(
                    "이 컴퓨터에서 목적지 포트 {port}번은 {name}(pid {pid})의 {socket}입니다. 운영체제는 데이터를 이 프로그램에 넘겨줍니다(`netstat -ano`나 `ss -p`가 보여 주는 것과 같습니다)."
                )
            } else {
                format!(
                    "이 컴퓨터에서 출발지 포트 {port}번은 {name}(pid {pid})의 {socket}입니다. 이 프로그램이 이 패킷을 보냈습니다."
                )
            }
        }
        Msg::ProcessUnknown { port, reason } => {
            use crate::procs::Reason;
            let why = match reason {
                Reason::NotLocal => "양쪽 끝 모두 이 컴퓨터가 아니고, 이 컴퓨터의 프로그램만 알아낼 수 있기 때문입니다",
                Reason::NoSocket => "지금 그 포트를 쓰는 소켓이 없기 때문입니다. 프로그램이 이미 끝났거나, 포트가 닫혔거나, 소켓이 다른 네트워크 네임스페이스(컨테이너)에 있습니다",
                Reason::NoOwner => "소켓을 가진 프로그램이 더 이상 없기 때문입니다. 프로그램이 소켓을 닫았고 커널이 잠시 유지하고 있거나(TIME_WAIT), 서버가 아직 연결을 받아들이지 않았습니다",
                Reason::NotPermitted => "그 소켓을 가진 프로그램이 다른 사용자의 것이고, 다른 사용자의 프로세스를 읽으려면 root 권한(sudo)이나 CAP_SYS_PTRACE가 필요하기 때문입니다",
                Reason::OwnerNotVisible => "그 소켓을 가진 프로그램이 다른 PID 네임스페이스(같은 네트워크를 쓰는 컨테이너)에 있기 때문입니다",
                Reason::OfflineFile => "패킷이 파일에서 왔고, 그 패킷을 보낸 프로그램들은 이미 없기 때문입니다",
                Reason::Unavailable => "이 시스템의 소켓 표(/proc/net)를 읽을 수 없기 때문입니다",
            };
            format!("포트 {port}번 뒤의 프로그램은 알 수 없습니다. {why}.")
        }
        Msg::OfflineNoProcess => "저장된 캡처입니다. 포트를 가지고 있던 프로그램들은 이미 없어서 portlens가 이름을 알려 줄 수 없습니다(어떤 프로그램이 어느 포트를 가졌는지 `netstat -ano`처럼 보려면 -i로 실시간 캡처하세요).".to_string(),
        Msg::CountShown { packets } => format!(
            "표시 {packets}개: 이번 실행에서 portlens가 읽고 해석하고 설명한 패킷입니다."
        ),
        Msg::CountReceived { received, shown } => {
            let later = u64::from(*received).saturating_sub(*shown);
            let tail = if later > 0 {
                format!("그중 {later}개는 캡처가 멈출 때 아직 버퍼에서 기다리고 있어 표시되지 않았습니다")
            } else {
                "portlens가 그 모두를 표시했습니다".to_string()
            };
            format!("필터가 받은 패킷 {received}개: 커널이 캡처 필터(필터가 없으면 모든 패킷)와 맞춰 보고 libpcap에 넘긴 패킷입니다. {tail}.")
        }
        Msg::CountDropped { dropped: 0 } => "커널이 버린 패킷 0개: 잃어버린 패킷이 없습니다. 커널의 캡처 버퍼가 한 번도 가득 차지 않았습니다.".to_string(),
        Msg::CountDropped { dropped } => format!(
            "커널이 버린 패킷 {dropped}개: portlens가 읽는 속도보다 패킷이 빨리 들어와 커널의 캡처 버퍼가 가득 찼고, 이 패킷들은 아무도 보기 전에 사라졌습니다. 캡처 필터나 --oneline, 또는 -w로 파일에 쓰면 패킷마다 드는 일이 줄어 따라잡기 쉬워집니다."
        ),
        Msg::Stop { layer, offset, reason } => match reason {
            StopReason::Truncated { needed, available, length_source } => format!(
                "{} 헤더(바이트 {offset})에서 해석이 멈췄습니다. {needed}바이트가 필요하지만 {available}바이트만 {}.",
                layer_name(*layer),
                match length_source {
                    LengthSource::Captured => "캡처되었습니다(스냅샷 길이나 손상된 캡처가 프레임을 잘랐습니다)",
                    LengthSource::HeaderField => "바깥 헤더가 알린 길이 안에 남아 있습니다",
                }
            ),
            StopReason::Invalid { detail } => format!(
                "{} 헤더(바이트 {offset})에서 해석이 멈췄습니다. 파서(etherparse)의 설명: {detail}",
                layer_name(*layer)
            ),
            StopReason::MacsecProtected { header_length } => format!(
                "{} 헤더(바이트 {offset})에서 해석이 멈췄습니다. MACsec(802.1AE)이 이 프레임의 나머지를 보호합니다. {header_length}바이트 헤더 뒤에는 암호화되었거나 무결성 보호를 받는 데이터가 이어집니다.",
                layer_name(*layer)
            ),
            StopReason::UnsupportedLinkType { link_type } => format!(
                "링크 타입 {link_type}번은 portlens가 해석하지 않는 종류입니다."
            ),
        },
        Msg::LinkTypeOnce { number, name } => match name {
            Some(name) => format!(
                "이 캡처의 링크 타입은 {number}번({name})이며, portlens가 해석하지 않는 종류입니다. 프레임은 계층 없이 세어서 목록에만 보여 줍니다."
            ),
            None => format!(
                "이 캡처의 링크 타입은 {number}번이며, portlens가 모르는 종류입니다. 프레임은 계층 없이 세어서 목록에만 보여 줍니다."
            ),
        },
        Msg::LinkTypeAgain { number } => format!("링크 타입 {number}번: 해석하지 않습니다."),
    }
}

/// A DNS response code as a sentence names it: its mnemonic, or words for a code without one.
fn response_code_words(code: ResponseCode) -> &'static str {
    code.name().unwrap_or("흔하지 않은 코드")
}
