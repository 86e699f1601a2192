//! Addresses as text without the formatting machinery: IPv4 in dotted decimal, MAC addresses in
//! colon-separated hex. (IPv6 text has compression rules, RFC 5952, that the standard library
//! already follows; [`super::Sink::ip`] leaves it to it.)

use super::numbers::HEX_DIGITS;
use std::net::Ipv4Addr;

/// Each octet's digits and how many there are: "0" to "255" without dividing.
const OCTETS: [([u8; 3], u8); 256] = {
    let mut table = [([0u8; 3], 0u8); 256];
    let mut octet = 0;
    while octet < 256 {
        let value = octet as u8;
        table[octet] = if value >= 100 {
            (
                [
                    b'0' + value / 100,
                    b'0' + value / 10 % 10,
                    b'0' + value % 10,
                ],
                3,
            )
        } else if value >= 10 {
            ([b'0' + value / 10, b'0' + value % 10, 0], 2)
        } else {
            ([b'0' + value, 0, 0], 1)
        };
        octet += 1;
    }
    table
};

/// An IPv4 address in dotted decimal, built on the stack (at most 15 bytes).
pub(super) struct Ipv4Text {
    text: [u8; 15],
    length: usize,
}

impl Ipv4Text {
    #[inline]
    pub(super) fn new(address: Ipv4Addr) -> Ipv4Text {
        // Three bytes are copied for every octet; the spare ones are overwritten by the next.
        let mut text = [0u8; 15];
        let mut length = 0;
        for (index, octet) in address.octets().into_iter().enumerate() {
            if index > 0 {
                text[length] = b'.';
                length += 1;
            }
            let (digits, count) = OCTETS[usize::from(octet)];
            text[length..length + 3].copy_from_slice(&digits);
            length += usize::from(count);
        }
        Ipv4Text { text, length }
    }

    #[inline]
    pub(super) fn as_bytes(&self) -> &[u8] {
        &self.text[..self.length]
    }
}

/// A MAC address as lowercase colon-separated hex: `02:00:00:00:00:01`. Shared by the writers of
/// this layer and by the address's own `Display` (every explained frame prints its addresses).
#[inline]
pub(crate) fn mac_text(octets: [u8; 6]) -> [u8; 17] {
    let mut text = [b':'; 17];
    for (index, byte) in octets.iter().enumerate() {
        text[index * 3] = HEX_DIGITS[usize::from(byte >> 4)];
        text[index * 3 + 1] = HEX_DIGITS[usize::from(byte & 0x0f)];
    }
    text
}

#[cfg(test)]
mod tests {
    use super::super::{Line, Sink};
    use super::*;
    use std::net::{IpAddr, Ipv6Addr};

    #[test]
    fn ipv4_text_agrees_with_the_standard_library() {
        let mut line = Line::new();
        for octet in 0..=255u8 {
            let address = Ipv4Addr::new(octet, 255 - octet, octet / 3, 7);
            let mut text = String::new();
            text.ipv4(address);
            assert_eq!(text, address.to_string());
            line.clear();
            line.ipv4(address);
            assert_eq!(line.as_bytes(), address.to_string().as_bytes());
        }
    }

    #[test]
    fn ipv6_and_mac_text() {
        let mut text = String::new();
        text.ip(IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)))
            .text(" ")
            .mac([0x02, 0, 0xab, 0xcd, 0xef, 0x10]);
        assert_eq!(text, "2001:db8::1 02:00:ab:cd:ef:10");
    }
}
