//! QUIC long headers (RFC 9000 §17.2): the version and packet type of Initial and Handshake
//! packets, which open every QUIC connection (HTTP/3 on UDP 443). Short-header packets carry no
//! version and look like random bytes, so they are not claimed.

use super::Application;

/// QUIC versions portlens recognises anywhere; on a QUIC port any version is accepted.
const KNOWN_VERSIONS: [u32; 3] = [0x0000_0001, 0x6b33_43cf, 0x0000_0000];

pub fn parse(payload: &[u8], quic_port: bool) -> Option<Application> {
    let first = *payload.first()?;
    // Long header form bit and the fixed bit.
    if first & 0xc0 != 0xc0 {
        return None;
    }
    let version = u32::from_be_bytes(payload.get(1..5)?.try_into().ok()?);
    if !quic_port && !KNOWN_VERSIONS.contains(&version) {
        return None;
    }
    // Destination connection ID length must fit (at most 20 bytes in QUIC v1).
    let dcid_length = *payload.get(5)?;
    if dcid_length > 20 || payload.len() < 6 + usize::from(dcid_length) {
        return None;
    }
    Some(Application::Quic {
        version,
        packet_type: (first >> 4) & 0x03,
    })
}

/// A QUIC version, as the long header's version field names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// QUIC version 1 (RFC 9000).
    V1,
    /// QUIC version 2 (RFC 9369).
    V2,
    /// Version 0: a version negotiation packet.
    Negotiation,
    Other(u32),
}

impl Version {
    pub fn from_value(value: u32) -> Version {
        match value {
            0x0000_0001 => Version::V1,
            0x6b33_43cf => Version::V2,
            0 => Version::Negotiation,
            other => Version::Other(other),
        }
    }
}

/// The name of a long header's packet type. The two type bits mean different things in QUIC
/// version 2 (RFC 9369 §3.2), which renumbered them so that middleboxes cannot ossify on them.
pub fn packet_type_name(version: u32, packet_type: u8) -> &'static str {
    const V1: [&str; 4] = ["Initial", "0-RTT", "Handshake", "Retry"];
    const V2: [&str; 4] = ["Retry", "Initial", "0-RTT", "Handshake"];
    let names = match Version::from_value(version) {
        Version::V2 => V2,
        _ => V1,
    };
    names[usize::from(packet_type & 3)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_2_renumbers_the_packet_types() {
        assert_eq!(packet_type_name(1, 0), "Initial");
        assert_eq!(packet_type_name(1, 2), "Handshake");
        assert_eq!(packet_type_name(0x6b33_43cf, 1), "Initial");
        assert_eq!(packet_type_name(0x6b33_43cf, 0), "Retry");
        assert_eq!(Version::from_value(7), Version::Other(7));
    }

    #[test]
    fn initial_packet() {
        let mut packet = vec![0xc3, 0, 0, 0, 1, 8];
        packet.extend_from_slice(&[0xaa; 8]);
        packet.extend_from_slice(&[0; 20]);
        assert_eq!(
            parse(&packet, true),
            Some(Application::Quic {
                version: 1,
                packet_type: 0
            })
        );
        packet[0] = 0xe3;
        assert_eq!(
            parse(&packet, false),
            Some(Application::Quic {
                version: 1,
                packet_type: 2
            })
        );
    }

    #[test]
    fn short_headers_and_junk_are_not_quic() {
        assert_eq!(parse(&[0x43, 1, 2, 3, 4, 5], true), None);
        assert_eq!(
            parse(&[0xc0, 0x12, 0x34, 0x56, 0x78, 4, 1, 2, 3, 4], false),
            None
        );
        assert_eq!(parse(&[0xc0, 0, 0, 0, 1, 30], true), None);
    }
}
