//! The formatting layer: the writers of numbers, hex values, addresses and times that the views,
//! the labels and the capture's timestamps share, and the one-line view's in-place line buffer.
//! They write into either a `String` (the tree, labels) or a [`Line`], without the `core::fmt`
//! machinery, because views write several for every packet (docs/performance.md says why).
//!
//! Both kinds of text are a [`Sink`], whose methods read like the words they write and chain:
//! `out.text("seq ").number(sequence).text(", id 0x").hex(identification, 4)`. The labels of
//! `i18n::labels` are written that way, so a translator reads plain words and values.
//!
//! This module depends on nothing else in portlens: decode (MAC addresses), capture (timestamps),
//! i18n and render all use it.

mod addresses;
mod line;
mod numbers;
mod time;

pub(crate) use addresses::mac_text;
pub use line::Line;
pub use numbers::Unsigned;
pub use time::{DateCache, rfc3339};

use std::fmt;
use std::net::{IpAddr, Ipv4Addr};

/// Text that the formatting layer writes into: a `String` or a [`Line`].
pub trait Sink: fmt::Write {
    /// Appends bytes already known to be ASCII (digits, hex, dots, colons).
    fn push_ascii(&mut self, ascii: &[u8]);

    /// Appends `count` ASCII bytes (at most 40) that `fill` writes into the slice it is given:
    /// a [`Line`] hands over its own memory, a `String` a buffer on the stack.
    fn push_ascii_with(&mut self, count: usize, fill: impl FnOnce(&mut [u8]));

    /// Words, as they are.
    #[inline(always)]
    fn text(&mut self, text: &str) -> &mut Self {
        // Writing into memory cannot fail.
        let _ = self.write_str(text);
        self
    }

    /// An unsigned number in decimal.
    #[inline(always)]
    fn number(&mut self, value: impl Unsigned) -> &mut Self {
        numbers::push_decimal(self, value.widen());
        self
    }

    /// A number in at least `width` decimal digits (at most 10), zeros in front.
    #[inline(always)]
    fn padded(&mut self, value: u32, width: usize) -> &mut Self {
        numbers::push_padded(self, value, width);
        self
    }

    /// A number in lowercase hexadecimal, in at least `width` digits (at most 8); `0x` is the
    /// caller's to write.
    #[inline(always)]
    fn hex(&mut self, value: u32, width: usize) -> &mut Self {
        numbers::push_hex(self, value, width);
        self
    }

    /// An IPv4 address in dotted decimal.
    #[inline(always)]
    fn ipv4(&mut self, address: Ipv4Addr) -> &mut Self {
        self.push_ascii(addresses::Ipv4Text::new(address).as_bytes());
        self
    }

    /// An IPv4 or IPv6 address (IPv6 in the standard library's RFC 5952 text).
    #[inline(always)]
    fn ip(&mut self, address: IpAddr) -> &mut Self {
        match address {
            IpAddr::V4(v4) => self.ipv4(v4),
            IpAddr::V6(v6) => self.display(v6),
        }
    }

    /// A MAC address as lowercase colon-separated hex (`02:00:00:00:00:01`).
    #[inline(always)]
    fn mac(&mut self, octets: impl Into<[u8; 6]>) -> &mut Self {
        self.push_ascii(&mac_text(octets.into()));
        self
    }

    /// The time of day in UTC as tcpdump prints it, `HH:MM:SS.ffffff` (nine fraction digits
    /// when the nanoseconds are not whole microseconds).
    #[inline(always)]
    fn time_of_day(&mut self, seconds: i64, nanoseconds: u32) -> &mut Self {
        time::push_time_of_day(self, seconds, nanoseconds);
        self
    }

    /// The instant as RFC 3339 text in UTC (see [`rfc3339`]); the date and time of day come from
    /// `cache` when the second is the one it last wrote.
    #[inline(always)]
    fn rfc3339(&mut self, seconds: i64, nanoseconds: u32, cache: &mut DateCache) -> &mut Self {
        time::push_rfc3339(self, seconds, nanoseconds, cache);
        self
    }

    /// Anything else with a `Display`, through the formatting machinery (rare values only).
    #[inline(always)]
    fn display(&mut self, value: impl fmt::Display) -> &mut Self {
        let _ = write!(self, "{value}");
        self
    }
}

impl Sink for String {
    #[inline(always)]
    fn push_ascii(&mut self, ascii: &[u8]) {
        // ASCII only, so the check always passes.
        self.push_str(std::str::from_utf8(ascii).unwrap_or(""));
    }

    #[inline(always)]
    fn push_ascii_with(&mut self, count: usize, fill: impl FnOnce(&mut [u8])) {
        let mut buffer = [0u8; 40];
        let ascii = &mut buffer[..count];
        fill(ascii);
        self.push_ascii(ascii);
    }
}
