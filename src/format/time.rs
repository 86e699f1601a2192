//! Times as text: tcpdump's time of day (`14:05:12.675612`) and RFC 3339 in UTC
//! (`2009-02-24T14:05:12.675612Z`), microseconds when the nanoseconds are whole microseconds
//! (what most captures hold), nanoseconds otherwise. The calendar is computed, so no time-zone
//! database is needed.

use super::Sink;
use super::numbers::two_digits;

/// The date and time of day of the last second written with it: consecutive frames mostly share
/// their second, and the tree writes a timestamp for every packet.
#[derive(Debug, Clone, Default)]
pub struct DateCache {
    seconds: Option<i64>,
    prefix: String,
}

/// The instant `seconds` and `nanoseconds` after 1970-01-01T00:00:00Z as RFC 3339 text in UTC.
pub fn rfc3339(seconds: i64, nanoseconds: u32) -> String {
    let mut text = String::with_capacity(32);
    push_date_and_time(&mut text, seconds);
    text.push('.');
    push_fraction(&mut text, nanoseconds);
    text.push('Z');
    text
}

/// `HH:MM:SS.` and the fraction, as tcpdump prints the time.
#[inline]
pub(super) fn push_time_of_day<S: Sink + ?Sized>(out: &mut S, seconds: i64, nanoseconds: u32) {
    let in_day = seconds.rem_euclid(86_400) as u32;
    out.push_ascii_with(9, |text| {
        for (at, value) in [
            (0, in_day / 3600),
            (3, in_day % 3600 / 60),
            (6, in_day % 60),
        ] {
            text[at..at + 2].copy_from_slice(&two_digits(value));
        }
        text[2] = b':';
        text[5] = b':';
        text[8] = b'.';
    });
    push_fraction(out, nanoseconds);
}

/// Microseconds in six digits when the nanoseconds are a whole number of them, else nine digits.
#[inline]
fn push_fraction<S: Sink + ?Sized>(out: &mut S, nanoseconds: u32) {
    if nanoseconds % 1000 == 0 {
        out.padded(nanoseconds / 1000, 6);
    } else {
        out.padded(nanoseconds, 9);
    }
}

/// The RFC 3339 text, the date and time of day from `cache` when the second is the same.
pub(super) fn push_rfc3339<S: Sink + ?Sized>(
    out: &mut S,
    seconds: i64,
    nanoseconds: u32,
    cache: &mut DateCache,
) {
    if cache.seconds != Some(seconds) {
        cache.prefix.clear();
        push_date_and_time(&mut cache.prefix, seconds);
        cache.seconds = Some(seconds);
    }
    out.text(&cache.prefix).text(".");
    push_fraction(out, nanoseconds);
    out.text("Z");
}

/// `YYYY-MM-DDTHH:MM:SS`, in one piece for the years of four digits.
fn push_date_and_time<S: Sink + ?Sized>(out: &mut S, seconds: i64) {
    let (year, month, day, hour, minute, second) = civil_time(seconds);
    let rest = [
        ('-', month),
        ('-', day),
        ('T', hour),
        (':', minute),
        (':', second),
    ];
    match u32::try_from(year) {
        Ok(year) if year <= 9999 => out.push_ascii_with(19, |text| {
            text[..2].copy_from_slice(&two_digits(year / 100));
            text[2..4].copy_from_slice(&two_digits(year));
            for (index, (separator, value)) in rest.into_iter().enumerate() {
                let at = 4 + index * 3;
                text[at] = separator as u8;
                text[at + 1..at + 3].copy_from_slice(&two_digits(value));
            }
        }),
        _ => {
            let _ = write!(out, "{year:04}");
            for (separator, value) in rest {
                let _ = out.write_char(separator);
                out.padded(value, 2);
            }
        }
    }
}

/// Splits seconds since 1970-01-01T00:00:00Z into the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`).
fn civil_time(seconds: i64) -> (i64, u32, u32, u32, u32, u32) {
    let days = seconds.div_euclid(86_400);
    let in_day = seconds.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (
        year,
        month,
        day,
        (in_day / 3600) as u32,
        (in_day % 3600 / 60) as u32,
        (in_day % 60) as u32,
    )
}

#[cfg(test)]
mod tests {
    use super::super::Line;
    use super::*;

    #[test]
    fn rfc3339_of_known_instants() {
        for (seconds, nanoseconds, expected) in [
            (0, 0, "1970-01-01T00:00:00.000000Z"),
            // The date of tcpdump's print-flags sample.
            (1_235_484_312, 675_612_000, "2009-02-24T14:05:12.675612Z"),
            (951_782_400, 1, "2000-02-29T00:00:00.000000001Z"),
            (-1, 0, "1969-12-31T23:59:59.000000Z"),
            (1_704_070_861, 10_000, "2024-01-01T01:01:01.000010Z"),
            (253_402_300_800, 0, "10000-01-01T00:00:00.000000Z"),
            (
                -62_135_596_800,
                999_999_999,
                "0001-01-01T00:00:00.999999999Z",
            ),
        ] {
            assert_eq!(rfc3339(seconds, nanoseconds), expected);
        }
    }

    #[test]
    fn the_cached_date_is_written_again_only_for_a_new_second() {
        let mut cache = DateCache::default();
        let mut text = String::new();
        text.rfc3339(10, 5_000, &mut cache)
            .text(" ")
            .rfc3339(10, 7, &mut cache)
            .text(" ")
            .rfc3339(86_400, 0, &mut cache);
        assert_eq!(
            text,
            "1970-01-01T00:00:10.000005Z 1970-01-01T00:00:10.000000007Z \
             1970-01-02T00:00:00.000000Z"
        );
    }

    #[test]
    fn times_of_day_are_written_exactly() {
        let mut line = Line::new();
        for (seconds, nanoseconds, expected) in [
            (-1, 1, "23:59:59.000000001"),
            (86_399 + 86_400 * 5, 999_999_000, "23:59:59.999999"),
            (3_600 * 7 + 60 * 5 + 3, 0, "07:05:03.000000"),
            (1_235_484_312, 675_612_000, "14:05:12.675612"),
        ] {
            line.clear();
            line.time_of_day(seconds, nanoseconds);
            assert_eq!(String::from_utf8_lossy(line.as_bytes()), expected);
            let mut text = String::new();
            text.time_of_day(seconds, nanoseconds);
            assert_eq!(text, expected);
        }
    }
}
