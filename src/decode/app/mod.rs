//! Application hints: what the bytes after the transport header say, read from the content
//! itself (with the ports only as hints of where to look first): HTTP/1.x request and status
//! lines, TLS handshakes (server name, versions), DNS over UDP and TCP, the first line servers
//! of SSH, SMTP, FTP, POP3 and IMAP greet with, DHCP message types, QUIC long headers.
//! Parsers are bounded and total: any byte sequence yields a hint or `None`, never a panic.
//! Text is kept as found (lossy UTF-8); renderers escape it for the terminal.

pub mod dhcp;
pub mod dns;
mod http;
pub mod quic;
mod reader;
pub mod tls;

pub use dns::{DnsAnswer, DnsMessage, DnsQuestion};

use super::Transport;
use serde::Serialize;

/// A server greeting line's protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BannerProtocol {
    Ssh,
    Smtp,
    Ftp,
    Pop3,
    Imap,
}

impl BannerProtocol {
    pub fn name(self) -> &'static str {
        match self {
            BannerProtocol::Ssh => "SSH",
            BannerProtocol::Smtp => "SMTP",
            BannerProtocol::Ftp => "FTP",
            BannerProtocol::Pop3 => "POP3",
            BannerProtocol::Imap => "IMAP",
        }
    }
}

/// What the application data of one packet is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Application {
    HttpRequest {
        method: String,
        target: String,
        version: String,
        host: Option<String>,
    },
    HttpResponse {
        version: String,
        status: u16,
        reason: String,
    },
    TlsClientHello {
        server_name: Option<String>,
        /// Versions offered (supported_versions extension, else the legacy field), e.g. 0x0304.
        offered_versions: Vec<u16>,
    },
    TlsServerHello {
        /// The version the server chose.
        version: u16,
    },
    /// Other TLS records: the content type (20 change cipher spec, 21 alert, 22 handshake,
    /// 23 application data).
    TlsRecord {
        content_type: u8,
        version: u16,
    },
    Dns(DnsMessage),
    Banner {
        protocol: BannerProtocol,
        line: String,
    },
    /// A command or reply line of a text protocol after the greeting (SMTP, FTP, POP3, IMAP).
    TextLine {
        protocol: BannerProtocol,
        line: String,
    },
    Dhcp {
        message_type: u8,
        transaction_id: u32,
    },
    Quic {
        version: u32,
        /// 0 Initial, 1 0-RTT, 2 Handshake, 3 Retry (QUIC v1 numbering).
        packet_type: u8,
    },
}

impl Application {
    /// The protocol this hint shows, as a short name.
    pub fn protocol(&self) -> &'static str {
        match self {
            Application::HttpRequest { .. } | Application::HttpResponse { .. } => "HTTP",
            Application::TlsClientHello { .. }
            | Application::TlsServerHello { .. }
            | Application::TlsRecord { .. } => "TLS",
            Application::Dns(_) => "DNS",
            Application::Banner { protocol, .. } | Application::TextLine { protocol, .. } => {
                protocol.name()
            }
            Application::Dhcp { .. } => "DHCP",
            Application::Quic { .. } => "QUIC",
        }
    }
}

/// Reads the application hint of a payload, if its content is recognised. `ports` are
/// (source, destination).
pub fn detect(transport: Transport, ports: (u16, u16), payload: &[u8]) -> Option<Application> {
    if payload.is_empty() {
        return None;
    }
    let either = |port: u16| ports.0 == port || ports.1 == port;
    match transport {
        Transport::Udp => {
            if either(53) || either(5353) || either(5355) {
                if let Some(message) = dns::parse(payload, false) {
                    return Some(Application::Dns(message));
                }
            }
            if either(67) || either(68) {
                if let Some(hint) = dhcp::parse(payload) {
                    return Some(hint);
                }
            }
            quic::parse(payload, either(443) || either(8443))
        }
        Transport::Tcp => {
            if let Some(hint) = http::parse(payload) {
                return Some(hint);
            }
            if let Some(hint) = tls::parse(payload) {
                return Some(hint);
            }
            if either(53) {
                if let Some(message) = dns::parse_tcp(payload) {
                    return Some(Application::Dns(message));
                }
            }
            text_protocol(ports, payload)
        }
    }
}

