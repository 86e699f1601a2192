//! Reading an open capture: the [`Source`] yields one reused [`Frame`] at a time, copies each to
//! the savefile, notes records whose lengths contradict each other, turns libpcap's read failures
//! into [`CaptureError`]s, and reports the kernel's counters at the end.

use super::{
    CaptureError, CaptureStats, Frame, LengthAnomalies, LinkType, SaveFile, Timestamp, pcap_message,
};
use pcap::{Activated, Capture};
use std::path::PathBuf;

/// An open capture that yields frames one at a time (opened by [`Source::open`]).
pub struct Source {
    pub(super) capture: Capture<dyn Activated>,
    pub(super) link_type: LinkType,
    pub(super) live: bool,
    pub(super) description: String,
    pub(super) savefile: Option<SaveFile>,
    pub(super) frame: Frame,
    pub(super) length_anomalies: Option<LengthAnomalies>,
}

impl Source {
    /// The link type of every frame this source yields.
    pub fn link_type(&self) -> LinkType {
        self.link_type
    }

    /// True for a live interface, false for a file.
    pub fn is_live(&self) -> bool {
        self.live
    }

    /// The file path or interface name, for messages.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// Reads the next frame. `Ok(None)` is the clean end of a file. On a live capture this waits
    /// for traffic. The returned frame is reused by the next call.
    pub fn next_frame(&mut self) -> Result<Option<&Frame>, CaptureError> {
        loop {
            match self.capture.next_packet() {
                Ok(packet) => {
                    let header = packet.header;
                    let timestamp = Timestamp {
                        seconds: header.ts.tv_sec,
                        // Files and live captures are opened with nanosecond precision, so libpcap
                        // puts nanoseconds in the `tv_usec` field.
                        nanoseconds: u32::try_from(header.ts.tv_usec)
                            .unwrap_or(0)
                            .min(999_999_999),
                    };
                    if let Some(savefile) = self.savefile.as_mut() {
                        savefile.write(timestamp, header.len, packet.data)?;
                        if self.live {
                            // Packet-buffered, like `tcpdump -U`: what was shown is on disk even
                            // if the process is killed.
                            savefile.flush()?;
                        }
                    }
                    let frame = &mut self.frame;
                    frame.number += 1;
                    frame.timestamp = timestamp;
                    frame.link_type = self.link_type;
                    frame.captured_length = header.caplen;
                    frame.original_length = header.len;
                    frame.data.clear();
                    frame.data.extend_from_slice(packet.data);
                    if header.caplen > header.len {
                        let anomalies = self.length_anomalies.get_or_insert(LengthAnomalies {
                            records: 0,
                            first_frame: frame.number,
                            captured_length: header.caplen,
                            original_length: header.len,
                        });
                        anomalies.records += 1;
                    }
                    return Ok(Some(&self.frame));
                }
                Err(pcap::Error::TimeoutExpired) => {
                    // No traffic for a while: the moment to notice a request to stop.
                    if crate::stop::requested() {
                        return Ok(None);
                    }
                    continue;
                }
                Err(pcap::Error::NoMorePackets) => return Ok(None),
                Err(error) => return Err(self.read_error(&error)),
            }
        }
    }

    /// The error for a record libpcap could not read: the interface's failure on a live capture;
    /// in a file, a truncated or a damaged record after the frames read so far.
    fn read_error(&self, error: &pcap::Error) -> CaptureError {
        let message = pcap_message(error);
        let path = PathBuf::from(&self.description);
        let after_frame = self.frame.number;
        if self.live {
            CaptureError::Live {
                interface: self.description.clone(),
                message,
            }
        } else if message.contains("truncated") {
            CaptureError::Truncated {
                path,
                after_frame,
                message,
            }
        } else {
            // A record libpcap refuses: a length beyond any sane limit, a pcapng
            // block shorter than its own header, a packet on an undeclared interface.
            CaptureError::Damaged {
                path,
                after_frame,
                message,
            }
        }
    }

    /// Writes any buffered frames of the savefile to disk.
    pub fn flush(&mut self) -> Result<(), CaptureError> {
        match self.savefile.as_mut() {
            Some(savefile) => savefile.flush(),
            None => Ok(()),
        }
    }

    /// Records read so far whose captured length exceeds their original length.
    pub fn length_anomalies(&self) -> Option<LengthAnomalies> {
        self.length_anomalies
    }

    /// Kernel counters of a live capture; `None` for files.
    pub fn stats(&mut self) -> Option<CaptureStats> {
        if !self.live {
            return None;
        }
        self.capture.stats().ok().map(|stat| CaptureStats {
            received: stat.received,
            dropped_by_kernel: stat.dropped,
            dropped_by_interface: stat.if_dropped,
        })
    }
}
