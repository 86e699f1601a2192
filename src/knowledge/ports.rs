//! Port knowledge: the range class of a port number and the service a port names, from a curated
//! table of the ports students meet (with a sentence on what each program does) backed by IANA's
//! full service registry (data/iana-services.tsv, with its provenance in its header).

use crate::decode::Transport;
use crate::lang::Lang;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// IANA's three port ranges (RFC 6335).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PortRange {
    /// 0–1023: assigned to standard services; on most systems only privileged programs may
    /// listen on them.
    WellKnown,
    /// 1024–49151: registered with IANA for specific applications.
    Registered,
    /// 49152–65535: never assigned; operating systems lend them to clients.
    Dynamic,
}

impl PortRange {
    pub fn of(port: u16) -> PortRange {
        match port {
            0..=1023 => PortRange::WellKnown,
            1024..=49151 => PortRange::Registered,
            _ => PortRange::Dynamic,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PortRange::WellKnown => "well-known",
            PortRange::Registered => "registered",
            PortRange::Dynamic => "dynamic",
        }
    }
}

/// What portlens knows about one port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceInfo {
    /// Display name: "HTTPS", "DNS", or IANA's service name for ports outside the curated table.
    pub name: &'static str,
    /// What the program on this port does, in a phrase ("the web server, for encrypted pages").
    pub description: &'static str,
    /// True when the entry comes from the curated table (and so names a program students meet).
    pub curated: bool,
    /// The description in Korean, for curated entries (IANA's descriptions exist only in
    /// English, and sentences quote them as IANA's words).
    pub description_ko: Option<&'static str>,
    /// A Korean display name, where the name is portlens's own word rather than a protocol's
    /// name ([`UNREGISTERED`]).
    pub name_ko: Option<&'static str>,
}

/// What portlens says about a server port nobody registered.
pub const UNREGISTERED: ServiceInfo = ServiceInfo {
    name: "unregistered",
    description: "a program IANA has no name for",
    curated: false,
    description_ko: Some("IANA에 이름이 없는 프로그램"),
    name_ko: Some("미등록"),
};

impl ServiceInfo {
    /// The display name in `lang` (protocol names are the same in every language).
    pub fn name_in(&self, lang: Lang) -> &'static str {
        match self.name_ko {
            Some(korean) => lang.pick(self.name, korean),
            None => self.name,
        }
    }

    /// What the program does, in `lang` where portlens has the words, else IANA's English.
    pub fn description_in(&self, lang: Lang) -> &'static str {
        match self.description_ko {
            Some(korean) => lang.pick(self.description, korean),
            None => self.description,
        }
    }
}

