//! DNS messages (RFC 1035) over UDP and over TCP (with its two-byte length prefix): transaction
//! id, query or response, response code, the questions and the answers. Names are followed
//! through compression pointers with a bound on jumps and length, so hostile messages end early
//! instead of looping.

use super::reader::Reader;
use serde::Serialize;

/// At most this many questions and answers are kept.
const MAX_RECORDS: usize = 16;
/// At most this many compression pointers are followed in one name.
const MAX_JUMPS: usize = 16;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DnsQuestion {
    pub name: String,
    pub record_type: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DnsAnswer {
    pub name: String,
    pub record_type: u16,
    pub ttl: u32,
    /// The record's data as text: an address, a name, or its length for other types.
    pub data: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DnsMessage {
    pub id: u16,
    pub response: bool,
    pub opcode: u8,
    pub response_code: u8,
    pub authoritative: bool,
    pub truncated: bool,
    pub over_tcp: bool,
    pub questions: Vec<DnsQuestion>,
    /// Number of answers the header announces.
    pub answer_count: u16,
    pub answers: Vec<DnsAnswer>,
}

/// Parses a DNS message over TCP: a two-byte length, then the message.
pub fn parse_tcp(payload: &[u8]) -> Option<DnsMessage> {
    let length = usize::from(u16::from_be_bytes([*payload.first()?, *payload.get(1)?]));
    let message = payload.get(2..)?;
    if length < 12 {
        return None;
    }
    parse(&message[..message.len().min(length)], true)
}

/// Parses a DNS message. `None` when the bytes do not look like DNS at all.
pub fn parse(message: &[u8], over_tcp: bool) -> Option<DnsMessage> {
    let mut r = Reader::new(message);
    let id = r.u16()?;
    let flags = r.u16()?;
    let question_count = r.u16()?;
    let answer_count = r.u16()?;
    let _authority = r.u16()?;
    let _additional = r.u16()?;
    let opcode = ((flags >> 11) & 0x0f) as u8;
    if opcode > 6 || question_count > 64 {
        return None;
    }
    let mut dns = DnsMessage {
        id,
        response: flags & 0x8000 != 0,
        opcode,
        response_code: (flags & 0x000f) as u8,
        authoritative: flags & 0x0400 != 0,
        truncated: flags & 0x0200 != 0,
        over_tcp,
        questions: Vec::new(),
        answer_count,
        answers: Vec::new(),
    };
    for _ in 0..question_count {
        let Some(name) = read_name(message, &mut r) else {
            return Some(dns);
        };
        let (Some(record_type), Some(_class)) = (r.u16(), r.u16()) else {
            return Some(dns);
        };
        if dns.questions.len() < MAX_RECORDS {
            dns.questions.push(DnsQuestion { name, record_type });
        }
    }
    for _ in 0..answer_count.min(MAX_RECORDS as u16) {
        let Some(name) = read_name(message, &mut r) else {
            break;
        };
        let (Some(record_type), Some(_class), Some(ttl), Some(data)) =
            (r.u16(), r.u16(), r.u32(), r.vector16())
        else {
            break;
        };
        let rdata_start = r.position() - data.len();
        let data = match (record_type, data.len()) {
            (1, 4) => std::net::Ipv4Addr::new(data[0], data[1], data[2], data[3]).to_string(),
            (28, 16) => {
                let octets: [u8; 16] = data.try_into().unwrap_or([0; 16]);
                std::net::Ipv6Addr::from(octets).to_string()
            }
            (2 | 5 | 12, _) => {
                let mut at = Reader::new(message);
                at.take(rdata_start);
                read_name(message, &mut at).unwrap_or_default()
            }
            (_, n) => format!("{n} bytes"),
        };
        dns.answers.push(DnsAnswer {
            name,
            record_type,
            ttl,
            data,
        });
    }
    Some(dns)
}

/// Reads a possibly compressed name at the reader's position, leaving the reader after it.
fn read_name(message: &[u8], r: &mut Reader<'_>) -> Option<String> {
    let mut name = String::new();
    let mut jumps = 0;
    // Where reading continues after a pointer: only the first pointer moves the outer reader.
    let mut cursor = r.position();
    let mut resume_at: Option<usize> = None;
    loop {
        let length = *message.get(cursor)?;
        match length {
            0 => {
                cursor += 1;
                break;
            }
            l if l & 0xc0 == 0xc0 => {
                let low = *message.get(cursor + 1)?;
                if resume_at.is_none() {
                    resume_at = Some(cursor + 2);
                }
                jumps += 1;
                if jumps > MAX_JUMPS {
                    return None;
                }
                cursor = (usize::from(l & 0x3f) << 8) | usize::from(low);
            }
            l if l & 0xc0 == 0 => {
                let label = message.get(cursor + 1..cursor + 1 + usize::from(l))?;
                if !name.is_empty() {
                    name.push('.');
                }
                name.push_str(&String::from_utf8_lossy(label));
                if name.len() > 255 {
                    return None;
                }
                cursor += 1 + usize::from(l);
            }
            _ => return None,
        }
    }
    let end = resume_at.unwrap_or(cursor);
    r.take(end.checked_sub(r.position())?)?;
    if name.is_empty() {
        name.push('.');
    }
    Some(name)
}

/// Record type names for the types learners meet.
pub fn record_type_name(value: u16) -> Option<&'static str> {
    Some(match value {
        1 => "A",
        2 => "NS",
        5 => "CNAME",
        6 => "SOA",
        12 => "PTR",
        15 => "MX",
        16 => "TXT",
        28 => "AAAA",
        33 => "SRV",
        41 => "OPT",
        64 => "SVCB",
        65 => "HTTPS",
        255 => "ANY",
        _ => return None,
    })
}

/// A DNS response code (RFC 1035 §4.1.1; RFC 6895 lists the later ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseCode {
    NoError,
    FormErr,
    ServFail,
    NxDomain,
    NotImp,
    Refused,
    Unknown(u8),
}