/// The first line of a payload, without its line ending, when the payload starts with printable
/// text ended by CRLF or LF.
fn first_line(payload: &[u8]) -> Option<&[u8]> {
    let end = payload.iter().take(1024).position(|&b| b == b'\n')?;
    let line = payload[..end]
        .strip_suffix(b"\r")
        .unwrap_or(&payload[..end]);
    let printable = line
        .iter()
        .all(|&b| b == b'\t' || b == 0x1b || (0x20..0x7f).contains(&b) || b >= 0x80);
    (printable && !line.is_empty()).then_some(line)
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// SSH identification strings (recognised by content on any port) and the greeting or later
/// lines of SMTP, FTP, POP3 and IMAP (recognised on their ports).
fn text_protocol(ports: (u16, u16), payload: &[u8]) -> Option<Application> {
    let line = first_line(payload)?;
    if line.starts_with(b"SSH-") {
        return Some(Application::Banner {
            protocol: BannerProtocol::Ssh,
            line: lossy(line),
        });
    }
    let (protocol, from_server) = [
        (21, BannerProtocol::Ftp),
        (25, BannerProtocol::Smtp),
        (587, BannerProtocol::Smtp),
        (110, BannerProtocol::Pop3),
        (143, BannerProtocol::Imap),
    ]
    .into_iter()
    .find_map(|(port, protocol)| {
        if ports.0 == port {
            Some((protocol, true))
        } else if ports.1 == port {
            Some((protocol, false))
        } else {
            None
        }
    })?;
    let greeting = from_server
        && match protocol {
            BannerProtocol::Ftp | BannerProtocol::Smtp => line.starts_with(b"220"),
            BannerProtocol::Pop3 => line.starts_with(b"+OK"),
            BannerProtocol::Imap => line.starts_with(b"* OK"),
            BannerProtocol::Ssh => false,
        };
    Some(if greeting {
        Application::Banner {
            protocol,
            line: lossy(line),
        }
    } else {
        Application::TextLine {
            protocol,
            line: lossy(line),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banners_and_lines_of_text_protocols() {
        let ssh = detect(
            Transport::Tcp,
            (22, 40000),
            b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n",
        );
        assert_eq!(
            ssh,
            Some(Application::Banner {
                protocol: BannerProtocol::Ssh,
                line: "SSH-2.0-OpenSSH_9.2p1 Debian-2".into()
            })
        );
        // SSH is recognised by content even on another port.
        let on_443 = detect(Transport::Tcp, (443, 40000), b"SSH-2.0-x\r\n");
        assert!(matches!(
            on_443,
            Some(Application::Banner {
                protocol: BannerProtocol::Ssh,
                ..
            })
        ));
        let ftp = detect(Transport::Tcp, (21, 40000), b"220 (vsFTPd 3.0.3)\r\n");
        assert!(matches!(
            ftp,
            Some(Application::Banner {
                protocol: BannerProtocol::Ftp,
                ..
            })
        ));
        let user = detect(Transport::Tcp, (40000, 21), b"USER anonymous\r\n");
        assert!(matches!(
            user,
            Some(Application::TextLine {
                protocol: BannerProtocol::Ftp,
                ..
            })
        ));
        let pop = detect(Transport::Tcp, (110, 40000), b"+OK Dovecot ready.\r\n");
        assert!(matches!(
            pop,
            Some(Application::Banner {
                protocol: BannerProtocol::Pop3,
                ..
            })
        ));
        assert_eq!(detect(Transport::Tcp, (5000, 40000), b"hello\r\n"), None);
        assert_eq!(
            detect(Transport::Tcp, (21, 40000), b"\x00\x01binary\n"),
            None
        );
    }
}
