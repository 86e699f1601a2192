//! Numbers in decimal and hexadecimal, digit pairs from a table, four digits a step: the tree and
//! the one-line view write several for every packet of captures that hold millions.

use super::Sink;

/// "00" to "99", for writing two digits at a time.
const DIGIT_PAIRS: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// Lowercase hexadecimal digits.
pub(super) const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

/// The unsigned integers a [`Sink`] writes in decimal.
pub trait Unsigned: Copy {
    fn widen(self) -> u64;
}

macro_rules! unsigned {
    ($($integer:ty),+) => {$(
        impl Unsigned for $integer {
            #[inline]
            fn widen(self) -> u64 {
                self as u64
            }
        }
    )+};
}
unsigned!(u8, u16, u32, u64, usize);

/// Writes `value` right-aligned into `digits` (which holds at least its digits, and zeros to
/// the left of them); returns where its first digit is.
#[inline]
pub(super) fn fill_digits(digits: &mut [u8], mut value: u32) -> usize {
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

/// The last two decimal digits of `value`.
#[inline]
pub(super) fn two_digits(value: u32) -> [u8; 2] {
    let pair = (value % 100) as usize * 2;
    [DIGIT_PAIRS[pair], DIGIT_PAIRS[pair + 1]]
}

/// How many decimal digits `value` has.
#[inline]
fn decimal_width(value: u32) -> usize {
    match value {
        0..=9 => 1,
        10..=99 => 2,
        100..=999 => 3,
        1_000..=9_999 => 4,
        10_000..=99_999 => 5,
        100_000..=999_999 => 6,
        1_000_000..=9_999_999 => 7,
        10_000_000..=99_999_999 => 8,
        100_000_000..=999_999_999 => 9,
        _ => 10,
    }
}

/// Appends `value` in decimal, its digits written in place.
#[inline]
pub(super) fn push_decimal<S: Sink + ?Sized>(out: &mut S, value: u64) {
    match u32::try_from(value) {
        Ok(small) => out.push_ascii_with(decimal_width(small), |digits| {
            fill_digits(digits, small);
        }),
        Err(_) => {
            // Split off the low nine digits so that the rest is u32 arithmetic.
            push_decimal(out, value / 1_000_000_000);
            push_padded(out, (value % 1_000_000_000) as u32, 9);
        }
    }
}

/// Appends `value` in at least `width` digits (at most 10), zeros in front.
#[inline]
pub(super) fn push_padded<S: Sink + ?Sized>(out: &mut S, value: u32, width: usize) {
    out.push_ascii_with(decimal_width(value).max(width.min(10)), |digits| {
        digits.fill(b'0');
        fill_digits(digits, value);
    });
}

/// Appends `value` in lowercase hexadecimal, in at least `width` digits (at most 8).
#[inline]
pub(super) fn push_hex<S: Sink + ?Sized>(out: &mut S, value: u32, width: usize) {
    let significant = 8 - value.leading_zeros() as usize / 4;
    let count = significant.max(width).clamp(1, 8);
    out.push_ascii_with(count, |digits| {
        for (index, digit) in digits.iter_mut().enumerate() {
            let shift = (count - 1 - index) * 4;
            *digit = HEX_DIGITS[(value >> shift) as usize & 0xf];
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::Line;
    use super::*;

    fn values() -> Vec<u64> {
        let mut values = vec![
            0,
            1,
            7,
            9,
            10,
            99,
            100,
            101,
            999,
            1000,
            65535,
            1_000_000_000,
        ];
        values.extend([1_000_000_007, u64::from(u32::MAX), u64::from(u32::MAX) + 1]);
        values.extend([999_999_999_999, 10_000_000_000_000_000_000, u64::MAX - 1]);
        values.push(u64::MAX);
        values.extend((0..64).map(|shift| 1u64 << shift));
        values.extend((0..64).map(|shift| (1u64 << shift) - 1));
        values
    }

    #[test]
    fn decimals_agree_with_the_standard_library_in_both_sinks() {
        let mut line = Line::new();
        for value in values() {
            let mut text = String::new();
            text.number(value);
            assert_eq!(text, value.to_string(), "{value}");
            line.clear();
            line.number(value);
            assert_eq!(line.as_bytes(), value.to_string().as_bytes(), "{value}");
        }
        let mut text = String::new();
        text.number(255u8)
            .text(" ")
            .number(65_535u16)
            .text(" ")
            .number(12usize);
        assert_eq!(text, "255 65535 12");
    }

    #[test]
    fn padded_numbers_keep_at_least_their_width() {
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
            (42, 0, "42"),
        ] {
            let mut text = String::new();
            text.padded(value, width);
            assert_eq!(text, expected, "{value} in {width}");
            let mut line = Line::new();
            line.padded(value, width);
            assert_eq!(line.as_bytes(), expected.as_bytes(), "{value} in {width}");
        }
    }

    #[test]
    fn hex_agrees_with_the_formatting_machinery() {
        for value in [
            0u32,
            1,
            0xf,
            0x10,
            0x35d3,
            0xffff,
            0x1_0000,
            0x12345,
            u32::MAX,
        ] {
            for width in [0, 1, 2, 4, 5, 8] {
                let mut text = String::new();
                text.hex(value, width);
                assert_eq!(text, format!("{value:0width$x}"), "{value:x} in {width}");
            }
        }
    }
}