impl ResponseCode {
    pub fn from_value(value: u8) -> ResponseCode {
        match value {
            0 => ResponseCode::NoError,
            1 => ResponseCode::FormErr,
            2 => ResponseCode::ServFail,
            3 => ResponseCode::NxDomain,
            4 => ResponseCode::NotImp,
            5 => ResponseCode::Refused,
            other => ResponseCode::Unknown(other),
        }
    }

    /// The code's mnemonic (`None` for the codes portlens does not name).
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            ResponseCode::NoError => "NOERROR",
            ResponseCode::FormErr => "FORMERR",
            ResponseCode::ServFail => "SERVFAIL",
            ResponseCode::NxDomain => "NXDOMAIN",
            ResponseCode::NotImp => "NOTIMP",
            ResponseCode::Refused => "REFUSED",
            ResponseCode::Unknown(_) => return None,
        })
    }
}

/// Response code names for the field lists, English only (RFC 1035, RFC 6895).
pub fn response_code_name(value: u8) -> &'static str {
    ResponseCode::from_value(value)
        .name()
        .unwrap_or("an unusual code")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The query of ../shared/captures/dns_udp.pcap frame 1 (www.tcpdump.org A, with EDNS).
    const QUERY: [u8; 44] = [
        0x59, 0x34, 0x01, 0x20, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x77, 0x77,
        0x77, 0x07, 0x74, 0x63, 0x70, 0x64, 0x75, 0x6d, 0x70, 0x03, 0x6f, 0x72, 0x67, 0x00, 0x00,
        0x01, 0x00, 0x01, 0x00, 0x00, 0x29, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0c,
    ];

    #[test]
    fn query_name_and_type() {
        let dns = parse(&QUERY, false).expect("dns");
        assert_eq!(dns.id, 0x5934);
        assert!(!dns.response);
        assert_eq!(
            dns.questions,
            [DnsQuestion {
                name: "www.tcpdump.org".into(),
                record_type: 1
            }]
        );
    }

    #[test]
    fn answer_with_a_compressed_name() {
        let mut response = QUERY[..33].to_vec();
        response[2] = 0x81; // QR, RD
        response[3] = 0x80;
        response[6..8].copy_from_slice(&[0, 1]); // one answer
        response[10..12].copy_from_slice(&[0, 0]);
        response.extend_from_slice(&[0xc0, 12, 0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4, 192, 0, 2, 80]);
        let dns = parse(&response, false).expect("dns");
        assert!(dns.response);
        assert_eq!(dns.answers.len(), 1);
        assert_eq!(dns.answers[0].name, "www.tcpdump.org");
        assert_eq!(dns.answers[0].data, "192.0.2.80");
        assert_eq!(dns.answers[0].ttl, 3600);
    }

    #[test]
    fn pointer_loops_and_truncation_end_quietly() {
        let mut looping = QUERY[..12].to_vec();
        looping.extend_from_slice(&[0xc0, 12, 0, 1, 0, 1]);
        let dns = parse(&looping, false).expect("header is fine");
        assert!(dns.questions.is_empty());
        for cut in 0..QUERY.len() {
            let _ = parse(&QUERY[..cut], false);
        }
        let mut tcp = vec![0, QUERY.len() as u8];
        tcp.extend_from_slice(&QUERY);
        assert_eq!(parse_tcp(&tcp).map(|d| d.over_tcp), Some(true));
    }
}
