//! Korean labels (한국어): one arm per label. Field values keep their usual notation (hex, flags,
//! tcpdump's option words); only the words around them are Korean.

use super::{Column, Hex, InterfaceFlag, Label};
use crate::knowledge::ports::PortRange;
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
            "패킷 ",
            *number,
            " · ",
            *timestamp,
            " · ",
            *original,
            "바이트 중 ",
            *captured,
            "바이트 캡처"
        ),
        Label::ChainTitle => out.write_str("역다중화 경로"),
        Label::PortTitle => out.write_str("포트"),
        Label::StopTitle => out.write_str("해석 중단"),
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
            match range {
                PortRange::WellKnown => "잘 알려진 포트",
                PortRange::Registered => "등록된 포트",
                PortRange::Dynamic => "동적 포트",
            },
            "), 클라이언트 포트 ",
            *client_port
        ),

        Label::CookedFrom { mac } => write!(out, "보낸 주소 {mac}"),
        Label::CookedInterface { index } => write!(out, "인터페이스 {index}"),
        Label::LoopbackFamily { family } => write!(out, "주소 패밀리 {family}"),
        Label::VlanFields { id, priority } => write!(out, "VLAN 번호 {id}, 우선순위 {priority}"),
        Label::UnnamedArpOperation => out.write_str("동작"),
        Label::Ipv4Fields {
            ttl,
            identification,
            total_length,
        } => put!(
            out,
            "TTL ",
            *ttl,
            ", 식별자 0x",
            Hex::<4>(u32::from(*identification)),
            ", 길이 ",
            *total_length
        ),
        Label::FragmentOffset { offset } => write!(out, "단편 오프셋 {offset}"),
        Label::Ipv6Fields {
            hop_limit,
            payload_length,
        } => write!(out, "홉 제한 {hop_limit}, 페이로드 {payload_length}"),
        Label::FlowLabel { flow_label } => write!(out, "플로 레이블 0x{flow_label:05x}"),
        Label::IcmpFields {
            name,
            icmp_type,
            code,
        } => write!(out, "{name} (타입 {icmp_type}, 코드 {code})"),
        Label::UnnamedMessage => out.write_str("메시지"),
        Label::EchoFields {
            identifier,
            sequence,
        } => write!(out, "식별자 {identifier}, 순서 번호 {sequence}"),
        Label::IgmpFields { igmp_type, group } => match group {
            Some(group) => write!(out, "타입 0x{igmp_type:02x}, 그룹 {group}"),
            None => write!(out, "타입 0x{igmp_type:02x}"),
        },
        Label::Sequence { value } => put!(out, "순서 번호 ", *value),
        Label::Acknowledgment { value } => put!(out, "확인 응답 번호 ", *value),
        Label::Window { value } => put!(out, "윈도 ", *value),
        Label::TcpOptions { text } => put!(out, "옵션 ", *text),
        Label::Length { value } => put!(out, "길이 ", *value),
        Label::DataBytes { count } => put!(out, "데이터 ", *count, "바이트"),
        Label::DataBytesCaptured { count, captured } => {
            put!(out, "데이터 ", *count, "바이트 (", *captured, "바이트 캡처됨)")
        }

        Label::TlsOffers { versions } => write!(out, "제안 버전 {versions}"),
        Label::TlsRecordType { content_type } => write!(out, "레코드 타입 {content_type}"),
        Label::DnsQuery => out.write_str("질의"),
        Label::DnsResponse => out.write_str("응답"),
        Label::DnsAnswerCount { count } => write!(out, "응답 레코드 {count}개"),
        Label::DnsOverTcp => out.write_str("TCP로 전달"),
        Label::QuicPacket {
            packet_type,
            version,
        } => write!(out, "{packet_type} 패킷, 버전 0x{version:08x}"),

        Label::ConversationCount { count } => write!(out, "대화: {count}개"),
        Label::Column(column) => out.write_str(match column {
            Column::Protocol => "프로토콜",
            Column::Client => "클라이언트",
            Column::Server => "서버",
            Column::Service => "서비스",
            Column::ClientToServerPackets => "c→s 패킷",
            Column::ClientToServerBytes => "c→s 바이트",
            Column::ServerToClientPackets => "s→c 패킷",
            Column::ServerToClientBytes => "s→c 바이트",
            Column::Duration => "지속 시간",
            Column::State => "상태",
        }),
        Label::Evicted { count } => {
            write!(out, "메모리를 일정하게 유지하려고 오래된 대화 {count}개를 표에서 뺐습니다.")
        }

        Label::InterfaceFlag(flag) => out.write_str(match flag {
            InterfaceFlag::Up => "켜짐(Up)",
            InterfaceFlag::Running => "동작 중(Running)",
            InterfaceFlag::Loopback => "루프백",
            InterfaceFlag::Wireless => "무선",
        }),
        Label::Netmask { netmask } => write!(out, "넷마스크 {netmask}"),
        Label::NoInterfaces => out.write_str("libpcap이 보는 인터페이스가 없습니다. Linux에서 캡처하려면 root 권한이나 cap_net_raw,cap_net_admin 권한이 필요합니다. 정확한 명령은 `portlens -i`의 오류 메시지를 보세요."),
        Label::RunTotals {
            packets,
            received,
            dropped_by_kernel,
        } => write!(out,
            "패킷 {packets}개 표시, 필터가 받은 패킷 {received}개, 커널이 버린 패킷 {dropped_by_kernel}개"
        ),
    }
}
