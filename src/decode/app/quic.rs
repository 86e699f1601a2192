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

#[cfg(test)]
mod tests {
    use super::*;

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
