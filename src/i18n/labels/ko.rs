//! Korean labels (한국어): one arm per label, each written piece by piece: `text` for words,
//! `number`, `hex`, `ipv4`, `ip` and `mac` for values. Field values keep their usual notation
//! (hex, flags, tcpdump's option words); only the words around them are Korean.

use super::{Column, InterfaceFlag, Label};
use crate::format::Sink;
use crate::knowledge::ports::PortRange;

pub fn write(out: &mut String, label: &Label<'_>) {
    match label {
        Label::PacketHeading {
            number,
            timestamp,
            captured,
            original,
        } => out
            .text("패킷 ")
            .number(*number)
            .text(" · ")
            .text(timestamp)
            .text(" · ")
            .number(*original)
            .text("바이트 중 ")
            .number(*captured)
            .text("바이트 캡처"),
        Label::ChainTitle => out.text("역다중화 경로"),
        Label::PortTitle => out.text("포트"),
        Label::StopTitle => out.text("해석 중단"),
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
            .text(match range {
                PortRange::WellKnown => "잘 알려진 포트",
                PortRange::Registered => "등록된 포트",
                PortRange::Dynamic => "동적 포트",
            })
            .text("), 클라이언트 포트 ")
            .number(*client_port),

        Label::CookedFrom { mac } => out.text("보낸 주소 ").mac(*mac),
        Label::CookedInterface { index } => out.text("인터페이스 ").number(*index),
        Label::LoopbackFamily { family } => out.text("주소 패밀리 ").number(*family),
        Label::VlanFields { id, priority } => out
            .text("VLAN 번호 ")
            .number(*id)
            .text(", 우선순위 ")
            .number(*priority),
        Label::UnnamedArpOperation => out.text("동작"),
        Label::Ipv4Fields {
            ttl,
            identification,
            total_length,
        } => out
            .text("TTL ")
            .number(*ttl)
            .text(", 식별자 0x")
            .hex(u32::from(*identification), 4)
            .text(", 길이 ")
            .number(*total_length),
        Label::FragmentOffset { offset } => out.text("단편 오프셋 ").number(*offset),
        Label::Ipv6Fields {
            hop_limit,
            payload_length,
        } => out
            .text("홉 제한 ")
            .number(*hop_limit)
            .text(", 페이로드 ")
            .number(*payload_length),
        Label::FlowLabel { flow_label } => out.text("플로 레이블 0x").hex(*flow_label, 5),
        Label::IcmpFields {
            name,
            icmp_type,
            code,
        } => out
            .text(name)
            .text(" (타입 ")
            .number(*icmp_type)
            .text(", 코드 ")
            .number(*code)
            .text(")"),
        Label::UnnamedMessage => out.text("메시지"),
        Label::EchoFields {
            identifier,
            sequence,
        } => out
            .text("식별자 ")
            .number(*identifier)
            .text(", 순서 번호 ")
            .number(*sequence),
        Label::IgmpFields { igmp_type, group } => {
            out.text("타입 0x").hex(u32::from(*igmp_type), 2);
            match group {
                Some(group) => out.text(", 그룹 ").ipv4(*group),
                None => out,
            }
        }
        Label::Sequence { value } => out.text("순서 번호 ").number(*value),
        Label::Acknowledgment { value } => out.text("확인 응답 번호 ").number(*value),
        Label::Window { value } => out.text("윈도 ").number(*value),
        Label::TcpOptions { text } => out.text("옵션 ").text(text),
        Label::Length { value } => out.text("길이 ").number(*value),
        Label::DataBytes { count } => out.text("데이터 ").number(*count).text("바이트"),
        Label::DataBytesCaptured { count, captured } => out
            .text("데이터 ")
            .number(*count)
            .text("바이트 (")
            .number(*captured)
            .text("바이트 캡처됨)"),

        Label::TlsOffers { versions } => out.text("제안 버전 ").text(versions),
        Label::TlsRecordType { content_type } => out.text("레코드 타입 ").number(*content_type),
        Label::DnsQuery => out.text("질의"),
        Label::DnsResponse => out.text("응답"),
        Label::DnsAnswerCount { count } => out.text("응답 레코드 ").number(*count).text("개"),
        Label::DnsOverTcp => out.text("TCP로 전달"),
        Label::QuicPacket {
            packet_type,
            version,
        } => out
            .text(packet_type)
            .text(" 패킷, 버전 0x")
            .hex(*version, 8),

        Label::ConversationCount { count } => out.text("대화: ").number(*count).text("개"),
        Label::Column(column) => out.text(match column {
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
        Label::Evicted { count } => out
            .text("메모리를 일정하게 유지하려고 오래된 대화 ")
            .number(*count)
            .text("개를 표에서 뺐습니다."),

        Label::InterfaceFlag(flag) => out.text(match flag {
            InterfaceFlag::Up => "켜짐(Up)",
            InterfaceFlag::Running => "동작 중(Running)",
            InterfaceFlag::Loopback => "루프백",
            InterfaceFlag::Wireless => "무선",
        }),
        Label::Netmask { netmask } => out.text("넷마스크 ").ip(*netmask),
        Label::NoInterfaces => out.text("libpcap이 보는 인터페이스가 없습니다. Linux에서 캡처하려면 root 권한이나 cap_net_raw,cap_net_admin 권한이 필요합니다. 정확한 명령은 `portlens -i`의 오류 메시지를 보세요."),
        Label::RunTotals {
            packets,
            received,
            dropped_by_kernel,
        } => out
            .text("패킷 ")
            .number(*packets)
            .text("개 표시, 필터가 받은 패킷 ")
            .number(*received)
            .text("개, 커널이 버린 패킷 ")
            .number(*dropped_by_kernel)
            .text("개"),
    };
}
