//! The application layer's sentences: what an HTTP request or response, a TLS hello, a DNS
//! message, a DHCP message, a server's greeting or a QUIC packet says, and whether the content is
//! where its port says it should be.

use super::{Annotated, Explainer};
use crate::decode::app::dhcp::MessageType;
use crate::decode::app::dns::ResponseCode;
use crate::decode::app::quic::Version as QuicVersion;
use crate::decode::app::{self, Application, DnsMessage};
use crate::flows::PacketContext;
use crate::i18n::Msg;
use crate::knowledge::ports;

impl Explainer {
    /// What the application data says, and whether it is where its port says it should be.
    pub(super) fn application_notes(&self, out: &mut Annotated, application: &Application) {
        let Some(msg) = message_of(application) else {
            return;
        };
        out.application_notes.push(self.say(msg));
        // Port numbers are conventions: say so when the content does not match the port.
        let protocol = application.protocol();
        if let (Some(service), Some(usual)) = (&out.service, ports::usual_ports(protocol)) {
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

/// The sentence that says what the application data is (`None` for a DNS query that asks
/// nothing).
fn message_of(application: &Application) -> Option<Msg<'_>> {
    Some(match application {
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
        Application::Dns(dns) => return dns_message(dns),
        Application::Banner { protocol, line } => Msg::Banner {
            protocol: protocol.name(),
            line: shorten(line),
        },
        Application::TextLine { protocol, line } => Msg::TextLine {
            protocol: protocol.name(),
            line: shorten(line),
        },
        Application::Dhcp { message_type, .. } => Msg::Dhcp {
            message_type: MessageType::from_value(*message_type),
        },
        Application::Quic {
            version,
            packet_type,
        } => Msg::Quic {
            version: QuicVersion::from_value(*version),
            packet_type: app::quic::packet_type_name(*version, *packet_type),
        },
    })
}

/// A DNS query's question, or what a response answers.
fn dns_message(dns: &DnsMessage) -> Option<Msg<'_>> {
    if !dns.response {
        let question = dns.questions.first()?;
        return Some(Msg::DnsQuery {
            name: &question.name,
            record_type: record_type(question.record_type),
        });
    }
    let response_code = ResponseCode::from_value(dns.response_code);
    Some(if dns.answers.is_empty() {
        Msg::DnsNoAnswer { response_code }
    } else {
        let answers = dns
            .answers
            .iter()
            .map(|a| format!("{} {} {}", a.name, record_type(a.record_type), a.data))
            .collect::<Vec<_>>()
            .join("; ");
        Msg::DnsResponse {
            response_code,
            answers,
        }
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
