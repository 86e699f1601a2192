//! The application hint on one line: its protocol's name and key fields, with portlens' words in
//! the learner's language (`GET / HTTP/1.1, Host example.com`, `query 0x1a2b A example.com`).
//! The text comes from the packet: the caller makes it safe for the terminal.

use crate::decode::app::dns::DnsMessage;
use crate::decode::app::{self, Application};
use crate::format::Sink;
use crate::i18n::labels::{Label, write_label};
use crate::lang::Lang;

/// The application hint's protocol name and its key fields on one line, in `lang`.
pub fn application_fields(lang: Lang, application: &Application) -> (&'static str, String) {
    let mut text = String::with_capacity(64);
    let s = &mut text;
    match application {
        Application::HttpRequest {
            method,
            target,
            version,
            host,
        } => {
            s.text(method)
                .text(" ")
                .text(target)
                .text(" ")
                .text(version);
            if let Some(host) = host {
                s.text(", Host ").text(host);
            }
        }
        Application::HttpResponse {
            version,
            status,
            reason,
        } => {
            s.text(version)
                .text(" ")
                .number(*status)
                .text(" ")
                .text(reason);
        }
        Application::TlsClientHello { .. }
        | Application::TlsServerHello { .. }
        | Application::TlsRecord { .. } => tls_fields(s, lang, application),
        Application::Dns(dns) => dns_fields(s, lang, dns),
        Application::Banner { line, .. } | Application::TextLine { line, .. } => s.push_str(line),
        Application::Dhcp {
            message_type,
            transaction_id,
        } => {
            match app::dhcp::message_type_name(*message_type) {
                Some(name) => s.push_str(name),
                None => write_label(s, lang, &Label::UnnamedMessage),
            }
            s.text(" xid 0x").hex(*transaction_id, 8);
        }
        Application::Quic {
            version,
            packet_type,
        } => {
            let packet_type = app::quic::packet_type_name(*version, *packet_type);
            let version = *version;
            write_label(
                s,
                lang,
                &Label::QuicPacket {
                    packet_type,
                    version,
                },
            );
        }
    }
    (application.protocol(), text)
}

/// A ClientHello with the server's name and the versions offered, a ServerHello with the version
/// chosen, or another record's type and version.
fn tls_fields(s: &mut String, lang: Lang, application: &Application) {
    match application {
        Application::TlsClientHello {
            server_name,
            offered_versions,
        } => {
            let versions: Vec<String> = offered_versions
                .iter()
                .map(|v| app::tls::version_name(*v))
                .collect();
            s.push_str("ClientHello, ");
            if let Some(name) = server_name {
                s.text("SNI ").text(name).text(", ");
            }
            let versions = &versions.join(", ");
            write_label(s, lang, &Label::TlsOffers { versions });
        }
        Application::TlsServerHello { version } => {
            s.text("ServerHello, ")
                .text(&app::tls::version_name(*version));
        }
        Application::TlsRecord {
            content_type,
            version,
        } => {
            let content_type = *content_type;
            write_label(s, lang, &Label::TlsRecordType { content_type });
            s.text(", ").text(&app::tls::version_name(*version));
        }
        _ => {}
    }
}

/// `query 0x1a2b A example.com`, and for a response its code and the number of answers.
fn dns_fields(s: &mut String, lang: Lang, dns: &DnsMessage) {
    let kind = if dns.response {
        Label::DnsResponse
    } else {
        Label::DnsQuery
    };
    write_label(s, lang, &kind);
    s.text(" 0x").hex(u32::from(dns.id), 4);
    if let Some(question) = dns.questions.first() {
        let record_type = app::dns::record_type_name(question.record_type).unwrap_or("?");
        s.text(" ").text(record_type).text(" ").text(&question.name);
    }
    if dns.response {
        s.text(", ")
            .text(app::dns::response_code_name(dns.response_code))
            .text(", ");
        let count = dns.answer_count;
        write_label(s, lang, &Label::DnsAnswerCount { count });
    }
    if dns.over_tcp {
        s.push_str(", ");
        write_label(s, lang, &Label::DnsOverTcp);
    }
}
