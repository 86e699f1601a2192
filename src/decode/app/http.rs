//! HTTP/1.x: the request line and Host header, or the status line of a response.

use super::{Application, lossy};

const METHODS: [&[u8]; 9] = [
    b"GET", b"POST", b"HEAD", b"PUT", b"DELETE", b"OPTIONS", b"PATCH", b"CONNECT", b"TRACE",
];

/// Lines of the header block, bounded so a huge payload costs little.
fn header_lines(payload: &[u8]) -> impl Iterator<Item = &[u8]> {
    payload[..payload.len().min(8192)]
        .split(|&b| b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line))
        .take_while(|line| !line.is_empty())
}

pub fn parse(payload: &[u8]) -> Option<Application> {
    // Every method and "HTTP/1." start with a capital letter: most segments (bulk data, TLS)
    // are told apart by their first byte, before any line is looked for.
    if !payload.first().is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    let mut lines = header_lines(payload);
    let first = lines.next()?;
    let mut parts = first.splitn(3, |&b| b == b' ');
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next());
    if a.starts_with(b"HTTP/1.") {
        let status_text = std::str::from_utf8(b).ok()?;
        if status_text.len() != 3 {
            return None;
        }
        return Some(Application::HttpResponse {
            version: lossy(a),
            status: status_text.parse().ok()?,
            reason: c.map(lossy).unwrap_or_default(),
        });
    }
    let version = c?;
    if !METHODS.contains(&a) || !version.starts_with(b"HTTP/1.") {
        return None;
    }
    let host = lines.find_map(|line| {
        let (name, value) = line.split_at(line.iter().position(|&b| b == b':')?);
        name.eq_ignore_ascii_case(b"host")
            .then(|| lossy(value[1..].trim_ascii()))
    });
    Some(Application::HttpRequest {
        method: lossy(a),
        target: lossy(b),
        version: lossy(version),
        host,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_with_host() {
        let hint = parse(
            b"GET /index.html HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: curl/7.88.1\r\n\r\n",
        );
        assert_eq!(
            hint,
            Some(Application::HttpRequest {
                method: "GET".into(),
                target: "/index.html".into(),
                version: "HTTP/1.1".into(),
                host: Some("www.example.com".into()),
            })
        );
    }

    #[test]
    fn response_status_line() {
        let hint = parse(b"HTTP/1.1 404 Not Found\r\nServer: nginx\r\n\r\n");
        assert_eq!(
            hint,
            Some(Application::HttpResponse {
                version: "HTTP/1.1".into(),
                status: 404,
                reason: "Not Found".into()
            })
        );
    }

    #[test]
    fn not_http() {
        assert_eq!(parse(b"\x16\x03\x01\x02\x00"), None);
        assert_eq!(parse(b"GET"), None);
        assert_eq!(parse(b"FETCH / HTTP/1.1\r\n"), None);
        assert_eq!(parse(b"HTTP/1.1 2000 x\r\n"), None);
    }
}
