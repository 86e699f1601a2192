//! What a capture counts besides its frames: the kernel's counters of a live capture
//! ([`CaptureStats`]) and the records of a file whose lengths contradict each other
//! ([`LengthAnomalies`]).

use serde::Serialize;

/// Counts reported at the end of a live capture, as tcpdump prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CaptureStats {
    pub received: u32,
    pub dropped_by_kernel: u32,
    pub dropped_by_interface: u32,
}

/// Records of a file whose header says more bytes were captured than the packet had on the wire
/// (captured length > original length): impossible for a real capture, so the file was damaged
/// or forged. libpcap hands them over as they are; tcpdump prints `[Invalid header]` for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LengthAnomalies {
    /// How many records say so.
    pub records: u64,
    /// The first of them: its number, captured length and original length.
    pub first_frame: u64,
    pub captured_length: u32,
    pub original_length: u32,
}

impl std::fmt::Display for LengthAnomalies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "packet {} says {} bytes were captured of a packet {} bytes long on the wire. A record \
             cannot hold more than the packet had, so this record header is wrong (tcpdump prints \
             `[Invalid header]` for it); portlens decoded the bytes the record holds.",
            self.first_frame, self.captured_length, self.original_length
        )?;
        if self.records > 1 {
            write!(f, " {} records of this file are like it.", self.records)?;
        }
        Ok(())
    }
}