/// The curated table: port, transports it applies to, display name, what the program does, and
/// the same in Korean. English descriptions complete the sentence "the … program"; Korean ones
/// are noun phrases that name the program ("… 서버").
const CURATED: &[(u16, &[Transport], &str, &str, &str)] = {
    use Transport::{Tcp, Udp};
    &[
        (
            20,
            &[Tcp],
            "FTP-DATA",
            "file transfer data connection",
            "파일 전송의 데이터 연결",
        ),
        (21, &[Tcp], "FTP", "file transfer server", "파일 전송 서버"),
        (
            22,
            &[Tcp],
            "SSH",
            "secure shell server, for encrypted remote logins",
            "암호화된 원격 로그인을 위한 보안 셸 서버",
        ),
        (
            23,
            &[Tcp],
            "Telnet",
            "Telnet server, for unencrypted remote logins",
            "암호화되지 않은 원격 로그인을 위한 텔넷 서버",
        ),
        (
            25,
            &[Tcp],
            "SMTP",
            "mail transfer server, which relays e-mail between servers",
            "서버 사이에서 이메일을 중계하는 메일 전송 서버",
        ),
        (
            53,
            &[Tcp, Udp],
            "DNS",
            "DNS name server, which turns names into addresses",
            "이름을 주소로 바꿔 주는 DNS 네임 서버",
        ),
        (
            67,
            &[Udp],
            "DHCP",
            "DHCP server, which hands out IP addresses",
            "IP 주소를 나눠 주는 DHCP 서버",
        ),
        (
            68,
            &[Udp],
            "DHCP-client",
            "DHCP client, which asks for an IP address",
            "IP 주소를 요청하는 DHCP 클라이언트",
        ),
        (
            69,
            &[Udp],
            "TFTP",
            "trivial file transfer server",
            "간이 파일 전송 서버",
        ),
        (
            80,
            &[Tcp],
            "HTTP",
            "web server, which serves pages in plain text",
            "웹 페이지를 평문으로 보내는 웹 서버",
        ),
        (
            110,
            &[Tcp],
            "POP3",
            "mailbox server, from which mail programs download e-mail",
            "메일 프로그램이 이메일을 내려받는 메일함 서버",
        ),
        (119, &[Tcp], "NNTP", "news server", "뉴스 서버"),
        (
            123,
            &[Udp],
            "NTP",
            "time server, which keeps clocks in step",
            "시계를 서로 맞춰 주는 시간 서버",
        ),
        (
            137,
            &[Udp],
            "NetBIOS-NS",
            "NetBIOS name service of Windows file sharing",
            "Windows 파일 공유의 NetBIOS 이름 서비스",
        ),
        (
            138,
            &[Udp],
            "NetBIOS-DGM",
            "NetBIOS datagram service of Windows file sharing",
            "Windows 파일 공유의 NetBIOS 데이터그램 서비스",
        ),
        (
            139,
            &[Tcp],
            "NetBIOS-SSN",
            "NetBIOS session service of Windows file sharing",
            "Windows 파일 공유의 NetBIOS 세션 서비스",
        ),
        (
            143,
            &[Tcp],
            "IMAP",
            "mailbox server, which keeps e-mail on the server",
            "이메일을 서버에 보관하는 메일함 서버",
        ),
        (
            161,
            &[Udp],
            "SNMP",
            "network management agent",
            "네트워크 관리 에이전트",
        ),
        (
            162,
            &[Udp],
            "SNMP-trap",
            "network management trap receiver",
            "네트워크 관리 트랩 수신기",
        ),
        (
            179,
            &[Tcp],
            "BGP",
            "BGP router, which exchanges internet routes",
            "인터넷 경로를 교환하는 BGP 라우터",
        ),
        (
            389,
            &[Tcp, Udp],
            "LDAP",
            "directory server",
            "디렉터리 서버",
        ),
        (
            443,
            &[Tcp],
            "HTTPS",
            "web server, which serves pages encrypted with TLS",
            "TLS로 암호화한 웹 페이지를 보내는 웹 서버",
        ),
        (
            443,
            &[Udp],
            "QUIC",
            "web server speaking HTTP/3 over QUIC, encrypted like HTTPS",
            "QUIC 위에서 HTTP/3를 쓰며 HTTPS처럼 암호화하는 웹 서버",
        ),
        (
            445,
            &[Tcp],
            "SMB",
            "Windows file sharing server",
            "Windows 파일 공유 서버",
        ),
        (
            465,
            &[Tcp],
            "SMTPS",
            "mail submission server reached over TLS",
            "TLS로 접속하는 메일 제출 서버",
        ),
        (
            514,
            &[Udp],
            "Syslog",
            "system log collector",
            "시스템 로그 수집기",
        ),
        (
            520,
            &[Udp],
            "RIP",
            "RIP router, which exchanges routes",
            "경로를 교환하는 RIP 라우터",
        ),
        (
            546,
            &[Udp],
            "DHCPv6-client",
            "DHCPv6 client",
            "DHCPv6 클라이언트",
        ),
        (547, &[Udp], "DHCPv6", "DHCPv6 server", "DHCPv6 서버"),
        (
            587,
            &[Tcp],
            "Submission",
            "mail submission server, where mail programs send e-mail",
            "메일 프로그램이 이메일을 보내는 메일 제출 서버",
        ),
        (
            636,
            &[Tcp],
            "LDAPS",
            "directory server reached over TLS",
            "TLS로 접속하는 디렉터리 서버",
        ),
        (
            853,
            &[Tcp],
            "DNS-over-TLS",
            "DNS name server, reached over TLS",
            "TLS로 접속하는 DNS 네임 서버",
        ),
        (
            853,
            &[Udp],
            "DNS-over-QUIC",
            "DNS name server, reached over QUIC",
            "QUIC으로 접속하는 DNS 네임 서버",
        ),
        (
            993,
            &[Tcp],
            "IMAPS",
            "mailbox server reached over TLS, which keeps e-mail on the server",
            "TLS로 접속하며 이메일을 서버에 보관하는 메일함 서버",
        ),
        (
            995,
            &[Tcp],
            "POP3S",
            "mailbox server reached over TLS, from which mail programs download e-mail",
            "TLS로 접속하며 메일 프로그램이 이메일을 내려받는 메일함 서버",
        ),
        (
            1194,
            &[Tcp, Udp],
            "OpenVPN",
            "OpenVPN server",
            "OpenVPN 서버",
        ),
        (
            1521,
            &[Tcp],
            "Oracle",
            "Oracle database server",
            "Oracle 데이터베이스 서버",
        ),
        (1723, &[Tcp], "PPTP", "PPTP VPN server", "PPTP VPN 서버"),
        (
            1812,
            &[Udp],
            "RADIUS",
            "RADIUS authentication server",
            "RADIUS 인증 서버",
        ),
        (
            1900,
            &[Udp],
            "SSDP",
            "UPnP discovery service",
            "UPnP 장치 탐색 서비스",
        ),
        (
            3306,
            &[Tcp],
            "MySQL",
            "MySQL or MariaDB database server",
            "MySQL 또는 MariaDB 데이터베이스 서버",
        ),
        (
            3389,
            &[Tcp, Udp],
            "RDP",
            "Windows remote desktop server",
            "Windows 원격 데스크톱 서버",
        ),
        (
            3478,
            &[Udp],
            "STUN",
            "STUN server, which helps calls cross NAT",
            "통화가 NAT를 통과하도록 돕는 STUN 서버",
        ),
        (
            5060,
            &[Tcp, Udp],
            "SIP",
            "SIP server, which sets up voice and video calls",
            "음성·영상 통화를 설정하는 SIP 서버",
        ),
        (
            5353,
            &[Udp],
            "mDNS",
            "multicast DNS responder, which names devices on the local network",
            "로컬 네트워크의 장치에 이름을 붙이는 멀티캐스트 DNS 응답기",
        ),
        (
            5432,
            &[Tcp],
            "PostgreSQL",
            "PostgreSQL database server",
            "PostgreSQL 데이터베이스 서버",
        ),
        (
            5683,
            &[Udp],
            "CoAP",
            "CoAP server, the web protocol of small devices",
            "작은 장치를 위한 웹 프로토콜인 CoAP 서버",
        ),
        (
            6379,
            &[Tcp],
            "Redis",
            "Redis in-memory database server",
            "Redis 인메모리 데이터베이스 서버",
        ),
        (
            6653,
            &[Tcp],
            "OpenFlow",
            "OpenFlow controller, which programs network switches",
            "네트워크 스위치를 프로그래밍하는 OpenFlow 컨트롤러",
        ),
        (
            8000,
            &[Tcp],
            "HTTP-alt",
            "web server on an alternative port, often a development server",
            "대체 포트의 웹 서버(흔히 개발용 서버)",
        ),
        (
            8080,
            &[Tcp],
            "HTTP-alt",
            "web server or proxy on an alternative port",
            "대체 포트의 웹 서버나 프록시",
        ),
        (
            8443,
            &[Tcp],
            "HTTPS-alt",
            "encrypted web server on an alternative port",
            "대체 포트의 암호화된 웹 서버",
        ),
        (
            9200,
            &[Tcp],
            "Elasticsearch",
            "Elasticsearch search server",
            "Elasticsearch 검색 서버",
        ),
        (
            11211,
            &[Tcp, Udp],
            "memcached",
            "memcached cache server",
            "memcached 캐시 서버",
        ),
        (
            27017,
            &[Tcp],
            "MongoDB",
            "MongoDB database server",
            "MongoDB 데이터베이스 서버",
        ),
    ]
};

