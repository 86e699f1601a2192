//! Port knowledge: the range class of a port number and the service a port names, from a curated
//! table of the ports students meet (with a sentence on what each program does) backed by IANA's
//! full service registry (data/iana-services.tsv, with its provenance in its header).

use crate::decode::Transport;
use crate::lang::Lang;
use curated::CURATED;

mod curated;
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

/// A range of ports an operating system lends to client programs (its "ephemeral" ports), as far
/// as a port number alone can tell: the ranges overlap, so a port may lie in two of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ephemeral {
    /// 32768–49151: only Linux's range (`net.ipv4.ip_local_port_range`, 32768–60999).
    Linux,
    /// 49152–60999: Linux's range and the dynamic range Windows (since Vista), macOS, FreeBSD and
    /// IANA (RFC 6335) use.
    LinuxAndDynamic,
    /// 61000–65535: only the dynamic range (49152–65535).
    Dynamic,
    /// 1025–5000: the range of Windows XP and Server 2003 and of old BSD systems.
    OldWindows,
}

impl Ephemeral {
    /// The ephemeral range `port` lies in, if any.
    pub fn of(port: u16) -> Option<Ephemeral> {
        match port {
            1025..=5000 => Some(Ephemeral::OldWindows),
            32768..=49151 => Some(Ephemeral::Linux),
            49152..=60999 => Some(Ephemeral::LinuxAndDynamic),
            61000..=65535 => Some(Ephemeral::Dynamic),
            _ => None,
        }
    }
}

/// How a protocol fixes the port of the end that speaks first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixed {
    /// Both ends use the same port (NTP 123, NetBIOS 137 and 138, RIP 520, HSRP 1985, mDNS 5353,
    /// IKE 500 and 4500, SSDP 1900 for its announcements).
    BothEnds,
    /// The client's port is fixed and differs from the server's: DHCP's client listens on 68
    /// (the server on 67, RFC 2131), DHCPv6's on 546 (the server on 547, RFC 8415).
    Client {
        /// The server's port.
        server: u16,
    },
}

/// Whether a protocol fixes `port` on the client's end as well as the server's.
pub fn fixed(port: u16, transport: Transport) -> Option<Fixed> {
    if transport != Transport::Udp {
        return None;
    }
    match port {
        123 | 137 | 138 | 500 | 520 | 521 | 1900 | 1985 | 4500 | 5353 => Some(Fixed::BothEnds),
        68 => Some(Fixed::Client { server: 67 }),
        546 => Some(Fixed::Client { server: 547 }),
        _ => None,
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
    fn ephemeral_ranges_are_the_operating_systems() {
        assert_eq!(Ephemeral::of(1024), None);
        assert_eq!(Ephemeral::of(1025), Some(Ephemeral::OldWindows));
        assert_eq!(Ephemeral::of(5000), Some(Ephemeral::OldWindows));
        assert_eq!(Ephemeral::of(5001), None);
        assert_eq!(Ephemeral::of(32767), None);
        assert_eq!(Ephemeral::of(32768), Some(Ephemeral::Linux));
        assert_eq!(Ephemeral::of(49151), Some(Ephemeral::Linux));
        assert_eq!(Ephemeral::of(49152), Some(Ephemeral::LinuxAndDynamic));
        assert_eq!(Ephemeral::of(60999), Some(Ephemeral::LinuxAndDynamic));
        assert_eq!(Ephemeral::of(61000), Some(Ephemeral::Dynamic));
        assert_eq!(Ephemeral::of(65535), Some(Ephemeral::Dynamic));
        // Most fixed ports are outside every ephemeral range; SSDP's, HSRP's and IKE's NAT port
        // lie in the old Windows range, so a fixed port is said fixed before a range is considered.
        for port in [68, 123, 137, 138, 500, 520, 521, 546, 5353] {
            assert!(fixed(port, Transport::Udp).is_some());
            assert_eq!(Ephemeral::of(port), None, "{port}");
        }
        for port in [1900, 1985, 4500] {
            assert_eq!(fixed(port, Transport::Udp), Some(Fixed::BothEnds));
            assert_eq!(Ephemeral::of(port), Some(Ephemeral::OldWindows), "{port}");
        }
        assert_eq!(fixed(123, Transport::Tcp), None);
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
