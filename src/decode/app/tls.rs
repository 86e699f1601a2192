//! TLS records: a ClientHello's server name (SNI) and offered versions, a ServerHello's chosen
//! version, and the content type of any other record (application data is encrypted).

use super::Application;
use super::reader::Reader;

const HANDSHAKE: u8 = 22;
const CLIENT_HELLO: u8 = 1;
const SERVER_HELLO: u8 = 2;
const SERVER_NAME: u16 = 0;
const SUPPORTED_VERSIONS: u16 = 43;

pub fn parse(payload: &[u8]) -> Option<Application> {
    let mut record = Reader::new(payload);
    let content_type = record.u8()?;
    let version = record.u16()?;
    let _length = record.u16()?;
    if !(20..=24).contains(&content_type) || !(0x0300..=0x0304).contains(&version) {
        return None;
    }
    if content_type == HANDSHAKE {
        let handshake_type = record.u8()?;
        // The length may be cut off with the rest; the type alone says what this is.
        let _handshake_length = record.u24();
        match handshake_type {
            CLIENT_HELLO => return Some(client_hello(&mut record)),
            SERVER_HELLO => {
                if let Some(version) = server_hello(&mut record) {
                    return Some(Application::TlsServerHello { version });
                }
            }
            _ => {}
        }
    }
    Some(Application::TlsRecord {
        content_type,
        version,
    })
}

/// Reads what a ClientHello offers; a hello cut by the segment boundary yields what was read.
fn client_hello(r: &mut Reader<'_>) -> Application {
    let mut server_name = None;
    let mut offered_versions = Vec::new();
    let legacy = r.u16();
    let extensions = (|| {
        r.take(32)?; // random
        r.vector8()?; // session id
        r.vector16()?; // cipher suites
        r.vector8()?; // compression methods
        r.vector16()
    })();
    if let Some(extensions) = extensions {
        let mut e = Reader::new(extensions);
        while let (Some(kind), Some(data)) = (e.u16(), e.vector16()) {
            let mut d = Reader::new(data);
            match kind {
                SERVER_NAME => {
                    let _list_length = d.u16();
                    if d.u8() == Some(0) {
                        server_name = d
                            .vector16()
                            .map(|n| String::from_utf8_lossy(n).into_owned());
                    }
                }
                SUPPORTED_VERSIONS => {
                    if let Some(list) = d.vector8() {
                        offered_versions = list
                            .chunks_exact(2)
                            .map(|v| u16::from_be_bytes([v[0], v[1]]))
                            .filter(|v| !is_grease(*v))
                            .collect();
                    }
                }
                _ => {}
            }
        }
    }
    if offered_versions.is_empty() {
        offered_versions.extend(legacy);
    }
    Application::TlsClientHello {
        server_name,
        offered_versions,
    }
}

fn server_hello(r: &mut Reader<'_>) -> Option<u16> {
    let legacy = r.u16()?;
    r.take(32)?;
    r.vector8()?;
    r.u16()?; // cipher suite
    r.u8()?; // compression
    let Some(extensions) = r.vector16() else {
        return Some(legacy);
    };
    let mut e = Reader::new(extensions);
    while let (Some(kind), Some(data)) = (e.u16(), e.vector16()) {
        if kind == SUPPORTED_VERSIONS && data.len() == 2 {
            return Some(u16::from_be_bytes([data[0], data[1]]));
        }
    }
    Some(legacy)
}

/// GREASE values (RFC 8701) are placeholders clients offer to keep servers honest.
fn is_grease(value: u16) -> bool {
    value & 0x0f0f == 0x0a0a && value >> 8 == value & 0xff
}

/// "TLS 1.3" for 0x0304 and so on.
pub fn version_name(version: u16) -> String {
    match version {
        0x0300 => "SSL 3.0".to_string(),
        0x0301 => "TLS 1.0".to_string(),
        0x0302 => "TLS 1.1".to_string(),
        0x0303 => "TLS 1.2".to_string(),
        0x0304 => "TLS 1.3".to_string(),
        other => format!("0x{other:04x}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The start of curl's ClientHello in samples/web-https.pcap (packet 8), cut after the SNI
    /// and with the extensions length adjusted to what is kept.
    fn client_hello_bytes() -> Vec<u8> {
        let mut hello = vec![0x03, 0x03];
        hello.extend_from_slice(&[0xa3; 32]);
        hello.push(0); // session id
        hello.extend_from_slice(&[0x00, 0x02, 0x13, 0x02]); // one cipher suite
        hello.extend_from_slice(&[0x01, 0x00]); // compression
        let mut extensions = vec![0x00, 0x00, 0x00, 0x14, 0x00, 0x12, 0x00, 0x00, 0x0f];
        extensions.extend_from_slice(b"www.example.com");
        extensions.extend_from_slice(&[0x00, 0x2b, 0x00, 0x05, 0x04, 0x03, 0x04, 0x03, 0x03]);
        hello.extend_from_slice(&(extensions.len() as u16).to_be_bytes());
        hello.extend_from_slice(&extensions);
        let mut handshake = vec![CLIENT_HELLO];
        handshake.extend_from_slice(&(hello.len() as u32).to_be_bytes()[1..]);
        handshake.extend_from_slice(&hello);
        let mut record = vec![HANDSHAKE, 0x03, 0x01];
        record.extend_from_slice(&(handshake.len() as u16).to_be_bytes());
        record.extend_from_slice(&handshake);
        record
    }

    #[test]
    fn client_hello_names_the_server_and_offers_versions() {
        assert_eq!(
            parse(&client_hello_bytes()),
            Some(Application::TlsClientHello {
                server_name: Some("www.example.com".into()),
                offered_versions: vec![0x0304, 0x0303],
            })
        );
    }

    #[test]
    fn a_cut_hello_still_yields_what_was_read() {
        let bytes = client_hello_bytes();
        // From the handshake type on, every cut still says "ClientHello".
        for cut in 6..bytes.len() {
            let hint = parse(&bytes[..cut]);
            assert!(
                matches!(hint, Some(Application::TlsClientHello { .. })),
                "cut {cut}: {hint:?}"
            );
        }
    }

    #[test]
    fn application_data_and_non_tls() {
        assert_eq!(
            parse(&[23, 3, 3, 0, 5, 1, 2, 3, 4, 5]),
            Some(Application::TlsRecord {
                content_type: 23,
                version: 0x0303
            })
        );
        assert_eq!(parse(b"GET / HTTP/1.1\r\n"), None);
        assert_eq!(parse(&[22, 9, 9, 0, 0]), None);
        assert_eq!(version_name(0x0304), "TLS 1.3");
        assert!(is_grease(0x1a1a) && !is_grease(0x0304));
    }
}
