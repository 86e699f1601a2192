//! Numbers and IPv4 addresses as text without the formatting machinery: the tree and the one-line
//! view write several of each for every packet of captures that hold millions.

use std::fmt;
use std::net::Ipv4Addr;

/// "00" to "99", for writing two digits at a time.
const DIGIT_PAIRS: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// Writes `value` right-aligned into `digits` (which holds at least its digits, and zeros to
/// the left of them); returns where its first digit is.
pub(crate) fn fill_digits(digits: &mut [u8], mut value: u32) -> usize {
    let mut at = digits.len();
    // Four digits a step while there are more than four, then two, then the last one.
    while value >= 10_000 {
        let rest = (value % 10_000) as usize;
        value /= 10_000;
        let (high, low) = (rest / 100 * 2, rest % 100 * 2);
        at -= 4;
        digits[at..at + 4].copy_from_slice(&[
            DIGIT_PAIRS[high],
            DIGIT_PAIRS[high + 1],
            DIGIT_PAIRS[low],
            DIGIT_PAIRS[low + 1],
        ]);
    }
    if value >= 100 {
        let pair = (value % 100) as usize * 2;
        value /= 100;
        at -= 2;
        digits[at] = DIGIT_PAIRS[pair];
        digits[at + 1] = DIGIT_PAIRS[pair + 1];
    }
    if value >= 10 {
        let pair = value as usize * 2;
        at -= 2;
        digits[at] = DIGIT_PAIRS[pair];
        digits[at + 1] = DIGIT_PAIRS[pair + 1];
    } else if value > 0 || at == digits.len() {
        at -= 1;
        digits[at] = b'0' + value as u8;
    }
    at
}

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
pub(crate) struct Ipv4Text {
    text: [u8; 15],
    length: usize,
}

impl Ipv4Text {
    pub(crate) fn new(address: Ipv4Addr) -> Ipv4Text {
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

    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.text[..self.length]
    }

    pub(crate) fn as_str(&self) -> &str {
        // Digits and dots only.
        std::str::from_utf8(self.as_bytes()).unwrap_or("")
    }
}

/// A number in decimal, built on the stack. As a format argument it writes its digits with one
/// call, skipping the padding logic of the integers' own `Display` (the tree's labels and
/// sentences carry several numbers for every packet).
#[derive(Clone, Copy)]
pub(crate) struct Decimal {
    digits: [u8; 20],
    start: usize,
}

impl Decimal {
    pub(crate) fn new(value: u64) -> Decimal {
        let mut digits = [b'0'; 20];
        let start = match u32::try_from(value) {
            Ok(small) => fill_digits(&mut digits, small),
            Err(_) => {
                // The low nine digits, zeros included, then the rest (at most eleven digits).
                fill_digits(&mut digits[11..], (value % 1_000_000_000) as u32);
                let high = value / 1_000_000_000;
                match u32::try_from(high) {
                    Ok(high) => fill_digits(&mut digits[..11], high),
                    Err(_) => {
                        fill_digits(&mut digits[2..11], (high % 1_000_000_000) as u32);
                        fill_digits(&mut digits[..2], (high / 1_000_000_000) as u32)
                    }
                }
            }
        };
        Decimal { digits, start }
    }

    pub(crate) fn as_str(&self) -> &str {
        // ASCII digits only.
        std::str::from_utf8(&self.digits[self.start..]).unwrap_or("")
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Appends `value` in decimal.
pub(crate) fn push_decimal(text: &mut String, value: u64) {
    text.push_str(Decimal::new(value).as_str());
}

/// Appends `address` in dotted decimal.
pub(crate) fn push_ipv4(text: &mut String, address: Ipv4Addr) {
    text.push_str(Ipv4Text::new(address).as_str());
}

/// Appends `value` in at least `width` digits, zeros in front (`width` at most 10).
pub(crate) fn push_padded(text: &mut String, value: u32, width: usize) {
    let mut digits = [b'0'; 10];
    let start = fill_digits(&mut digits, value).min(digits.len().saturating_sub(width));
    text.push_str(std::str::from_utf8(&digits[start..]).unwrap_or(""));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_agree_with_the_standard_library() {
        let mut values = vec![0, 1, 9, 10, 99, 100, 101, 999, 1000, 65535, 1_000_000_000];
        values.extend([
            u64::from(u32::MAX),
            u64::from(u32::MAX) + 1,
            999_999_999_999,
        ]);
        values.extend([10_000_000_000_000_000_000, u64::MAX, u64::MAX - 1]);
        values.extend((0..64).map(|shift| 1u64 << shift));
        values.extend((0..64).map(|shift| (1u64 << shift) - 1));
        for value in values {
            assert_eq!(
                Decimal::new(value).to_string(),
                value.to_string(),
                "{value}"
            );
        }
    }

    #[test]
    fn padded_numbers_keep_at_least_their_width() {
        let mut text = String::new();
        for (value, width, expected) in [
            (0, 2, "00"),
            (7, 2, "07"),
            (12, 2, "12"),
            (123, 2, "123"),
            (5, 6, "000005"),
            (999_999, 6, "999999"),
            (1, 9, "000000001"),
            (2026, 4, "2026"),
            (u32::MAX, 10, "4294967295"),
        ] {
            text.clear();
            push_padded(&mut text, value, width);
            assert_eq!(text, expected, "{value} in {width}");
        }
    }

    #[test]
    fn ipv4_text_agrees_with_the_standard_library() {
        for address in [
            "0.0.0.0",
            "255.255.255.255",
            "192.0.2.10",
            "10.0.100.1",
            "1.22.133.4",
        ] {
            let address: Ipv4Addr = address.parse().unwrap();
            let mut text = String::new();
            push_ipv4(&mut text, address);
            assert_eq!(text, address.to_string());
        }
    }
}
