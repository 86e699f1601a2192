//! Port knowledge: the range class of a port number and the service a port names, from a curated
//! table of the ports students meet (with a sentence on what each program does) backed by IANA's
//! full service registry (data/iana-services.tsv, with its provenance in its header).

use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The transport a port number belongs to: TCP and UDP port 53 are different ports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Transport {
    Tcp,
    Udp,
}

impl Transport {
    pub fn name(self) -> &'static str {
        match self {
            Transport::Tcp => "TCP",
            Transport::Udp => "UDP",
        }
    }
}

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
}

/// The curated table: port, transports it applies to, display name, what the program does.
/// Descriptions complete the sentence "the … program".
const CURATED: &[(u16, &[Transport], &str, &str)] = {
    use Transport::{Tcp, Udp};
    &[
        (20, &[Tcp], "FTP-DATA", "file transfer data connection"),
        (21, &[Tcp], "FTP", "file transfer server"),
        (
            22,
            &[Tcp],
            "SSH",
            "secure shell server, for encrypted remote logins",
        ),
        (
            23,
            &[Tcp],
            "Telnet",
            "Telnet server, for unencrypted remote logins",
        ),
        (
            25,
            &[Tcp],
            "SMTP",
            "mail transfer server, which relays e-mail between servers",
        ),
        (
            53,
            &[Tcp, Udp],
            "DNS",
            "DNS name server, which turns names into addresses",
        ),
        (
            67,
            &[Udp],
            "DHCP",
            "DHCP server, which hands out IP addresses",
        ),
        (
            68,
            &[Udp],
            "DHCP-client",
            "DHCP client, which asks for an IP address",
        ),
        (69, &[Udp], "TFTP", "trivial file transfer server"),
        (
            80,
            &[Tcp],
            "HTTP",
            "web server, which serves pages in plain text",
        ),
        (
            110,
            &[Tcp],
            "POP3",
            "mailbox server, from which mail programs download e-mail",
        ),
        (119, &[Tcp], "NNTP", "news server"),
        (
            123,
            &[Udp],
            "NTP",
            "time server, which keeps clocks in step",
        ),
        (
            137,
            &[Udp],
            "NetBIOS-NS",
            "NetBIOS name service of Windows file sharing",
        ),
        (
            138,
            &[Udp],
            "NetBIOS-DGM",
            "NetBIOS datagram service of Windows file sharing",
        ),
        (
            139,
            &[Tcp],
            "NetBIOS-SSN",
            "NetBIOS session service of Windows file sharing",
        ),
        (
            143,
            &[Tcp],
            "IMAP",
            "mailbox server, which keeps e-mail on the server",
        ),
        (161, &[Udp], "SNMP", "network management agent"),
        (162, &[Udp], "SNMP-trap", "network management trap receiver"),
        (
            179,
            &[Tcp],
            "BGP",
            "BGP router, which exchanges internet routes",
        ),
        (389, &[Tcp, Udp], "LDAP", "directory server"),
        (
            443,
            &[Tcp],
            "HTTPS",
            "web server, which serves pages encrypted with TLS",
        ),
        (
            443,
            &[Udp],
            "QUIC",
            "web server speaking HTTP/3 over QUIC, encrypted like HTTPS",
        ),
        (445, &[Tcp], "SMB", "Windows file sharing server"),
        (
            465,
            &[Tcp],
            "SMTPS",
            "mail submission server reached over TLS",
        ),
        (514, &[Udp], "Syslog", "system log collector"),
        (520, &[Udp], "RIP", "RIP router, which exchanges routes"),
        (546, &[Udp], "DHCPv6-client", "DHCPv6 client"),
        (547, &[Udp], "DHCPv6", "DHCPv6 server"),
        (
            587,
            &[Tcp],
            "Submission",
            "mail submission server, where mail programs send e-mail",
        ),
        (636, &[Tcp], "LDAPS", "directory server reached over TLS"),
        (
            853,
            &[Tcp],
            "DNS-over-TLS",
            "DNS name server, reached over TLS",
        ),
        (
            853,
            &[Udp],
            "DNS-over-QUIC",
            "DNS name server, reached over QUIC",
        ),
        (
            993,
            &[Tcp],
            "IMAPS",
            "mailbox server reached over TLS, which keeps e-mail on the server",
        ),
        (
            995,
            &[Tcp],
            "POP3S",
            "mailbox server reached over TLS, from which mail programs download e-mail",
        ),
        (1194, &[Tcp, Udp], "OpenVPN", "OpenVPN server"),
        (1521, &[Tcp], "Oracle", "Oracle database server"),
        (1723, &[Tcp], "PPTP", "PPTP VPN server"),
        (1812, &[Udp], "RADIUS", "RADIUS authentication server"),
        (1900, &[Udp], "SSDP", "UPnP discovery service"),
        (3306, &[Tcp], "MySQL", "MySQL or MariaDB database server"),
        (3389, &[Tcp, Udp], "RDP", "Windows remote desktop server"),
        (
            3478,
            &[Udp],
            "STUN",
            "STUN server, which helps calls cross NAT",
        ),
        (
            5060,
            &[Tcp, Udp],
            "SIP",
            "SIP server, which sets up voice and video calls",
        ),
        (
            5353,
            &[Udp],
            "mDNS",
            "multicast DNS responder, which names devices on the local network",
        ),
        (5432, &[Tcp], "PostgreSQL", "PostgreSQL database server"),
        (
            5683,
            &[Udp],
            "CoAP",
            "CoAP server, the web protocol of small devices",
        ),
        (6379, &[Tcp], "Redis", "Redis in-memory database server"),
        (
            6653,
            &[Tcp],
            "OpenFlow",
            "OpenFlow controller, which programs network switches",
        ),
        (
            8000,
            &[Tcp],
            "HTTP-alt",
            "web server on an alternative port, often a development server",
        ),
        (
            8080,
            &[Tcp],
            "HTTP-alt",
            "web server or proxy on an alternative port",
        ),
        (
            8443,
            &[Tcp],
            "HTTPS-alt",
            "encrypted web server on an alternative port",
        ),
        (9200, &[Tcp], "Elasticsearch", "Elasticsearch search server"),
        (11211, &[Tcp, Udp], "memcached", "memcached cache server"),
        (27017, &[Tcp], "MongoDB", "MongoDB database server"),
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
                },
            );
        }
        for &(port, transports, name, description) in CURATED {
            for &transport in transports {
                put(
                    port,
                    transport,
                    ServiceInfo {
                        name,
                        description,
                        curated: true,
                    },
                );
            }
        }
        index
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
                    .find(|(p, transports, _, _)| *p == port && transports.contains(&transport))
                    .map(|&(_, _, name, description)| ServiceInfo {
                        name,
                        description,
                        curated: true,
                    });
                let expected = curated.or_else(|| {
                    iana()
                        .get(&(port, transport))
                        .map(|&(name, description)| ServiceInfo {
                            name,
                            description,
                            curated: false,
                        })
                });
                assert_eq!(lookup(port, transport), expected, "{port}/{transport:?}");
            }
        }
    }
}