static IANA_TEXT: &str = include_str!("../../data/iana-services.tsv");

/// IANA registry: (port, transport) → (service name, description).
type Registry = HashMap<(u16, Transport), (&'static str, &'static str)>;

/// IANA registry entries, parsed once on first use.
fn iana() -> &'static Registry {
    static TABLE: OnceLock<Registry> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = HashMap::with_capacity(12_000);
        for line in IANA_TEXT.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split('\t');
            let (Some(port), Some(transport), Some(name)) =
                (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let Ok(port) = port.parse::<u16>() else {
                continue;
            };
            let transport = match transport {
                "tcp" => Transport::Tcp,
                "udp" => Transport::Udp,
                _ => continue,
            };
            let description = fields.next().unwrap_or("");
            table
                .entry((port, transport))
                .or_insert((name, description));
        }
        table
    })
}

/// Looks up the service a port names on a transport: the curated table first, then IANA's.
/// One array read: the one-line and statistics views look up ports for every packet.
pub fn lookup(port: u16, transport: Transport) -> Option<ServiceInfo> {
    let index = index();
    let slot = index.slots[slot_of(port, transport)];
    (slot != 0).then(|| index.services[slot as usize - 1])
}

/// Every known service, reachable from (transport, port) by one array read.
struct Index {
    /// `slot_of(port, transport)` → 1 + position in `services`, or 0 for no service.
    slots: Box<[u32]>,
    services: Vec<ServiceInfo>,
}

