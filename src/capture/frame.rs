//! The frame a capture yields: its bytes, lengths and link type, and its [`Timestamp`] (written as
//! RFC 3339 text by the formatting layer, `crate::format`).

use super::LinkType;
use serde::Serialize;

/// A capture time: seconds and nanoseconds since the Unix epoch, in UTC. Serialized as its
/// RFC 3339 text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp {
    pub seconds: i64,
    pub nanoseconds: u32,
}

impl Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.rfc3339())
    }
}

impl Timestamp {
    /// Seconds from `earlier` to this time (never negative).
    pub fn seconds_since(&self, earlier: Timestamp) -> f64 {
        let nanos = (i128::from(self.seconds) - i128::from(earlier.seconds)) * 1_000_000_000
            + i128::from(self.nanoseconds)
            - i128::from(earlier.nanoseconds);
        nanos.max(0) as f64 / 1e9
    }

    /// The timestamp as RFC 3339 text in UTC: microseconds when the nanoseconds are a whole number
    /// of microseconds (what most captures hold), nanoseconds otherwise.
    pub fn rfc3339(&self) -> String {
        crate::format::rfc3339(self.seconds, self.nanoseconds)
    }
}

/// One captured frame, exactly as libpcap handed it over.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frame {
    /// 1-based position of the frame in this run (after filtering), like tshark's frame number.
    pub number: u64,
    pub timestamp: Timestamp,
    pub link_type: LinkType,
    /// Bytes present in `data` (may be less than `original_length` when the snapshot length cut it).
    pub captured_length: u32,
    /// Length of the frame on the wire.
    pub original_length: u32,
    pub data: Vec<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_of_known_instants() {
        let epoch = Timestamp {
            seconds: 0,
            nanoseconds: 0,
        };
        assert_eq!(epoch.rfc3339(), "1970-01-01T00:00:00.000000Z");
        // 2009-02-24T14:05:12.675612Z (the date of tcpdump's print-flags sample era)
        let t = Timestamp {
            seconds: 1_235_484_312,
            nanoseconds: 675_612_000,
        };
        assert_eq!(t.rfc3339(), "2009-02-24T14:05:12.675612Z");
        let leap = Timestamp {
            seconds: 951_782_400,
            nanoseconds: 1,
        };
        assert_eq!(leap.rfc3339(), "2000-02-29T00:00:00.000000001Z");
        let before = Timestamp {
            seconds: -1,
            nanoseconds: 0,
        };
        assert_eq!(before.rfc3339(), "1969-12-31T23:59:59.000000Z");
        let padded = Timestamp {
            seconds: 1_704_070_861,
            nanoseconds: 10_000,
        };
        assert_eq!(padded.rfc3339(), "2024-01-01T01:01:01.000010Z");
        let far = Timestamp {
            seconds: 253_402_300_800,
            nanoseconds: 0,
        };
        assert_eq!(far.rfc3339(), "10000-01-01T00:00:00.000000Z");
        let ancient = Timestamp {
            seconds: -62_135_596_800,
            nanoseconds: 999_999_999,
        };
        assert_eq!(ancient.rfc3339(), "0001-01-01T00:00:00.999999999Z");
    }
}
