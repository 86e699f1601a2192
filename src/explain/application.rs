//! The application layer's sentences: what an HTTP request or response, a TLS hello, a DNS
//! message, a DHCP message, a server's greeting or a QUIC packet says, and whether the content is
//! where its port says it should be.

use super::{Annotated, Explainer};
use crate::decode::app::{self, Application};
use crate::flows::PacketContext;
use crate::i18n::Msg;

impl Explainer {
    /// What the application data says, and whether it is where its port says it should be.
    pub(super) fn application_notes(&self, out: &mut Annotated, application: &Application) {
        let msg = match application {
            Application::HttpRequest {
                method,
                target,
                host,
                ..
            } => Msg::HttpRequest {
                method,
                target: shorten(target),
                host: host.as_deref(),
            },
            Application::HttpResponse { status, reason, .. } => Msg::HttpResponse {
                status: *status,
                reason,
            },
            Application::TlsClientHello {
                server_name,
                offered_versions,
            } => Msg::TlsClientHello {
                server_name: server_name.as_deref(),
                versions: offered_versions
                    .iter()
                    .map(|v| app::tls::version_name(*v))
                    .collect::<Vec<_>>()
                    .join(", "),
            },
            Application::TlsServerHello { version } => Msg::TlsServerHello {
                version: app::tls::version_name(*version),
            },
            Application::TlsRecord {
                content_type: 23, ..
            } => Msg::TlsApplicationData,
            Application::TlsRecord { content_type, .. } => Msg::TlsRecord {
                content_type: *content_type,
            },
            Application::Dns(dns) if !dns.response => match dns.questions.first() {
                Some(question) => Msg::DnsQuery {
                    name: &question.name,
                    record_type: record_type(question.record_type),
                },
                None => return,
            },
            Application::Dns(dns) => {
                let response_code = app::dns::response_code_name(dns.response_code);
                if dns.answers.is_empty() {
                    Msg::DnsNoAnswer { response_code }
                } else {
                    Msg::DnsResponse {
                        response_code,
                        answers: dns
                            .answers
                            .iter()
                            .map(|a| {
                                format!("{} {} {}", a.name, record_type(a.record_type), a.data)
                            })
                            .collect::<Vec<_>>()
                            .join("; "),
                    }
                }
            }
            Application::Banner { protocol, line } => Msg::Banner {
                protocol: protocol.name(),
                line: shorten(line),
            },
            Application::TextLine { protocol, line } => Msg::TextLine {
                protocol: protocol.name(),
                line: shorten(line),
            },
            Application::Dhcp { message_type, .. } => Msg::Dhcp {
                message_type: app::dhcp::message_type_name(*message_type),
                value: *message_type,
            },
            Application::Quic {
                version,
                packet_type,
            } => Msg::Quic {
                version: *version,
                packet_type: ["Initial", "0-RTT", "Handshake", "Retry"]
                    [usize::from(*packet_type & 3)],
            },
        };
        out.application_notes.push(self.say(msg));
        // Port numbers are conventions: say so when the content does not match the port.
        let protocol = application.protocol();
        if let (Some(service), Some(usual)) = (&out.service, usual_ports(protocol)) {
            if !usual.contains(&service.port) {
                out.application_notes.push(self.say(Msg::PortIsConvention {
                    protocol,
                    port: service.port,
                    usual: usual[0],
                }));
            }
        }
    }

    /// Which query a DNS answer answers, and how long the answer took.
    pub(super) fn dns_answer_note(&self, out: &mut Annotated, context: Option<&PacketContext>) {
        if let Some(answer) = context.and_then(|c| c.dns_answer) {
            out.application_notes.push(self.say(Msg::DnsAnswers {
                query_packet: answer.query_packet,
                elapsed_microseconds: answer.elapsed_microseconds,
            }));
        }
    }
}

/// The ports a protocol is usually found on (the first is the one to name).
fn usual_ports(protocol: &str) -> Option<&'static [u16]> {
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

/// A DNS record type by name, or its number.
fn record_type(value: u16) -> String {
    app::dns::record_type_name(value)
        .map(str::to_string)
        .unwrap_or_else(|| format!("type {value}"))
}

/// Lines from the wire are cut to a readable length.
fn shorten(line: &str) -> &str {
    match line.char_indices().nth(100) {
        Some((cut, _)) => &line[..cut],
        None => line,
    }
}