fn slot_of(port: u16, transport: Transport) -> usize {
    let base = match transport {
        Transport::Tcp => 0,
        Transport::Udp => 1 << 16,
    };
    base + usize::from(port)
}

/// The index, built once on first use from IANA's registry, then the curated table over it.
fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = Index {
            slots: vec![0; 2 << 16].into_boxed_slice(),
            services: Vec::with_capacity(iana().len() + CURATED.len() * 2),
        };
        let mut put = |port: u16, transport: Transport, info: ServiceInfo| {
            index.services.push(info);
            // A slot holds position + 1; there are far fewer than 2^32 services.
            index.slots[slot_of(port, transport)] = index.services.len() as u32;
        };
        for (&(port, transport), &(name, description)) in iana() {
            put(
                port,
                transport,
                ServiceInfo {
                    name,
                    description,
                    curated: false,
                    description_ko: None,
                    name_ko: None,
                },
            );
        }
        for &(port, transports, name, description, korean) in CURATED {
            for &transport in transports {
                put(
                    port,
                    transport,
                    ServiceInfo {
                        name,
                        description,
                        curated: true,
                        description_ko: Some(korean),
                        name_ko: None,
                    },
                );
            }
        }
        index
    })
}

/// The ports a protocol is usually found on (the first is the one to name).
pub fn usual_ports(protocol: &str) -> Option<&'static [u16]> {
    Some(match protocol {
        "HTTP" => &[80],
        "TLS" => &[443, 465, 563, 636, 853, 989, 990, 992, 993, 995, 5061, 8443],
        "SSH" => &[22],
        "SMTP" => &[25, 587],
        "FTP" => &[21],
        "POP3" => &[110],
        "IMAP" => &[143],
        "DNS" => &[53, 5353, 5355],
        "DHCP" => &[67, 68],
        "QUIC" => &[443, 8443],
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_follow_rfc_6335() {
        assert_eq!(PortRange::of(0), PortRange::WellKnown);
        assert_eq!(PortRange::of(1023), PortRange::WellKnown);
        assert_eq!(PortRange::of(1024), PortRange::Registered);
        assert_eq!(PortRange::of(49151), PortRange::Registered);
        assert_eq!(PortRange::of(49152), PortRange::Dynamic);
        assert_eq!(PortRange::of(65535), PortRange::Dynamic);
    }

    #[test]
    fn the_ports_students_meet_are_curated() {
        for (port, transport, name) in [
            (20, Transport::Tcp, "FTP-DATA"),
            (21, Transport::Tcp, "FTP"),
            (22, Transport::Tcp, "SSH"),
            (23, Transport::Tcp, "Telnet"),
            (25, Transport::Tcp, "SMTP"),
            (53, Transport::Udp, "DNS"),
            (53, Transport::Tcp, "DNS"),
            (67, Transport::Udp, "DHCP"),
            (68, Transport::Udp, "DHCP-client"),
            (69, Transport::Udp, "TFTP"),
            (80, Transport::Tcp, "HTTP"),
            (110, Transport::Tcp, "POP3"),
            (123, Transport::Udp, "NTP"),
            (143, Transport::Tcp, "IMAP"),
            (161, Transport::Udp, "SNMP"),
            (162, Transport::Udp, "SNMP-trap"),
            (443, Transport::Tcp, "HTTPS"),
            (443, Transport::Udp, "QUIC"),
            (465, Transport::Tcp, "SMTPS"),
            (587, Transport::Tcp, "Submission"),
            (853, Transport::Tcp, "DNS-over-TLS"),
            (993, Transport::Tcp, "IMAPS"),
            (995, Transport::Tcp, "POP3S"),
            (1521, Transport::Tcp, "Oracle"),
            (3306, Transport::Tcp, "MySQL"),
            (3389, Transport::Tcp, "RDP"),
            (5353, Transport::Udp, "mDNS"),
            (5432, Transport::Tcp, "PostgreSQL"),
            (6379, Transport::Tcp, "Redis"),
            (8080, Transport::Tcp, "HTTP-alt"),
            (8443, Transport::Tcp, "HTTPS-alt"),
            (27017, Transport::Tcp, "MongoDB"),
        ] {
            let info = lookup(port, transport).expect("curated port");
            assert_eq!(info.name, name, "{port}/{transport:?}");
            assert!(info.curated);
        }
    }

    #[test]
    fn every_curated_port_is_described_in_korean() {
        for (port, transports, name, english, korean) in CURATED {
            assert!(
                korean
                    .chars()
                    .any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c)),
                "{port} {name}: {korean:?}"
            );
            assert_ne!(english, korean);
            let info = lookup(*port, transports[0]).expect("curated");
            assert_eq!(info.description_in(Lang::Ko), *korean);
            assert_eq!(info.description_in(Lang::En), *english);
        }
        // IANA's words stay IANA's, in any language.
        let afs = lookup(7000, Transport::Udp).expect("IANA names 7000/udp");
        assert_eq!(afs.description_in(Lang::Ko), afs.description);
    }

    #[test]
    fn other_ports_come_from_the_iana_registry() {
        let afs = lookup(7000, Transport::Udp).expect("IANA names 7000/udp");
        assert_eq!(afs.name, "afs3-fileserver");
        assert!(!afs.curated);
        assert!(iana().len() > 10_000, "the whole registry is loaded");
        assert_eq!(lookup(61_000, Transport::Tcp), None);
    }

    #[test]
    fn every_name_and_description_is_safe_for_a_terminal() {
        // The one-line view prints service names without escaping them; this is why it may.
        for transport in [Transport::Tcp, Transport::Udp] {
            for port in 0..=u16::MAX {
                if let Some(info) = lookup(port, transport) {
                    for text in [info.name, info.description] {
                        assert!(
                            matches!(
                                crate::sanitize::terminal_safe(text),
                                std::borrow::Cow::Borrowed(_)
                            ),
                            "{port}/{transport:?}: {text:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_index_agrees_with_the_tables_for_every_port() {
        for transport in [Transport::Tcp, Transport::Udp] {
            for port in 0..=u16::MAX {
                let curated = CURATED
                    .iter()
                    .find(|(p, transports, _, _, _)| *p == port && transports.contains(&transport))
                    .map(|&(_, _, name, description, korean)| ServiceInfo {
                        name,
                        description,
                        curated: true,
                        description_ko: Some(korean),
                        name_ko: None,
                    });
                let expected = curated.or_else(|| {
                    iana()
                        .get(&(port, transport))
                        .map(|&(name, description)| ServiceInfo {
                            name,
                            description,
                            curated: false,
                            description_ko: None,
                            name_ko: None,
                        })
                });
                assert_eq!(lookup(port, transport), expected, "{port}/{transport:?}");
            }
        }
    }
}
